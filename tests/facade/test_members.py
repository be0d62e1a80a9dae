"""User management as in labelbox 2.6.0 (issue 16) through the facade, over the emulator:
roles, invites and their limit (sent to the experimental endpoint ``/_gql``, as 2.6
sends them), organization and project roles, removal, and the refusals."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from labelbox import Client, Invite, InviteLimit, ProjectMember, ProjectRole, Role, User
from labelbox.exceptions import InvalidQueryError, LabelboxError, ResourceNotFoundError
from labelbox_emulator import Emulator


@pytest.fixture
def recorded(emu: Emulator) -> Iterator[tuple[Client, list[httpx.Request]]]:
    """An experimental-enabled client recording its requests."""
    sent: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [sent.append]})
    with Client(emu.api_key, emu.endpoint, enable_experimental=True, http_client=http) as c:
        yield c, sent


def _member(client: Client, email: str, role: Role) -> User:
    data = client.execute(
        "mutation M($e: [String!]!, $r: ID!) "
        "{addMembersToOrganization(data: {emails: $e, orgRoleId: $r}) {newUserId}}",
        {"e": [email], "r": role.uid},
    )
    assert data is not None
    user_id = data["addMembersToOrganization"][0]["newUserId"]
    return next(u for u in client.get_organization().users() if u.uid == user_id)


def _paths(sent: list[httpx.Request]) -> dict[str, str]:
    import json

    return {json.loads(r.content)["operationName"]: r.url.path for r in sent}


def test_roles_by_name(client: Client) -> None:
    roles = client.get_roles()
    assert set(roles) == {"NONE", "LABELER", "REVIEWER", "TEAM_MANAGER", "ADMIN"}
    assert all(isinstance(r, Role) and r.name == n for n, r in roles.items())
    assert client.get_roles()["ADMIN"].uid == roles["ADMIN"].uid


def test_invites_go_to_the_experimental_endpoint(
    recorded: tuple[Client, list[httpx.Request]],
) -> None:
    client, sent = recorded
    org, roles = client.get_organization(), client.get_roles()
    before = org.invite_limit()
    assert isinstance(before, InviteLimit) and before.used == 1
    invite = org.invite_user("ann@example.com", roles["LABELER"])
    assert isinstance(invite, Invite)
    assert (invite.email, invite.organization_role_name) == ("ann@example.com", "LABELER")
    assert invite.project_roles == []
    after = org.invite_limit()
    assert (after.used, after.remaining) == (before.used + 1, before.remaining - 1)
    paths = _paths(sent)
    assert paths["CreateInvites"] == paths["InvitesLimit"] == "/_gql"
    assert paths["GetRoles"] == paths["GetCurrentOrganization"] == "/graphql"


def test_invite_with_project_roles(client: Client) -> None:
    client.enable_experimental = True
    org, roles = client.get_organization(), client.get_roles()
    project = client.create_project(name="p")
    grant = [ProjectRole(project=project, role=roles["REVIEWER"])]
    invite = org.invite_user("bob@example.com", roles["NONE"], project_roles=grant)
    assert invite.project_roles == grant
    with pytest.raises(ValueError, match="Project roles cannot be set"):
        org.invite_user("cy@example.com", roles["LABELER"], project_roles=grant)


def test_refused_invites(client: Client) -> None:
    org, roles = client.get_organization(), client.get_roles()
    with pytest.raises(LabelboxError, match="enable_experimental=True"):
        org.invite_user("ann@example.com", roles["LABELER"])
    client.enable_experimental = True
    with pytest.raises(InvalidQueryError, match="already a member"):
        org.invite_user(client.get_user().email, roles["LABELER"])
    with pytest.raises(TypeError):
        org.invite_user("ann@example.com", "LABELER")  # type: ignore[arg-type]


def test_invite_limit_is_enforced(emu: Emulator, client: Client) -> None:
    client.enable_experimental = True
    org, roles = client.get_organization(), client.get_roles()
    emu.state.store.update("Organization", org.uid, {"inviteLimit": 2})
    org.invite_user("ann@example.com", roles["LABELER"])
    assert org.invite_limit() == InviteLimit(remaining=0, used=2, limit=2)
    with pytest.raises(InvalidQueryError, match="invite limit"):
        org.invite_user("bob@example.com", roles["LABELER"])


def test_member_management(client: Client) -> None:
    roles, org = client.get_roles(), client.get_organization()
    project = client.create_project(name="p")
    user = _member(client, "pb@example.com", roles["NONE"])
    assert not any(m.user().uid == user.uid for m in project.members())
    user.upsert_project_role(project, roles["LABELER"])
    members = {m.user().uid: m for m in project.members()}
    assert all(isinstance(m, ProjectMember) for m in members.values())
    assert members[user.uid].role().name == "LABELER"
    assert members[client.get_user().uid].role().name == "ADMIN"
    user.remove_from_project(project)
    assert user.uid not in {m.user().uid for m in project.members()}
    user.update_org_role(roles["TEAM_MANAGER"])
    assert user.org_role().name == "TEAM_MANAGER"
    with pytest.raises(ValueError, match="not project based"):
        user.upsert_project_role(project, roles["REVIEWER"])
    user.update_org_role(roles["NONE"])
    org.remove_user(user)
    assert user.uid not in {u.uid for u in org.users()}


def test_project_roles_outlive_an_org_role_change(client: Client) -> None:
    roles = client.get_roles()
    project = client.create_project(name="p")
    user = _member(client, "pb@example.com", roles["NONE"])
    user.upsert_project_role(project, roles["REVIEWER"])
    user.update_org_role(roles["LABELER"])
    assert {m.user().uid: m.role().name for m in project.members()}[user.uid] == "LABELER"
    user.update_org_role(roles["NONE"])
    assert {m.user().uid: m.role().name for m in project.members()}[user.uid] == "REVIEWER"


def test_another_organizations_users_are_out_of_reach(emu: Emulator, client: Client) -> None:
    roles = client.get_roles()
    theirs = _member(client, "x@example.com", roles["NONE"])
    _, other_key = emu.extra_organizations[0]
    with Client(other_key, emu.endpoint, enable_experimental=True) as other:
        org = other.get_organization()
        assert theirs.uid not in {u.uid for u in org.users()}
        with pytest.raises(ResourceNotFoundError):
            org.remove_user(theirs)
        with pytest.raises(ResourceNotFoundError):
            theirs._wrap(other, theirs._model).update_org_role(roles["ADMIN"])
    assert theirs.uid in {u.uid for u in client.get_organization().users()}


def test_raw_execute_takes_the_classic_experimental_flag(
    recorded: tuple[Client, list[httpx.Request]],
) -> None:
    """``client.execute(query, params, timeout, experimental)`` as in 2.6."""
    client, sent = recorded
    query = "query InvitesLimitRaw($id: ID!) { invitesLimit(where: {id: $id}) { used limit } }"
    org_id = client.get_organization().uid
    result = client.execute(query, {"id": org_id}, 30.0, True)
    assert result is not None and result["invitesLimit"]["used"] >= 1
    assert client.execute(query, {"id": org_id}, experimental=False) is not None
    assert [r.url.path for r in sent[-2:]] == ["/_gql", "/graphql"]
