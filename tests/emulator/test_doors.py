"""The emulator's doors over real HTTP: the control token, cross-site refusal, body and
string limits, malformed bodies, and webhooks aimed at the emulator itself."""

from __future__ import annotations

import json

import httpx
import pytest

from labelbox_emulator import Emulator

from .conftest import Api

CONTROL_ROUTES = [
    ("POST", "/_emulator/reset"),
    ("POST", "/_emulator/organizations"),
    ("POST", "/_emulator/advance"),
    ("GET", "/_emulator/webhook-deliveries"),
]


# ------------------------------------------------------------------ control token
@pytest.mark.parametrize(("method", "path"), CONTROL_ROUTES)
def test_control_routes_need_the_control_token(emu: Emulator, method: str, path: str) -> None:
    url = emu.base_url + path
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        r = httpx.request(method, url, headers=headers, json={} if method == "POST" else None)
        assert r.status_code == 401, (headers, r.text)
        assert r.json()["errors"][0]["extensions"]["code"] == "AUTHENTICATION_ERROR"
    r = httpx.request(method, url, headers=emu.control_headers)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize(("method", "path"), [r for r in CONTROL_ROUTES if r[0] == "POST"])
def test_an_api_key_opens_no_control_route(emu: Emulator, api: Api, method: str, path: str) -> None:
    api.project("kept")
    r = httpx.request(method, emu.base_url + path, headers={"Authorization": f"Bearer {api.key}"})
    assert r.status_code == 401
    assert [p["name"] for p in api("{projects{name}}")["projects"]] == ["kept"]


def test_the_python_controls_need_no_token(emu: Emulator, api: Api) -> None:
    api.project("gone")
    created = emu.create_organization("Python")
    assert Api(emu, created.api_key)("{organization{name}}")["organization"]["name"] == "Python"
    assert emu.advance() == 0
    assert emu.webhook_deliveries() == []
    emu.reset()
    assert api("{projects{id}}") == {"projects": []}


def test_a_chosen_control_token() -> None:
    with Emulator(control_token="s3cret-token") as emu:
        assert emu.control_token == "s3cret-token"
        headers = {"Authorization": "Bearer s3cret-token"}
        assert httpx.post(emu.base_url + "/_emulator/advance", headers=headers).json() == {
            "finished": 0
        }


# ------------------------------------------------------------------ cross-site
def test_cross_site_posts_are_refused(emu: Emulator, api: Api) -> None:
    api.project("kept")
    control = emu.control_headers
    # what a page of another origin can send without asking: a text/plain or form body
    for headers in (
        {**control, "Content-Type": "text/plain", "Origin": "https://evil.example"},
        {**control, "Content-Type": "text/plain"},
        {**control, "Content-Type": "application/x-www-form-urlencoded"},
        {**control, "Origin": "https://evil.example"},
        {**control, "Sec-Fetch-Site": "cross-site"},
        {**control, "Origin": "null"},
    ):
        r = httpx.post(emu.base_url + "/_emulator/reset", headers=headers, content=b"{}")
        assert r.status_code in (403, 415), (headers, r.status_code)
        assert r.json()["errors"][0]["message"]
    auth = {"Authorization": f"Bearer {api.key}"}
    body = json.dumps({"query": 'mutation{createProject(data:{name:"x"}){id}}'}).encode()
    for headers in (
        {**auth, "Content-Type": "text/plain"},
        {**auth, "Content-Type": "application/json", "Origin": "http://localhost:1"},
    ):
        r = httpx.post(emu.endpoint, headers=headers, content=body)
        assert r.status_code in (403, 415), (headers, r.status_code)
    assert [p["name"] for p in api("{projects{name}}")["projects"]] == ["kept"]


def test_same_origin_and_plain_clients_pass(emu: Emulator, api: Api) -> None:
    same = {"Origin": emu.base_url, "Sec-Fetch-Site": "same-origin"}
    r = httpx.post(emu.base_url + "/_emulator/advance", headers={**emu.control_headers, **same})
    assert r.status_code == 200
    r = httpx.post(
        emu.endpoint,
        headers={"Authorization": f"Bearer {api.key}", **same},
        json={"query": "{user{id}}"},
    )
    assert r.status_code == 200 and "errors" not in r.json()
    # no content type at all (a script's raw body) is no browser form
    r = httpx.post(
        emu.endpoint,
        headers={"Authorization": f"Bearer {api.key}"},
        content=json.dumps({"query": "{user{id}}"}).encode(),
    )
    assert r.status_code == 200 and "errors" not in r.json()


# ------------------------------------------------------------------ webhooks
def test_a_webhook_may_not_target_the_emulator(emu: Emulator, api: Api) -> None:
    create = (
        "mutation($u:String!){createWebhook(data:{topics:{set:[LABEL_CREATED]} url:$u "
        'secret:"s"}){id}}'
    )
    for url in (
        f"{emu.base_url}/_emulator/reset",
        f"http://localhost:{emu.port}/graphql",
        f"http://[::1]:{emu.port}/x",
        f"http://0.0.0.0:{emu.port}/x",
    ):
        error = api.body(create, {"u": url})["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", url
        assert "itself" in error["message"]
    hook = api(create, {"u": "http://127.0.0.1:9/elsewhere"})["createWebhook"]["id"]
    error = api.body(
        "mutation($i:ID!,$u:String!){updateWebhook(where:{id:$i} data:{url:$u}){id}}",
        {"i": hook, "u": f"{emu.base_url}/_emulator/reset"},
    )["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


def test_a_stored_webhook_to_the_emulator_is_never_called(emu: Emulator, api: Api) -> None:
    """A webhook stored with the emulator's address (e.g. by an earlier run on another
    port) is refused at delivery and recorded, nothing is sent."""
    p = api.project()
    ds = api.dataset(project=p)
    row = api.data_row(ds)
    hook = api(
        "mutation($p:ID!){createWebhook(data:{project:{id:$p} topics:{set:[LABEL_CREATED]} "
        'url:"http://127.0.0.1:9/elsewhere" secret:"s"}){id}}',
        {"p": p},
    )["createWebhook"]["id"]
    emu.state.store.update("Webhook", hook, {"url": f"{emu.base_url}/_emulator/reset"})
    api.label(p, row)
    deliveries = emu.webhook_deliveries()
    assert len(deliveries) == 1 and deliveries[0]["status_code"] is None
    assert "itself" in deliveries[0]["error"]
    assert api("{projects{id}}")["projects"] == [{"id": p}]  # nothing was wiped


# ------------------------------------------------------------------ limits
def test_request_bodies_are_limited() -> None:
    with Emulator(transitions="immediate", max_request_bytes=10_000) as emu:
        auth = {"Authorization": f"Bearer {emu.api_key}"}
        name = "n" * 20_000
        r = httpx.post(
            emu.endpoint,
            headers=auth,
            json={"query": "mutation($n:String!){createProject(data:{name:$n}){id}}",
                  "variables": {"n": name}},
        )  # fmt: skip
        assert r.status_code == 413
        error = r.json()["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "10000 bytes" in error["message"]

        def chunks() -> object:  # no Content-Length: the limit holds while reading
            for _ in range(20):
                yield b" " * 1000
            yield b'{"query": "{user{id}}"}'

        r = httpx.post(
            emu.endpoint, headers={**auth, "Content-Type": "application/json"}, content=chunks()
        )
        assert r.status_code == 413
        api = Api(emu, emu.api_key)
        assert api("{projects{id}}") == {"projects": []}


def test_uploads_have_their_own_larger_limit() -> None:
    with Emulator(transitions="immediate", max_request_bytes=1_000, max_upload_bytes=50_000) as emu:
        api = Api(emu, emu.api_key)
        url = api.upload(b"x" * 20_000)  # above the JSON limit, below the upload limit
        assert httpx.get(url).content == b"x" * 20_000
        ops = {
            "query": "mutation($f:Upload!,$n:Int!){uploadFile(file:$f contentLength:$n){url}}",
            "variables": {"f": None, "n": 60_000},
        }
        r = api.http.post(
            emu.endpoint,
            data={"operations": json.dumps(ops), "map": json.dumps({"1": ["variables.f"]})},
            files={"1": ("big.bin", b"x" * 60_000, "application/octet-stream")},
            headers={"Authorization": f"Bearer {api.key}"},
        )
        assert r.status_code == 413 and r.json()["errors"][0]["extensions"]["code"]


def test_strings_are_limited(api: Api, emu: Emulator) -> None:
    limit = emu.state.max_string_bytes
    assert limit == 1024 * 1024
    create = "mutation($n:String!){createProject(data:{name:$n}){id name}}"
    r = api.raw(create, {"n": "é" * (limit // 2 + 1)})  # > 1 MiB of UTF-8, < 1 Mi characters
    assert r.status_code == 400
    error = r.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "too long" in error["message"]
    # inline in the document, too
    r = api.raw('mutation{createProject(data:{name:"%s"}){id}}' % ("x" * (limit + 1)))
    assert r.status_code == 400 and r.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert api("{projects{id}}") == {"projects": []}
    assert api(create, {"n": "x" * 1000})["createProject"]["name"] == "x" * 1000


def test_string_limit_is_an_option() -> None:
    with Emulator(transitions="immediate", max_string_bytes=None) as emu:
        api = Api(emu, emu.api_key)
        name = "x" * (2 * 1024 * 1024)
        created = api("mutation($n:String!){createProject(data:{name:$n}){name}}", {"n": name})
        assert created["createProject"]["name"] == name


# ------------------------------------------------------------------ malformed bodies
def test_lone_surrogates_are_a_clean_400(api: Api, emu: Emulator) -> None:
    auth = {"Authorization": f"Bearer {api.key}", "Content-Type": "application/json"}
    for raw in (
        b'{"query": "mutation($n:String!){createProject(data:{name:$n}){id}}", '
        b'"variables": {"n": "a\\ud800b"}}',
        b'{"query": "{projects(where:{name:\\"\\udfff\\"}){id}}"}',
        b'{"query": "{user{id}}", "variables": {"\\ud800": 1}}',
    ):
        r = httpx.post(emu.endpoint, headers=auth, content=raw)
        assert r.status_code == 400, r.text
        error = r.json()["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "Unicode" in error["message"]
    # escaped in the GraphQL string of the document: a GraphQL syntax error
    r = api.raw('mutation{createProject(data:{name:"\\ud800"}){id}}')
    assert r.status_code == 400
    assert r.json()["errors"][0]["extensions"]["code"] in ("GRAPHQL_PARSE_FAILED", "BAD_USER_INPUT")
    assert api("{projects{id}}") == {"projects": []}


def test_malformed_json_bodies_are_a_clean_400(emu: Emulator) -> None:
    auth = {"Authorization": f"Bearer {emu.api_key}", "Content-Type": "application/json"}
    for raw in (b"{", b"\xff\xfe\x00", b"[" * 100_000, b"", b"null", b'"text"', b"[1]"):
        r = httpx.post(emu.endpoint, headers=auth, content=raw)
        assert r.status_code == 400, (raw[:10], r.status_code, r.text[:200])
        assert r.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


@pytest.mark.parametrize(
    ("data", "files"),
    [
        ({"map": "{}"}, {"1": ("f", b"x")}),  # no operations
        ({"operations": "{", "map": "{}"}, {"1": ("f", b"x")}),  # operations not JSON
        ({"operations": '{"query":"{user{id}}"}', "map": "[1]"}, {"1": ("f", b"x")}),
        ({"operations": '{"query":"{user{id}}"}', "map": '{"1": "variables.f"}'}, {"1": ("f", b"x")}),
        ({"operations": '{"query":"{user{id}}"}', "map": '{"2": ["variables.f"]}'}, {"1": ("f", b"x")}),
        ({"operations": '{"query":"{user{id}}"}', "map": '{"1": ["variables.f.g"]}'}, {"1": ("f", b"x")}),
        ({"operations": '{"query":"{user{id}}","variables":[]}', "map": '{"1": ["variables.9"]}'},
         {"1": ("f", b"x")}),
        ({"operations": '{"query":"{user{id}}"}', "map": '{"1": ["variables.f"]}'}, None),
    ],
)  # fmt: skip
def test_malformed_multipart_is_a_clean_400(
    emu: Emulator, data: dict[str, str], files: dict[str, tuple[str, bytes]] | None
) -> None:
    auth = {"Authorization": f"Bearer {emu.api_key}"}
    if files is None:  # a multipart content type whose body is no multipart at all
        r = httpx.post(
            emu.endpoint,
            headers={**auth, "Content-Type": "multipart/form-data; boundary=zzz"},
            content=b"--nope\r\nbroken",
        )
    else:
        r = httpx.post(emu.endpoint, headers=auth, data=data, files=files)
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["errors"][0]["extensions"]["code"] in ("GRAPHQL_PARSE_FAILED", "BAD_USER_INPUT")


def test_multipart_without_boundary_is_a_clean_400(emu: Emulator) -> None:
    r = httpx.post(
        emu.endpoint,
        headers={"Authorization": f"Bearer {emu.api_key}", "Content-Type": "multipart/form-data"},
        content=b"operations=x",
    )
    assert r.status_code == 400 and r.json()["errors"][0]["message"]
