"""Users, organizations, roles, invites and the members of a project.

Rules (evidence in IMPLEMENTATION_COVERAGE.md): every lookup is scoped to the caller's
organization, so an organization's admin neither sees nor changes another's users or
invites. A user whose organization role is NONE is project-based: a member only of the
projects a membership (``setProjectMembership``) gives them, with that role; every other
user is a member of every project with their organization role. Memberships outlive
changes of the organization role (labelbox 2.6.0, ``User.update_org_role``). An
organization may have at most ``invite_limit`` members and pending invites together
(``InviteLimit.used``); refused invites answer INTERNAL_SERVER_ERROR "Invite(s) cannot
be sent ..." (the message labelbox 2.6.0 maps to InvalidQueryError).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..errors import ApiError, AuthorizationError, BadUserInputError
from ..store import Row, new_id, queries, utc_now
from .context import Ctx
from .records import find, list_rows, require

#: Members plus pending invites an organization may have unless its row says otherwise
#: (the hidden ``inviteLimit`` column); the real limit depends on the plan.
DEFAULT_INVITE_LIMIT = 100
#: The organization role of a project-based user.
NONE = "NONE"

Args = Mapping[str, Any]


def user(ctx: Ctx, user_id: object = None) -> Row | None:
    """The caller's user, or a user of the caller's organization by id."""
    return find(ctx, "User", str(user_id or ctx.user_id))


def organization(ctx: Ctx, org_id: object = None) -> Row | None:
    """The caller's organization (an id of another organization gives None)."""
    return find(ctx, "Organization", str(org_id or ctx.org_id))


def roles(ctx: Ctx, skip: int | None = None, first: int | None = None) -> list[Row]:
    """The roles (a page of them with skip/first)."""
    return list_rows(ctx, "Role", None, None, skip, first)


def _refused(reason: str) -> ApiError:
    return ApiError(f"Invite(s) cannot be sent: {reason}")


def _role_name(ctx: Ctx, role_id: object) -> str | None:
    row = find(ctx, "Role", str(role_id)) if role_id else None
    return None if row is None else str(row["name"])


def _live_users(ctx: Ctx) -> list[Row]:
    return list_rows(ctx, "User", {"deleted": False})


def _membership(ctx: Ctx, project_id: str, user_id: str) -> Row | None:
    return queries.first_where(
        ctx.state.store, "ProjectMember", {"project_id": project_id, "user_id": user_id}
    )


# ------------------------------------------------------------- project members
def project_members(
    ctx: Ctx, project: Row, skip: int | None = None, first: int | None = None
) -> list[dict[str, Any]]:
    """The project's members: every user with an organization role other than NONE
    (with that role), and the project-based users given a role in this project."""
    none_id = ctx.state.role_ids.get(NONE)
    out: list[dict[str, Any]] = []
    for u in _live_users(ctx):
        role_id = u.get("orgRole_id")
        member_id = f"{project['id']}:{u['id']}"
        if role_id == none_id:
            membership = _membership(ctx, str(project["id"]), str(u["id"]))
            if membership is None:
                continue
            role_id, member_id = membership["role_id"], membership["id"]
        out.append(
            {"id": member_id, "user_id": u["id"], "role_id": role_id, "project_id": project["id"]}
        )
    start = skip or 0
    return out[start : None if first is None else start + first]


def set_project_membership(ctx: Ctx, user_id: str, role_id: str, project_id: str) -> Row:
    """Give a project-based user a role in a project (the role NONE removes them)."""
    store = ctx.state.store
    with ctx.state.org_lock(ctx.org_id), store.transaction():
        member = require(ctx, "User", user_id)
        project = require(ctx, "Project", project_id)
        role = require(ctx, "Role", role_id)
        if _role_name(ctx, member.get("orgRole_id")) != NONE:
            raise BadUserInputError(
                f"User {user_id!r} has an organization role and access to every project; "
                "project roles are only for users with the NONE organization role."
            )
        existing = _membership(ctx, str(project["id"]), str(member["id"]))
        if role["name"] == NONE:
            if existing is not None:
                store.delete("ProjectMember", str(existing["id"]))
            return {
                "id": existing["id"] if existing else new_id(),
                "user_id": member["id"],
                "role_id": role["id"],
                "project_id": project["id"],
            }
        if existing is not None:
            store.update("ProjectMember", str(existing["id"]), {"role_id": role["id"]})
            return store.get("ProjectMember", str(existing["id"])) or existing
        return store.insert(
            "ProjectMember",
            {
                "id": new_id(),
                "org_id": ctx.org_id,
                "user_id": member["id"],
                "role_id": role["id"],
                "project_id": project["id"],
            },
        )


def add_user_to_project(ctx: Ctx, email: str, project_id: str, role_id: str) -> Row:
    """:func:`set_project_membership` of the organization's user with ``email``."""
    found = [u for u in _live_users(ctx) if str(u["email"]).lower() == email.lower()]
    if not found:
        raise BadUserInputError(f"No member of the organization has the email {email!r}.")
    return set_project_membership(ctx, str(found[0]["id"]), role_id, project_id)


# ------------------------------------------------------------ organization roles
def set_organization_role(ctx: Ctx, user_id: str, role_id: str) -> Row:
    """Set a member's organization role (their project memberships are kept)."""
    with ctx.state.org_lock(ctx.org_id):
        member = require(ctx, "User", user_id)
        role = require(ctx, "Role", role_id)
        ctx.state.store.update(
            "User", str(member["id"]), {"orgRole_id": role["id"], "updatedAt": utc_now()}
        )
        return require(ctx, "User", user_id)


def remove_user(ctx: Ctx, user_id: str, data: Args) -> Row:
    """``updateUser(data: {deleted: true})``: remove a member from the organization."""
    with ctx.state.org_lock(ctx.org_id):
        member = require(ctx, "User", user_id)
        if not data.get("deleted"):
            return member
        if member["id"] == ctx.user_id:
            raise AuthorizationError("You cannot remove yourself from the organization.")
        ctx.state.store.update("User", str(member["id"]), {"deleted": True, "updatedAt": utc_now()})
        row = ctx.state.store.get("User", str(member["id"]))
        assert row is not None
        return row


# ----------------------------------------------------------------------- invites
def invite_limit(ctx: Ctx, org_id: str) -> dict[str, int] | None:
    """``used`` (members and pending invites), ``limit`` and ``remaining`` of the
    caller's organization (None for another organization)."""
    org = organization(ctx, org_id)
    if org is None or org["id"] != ctx.org_id:
        return None
    limit = org.get("inviteLimit")
    limit = DEFAULT_INVITE_LIMIT if limit is None else int(limit)
    used = len(_live_users(ctx)) + len(_pending_invites(ctx))
    return {"used": used, "limit": limit, "remaining": max(limit - used, 0)}


def _pending_invites(ctx: Ctx) -> list[Row]:
    return queries.rows_where(ctx.state.store, "Invite", {"org_id": ctx.org_id}, live=True)


def _checked_invite(ctx: Ctx, item: Args, members: set[str]) -> dict[str, object]:
    """The columns of one invite of ``createInvites``, or the reason it is refused."""
    if str(item["organizationId"]) != ctx.org_id:
        raise AuthorizationError("Invites can only be sent to your own organization.")
    if find(ctx, "User", str(item["inviterId"])) is None:
        raise AuthorizationError("The inviter must be a member of the organization.")
    email = str(item["inviteeEmail"]).strip()
    if "@" not in email:
        raise _refused(f"{email!r} is not an email address.")
    if email.lower() in members:
        raise _refused(f"{email} is already a member of the organization.")
    role = _role_name(ctx, item["organizationRoleId"])
    if role is None:
        raise _refused(f"invalid foreign key: no role {item['organizationRoleId']!r}.")
    projects = []
    for p in item.get("projects") or []:
        project_role = _role_name(ctx, p["projectRoleId"])
        if find(ctx, "Project", str(p["projectId"])) is None or project_role is None:
            raise _refused(f"invalid foreign key: project role {dict(p)!r}.")
        projects.append({"projectId": str(p["projectId"]), "projectRoleName": project_role})
    if projects and role != NONE:
        raise _refused(f"project roles need the {NONE} organization role, not {role}.")
    return {
        "id": new_id(),
        "org_id": ctx.org_id,
        "createdAt": utc_now(),
        "organizationRoleName": role,
        "inviteeEmail": email,
        "inviter_id": str(item["inviterId"]),
        "projectRoles": json.dumps(projects),
    }


def create_invites(ctx: Ctx, items: list[Args]) -> list[dict[str, Row]]:
    """Send invites (all or none): each to a person not yet a member, within the
    organization's invite limit."""
    store = ctx.state.store
    with ctx.state.org_lock(ctx.org_id), store.transaction():
        members = {str(u["email"]).lower() for u in _live_users(ctx)}
        rows = [_checked_invite(ctx, item, members) for item in items]
        limit = invite_limit(ctx, ctx.org_id)
        assert limit is not None
        if len(rows) > limit["remaining"]:
            raise _refused(
                f"the organization's invite limit ({limit['limit']}) would be exceeded "
                f"({limit['used']} members and pending invites)."
            )
        return [{"invite": store.insert("Invite", row)} for row in rows]


def cancel_invite(ctx: Ctx, invite_id: str) -> Row:
    """Withdraw a pending invite of the caller's organization."""
    with ctx.state.org_lock(ctx.org_id):
        row = require(ctx, "Invite", invite_id)
        ctx.state.store.update("Invite", str(row["id"]), {"deleted": True})
        return row


def project_invites(invite: Row) -> list[dict[str, str]]:
    """The project roles an invite grants."""
    return list(json.loads(str(invite.get("projectRoles") or "[]")))


def invites_page(
    ctx: Ctx, cursor: str | None, first: int | None, project_id: str | None = None
) -> dict[str, Any]:
    """A page of the organization's pending invites (those granting a role in
    ``project_id`` if given) after ``cursor``, and the next page's cursor."""
    rows = _pending_invites(ctx)
    if project_id is not None:
        rows = [r for r in rows if any(p["projectId"] == project_id for p in project_invites(r))]
    try:
        start = int(cursor or 0)
    except ValueError as exc:
        raise BadUserInputError(f"Invalid cursor {cursor!r}.") from exc
    end = len(rows) if first is None else start + first
    return {"nodes": rows[start:end], "nextCursor": str(end) if end < len(rows) else None}


def add_members(
    ctx: Ctx, emails: list[str], role_id: str, project_roles: list[Args]
) -> list[dict[str, object]]:
    """Add people to the organization at once (no invite to accept): one new user per
    email not yet a member (``newUserId`` null for the others)."""
    store = ctx.state.store
    with ctx.state.org_lock(ctx.org_id), store.transaction():
        role = require(ctx, "Role", role_id)
        members = {str(u["email"]).lower() for u in _live_users(ctx)}
        limit = invite_limit(ctx, ctx.org_id)
        assert limit is not None
        new = [e for e in dict.fromkeys(emails) if e.lower() not in members]
        if len(new) > limit["remaining"]:
            raise _refused(f"the organization's invite limit ({limit['limit']}) would be exceeded.")
        out: list[dict[str, object]] = []
        for email in emails:
            if email not in new:
                out.append({"newUserId": None})
                continue
            new.remove(email)
            user_id = _new_user(ctx, email, str(role["id"]))
            for p in project_roles:
                set_project_membership(ctx, user_id, str(p["roleId"]), str(p["projectId"]))
            out.append({"newUserId": user_id})
        return out


def _new_user(ctx: Ctx, email: str, role_id: str) -> str:
    now, local = utc_now(), email.split("@")[0]
    row = ctx.state.store.insert(
        "User",
        {
            "id": new_id(),
            "org_id": ctx.org_id,
            "email": email,
            "name": local,
            "nickname": local,
            "isViewer": False,
            "isExternalUser": False,
            "createdAt": now,
            "updatedAt": now,
            "orgRole_id": role_id,
        },
    )
    return str(row["id"])
