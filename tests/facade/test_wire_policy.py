"""The wire policy (``labelbox_gen.wire``): values of unattested types travel as literals.

Unit checks of the rewrite (literals of every kind, absent values, files inside inlined
values), a property test that every printed literal parses back, with graphql-core, to
the value it was printed from, and integration over real HTTP: the emulator answers the
inline form and the variable form of the same call alike, and ``Client(pulled_schema=...)``
keeps the names a pulled schema defines as variables.
"""

from __future__ import annotations

import io
import pickle
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLInputObjectType,
    build_schema,
    get_named_type,
    parse,
    parse_value,
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
from labelbox_gen.wire import FILE_VARIABLE, WirePolicy, WireValueError

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
    assert 'where: {name_in: ["a", "b"], AND: [{deleted: false}]}' in query
    assert "orderBy: name_ASC" in query  # an enum value is a bare name
    assert "$first: PageSize!" in query and variables == {"skip": 0, "first": 100}
    assert validate(SCHEMA, parse(query)) == []


def test_an_absent_value_removes_its_argument(policy: WirePolicy) -> None:
    query, _ = _prepare(policy, "GetProjects", "GET_PROJECTS_GQL", {"skip": 0, "first": 100})
    assert "projects(skip: $skip, first: $first)" in query
    assert "where" not in query and "orderBy" not in query
    assert validate(SCHEMA, parse(query)) == []


def test_an_explicit_null_is_sent_as_null(policy: WirePolicy) -> None:
    query, _ = _prepare(
        policy, "GetProjects", "GET_PROJECTS_GQL", {"where": None, "skip": 0, "first": 5}
    )
    assert "where: null" in query


def test_required_values_strings_and_datetimes(policy: WirePolicy) -> None:
    text = 'quote " backslash \\ newline \n tab \t unicode é 漢字 😀'
    when = datetime(2021, 6, 1, 12, 30, tzinfo=timezone.utc)
    query, variables = _prepare(
        policy,
        "CreateProject",
        "CREATE_PROJECT_GQL",
        {"data": {"name": text, "description": None, "setupComplete": when}},
    )
    assert variables == {}
    assert "mutation CreateProject {" in query  # no variable left to declare
    data = parse(query).definitions[0].selection_set.selections[0].arguments[0].value  # type: ignore[attr-defined]
    assert value_from_ast_untyped(data) == {
        "name": text,
        "description": None,
        "setupComplete": "2021-06-01T12:30:00Z",
    }


def test_a_file_inside_an_inline_value_becomes_an_upload_variable(policy: WirePolicy) -> None:
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
    assert f"${FILE_VARIABLE}0: Upload!" in query
    assert f"filePayload: {{file: ${FILE_VARIABLE}0, contentLength: 2}}" in query
    assert variables == {f"{FILE_VARIABLE}0": upload}
    assert validate(SCHEMA, parse(query)) == []


@pytest.mark.parametrize(
    ("value", "type_name", "problem"),
    [
        (float("nan"), "Float", "has no GraphQL literal"),
        ("name_ASC; }", "ProjectOrderByInput", "is not a value of the enum"),
        ("true", "ProjectOrderByInput", "is not a value of the enum"),
        ({"not a name": 1}, "ProjectWhereInput", "has no field"),
        ([1, object()], "Int", "has no GraphQL literal"),
    ],
)
def test_values_without_a_literal_are_refused(
    policy: WirePolicy, value: Any, type_name: str, problem: str
) -> None:
    with pytest.raises(WireValueError, match=problem):
        policy.literal(value, type_name)


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
def test_every_literal_parses_back_to_its_value(value: dict[str, Any]) -> None:
    literal = WirePolicy.default().literal(value, "DataRowWhereInput")
    assert value_from_ast_untyped(parse_value(literal)) == value


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
    assert "ProjectWhereInput" not in body and '{name: \\"nothing\\"}' in body


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
