"""The real Labelbox server's behaviour, as the official labelbox==2.6.0 client's own code
and tests pin it (issue 9): one test per behaviour, over real HTTP.

The evidence for each is listed in src/labelbox_emulator/IMPLEMENTATION_COVERAGE.md.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import get_introspection_query

import labelbox.exceptions
from labelbox import Client
from labelbox_emulator import Emulator
from labelbox_emulator.analysis import (
    COMPLEXITY_MESSAGE,
    DEFAULT_COMPLEXITY_LIMIT,
    DocumentAnalyzer,
)

from .conftest import Api

CLASSIC_DEEP_QUERY = "{projects {datasets {dataRows {labels {id}}}}}"


def refused(api: Api, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """The single error of a request refused before execution (HTTP 400, no data)."""
    r = api.raw(query, variables)
    body = r.json()
    assert r.status_code == 400 and "data" not in body, body
    (error,) = body["errors"]
    return error  # type: ignore[no-any-return]


# ---------------------------------------------------------- 1. collation
def test_string_filters_are_case_insensitive(api: Api) -> None:
    ds = api.dataset("d")
    rows = {
        ext: api.data_row(ds, f"https://x/{ext}.JPG", ext=ext)
        for ext in ("Alpha", "beta", "GAMMA", "Ärger")
    }

    def ids(where: dict[str, Any]) -> set[str]:
        got = api("query($w:DataRowWhereInput){dataRows(where:$w){id}}", {"w": where})
        return {r["id"] for r in got["dataRows"]}

    def of(*names: str) -> set[str]:
        return {rows[n] for n in names}

    assert ids({"externalId": "alpha"}) == of("Alpha")
    assert ids({"externalId_not": "ALPHA"}) == of("beta", "GAMMA", "Ärger")
    assert ids({"externalId_in": ["BETA", "gamma"]}) == of("beta", "GAMMA")
    assert ids({"externalId_not_in": ["BETA", "gamma"]}) == of("Alpha", "Ärger")
    assert ids({"externalId_lt": "B"}) == of("Alpha")
    assert ids({"externalId_gt": "b"}) == of("beta", "GAMMA", "Ärger")
    assert ids({"externalId_lte": "BETA"}) == of("Alpha", "beta")
    assert ids({"externalId_gte": "Gamma"}) == of("GAMMA", "Ärger")
    assert ids({"externalId_contains": "MM"}) == of("GAMMA")
    assert ids({"externalId_not_contains": "A"}) == of("Ärger")  # accents still count
    assert ids({"externalId_starts_with": "AL"}) == of("Alpha")
    assert ids({"externalId_ends_with": "TA"}) == of("beta")
    assert ids({"rowData_ends_with": ".jpg"}) == of("Alpha", "beta", "GAMMA", "Ärger")
    # Unicode-aware (casefold), not ASCII-only folding
    assert ids({"externalId": "ärger"}) == of("Ärger")
    # the official client's own example: LabelingFrontend.name == "editor"
    found = api('{labelingFrontends(where:{name:"editor"}){name}}')["labelingFrontends"]
    assert found == [{"name": "Editor"}]


def test_string_ordering_is_case_insensitive(api: Api) -> None:
    ds = api.dataset("d")
    for ext in ("b", "C", "a", "D"):
        api.data_row(ds, f"https://x/{ext}", ext=ext)
    q = "query($o:DataRowOrderByInput){dataRows(orderBy:$o){externalId}}"
    asc = [r["externalId"] for r in api(q, {"o": "externalId_ASC"})["dataRows"]]
    desc = [r["externalId"] for r in api(q, {"o": "externalId_DESC"})["dataRows"]]
    assert asc == ["a", "b", "C", "D"]
    assert desc == ["D", "C", "b", "a"]


# ------------------------------------------------------ 2. logical operators
def test_and_of_conditions_on_different_fields_is_accepted(api: Api) -> None:
    p = api.project("alpha")
    api.project("beta")
    q = "query($w:ProjectWhereInput){projects(where:$w){id}}"
    where = {"AND": [{"name": "ALPHA"}, {"AND": [{"description": ""}, {"deleted": False}]}]}
    assert api(q, {"w": where})["projects"] == [{"id": p}]
    # the facade's shape: the caller's filter AND deleted: false
    where = {
        "AND": [{"name": "alpha", "createdAt_gte": "2000-01-01T00:00:00Z"}, {"deleted": False}]
    }
    assert api(q, {"w": where})["projects"] == [{"id": p}]


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ({"AND": [{"name": "a"}, {"name": "b"}]}, 'more than one condition on field "name"'),
        ({"name_gt": "a", "AND": [{"name_lt": "c"}]}, 'more than one condition on field "name"'),
        ({"OR": [{"name": "a"}, {"description": "b"}]}, 'Logical operator "OR"'),
        ({"NOT": [{"name": "a"}]}, 'Logical operator "NOT"'),
        ({"datasets_some": {"OR": [{"name": "a"}]}}, 'Logical operator "OR"'),
    ],
)
def test_same_field_and_or_and_not_are_refused(
    api: Api, where: dict[str, Any], message: str
) -> None:
    for query, variables in (
        ("query($w:ProjectWhereInput){projects(where:$w){id}}", {"w": where}),
        ("{user{projects(where:" + _literal(where) + "){id}}}", None),
    ):
        error = refused(api, query, variables)
        assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        assert message in error["message"]


def _literal(value: Any) -> str:
    """A GraphQL literal of a JSON-like value."""
    if isinstance(value, dict):
        return "{" + " ".join(f"{k}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return json.dumps(value)


# ------------------------------------------------------------ 3. wording
def test_error_messages_use_graphql_js_wording(api: Api) -> None:
    error = refused(api, "query {bbb {id}}")
    assert error["message"] == 'Cannot query field "bbb" on type "Query".'
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    error = refused(api, "{projects {nam}}")
    assert error["message"] == 'Cannot query field "nam" on type "Project". Did you mean "name"?'
    error = refused(api, "{project {id}}")
    assert error["message"] == (
        'Field "project" argument "where" of type "WhereUniqueIdInput!" is required, '
        "but it was not provided."
    )
    error = refused(api, "{projects}")
    assert error["message"] == (
        'Field "projects" of type "[Project!]!" must have a selection of subfields. '
        'Did you mean "projects { ... }"?'
    )
    # a value printed in a message is left as the user wrote it
    error = refused(api, """{projects(skip: "it's 'quoted'") {id}}""")
    assert error["message"] == """Int cannot represent non-integer value: "it's 'quoted'\""""
    error = refused(api, "asda")
    assert error["message"] == 'Syntax Error: Unexpected Name "asda".'
    assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    error = refused(api, "{projects {id}")
    assert error["message"] == "Syntax Error: Expected Name, found <EOF>."
    error = refused(api, "{projects(first: 1 {id}}")
    assert error["message"] == 'Syntax Error: Expected Name, found "{".'
    # variable values are printed as graphql-js prints them
    body = api.body(
        "query($w:ProjectWhereInput,$f:Int){projects(where:$w skip:$f){id}}",
        {"w": {"nme": "it's"}, "f": "x"},
    )
    messages = [e["message"] for e in body["errors"]]
    assert messages == [
        'Variable "$w" got invalid value { nme: "it\'s" }; Field "nme" is not defined by '
        'type "ProjectWhereInput". Did you mean "name" or "NOT"?',
        'Variable "$f" got invalid value "x"; Int cannot represent non-integer value: "x"',
    ]
    assert {e["extensions"]["code"] for e in body["errors"]} == {"BAD_USER_INPUT"}


# ------------------------------------------------------- 4. complexity
def test_query_complexity_limit(api: Api) -> None:
    error = refused(api, CLASSIC_DEEP_QUERY)
    assert error == {
        "message": COMPLEXITY_MESSAGE,
        "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
    }
    refused(api, "{projects {datasets {dataRows {id}}}}")  # three nested pages of 100
    # page sizes (literal or variable) lower the cost
    api("{projects(first: 5) {datasets(first: 5) {dataRows(first: 5) {labels(first: 5) {id}}}}}")
    q = "query($f:PageSize){projects(first:$f){datasets(first:$f){dataRows(first:$f){id}}}}"
    api(q, {"f": 10})
    assert refused(api, q, {"f": 100})["message"] == COMPLEXITY_MESSAGE
    api(q.replace("$f:PageSize", "$f:PageSize = 10"))  # an operation's default counts
    # aliases count separately; fragments are expanded
    bomb = "{" + " ".join(f"a{i}: projects {{id name}}" for i in range(2000)) + "}"
    assert refused(api, bomb)["message"] == COMPLEXITY_MESSAGE
    frag = "fragment F on Dataset {dataRows {labels {id}}} {projects {datasets {...F}}}"
    assert refused(api, frag)["message"] == COMPLEXITY_MESSAGE
    # the standard introspection queries have their own budget
    for description in (False, True):
        intro = get_introspection_query(descriptions=True, schema_description=description)
        assert "__schema" in api(intro)
    intro_bomb = "{" + " ".join(f"s{i}: __schema {{types {{name}}}}" for i in range(1000)) + "}"
    assert refused(api, intro_bomb)["message"] == COMPLEXITY_MESSAGE


def test_sdk_and_classic_documents_stay_under_the_complexity_limit(emu: Emulator) -> None:
    from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse

    import labelbox_gen.operations as operations

    recorded = Path(__file__).resolve().parents[1] / "fidelity" / "recorded_documents.json"
    documents = [getattr(operations, n) for n in operations.__all__ if n.endswith("_GQL")]
    documents += [r["query"].replace("%d", "100") for r in json.loads(recorded.read_text())]
    worst = 0
    for text in documents:
        doc = parse(text)
        fragments = {
            d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)
        }
        analyzer = DocumentAnalyzer(emu.state.model.schema, fragments, {}, check_where=False)
        for op in doc.definitions:
            if isinstance(op, OperationDefinitionNode):
                worst = max(worst, analyzer.operation_cost(op).api)
    assert 0 < worst < DEFAULT_COMPLEXITY_LIMIT // 100  # plenty of headroom


def test_complexity_limit_is_an_option() -> None:
    with Emulator(transitions="immediate", complexity_limit=None) as emu:
        assert "projects" in Api(emu, emu.api_key)(CLASSIC_DEEP_QUERY)
    with Emulator(transitions="immediate", complexity_limit=3) as emu:
        api = Api(emu, emu.api_key)
        assert api("{user {id email}}")["user"]["email"]
        assert refused(api, "{projects {id}}")["message"] == COMPLEXITY_MESSAGE


# ----------------------------------------------------------- 5. latency
def test_latency_makes_short_client_timeouts_fail() -> None:
    with Emulator(transitions="immediate", latency=0.2) as emu:
        started = time.monotonic()
        r = httpx.post(
            emu.endpoint,
            json={"query": "{user{id}}"},
            headers={"Authorization": f"Bearer {emu.api_key}"},
        )
        assert r.status_code == 200 and time.monotonic() - started >= 0.2
        with (
            Client(api_key=emu.api_key, endpoint=emu.endpoint, timeout=0.01) as client,
            pytest.raises(labelbox.exceptions.TimeoutError),
        ):
            client.get_user()
        with Client(api_key=emu.api_key, endpoint=emu.endpoint) as client:
            assert client.get_user().email == "admin@example.com"


# -------------------------------------------------------------- 6. jobs
def test_jobs_take_time_like_real_jobs(tmp_path: Path) -> None:
    local = tmp_path / "local.txt"
    local.write_text("Test data")
    with (
        Emulator() as emu,  # the default: realistic job timing
        Client(api_key=emu.api_key, endpoint=emu.endpoint) as client,
    ):
        dataset = client.create_dataset(name="big")
        url = "https://picsum.photos/id/829/200/300"
        task = dataset.create_data_rows([{"row_data": url}] * 4500 + [str(local)] * 500)
        assert task.status == "IN_PROGRESS"
        percent = task.completion_percentage
        time.sleep(0.3)
        task.refresh()
        assert task.status == "IN_PROGRESS" and task.completion_percentage > percent
        task.wait_till_done(timeout_seconds=60)
        assert task.status == "COMPLETE"
        assert len(list(dataset.data_rows())) == 5000


def test_delay_mode_is_a_real_timer() -> None:
    with Emulator(transitions="delay:0.3") as emu:
        api = Api(emu, emu.api_key)
        ds = api.dataset("d")
        url = api.upload(json.dumps([{"data": "https://x/1"}]).encode())
        task = api(
            "mutation($d:ID!,$u:String!){appendRowsToDataset(data:{datasetId:$d "
            "jsonFileUrl:$u}){taskId}}",
            {"d": ds, "u": url},
        )["appendRowsToDataset"]["taskId"]
        store = emu.state.store
        assert store.get("Task", task)["status"] == "IN_PROGRESS"  # type: ignore[index]
        deadline = time.monotonic() + 10
        while store.get("Task", task)["status"] == "IN_PROGRESS":  # type: ignore[index]
            assert time.monotonic() < deadline, "the delayed job never finished"
            time.sleep(0.05)  # no GraphQL read in between: the timer finishes it
        assert store.get("Task", task)["status"] == "COMPLETE"  # type: ignore[index]


def test_small_jobs_finish_after_the_realistic_floor() -> None:
    with Emulator(transitions="realistic:0.2:0.001") as emu:
        api = Api(emu, emu.api_key)
        p = api.project()
        first = api("mutation($p:ID!){exportLabels(data:{projectId:$p}){shouldPoll}}", {"p": p})
        assert first["exportLabels"]["shouldPoll"] is True
        time.sleep(0.4)
        again = api(
            "mutation($p:ID!){exportLabels(data:{projectId:$p}){downloadUrl shouldPoll}}",
            {"p": p},
        )["exportLabels"]
        assert again["shouldPoll"] is False and again["downloadUrl"]


# ------------------------------------------------- 7. deleted projects
def test_deleted_project_stays_readable_by_id(api: Api) -> None:
    p = api.project("gone")
    ds = api.dataset("gone-too")
    api("mutation($id:ID!){updateProject(where:{id:$id} data:{deleted:true}){id}}", {"id": p})
    api("mutation($id:ID!){updateDataset(where:{id:$id} data:{deleted:true}){id}}", {"id": ds})
    got = api("query($id:ID!){project(where:{id:$id}){id name deleted}}", {"id": p})["project"]
    assert got == {"id": p, "name": "gone", "deleted": True}
    assert api("{projects{id}}")["projects"] == []
    assert api("{user{projects{id}}}")["user"]["projects"] == []
    assert api('{projects(where:{name:"gone"}){id}}')["projects"] == []
    assert api("query($id:ID!){dataset(where:{id:$id}){id}}", {"id": ds})["dataset"] is None


# ---------------------------------------------------------- 8. ontology
def test_every_project_has_an_ontology_from_creation(api: Api) -> None:
    p = api.project("fresh")
    q = (
        "query($p:ID!){project(where:{id:$p}){ontology{id name normalized objectSchemaCount "
        "classificationSchemaCount projects{id}}}}"
    )
    ontology = api(q, {"p": p})["project"]["ontology"]
    assert ontology["normalized"] == {"tools": [], "classifications": []}
    assert ontology["objectSchemaCount"] == ontology["classificationSchemaCount"] == 0
    assert ontology["projects"] == [{"id": p}]
    assert api(q, {"p": p})["project"]["ontology"]["id"] == ontology["id"]  # stable
    other = api.project("other")
    assert api(q, {"p": other})["project"]["ontology"]["id"] != ontology["id"]


# ------------------------------------------------------------ 9. issues
def test_issue_export_url_carries_status_filter(api: Api) -> None:
    p = api.project()
    q = "query($p:ID!,$s:IssueStatus){project(where:{id:$p}){issueExportUrl(where:{status:$s})}}"
    for status in ("Open", "Resolved"):
        url = api(q, {"p": p, "s": status})["project"]["issueExportUrl"]
        assert f"?status={status}" in url
        assert httpx.get(url).json() == []
    url = api(q, {"p": p, "s": None})["project"]["issueExportUrl"]
    assert "status=" not in url and httpx.get(url).status_code == 200


# ------------------------------------------------- 11. shared frontends
def test_shared_frontends_are_read_only_to_customers(api: Api, other: Api) -> None:
    fe = api('{labelingFrontends(where:{name:"Editor"}){id name description}}')[
        "labelingFrontends"
    ][0]
    rename = "mutation($i:ID!,$n:String!){updateLabelingFrontend(where:{id:$i} data:{name:$n}){id}}"
    body = other.body(rename, {"i": fe["id"], "n": "Mine now"})
    assert body["errors"][0]["extensions"]["code"] == "AUTHORIZATION_ERROR"
    assert body["data"] == {"updateLabelingFrontend": None}
    seen = api("query($i:ID!){labelingFrontend(where:{id:$i}){name}}", {"i": fe["id"]})
    assert seen["labelingFrontend"]["name"] == "Editor"
    # what the official client's upsert_instructions sends: the frontend's own values
    p = api.project()
    org = api("{organization{id}}")["organization"]["id"]
    lfo = api(
        "mutation($p:ID!,$f:ID!,$o:ID!){createLabelingFrontendOptions(data:{"
        'customizationOptions:"{}" project:{connect:{id:$p}} labelingFrontend:{connect:{id:$f}} '
        "organization:{connect:{id:$o}}}){id}}",
        {"p": p, "f": fe["id"], "o": org},
    )["createLabelingFrontendOptions"]["id"]
    both = api(
        "mutation($f:ID!,$o:ID!,$n:String!,$d:String!,$c:String!){"
        "updateLabelingFrontend(where:{id:$f} data:{name:$n description:$d}){id name}"
        "updateLabelingFrontendOptions(where:{id:$o} data:{customizationOptions:$c}){id}}",
        {
            "f": fe["id"],
            "o": lfo,
            "n": fe["name"],
            "d": fe["description"],
            "c": '{"projectInstructions": "https://x/i.pdf"}',
        },
    )
    assert both["updateLabelingFrontend"] == {"id": fe["id"], "name": "Editor"}
    assert both["updateLabelingFrontendOptions"] == {"id": lfo}
