"""The emulator's member and invite management (issue 16) over raw GraphQL: the
experimental endpoint, cursor pages of invites, the refusals and tenant isolation."""

from __future__ import annotations

from typing import Any

from .conftest import Api

ROLES = "{roles {id name}}"
INVITE = (
    "mutation I($d: [CreateInviteInput!]) {createInvites(data: $d) "
    "{invite {id inviteeEmail organizationRoleName inviter {id} projectInvites "
    "{projectId projectRoleName}}}}"
)


def _roles(api: Api) -> dict[str, str]:
    return {r["name"]: r["id"] for r in api(ROLES)["roles"]}


def _me(api: Api) -> dict[str, str]:
    data = api("{user {id} organization {id}}")
    return {"user": data["user"]["id"], "org": data["organization"]["id"]}


def _invite(api: Api, email: str, role: str, projects: list[dict[str, str]] | None = None) -> Any:
    me = _me(api)
    item = {"inviterId": me["user"], "inviteeEmail": email, "organizationId": me["org"],
            "organizationRoleId": role, "projects": projects or []}  # fmt: skip
    return api.body(INVITE, {"d": [item]})


def _error(body: dict[str, Any]) -> tuple[str, str]:
    err = body["errors"][0]
    return err["extensions"]["code"], err["message"]


def test_the_experimental_endpoint_serves_the_same_api(api: Api) -> None:
    url = api.emu.endpoint.replace("/graphql", "/_gql")
    response = api.http.post(
        url, json={"query": ROLES}, headers={"Authorization": f"Bearer {api.key}"}
    )
    assert response.status_code == 200
    assert {r["name"] for r in response.json()["data"]["roles"]} >= {"NONE", "ADMIN"}


def test_invites_are_paged_by_cursor_and_cancelled(api: Api) -> None:
    roles = _roles(api)
    project = api.project()
    grant = [{"projectId": project, "projectRoleId": roles["REVIEWER"]}]
    for i in range(3):
        assert "errors" not in _invite(api, f"p{i}@example.com", roles["NONE"], grant)
    page = "query P($f: ID) {organization {invites(from: $f, first: 2) {nodes {id} nextCursor}}}"
    first = api(page)["organization"]["invites"]
    second = api(page, {"f": first["nextCursor"]})["organization"]["invites"]
    assert (len(first["nodes"]), len(second["nodes"]), second["nextCursor"]) == (2, 1, None)
    proj = api(
        "query Q($p: ID!) {project(where: {id: $p}) {invites {nodes {id projectInvites "
        "{projectId projectRoleName}}}}}",
        {"p": project},
    )["project"]["invites"]["nodes"]
    assert proj[0]["projectInvites"] == [{"projectId": project, "projectRoleName": "REVIEWER"}]
    invite_id = first["nodes"][0]["id"]
    api("mutation C($i: ID!) {cancelInvite(where: {id: $i}) {id}}", {"i": invite_id})
    left = api("{organization {invites {nodes {id}}}}")["organization"]["invites"]["nodes"]
    assert invite_id not in {n["id"] for n in left} and len(left) == 2


def test_refused_invites(api: Api) -> None:
    roles = _roles(api)
    code, message = _error(_invite(api, "a@example.com", "no-such-role"))
    assert code == "INTERNAL_SERVER_ERROR" and message.startswith("Invite(s) cannot be sent")
    project = api.project()
    grant = [{"projectId": project, "projectRoleId": roles["LABELER"]}]
    code, message = _error(_invite(api, "a@example.com", roles["LABELER"], grant))
    assert message.startswith("Invite(s) cannot be sent") and "NONE" in message
    code, message = _error(_invite(api, "admin@example.com", roles["LABELER"]))
    assert "already a member" in message


def test_project_roles_are_for_project_based_users_only(api: Api) -> None:
    roles, me, project = _roles(api), _me(api), api.project()
    body = api.body(
        "mutation S($u: ID!, $r: ID!, $p: ID!) "
        "{setProjectMembership(data: {userId: $u, roleId: $r, projectId: $p}) {id}}",
        {"u": me["user"], "r": roles["LABELER"], "p": project},
    )
    assert _error(body)[0] == "BAD_USER_INPUT"


def test_an_admin_cannot_remove_themselves(api: Api) -> None:
    me = _me(api)
    body = api.body(
        "mutation D($u: ID!) {updateUser(where: {id: $u}, data: {deleted: true}) {id}}",
        {"u": me["user"]},
    )
    assert _error(body)[0] == "AUTHORIZATION_ERROR"


def test_organizations_are_isolated(api: Api, other: Api) -> None:
    roles = _roles(api)
    assert "errors" not in _invite(api, "mine@example.com", roles["LABELER"])
    mine, theirs = _me(api), _me(other)
    # another organization's invites, limit and users are out of reach
    assert other("{organization {invites {nodes {id}}}}")["organization"]["invites"]["nodes"] == []
    limit = "query L($o: ID!) {invitesLimit(where: {id: $o}) {used}}"
    assert other(limit, {"o": mine["org"]})["invitesLimit"] is None
    item = {"inviterId": theirs["user"], "inviteeEmail": "x@example.com",
            "organizationId": mine["org"], "organizationRoleId": roles["ADMIN"]}  # fmt: skip
    assert _error(other.body(INVITE, {"d": [item]}))[0] == "AUTHORIZATION_ERROR"
    invite_id = api("{organization {invites {nodes {id}}}}")["organization"]["invites"]["nodes"]
    cancel = "mutation C($i: ID!) {cancelInvite(where: {id: $i}) {id}}"
    assert _error(other.body(cancel, {"i": invite_id[0]["id"]}))[0] == "RESOURCE_NOT_FOUND"
    role = "mutation R($u: ID!, $r: ID!) {setOrganizationRole(data: {userId: $u, roleId: $r}) {id}}"
    body = other.body(role, {"u": mine["user"], "r": roles["NONE"]})
    assert _error(body)[0] == "RESOURCE_NOT_FOUND"
    delete = "mutation D($u: ID!) {updateUser(where: {id: $u}, data: {deleted: true}) {id}}"
    assert _error(other.body(delete, {"u": mine["user"]}))[0] == "RESOURCE_NOT_FOUND"
