"""Role: an organization or project role, and the roles of the API (labelbox 2.6.0)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from labelbox._async._generated.entities import AsyncRoleBase

if TYPE_CHECKING:
    from labelbox._async.client import AsyncClient
    from labelbox._async.schema.project import AsyncProject


class AsyncRole(AsyncRoleBase):
    """An organization or project role (NONE, LABELER, REVIEWER, TEAM_MANAGER, ADMIN).

    Get them with :meth:`labelbox.client.Client.get_roles`, keyed by their name.
    """


class AsyncOrgRole(AsyncRole):
    """A user's role in their organization (``user.org_role()``), as in labelbox 2.6.0."""


class AsyncUserRole(AsyncRole):
    """A role of a user, as in labelbox 2.6.0."""


@dataclass
class AsyncProjectRole:
    """A role in one project: what an invite with the ``NONE`` organization role grants.

    Attributes:
        project: the project.
        role: the role in that project (e.g. ``client.get_roles()["LABELER"]``).
    """

    project: AsyncProject
    role: AsyncRole


def format_role(name: str) -> str:
    """A role's key in :func:`get_roles`: upper case, spaces as underscores
    (``"Team Manager"`` → ``"TEAM_MANAGER"``)."""
    return name.upper().replace(" ", "_")


async def get_roles(client: AsyncClient) -> dict[str, AsyncRole]:
    """Every role the API offers, keyed by :func:`format_role` of its name (fetched
    once per client).

    Args:
        client: the client to ask.

    Returns:
        ``{"NONE": AsyncRole, "LABELER": AsyncRole, ...}``; each AsyncRole's ``name`` is its key.
    """
    cached = _ROLES.get(client)
    if cached is None:
        cached = {}
        for model in await client._gen.get_roles():
            name = format_role(model.name)
            cached[name] = AsyncRole._wrap(client, model.model_copy(update={"name": name}))
        _ROLES[client] = cached
    return dict(cached)


#: The roles of each client (labelbox 2.6.0 kept one table for the whole process; a
#: table per client keeps clients of different endpoints apart).
_ROLES: weakref.WeakKeyDictionary[AsyncClient, dict[str, AsyncRole]] = weakref.WeakKeyDictionary()
