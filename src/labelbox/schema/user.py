"""User: a registered Labelbox user."""

from __future__ import annotations

from labelbox._generated.entities import UserBase


class User(UserBase):
    """A User is a registered Labelbox user (for example you) associated with data they
    create or import and an Organization they belong to.

    Fields and relationships (``organization``, ``created_tasks``, ``projects``,
    ``org_role``) are generated from the schema in
    :class:`labelbox._generated.entities.UserBase`; ``is_external_viewer`` is the
    documented name of ``is_external_user``.
    """
