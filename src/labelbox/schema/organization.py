"""Organization: a group of Users."""

from __future__ import annotations

from labelbox._generated.entities import OrganizationBase


class Organization(OrganizationBase):
    """An Organization is a group of Users.

    It is associated with data created by Users within that Organization. Typically all
    Users within an Organization have access to data created by any User in the same
    Organization. Fields and relationships (``users``, ``projects``, ``webhooks``) are
    generated from the schema in :class:`labelbox._generated.entities.OrganizationBase`.
    """
