"""HTTP protocol, file serving and error shapes."""

from __future__ import annotations

import time

import httpx

from labelbox_emulator import Emulator

from .conftest import Api


def test_json_request_and_lowercase_auth_header(emu: Emulator) -> None:
    r = httpx.post(
        emu.endpoint,
        json={"query": "{user{email} organization{name}}"},
        headers={"authorization": f"bearer {emu.api_key}"},
    )
    assert r.status_code == 200
    data = r.json()["data"]
    assert data == {
        "user": {"email": "admin@example.com"},
        "organization": {"name": "Emulated Organization"},
    }


def test_multipart_upload_then_get_and_head_without_key(api: Api) -> None:
    url = api.upload(b'{"a": 1}', "x.json", "application/json")
    assert "/_emulator/files/" in url and "token=" in url and "expires=" in url
    r = httpx.get(url)
    assert r.status_code == 200 and r.content == b'{"a": 1}'
    assert r.headers["content-type"].startswith("application/json")
    assert "x.json" in r.headers["content-disposition"]
    h = httpx.head(url)
    assert h.status_code == 200 and h.headers["content-length"] == "8" and h.content == b""


def test_bad_token_403_unknown_404_expired_410(api: Api, emu: Emulator) -> None:
    url = api.upload(b"data")
    base, _, query = url.partition("?")
    params = dict(p.split("=", 1) for p in query.split("&"))
    assert httpx.get(f"{base}?token=nope&expires={params['expires']}").status_code == 403
    assert httpx.get(f"{base}?token={params['token']}&expires=1").status_code == 403
    files = emu.state.files
    file_id = base.rsplit("/", 1)[1]
    unknown = files.url(emu.base_url, "cdoesnotexist")
    assert httpx.get(unknown).status_code == 404
    old = files.expiry_seconds
    files.expiry_seconds = -5
    try:
        expired = files.url(emu.base_url, file_id)
    finally:
        files.expiry_seconds = old
    assert httpx.get(expired).status_code == 410


def test_parse_and_validation_errors(api: Api) -> None:
    r = api.raw("{ user { id ")
    assert r.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    r = api.raw("{ user { nope } }")
    body = r.json()
    assert set(body) == {"errors"}
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "nope" in body["errors"][0]["message"]


def test_authentication_errors(emu: Emulator) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}):
        r = httpx.post(emu.endpoint, json={"query": "{user{id}}"}, headers=headers)
        assert r.status_code == 401
        assert r.json()["errors"][0]["extensions"]["code"] == "AUTHENTICATION_ERROR"


def test_not_found_on_update_has_path(api: Api) -> None:
    body = api.body('mutation{updateProject(where:{id:"cnope"} data:{name:"x"}){id}}')
    err = body["errors"][0]
    assert err["extensions"]["code"] == "RESOURCE_NOT_FOUND"
    assert err["path"] == ["updateProject"]
    assert api('{project(where:{id:"cnope"}){id}}') == {"project": None}


def test_bad_user_input(api: Api) -> None:
    p = api.project()
    body = api.body(
        "mutation($p:ID!){upsertReviewQueue(where:{project:{id:$p}} data:{quotaFactor:3}){id}}",
        {"p": p},
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "quotaFactor" in body["errors"][0]["message"]
    body = api.body("query($f:PageSize!){projects(first:$f){id}}", {"f": "x"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_not_implemented_names_the_field(emu: Emulator) -> None:
    from graphql import GraphQLObjectType

    from labelbox_emulator.resolvers import _not_implemented

    schema = emu.state.model.schema
    mutation = schema.type_map["Mutation"]
    assert isinstance(mutation, GraphQLObjectType)
    field = mutation.fields["extendReservations"]
    saved = field.resolve
    field.resolve = _not_implemented("Mutation", "extendReservations")
    try:
        body = Api(emu, emu.api_key).body(
            'mutation{extendReservations(projectId:"x" queueType:LabelingQueue)}'
        )
    finally:
        field.resolve = saved
    assert body["errors"][0]["extensions"]["code"] == "NOT_IMPLEMENTED"
    assert "Mutation.extendReservations" in body["errors"][0]["message"]


def test_rate_limit_429() -> None:
    with Emulator(rate_limit="3/60") as emu:
        codes = []
        for _ in range(5):
            r = httpx.post(
                emu.endpoint,
                json={"query": "{user{id}}"},
                headers={"Authorization": f"Bearer {emu.api_key}"},
            )
            codes.append(r.status_code)
        assert codes == [200, 200, 200, 429, 429]
        assert int(r.headers["retry-after"]) >= 1
        assert r.json()["message"].startswith("You have exceeded")


def test_control_endpoints(emu: Emulator, api: Api) -> None:
    assert httpx.get(emu.base_url + "/_emulator/health").json() == {"status": "ok"}
    control = emu.control_headers
    created = httpx.post(
        emu.base_url + "/_emulator/organizations", json={"name": "Acme"}, headers=control
    ).json()
    acme = Api(emu, created["api_key"])
    assert acme("{organization{id name}}")["organization"] == {
        "id": created["organization_id"],
        "name": "Acme",
    }
    api.project("gone")
    assert httpx.post(emu.base_url + "/_emulator/reset", headers=control).status_code == 200
    assert api("{projects{id}}") == {"projects": []}
    assert acme("{user{id}}")["user"]["id"] == created["user_id"]
    assert httpx.post(emu.base_url + "/_emulator/advance", headers=control).json() == {
        "finished": 0
    }
    assert httpx.get(emu.base_url + "/_emulator/webhook-deliveries", headers=control).json() == []


def test_startup_time_under_one_second() -> None:
    t0 = time.perf_counter()
    with Emulator() as emu:
        r = httpx.post(
            emu.endpoint,
            json={"query": "{user{id}}"},
            headers={"Authorization": f"Bearer {emu.api_key}"},
        )
        elapsed = time.perf_counter() - t0
    assert r.status_code == 200
    print(f"start-up to first answer: {elapsed:.3f}s")
