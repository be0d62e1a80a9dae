"""The wire policy (``labelbox_gen.wire``): values of unattested types travel as their
structure, with each leaf a variable of a built-in or attested type.

Unit checks of the rewrite (structure, enums, absent values, files inside inlined values),
a property test that a written value read back with graphql-core (document plus variables)
is the value written, and integration over real HTTP: the emulator answers the inline form
and the variable form of the same call alike, and ``Client(pulled_schema=...)`` keeps the
names a pulled schema defines as variables.
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLInputObjectType,
    build_schema,
    get_named_type,
    parse,
    validate,
    value_from_ast_untyped,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from labelbox import Client, Dataset, Project
from labelbox.schema_tool.lock import PulledSchemaError, write_pulled
from labelbox_emulator import Emulator
from labelbox_gen import operations, wire_plan
from labelbox_gen.base_model import Upload
from labelbox_gen.wire import VARIABLE_PREFIX, WirePolicy, WireValueError

SCHEMA_SDL = (Path(wire_plan.__file__).parent / "schema.graphql").read_text()
SCHEMA = build_schema(SCHEMA_SDL)


@pytest.fixture(scope="module")
def policy() -> WirePolicy:
    return WirePolicy.default()


def _prepare(policy: WirePolicy, name: str, constant: str, variables: dict[str, Any]) -> Any:
    return policy.prepare(name, getattr(operations, constant), variables)


# -- the rewrite ------------------------------------------------------------------------
def test_unattested_names_go_inline_attested_ones_stay(policy: WirePolicy) -> None:
    assert set(policy.inlined("GetProjects")) == {"where", "orderBy"}  # skip Int, first PageSize
    query, variables = _prepare(
        policy,
        "GetProjects",
        "GET_PROJECTS_GQL",
        {"where": {"name_in": ["a", "b"], "AND": [{"deleted": False}]}, "orderBy": "name_ASC",
         "skip": 0, "first": 100},
    )  # fmt: skip
    assert "ProjectWhereInput" not in query and "ProjectOrderByInput" not in query
    assert "where: {name_in: $wire0, AND: [{deleted: $wire1}]}" in query
    assert "$wire0: [String!], $wire1: Boolean" in query  # the fields' own types
    assert "orderBy: name_ASC" in query  # a value of an unattested enum is a bare name
    assert "$first: PageSize!" in query
    assert variables == {"skip": 0, "first": 100, "wire0": ["a", "b"], "wire1": False}
    assert validate(SCHEMA, parse(query)) == []


def test_the_text_depends_on_the_shape_not_the_values(policy: WirePolicy) -> None:
    def text(name: str) -> str:
        return _prepare(
            policy,
            "GetProjects",
            "GET_PROJECTS_GQL",
            {"where": {"name": name}, "skip": 0, "first": 5},
        )[0]

    assert (
        text("a")
        == text('quote " and newline \n')
        != _prepare(
            policy, "GetProjects", "GET_PROJECTS_GQL", {"where": {"id": "a"}, "skip": 0, "first": 5}
        )[0]
    )


def test_an_absent_value_removes_its_argument(policy: WirePolicy) -> None:
    query, _ = _prepare(policy, "GetProjects", "GET_PROJECTS_GQL", {"skip": 0, "first": 100})
    assert "projects(skip: $skip, first: $first)" in query
    assert "where" not in query and "orderBy" not in query
    assert validate(SCHEMA, parse(query)) == []


def test_an_optional_null_is_left_out_like_an_absent_value(policy: WirePolicy) -> None:
    query, variables = _prepare(
        policy,
        "GetProjects",
        "GET_PROJECTS_GQL",
        {"where": None, "orderBy": None, "skip": 0, "first": 5},
    )
    assert "projects(skip: $skip, first: $first)" in query
    assert variables == {"skip": 0, "first": 5}


def test_a_null_inside_an_inline_value_stays_null(policy: WirePolicy) -> None:
    query, variables = _prepare(
        policy, "CreateProject", "CREATE_PROJECT_GQL", {"data": {"name": "p", "description": None}}
    )
    assert "createProject(data: {name: $wire0, description: null})" in query
    assert "mutation CreateProject($wire0: String!)" in query  # a required field: its own type
    assert variables == {"wire0": "p"}


def test_a_file_inside_an_inline_value_is_a_variable(policy: WirePolicy) -> None:
    upload = Upload(
        filename="a.ndjson", content=io.BytesIO(b"{}"), content_type="application/x-ndjson"
    )
    query, variables = _prepare(
        policy,
        "CreateBulkImportRequest",
        "CREATE_BULK_IMPORT_REQUEST_GQL",
        {
            "data": {
                "projectId": "p",
                "name": "n",
                "filePayload": {"file": upload, "contentLength": 2},
            }
        },
    )
    assert f"${VARIABLE_PREFIX}2: Upload!" in query
    assert variables[f"{VARIABLE_PREFIX}2"] is upload
    assert validate(SCHEMA, parse(query)) == []


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"name_gt": float("nan")}, "is no GraphQL value"),
        ({"nope": 1}, "has no field 'nope'"),
        ({"AND": [{"name": "x"}, 3]}, "needs an object"),
    ],
)
def test_values_without_a_form_are_refused(policy: WirePolicy, value: Any, problem: str) -> None:
    with pytest.raises(WireValueError, match=problem):
        _prepare(policy, "GetProjects", "GET_PROJECTS_GQL", {"where": value, "skip": 0, "first": 5})


@pytest.mark.parametrize("order", ["name_ASC; }", "true", 3])
def test_enum_values_must_be_names(policy: WirePolicy, order: Any) -> None:
    with pytest.raises(WireValueError, match="is not a value of the enum ProjectOrderByInput"):
        _prepare(
            policy, "GetProjects", "GET_PROJECTS_GQL", {"orderBy": order, "skip": 0, "first": 5}
        )


def test_a_document_that_is_not_the_generated_one_is_sent_as_it_is(policy: WirePolicy) -> None:
    mine = "query GetProjects { projects { id } }"
    assert policy.prepare("GetProjects", mine, {}) == (mine, {})


def test_a_pulled_schema_keeps_its_names_as_variables(policy: WirePolicy) -> None:
    pulled = WirePolicy.from_pulled_schema(SCHEMA_SDL)
    assert pulled.inlined("GetProjects") == ()
    query = operations.GET_PROJECTS_GQL
    assert pulled.prepare("GetProjects", query, {"skip": 0}) == (query, {"skip": 0})
    assert pickle.loads(pickle.dumps(pulled)).attested == pulled.attested


# -- every literal parses back to its value ----------------------------------------------
_WHERE = SCHEMA.get_type("DataRowWhereInput")
assert isinstance(_WHERE, GraphQLInputObjectType)
_SCALARS = {"String": st.text(), "ID": st.text(min_size=1), "Int": st.integers(-(2**31), 2**31 - 1),
            "Float": st.floats(allow_nan=False, allow_infinity=False), "Boolean": st.booleans()}  # fmt: skip
_FIELDS = {
    name: _SCALARS[get_named_type(field.type).name]
    for name, field in _WHERE.fields.items()
    if get_named_type(field.type).name in _SCALARS and not name.endswith(("_in", "_not_in"))
}
_WHERE_VALUES = st.fixed_dictionaries({}, optional=_FIELDS)


@settings(max_examples=200, deadline=None)
@given(_WHERE_VALUES)
def test_a_written_value_reads_back_as_itself(value: dict[str, Any]) -> None:
    query, variables = WirePolicy.default().prepare(
        "DatasetDataRows",
        operations.DATASET_DATA_ROWS_GQL,
        {"id": "d", "where": value, "skip": 0, "first": 5},
    )
    assert validate(SCHEMA, parse(query)) == []
    selection = parse(query).definitions[0].selection_set.selections[0]  # type: ignore[attr-defined]
    rows = selection.selection_set.selections[1]
    where = next(a.value for a in rows.arguments if a.name.value == "where") if value else None
    assert (value_from_ast_untyped(where, variables) if where is not None else {}) == value


# -- over real HTTP ----------------------------------------------------------------------
@pytest.fixture
def pulled(emu: Emulator, tmp_path: Path) -> Path:
    path = tmp_path / "server.graphql"
    write_pulled(SCHEMA_SDL.rstrip("\n"), path, emu.endpoint)
    return path


def test_inline_and_variable_forms_get_the_same_answers(emu: Emulator, pulled: Path) -> None:
    inline = Client(api_key=emu.api_key, endpoint=emu.endpoint)
    variables = Client(api_key=emu.api_key, endpoint=emu.endpoint, pulled_schema=pulled)
    sent: list[str] = []
    with inline, variables:
        dataset = inline.create_dataset(name="Cars", description="x")
        variables.create_dataset(name="cats")
        dataset.create_data_rows(
            [{"row_data": f"https://x/{i}", "external_id": f"e{i}"} for i in range(5)]
        )
        for client in (inline, variables):
            names = [d.name for d in client.get_datasets(where=Dataset.name == "cars")]
            assert names == ["Cars"]  # case-insensitive, as the real server
            assert len(list(client.get_dataset(dataset.uid).data_rows())) == 5
        hook_client = httpx.Client(
            event_hooks={"request": [lambda r: sent.append(r.content.decode())]}
        )
        with Client(api_key=emu.api_key, endpoint=emu.endpoint, http_client=hook_client) as hooked:
            list(hooked.get_projects(where=Project.name == "nothing"))
    [body] = [b for b in sent if "GetProjects" in b]
    assert "ProjectWhereInput" not in body and "{name: $wire0}" in body and '"nothing"' in body


def test_a_pulled_schema_must_be_from_this_endpoint_and_unchanged(
    emu: Emulator, pulled: Path
) -> None:
    with pytest.raises(PulledSchemaError, match="was pulled from"):
        Client(
            api_key=emu.api_key, endpoint="https://elsewhere.example/graphql", pulled_schema=pulled
        )
    pulled.write_text(pulled.read_text() + "\n# edited\n")
    with pytest.raises(PulledSchemaError, match="changed since it was pulled"):
        Client(api_key=emu.api_key, endpoint=emu.endpoint, pulled_schema=pulled)
    with pytest.raises(PulledSchemaError, match="cannot read"):
        Client(
            api_key=emu.api_key, endpoint=emu.endpoint, pulled_schema=pulled.with_name("no.graphql")
        )
    with pytest.raises(TypeError, match="pulled_schema must be a path"):
        Client(api_key=emu.api_key, endpoint=emu.endpoint, pulled_schema=3)  # type: ignore[arg-type]


def test_a_client_with_a_pulled_schema_pickles_with_its_policy(emu: Emulator, pulled: Path) -> None:
    client = Client(api_key=emu.api_key, endpoint=emu.endpoint, pulled_schema=pulled)
    pulled.unlink()  # the copy elsewhere must not need the file
    clone = pickle.loads(pickle.dumps(client))
    assert clone._gen.wire.inlined("GetProjects") == ()
    assert [p.name for p in clone.get_projects()] == []


def test_a_leaf_of_an_unattested_scalar_is_a_literal() -> None:
    without_datetime = WirePolicy(
        wire_plan.ATTESTED - {"DateTime"}, wire_plan.PLANS, wire_plan.INPUTS, wire_plan.ENUMS
    )
    query, variables = without_datetime.prepare(
        "GetProjects",
        operations.GET_PROJECTS_GQL,
        {"where": {"createdAt_gt": "2021-06-01T00:00:00Z"}, "skip": 0, "first": 5},
    )
    assert 'where: {createdAt_gt: "2021-06-01T00:00:00Z"}' in query
    assert "DateTime" not in query and variables == {"skip": 0, "first": 5}
    assert validate(SCHEMA, parse(query)) == []
