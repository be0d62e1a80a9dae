"""Issue 16, the first-hour friction items, each against the emulator (or, for local
checks, a client that must send nothing): ``Project.export_queued_data_rows``, an
endpoint with a trailing slash, a where-expression of the wrong entity, deprecated
methods, request ids on every emulator answer, and docstrings naming the TypedDict of
typed keyword arguments."""

from __future__ import annotations

import inspect
import json
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from graphql import OperationDefinitionNode, parse, print_ast

from labelbox import Client, DataRow, Dataset, Label, Order, Project, Review, Webhook
from labelbox import exceptions as lbx
from labelbox._options import ClientOptions
from labelbox_emulator import Emulator


# -- 1. Project.export_queued_data_rows ------------------------------------------------
def test_export_queued_data_rows_returns_the_unlabeled_rows(
    recording_client: tuple[Client, list[httpx.Request]], emu: Emulator
) -> None:
    client, sent = recording_client
    project = client.create_project(name="queue")
    dataset = client.create_dataset(name="rows", projects=project)
    rows = [
        dataset.create_data_row(row_data=f"https://example.com/{i}.jpg", external_id=f"e{i}")
        for i in range(3)
    ]
    with pytest.warns(DeprecationWarning):
        project.create_label(data_row=rows[0], label="{}")
    sent.clear()
    queued = project.export_queued_data_rows(timeout_seconds=30)
    assert [row["id"] for row in queued] == [r.uid for r in rows[1:]]
    assert [row.get("externalId") for row in queued] == ["e1", "e2"]
    # 2.6.0's mutation: the same root field, argument and selection, an ID variable
    body = json.loads(sent[0].content)
    [operation] = parse(body["query"]).definitions
    assert isinstance(operation, OperationDefinitionNode)
    assert operation.operation.value == "mutation"
    assert [print_ast(v.type) for v in operation.variable_definitions] == ["ID!"]
    variable = operation.variable_definitions[0].variable.name.value
    field = operation.selection_set.selections[0]
    assert print_ast(field) == (
        f"exportQueuedDataRows(data: {{projectId: ${variable}}}) "
        "{\n  downloadUrl\n  createdAt\n  status\n}"
    )
    assert body["variables"] == {variable: project.uid}


def test_export_queued_data_rows_polls_until_complete(polling_client: Client) -> None:
    project = polling_client.create_project(name="queue")
    dataset = polling_client.create_dataset(name="rows", projects=project)
    row = dataset.create_data_row(row_data="https://example.com/a.jpg")
    assert project.export_queued_data_rows(timeout_seconds=60) == [
        {"id": row.uid, "externalId": None, "rowData": "https://example.com/a.jpg"}
    ]


def test_export_queued_data_rows_times_out_and_checks_its_timeout(
    polling_client: Client,
) -> None:
    project = polling_client.create_project(name="queue")
    with pytest.raises(lbx.LabelboxError, match="Unable to export data rows within 0 seconds"):
        project.export_queued_data_rows(timeout_seconds=0)
    with pytest.raises(ValueError, match="timeout_seconds"):
        project.export_queued_data_rows(timeout_seconds=-1)
    with pytest.raises(TypeError, match="timeout_seconds"):
        project.export_queued_data_rows(timeout_seconds="60")  # type: ignore[arg-type]


def test_export_queued_data_rows_failed_export_raises(client: Client) -> None:
    """A FAILED export (the emulator's exports do not fail) raises as 2.6.0 does."""
    real = client.create_project(name="queue")

    def handler(request: httpx.Request) -> httpx.Response:
        data = {"exportQueuedDataRows": {"downloadUrl": None, "createdAt": None}}
        data["exportQueuedDataRows"]["status"] = "FAILED"
        return httpx.Response(200, json={"data": data})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with Client(api_key="k", endpoint="http://emulator.invalid/graphql", http_client=http) as c:
        project = Project._wrap(c, real._model)
        with pytest.raises(lbx.LabelboxError, match="Data row export failed"):
            project.export_queued_data_rows()


# -- 2. an endpoint with a trailing slash ----------------------------------------------
def test_trailing_slash_after_graphql_is_dropped(emu: Emulator) -> None:
    with Client(api_key=emu.api_key, endpoint=emu.endpoint + "/") as client:
        assert client.endpoint == emu.endpoint
        assert client.get_organization().uid
    assert ClientOptions(endpoint="https://h/graphql/").endpoint == "https://h/graphql"
    assert ClientOptions(endpoint="https://h/x/graphql/?a=1").endpoint == "https://h/x/graphql?a=1"
    assert ClientOptions(endpoint="https://h/api/").endpoint == "https://h/api/"  # not ours


def test_trailing_slash_from_the_environment_is_dropped(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LABELBOX_ENDPOINT", emu.endpoint + "/")
    with Client(api_key=emu.api_key) as client:
        assert client.endpoint == emu.endpoint
        assert list(client.get_projects()) == []


# -- 3. a where-expression of another entity -------------------------------------------
@pytest.fixture
def offline() -> Iterator[tuple[Client, list[httpx.Request]]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500, text="should not be called")

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with Client(api_key="k", endpoint="http://emulator.invalid/graphql", http_client=http) as c:
        yield c, sent


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c: c.get_projects(where=Dataset.name == "x"),
            "a where-expression on Dataset (Dataset.name) was given to a Project query: "
            "use Project.name",
        ),
        (
            lambda c: c.get_datasets(where=(Dataset.name == "x") & (Label.label == "y")),
            "a where-expression on Label (Label.label) was given to a Dataset query",
        ),
        (
            lambda c: c.get_projects(order_by=(Dataset.created_at, Order.Asc)),
            "an order_by on Dataset (Dataset.created_at) was given to a Project query: "
            "use Project.created_at",
        ),
        (
            lambda c: list(c.get_projects(where=Project.name == "p")),  # 500: not local
            None,
        ),
    ],
)
def test_where_of_another_entity_names_it(
    offline: tuple[Client, list[httpx.Request]],
    call: Callable[[Client], Any],
    message: str | None,
) -> None:
    client, sent = offline
    if message is None:
        with pytest.raises(lbx.LabelboxError):
            call(client)
        assert sent
        return
    with pytest.raises(lbx.InvalidAttributeError) as caught:
        call(client)
    assert str(caught.value).startswith(message)
    assert caught.value.db_object_type in (Project, Dataset)
    assert sent == []


# -- 4. deprecated methods -------------------------------------------------------------
DEPRECATED = [
    (Project, "create_label"),
    (Project, "create_prediction_model"),
    (Project, "create_prediction"),
    (DataRow, "create_metadata"),
]


@pytest.mark.parametrize(("cls", "name"), DEPRECATED)
def test_deprecated_methods_are_marked_for_type_checkers(cls: type[Any], name: str) -> None:
    assert "deprecated" in getattr(getattr(cls, name), "__deprecated__", "")


def test_deprecated_calls_warn_and_still_log(
    client: Client, data_rows: list[DataRow], caplog: pytest.LogCaptureFixture
) -> None:
    project = client.create_project(name="legacy")
    with (
        caplog.at_level(logging.WARNING, logger="labelbox"),
        pytest.warns(DeprecationWarning, match="create_label") as warned,
    ):
        label = project.create_label(data_row=data_rows[0], label="{}")
    assert label.label == "{}"
    assert warned[0].filename == __file__  # points at the caller
    assert "`create_label` is deprecated" in caplog.text
    with pytest.warns(DeprecationWarning, match="create_attachment"):
        data_rows[0].create_metadata("TEXT", "a note")
    with pytest.warns(DeprecationWarning, match="create_prediction_model"):
        model = project.create_prediction_model("m", 1)
    with pytest.warns(DeprecationWarning, match="create_prediction"):
        project.create_prediction("{}", data_rows[0], model)


# -- 6. every emulator answer carries a request id -------------------------------------
def test_sdk_errors_from_the_emulator_carry_a_request_id(emu: Emulator, client: Client) -> None:
    with (
        Client(api_key="not-a-key", endpoint=emu.endpoint) as stranger,
        pytest.raises(lbx.AuthenticationError) as refused,
    ):
        stranger.get_projects().get_many(1)
    assert refused.value.request_id and refused.value.request_id.startswith("emu-")
    with pytest.raises(lbx.LabelboxError) as invalid:
        client.execute("query { noSuchField }")
    assert invalid.value.request_id and invalid.value.request_id.startswith("emu-")
    assert invalid.value.request_id != refused.value.request_id


# -- 7. docstrings name the TypedDict of typed keyword arguments -----------------------
def _unpacked_methods() -> Iterator[tuple[str, Callable[..., Any], str]]:
    for cls in (Client, Project, Dataset, DataRow, Label, Webhook, Review):
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            params = inspect.signature(member).parameters.values()
            for param in params:
                found = re.fullmatch(r"Unpack\[(\w+)\]", str(param.annotation))
                if param.kind is param.VAR_KEYWORD and found:
                    yield f"{cls.__name__}.{name}", member, found.group(1)


def test_docstrings_name_the_typeddict_of_their_keywords() -> None:
    methods = list(_unpacked_methods())
    names = {name for name, _, _ in methods}
    assert {"Client.create_project", "Client.create_dataset", "Project.update"} <= names
    assert {"Dataset.create_data_row", "Label.create_review", "DataRow.update"} <= names
    for name, method, params in methods:
        import labelbox.params

        assert params in labelbox.params.__all__, (name, params)
        doc = re.sub(r"\s+", " ", inspect.getdoc(method) or "")
        assert f"labelbox.params.{params}" in doc, name
