"""Client: construction, raw queries, top-level getters and creations, files, the
keep-alive connection, and the mapping of every transport fault to labelbox.exceptions."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

import labelbox.client
from labelbox import (
    Client,
    DataRow,
    Dataset,
    LabelingFrontend,
    Organization,
    PaginatedCollection,
    Project,
    User,
)
from labelbox import exceptions as lbx
from labelbox.orm.model import Order
from labelbox_emulator import Emulator

from .conftest import download


# -- construction ------------------------------------------------------------------------
def test_api_key_argument(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    with Client(api_key=emu.api_key, endpoint=emu.endpoint) as client:
        assert client.get_user().email == "admin@example.com"
    # positional, as in the reference's ``Client("<APIKEY>")``
    with Client(emu.api_key, emu.endpoint) as client:
        assert client.get_organization().name


def test_api_key_from_environment(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABELBOX_API_KEY", emu.api_key)
    with Client(endpoint=emu.endpoint) as client:
        assert client.get_user().email == "admin@example.com"


def test_argument_wins_over_environment(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABELBOX_API_KEY", "not-the-key")
    with Client(api_key=emu.api_key, endpoint=emu.endpoint) as client:
        assert client.get_user().email == "admin@example.com"


@pytest.mark.parametrize("env", [None, ""])
def test_no_api_key_raises_authentication_error(
    monkeypatch: pytest.MonkeyPatch, env: str | None
) -> None:
    if env is None:
        monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    else:
        monkeypatch.setenv("LABELBOX_API_KEY", env)
    with pytest.raises(lbx.AuthenticationError):
        Client(endpoint="http://127.0.0.1:9/graphql")


def test_wrong_api_key_raises_authentication_error(emu: Emulator) -> None:
    wrong = "wrong-key-0123456789"
    with Client(api_key=wrong, endpoint=emu.endpoint) as client:
        with pytest.raises(lbx.AuthenticationError) as info:
            client.get_user()
        assert wrong not in str(info.value)
        with pytest.raises(lbx.AuthenticationError):
            client.execute("{ user { id } }")
        with pytest.raises(lbx.AuthenticationError):
            list(client.get_projects())


def test_api_key_with_surrounding_whitespace(emu: Emulator) -> None:
    """A key read from a file keeps its newline; it must still work (not leak)."""
    with Client(api_key=emu.api_key + "\n", endpoint=emu.endpoint) as client:
        assert client.get_user().email == "admin@example.com"


@pytest.mark.parametrize("bad", ["", "   ", "ключ-secret-value", "abc\x00secret-value", "a b"])
def test_malformed_api_key_is_authentication_error_without_echo(bad: str) -> None:
    with pytest.raises(lbx.AuthenticationError) as info:
        Client(api_key=bad, endpoint="http://127.0.0.1:9/graphql").get_user()
    if bad.strip():
        assert bad.strip() not in str(info.value) and bad.strip() not in repr(info.value)


@pytest.mark.parametrize(
    "endpoint",
    ["localhost:8080/graphql", "http://[::1", "ftp://example.com/graphql", "http://h:99999/g"],
)
def test_malformed_endpoint_is_value_error(endpoint: str) -> None:
    with pytest.raises(ValueError):
        Client(api_key="k", endpoint=endpoint)


def test_api_key_of_wrong_type(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(TypeError):
        Client(api_key=123, endpoint="http://127.0.0.1:9/graphql")  # type: ignore[arg-type]


def test_endpoint_from_argument_and_environment(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LABELBOX_ENDPOINT", raising=False)
    with Client(api_key=emu.api_key, endpoint=emu.endpoint) as client:
        assert client.endpoint == emu.endpoint
    with Client(api_key=emu.api_key) as client:
        assert client.endpoint == "https://api.labelbox.com/graphql"
    monkeypatch.setenv("LABELBOX_ENDPOINT", emu.endpoint)
    with Client(api_key=emu.api_key) as client:
        assert client.endpoint == emu.endpoint
        assert client.get_user().email == "admin@example.com"


def test_context_manager_and_close(emu: Emulator) -> None:
    with Client(api_key=emu.api_key, endpoint=emu.endpoint) as client:
        assert isinstance(client, Client)
        client.get_user()
    # A closed client fails with a documented exception, not a raw httpx/RuntimeError.
    with pytest.raises(lbx.LabelboxError):
        client.get_user()
    other = Client(api_key=emu.api_key, endpoint=emu.endpoint)
    other.get_user()
    other.close()
    other.close()  # idempotent


def test_one_keep_alive_connection_serves_every_call(
    client: Client, monkeypatch: pytest.MonkeyPatch, tmp_file: Path
) -> None:
    """Counts TCP connections the client opens (socket.create_connection is how httpcore
    connects) over a mix of queries, mutations, pagination and multipart uploads."""
    opened: list[tuple[str, int]] = []
    real = socket.create_connection

    def counting(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        opened.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", counting)
    client.get_user()
    project = client.create_project(name="keep-alive")
    dataset = client.create_dataset(name="ds", projects=project)
    dataset.create_data_row(row_data=str(tmp_file))
    client.upload_data(b"abc")
    assert len(list(client.get_projects())) == 1
    assert len(list(dataset.data_rows())) == 1
    client.execute("{ organization { id } }")
    assert len(opened) == 1, opened


def test_repr_and_logs_never_show_the_api_key(
    emu: Emulator, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    caplog.set_level(logging.DEBUG)  # root: labelbox, httpx and httpcore loggers too
    client = Client(api_key=emu.api_key, endpoint=emu.endpoint)
    assert emu.api_key not in repr(client)
    assert emu.api_key not in str(vars(client))
    client.get_user()
    project = client.create_project(name="p")
    client.upload_data(b"xyz")
    with pytest.raises(lbx.ResourceNotFoundError) as not_found:
        client.get_project("nope")
    with pytest.raises(lbx.InvalidQueryError) as invalid:
        client.execute("{ nope }")
    client.close()
    with (
        Client(api_key="wrong-key-0123456789", endpoint=emu.endpoint) as wrong,
        pytest.raises(lbx.AuthenticationError),
    ):
        wrong.get_user()
    assert "wrong-key-0123456789" not in caplog.text
    assert caplog.records, "expected DEBUG records"
    assert emu.api_key not in caplog.text
    assert emu.api_key not in repr(project)
    for exc in (not_found.value, invalid.value):
        assert emu.api_key not in str(exc) and emu.api_key not in repr(exc)


# -- execute ---------------------------------------------------------------------------
def test_execute_returns_data(client: Client) -> None:
    result = client.execute("query { user { email } }")
    assert result == {"user": {"email": "admin@example.com"}}
    created = client.execute(
        "mutation($n: String!) { createProject(data: {name: $n}) { id name } }", {"n": "raw"}
    )
    assert created is not None and created["createProject"]["name"] == "raw"
    pid = created["createProject"]["id"]
    fetched = client.execute(
        "query($id: ID!) { project(where: {id: $id}) { name } }", {"id": pid}, timeout=5.0
    )
    assert fetched == {"project": {"name": "raw"}}
    assert client.get_project(pid).name == "raw"


def test_execute_serializes_datetimes(client: Client) -> None:
    project = client.create_project(name="dt")
    when = datetime(2021, 6, 11, 10, 0, 0)
    result = client.execute(
        "mutation($id: ID!, $t: DateTime) "
        "{ updateProject(where: {id: $id}, data: {setupComplete: $t}) { setupComplete } }",
        {"id": project.uid, "t": when},
    )
    assert result is not None
    assert result["updateProject"]["setupComplete"].startswith("2021-06-11T10:00:00")


@pytest.mark.parametrize(
    "query",
    [
        "query { user { id ",  # syntax
        "query { user { noSuchField } }",  # validation
        "query { noSuchRoot }",
        "query($x: Int!) { user { id } }",  # unused variable / missing value
    ],
)
def test_execute_invalid_query(client: Client, query: str) -> None:
    with pytest.raises(lbx.InvalidQueryError):
        client.execute(query)


def test_execute_missing_variable(client: Client) -> None:
    with pytest.raises(lbx.InvalidQueryError):
        client.execute("query($id: ID!) { project(where: {id: $id}) { id } }")


def test_execute_not_found_returns_none(client: Client) -> None:
    result = client.execute(
        'mutation { updateProject(where: {id: "nope"}, data: {name: "x"}) { id } }'
    )
    assert result is None


def test_execute_null_object_is_returned_as_data(client: Client) -> None:
    assert client.execute('query { project(where: {id: "nope"}) { id } }') == {"project": None}


def test_execute_type_check(client: Client) -> None:
    with pytest.raises(TypeError):
        client.execute(42)  # type: ignore[arg-type]


# -- single objects ----------------------------------------------------------------------
def test_get_user_and_organization(client: Client, emu: Emulator) -> None:
    user = client.get_user()
    assert isinstance(user, User)
    assert user.email == "admin@example.com"
    organization = client.get_organization()
    assert isinstance(organization, Organization)
    assert organization.uid == emu.organization_id
    assert isinstance(organization.name, str) and organization.name
    assert user.organization() == organization


def test_get_project_and_dataset(client: Client) -> None:
    project = client.create_project(name="p", description="d")
    dataset = client.create_dataset(name="ds")
    got = client.get_project(project.uid)
    assert isinstance(got, Project) and got == project and got.name == "p"
    got_ds = client.get_dataset(dataset.uid)
    assert isinstance(got_ds, Dataset) and got_ds.uid == dataset.uid and got_ds.name == "ds"


@pytest.mark.parametrize("getter", ["get_project", "get_dataset"])
def test_get_unknown_id_raises_resource_not_found(client: Client, getter: str) -> None:
    with pytest.raises(lbx.ResourceNotFoundError) as info:
        getattr(client, getter)("no-such-id")
    assert "no-such-id" in str(info.value)


def test_deleted_project_stays_readable_by_id_but_leaves_every_list(client: Client) -> None:
    """As the real server does (labelbox 2.6.0 tests/integration/test_project.py)."""
    project = client.create_project(name="p")
    project.delete()
    assert client.get_project(project.uid).uid == project.uid
    assert project.uid not in {p.uid for p in client.get_projects()}
    assert project.uid not in {p.uid for p in client.get_organization().projects()}


def test_other_organizations_objects_are_invisible(client: Client, emu: Emulator) -> None:
    _, other_key = emu.extra_organizations[0]
    with Client(api_key=other_key, endpoint=emu.endpoint) as other:
        foreign = other.create_project(name="foreign")
        assert other.get_user().email != client.get_user().email
    with pytest.raises(lbx.ResourceNotFoundError):
        client.get_project(foreign.uid)
    assert list(client.get_projects()) == []


@pytest.mark.parametrize("getter", ["get_project", "get_dataset"])
def test_get_with_non_string_id_is_type_error(client: Client, getter: str) -> None:
    with pytest.raises(TypeError):
        getattr(client, getter)(123)


# -- collections -------------------------------------------------------------------------
@pytest.fixture
def named_projects(client: Client) -> dict[str, Project]:
    specs = [("alpha", "one"), ("bravo", "two"), ("charlie", "one"), ("delta", "three")]
    return {name: client.create_project(name=name, description=d) for name, d in specs}


def _names(collection: PaginatedCollection[Any]) -> list[str]:
    return [item.name for item in collection]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (lambda: Project.name == "bravo", {"bravo"}),
        (lambda: Project.name != "bravo", {"alpha", "charlie", "delta"}),
        (lambda: Project.name < "bravo", {"alpha"}),
        (lambda: Project.name > "bravo", {"charlie", "delta"}),
        (lambda: Project.name <= "bravo", {"alpha", "bravo"}),
        (lambda: Project.name >= "charlie", {"charlie", "delta"}),
        (lambda: (Project.name == "alpha") & (Project.description == "one"), {"alpha"}),
        (lambda: (Project.name == "alpha") & (Project.description == "two"), set()),
        (
            lambda: (
                (Project.name > "alpha") & (Project.description == "one") & (Project.uid != "x")
            ),
            {"charlie"},
        ),
    ],
)
def test_get_projects_where(
    client: Client,
    named_projects: dict[str, Project],
    where: Callable[[], Any],
    expected: set[str],
) -> None:
    assert set(_names(client.get_projects(where=where()))) == expected


@pytest.mark.parametrize(
    ("where", "refused"),
    [
        (lambda: (Project.name == "alpha") | (Project.name == "delta"), "OR is not supported"),
        (lambda: ~(Project.description == "one"), "NOT is not supported"),
        (lambda: (Project.name > "alpha") & (Project.name < "delta"), "same field"),
        (
            lambda: (Project.name == "a") & ((Project.description == "b") | (Project.uid == "c")),
            "OR",
        ),
    ],
)
def test_where_shapes_the_api_refuses_fail_before_any_request(
    client: Client, where: Callable[[], Any], refused: str
) -> None:
    """The real server accepts AND of conditions on different fields only (labelbox 2.6.0's
    tests/integration/test_filtering.py); the SDK says so without sending anything."""
    with pytest.raises(lbx.InvalidQueryError, match=refused):
        client.get_projects(where=where())


def test_get_projects_without_where_and_deleted_hidden(
    client: Client, named_projects: dict[str, Project]
) -> None:
    projects = client.get_projects()
    assert isinstance(projects, PaginatedCollection)
    assert sorted(_names(projects)) == ["alpha", "bravo", "charlie", "delta"]
    named_projects["alpha"].delete()
    assert sorted(_names(client.get_projects())) == ["bravo", "charlie", "delta"]
    assert _names(client.get_projects(where=Project.name == "alpha")) == []


def test_get_projects_order_by(client: Client, named_projects: dict[str, Project]) -> None:
    asc = _names(client.get_projects(order_by=(Project.name, Order.Asc)))
    assert asc == ["alpha", "bravo", "charlie", "delta"]
    desc = _names(client.get_projects(order_by=Project.name.desc))
    assert desc == ["delta", "charlie", "bravo", "alpha"]
    filtered = client.get_projects(where=Project.description == "one", order_by=Project.name.desc)
    assert _names(filtered) == ["charlie", "alpha"]
    by_created = list(client.get_projects(order_by=(Project.created_at, Project.name.Order.Asc)))
    assert [p.created_at for p in by_created] == sorted(p.created_at for p in by_created)


def test_get_projects_where_on_datetime(client: Client) -> None:
    first = client.create_project(name="first")
    second = client.create_project(name="second")
    assert second.created_at >= first.created_at
    newer = _names(client.get_projects(where=Project.created_at > first.created_at))
    assert "first" not in newer
    assert set(_names(client.get_projects(where=Project.created_at >= first.created_at))) == {
        "first",
        "second",
    }


def test_where_none_on_data_rows(client: Client) -> None:
    dataset = client.create_dataset(name="d")
    dataset.create_data_row(row_data="https://x/1.jpg")
    dataset.create_data_row(row_data="https://x/2.jpg", external_id="e")
    without = list(dataset.data_rows(where=DataRow.external_id == None))  # noqa: E711
    assert [r.row_data for r in without] == ["https://x/1.jpg"]
    with_id = list(dataset.data_rows(where=DataRow.external_id != None))  # noqa: E711
    assert [r.external_id for r in with_id] == ["e"]


def test_get_datasets_where_and_order(client: Client) -> None:
    for name, description in [("d1", "x"), ("d2", "y"), ("d3", "x")]:
        client.create_dataset(name=name, description=description)
    datasets = client.get_datasets(where=(Dataset.name == "d1") & (Dataset.description == "x"))
    assert _names(datasets) == ["d1"]
    assert _names(
        client.get_datasets(where=Dataset.description == "x", order_by=Dataset.name.desc)
    ) == ["d3", "d1"]
    assert sorted(_names(client.get_datasets())) == ["d1", "d2", "d3"]


def test_get_labeling_frontends(client: Client) -> None:
    frontends = client.get_labeling_frontends()
    assert isinstance(frontends, PaginatedCollection)
    names = _names(frontends)
    assert "Editor" in names
    editor = client.get_labeling_frontends(where=LabelingFrontend.name == "Editor")
    [frontend] = list(editor)
    assert isinstance(frontend, LabelingFrontend) and frontend.name == "Editor"
    assert _names(client.get_labeling_frontends(where=LabelingFrontend.name != "Editor")) == [
        n for n in names if n != "Editor"
    ]
    assert _names(client.get_labeling_frontends(order_by=LabelingFrontend.name.asc)) == sorted(
        names
    )


def test_get_projects_paginates_over_100(client: Client) -> None:
    for i in range(205):
        client.create_project(name=f"p{i:03d}")
    projects = client.get_projects(order_by=Project.name.asc)
    names = _names(projects)
    assert names == [f"p{i:03d}" for i in range(205)]
    assert _names(projects) == names  # re-iterable


# -- where/order_by checked before any request -----------------------------------------
@pytest.fixture
def offline_client() -> Iterator[tuple[Client, list[httpx.Request]]]:
    """A client whose transport records requests and answers 500: a call that raises
    TypeError/ValueError/InvalidAttributeError with no request recorded was checked
    locally."""
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500, text="should not be called")

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = Client(api_key="k", endpoint="http://emulator.invalid/graphql", http_client=http)
    yield client, sent
    client.close()


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: c.get_projects(where=Dataset.name == "x"), lbx.InvalidAttributeError),
        (lambda c: c.get_datasets(where=Project.name == "x"), lbx.InvalidAttributeError),
        (lambda c: c.get_projects(order_by=(Dataset.name, Order.Asc)), lbx.InvalidAttributeError),
        (lambda c: c.get_projects(where=Project.name == 5), TypeError),
        (lambda c: c.get_projects(where=Project.created_at > "yesterday"), TypeError),
        (lambda c: c.get_projects(where="name = x"), TypeError),
        (lambda c: c.get_projects(order_by=Project.name), TypeError),
        (lambda c: c.get_projects(order_by=(Project.name, "ASC")), TypeError),
        (lambda c: c.create_project(nme="typo"), lbx.InvalidAttributeError),
        (lambda c: c.create_project(name=5), TypeError),
        (lambda c: c.create_dataset(name="x", projects=42), TypeError),
        (lambda c: c.create_dataset(name="x", data_row_count=3), lbx.InvalidAttributeError),
        (lambda c: c.create_dataset(name="x", uid="custom-id"), lbx.InvalidAttributeError),
        (lambda c: c.get_project(None), TypeError),
        (lambda c: c.upload_data(12), TypeError),
    ],
)
def test_local_argument_checks_send_nothing(
    offline_client: tuple[Client, list[httpx.Request]],
    call: Callable[[Client], Any],
    error: type[Exception],
) -> None:
    client, sent = offline_client
    with pytest.raises(error):
        collection = call(client)
        list(collection)
    assert sent == []


def test_upload_missing_local_file(client: Client, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        client.upload_file(tmp_path / "missing.jpg")


# -- creation ----------------------------------------------------------------------------
def test_create_project(client: Client) -> None:
    project = client.create_project(name="Project X", description="desc")
    assert isinstance(project, Project)
    assert project.name == "Project X" and project.description == "desc"
    assert isinstance(project.uid, str) and project.uid
    assert isinstance(project.created_at, datetime)
    assert project.created_by() == client.get_user()


def test_create_project_with_field_objects_as_keys(client: Client) -> None:
    project = client._create(Project, {Project.name: "by field", Project.description: "d"})
    assert isinstance(project, Project) and project.name == "by field"
    # a Field of another entity is refused (Field.__eq__ must not fool the check)
    with pytest.raises(lbx.InvalidAttributeError):
        client._create(Project, {Project.name: "x", Dataset.name: "y"})
    assert [p.name for p in client.get_projects()] == ["by field"]


def test_create_dataset_connected_to_projects(client: Client) -> None:
    p1 = client.create_project(name="p1")
    p2 = client.create_project(name="p2")
    one = client.create_dataset(name="one", projects=p1)
    assert isinstance(one, Dataset)
    assert list(one.projects()) == [p1]
    assert list(p1.datasets()) == [one]
    many = client.create_dataset(name="many", projects=[p1, p2])
    assert {p.name for p in many.projects()} == {"p1", "p2"}
    assert {d.name for d in p1.datasets()} == {"one", "many"}


@pytest.mark.parametrize("create", ["create_project", "create_dataset"])
def test_create_unknown_attribute(client: Client, create: str) -> None:
    with pytest.raises(lbx.InvalidAttributeError) as info:
        getattr(client, create)(name="x", no_such_field=1)
    assert "no_such_field" in str(info.value)
    assert list(client.get_projects()) == [] and list(client.get_datasets()) == []


# -- files -------------------------------------------------------------------------------
def test_upload_file_then_download(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello labelbox")
    url = client.upload_file(str(path))
    assert url.startswith("http://127.0.0.1:")
    assert download(url) == b"hello labelbox"
    assert download(client.upload_file(path)) == b"hello labelbox"  # Path too
    response = httpx.get(url)
    assert response.headers["content-type"].startswith("text/plain")


def test_upload_data_then_download(client: Client, emu: Emulator) -> None:
    url = client.upload_data(b"\x00\x01binary", filename="blob.bin")
    assert download(url) == b"\x00\x01binary"
    url = client.upload_data("text ü", content_type="text/plain")
    assert download(url) == "text ü".encode()
    signed = client.upload_data(b"signed", sign=True)
    assert download(signed) == b"signed"
    assert all(emu.api_key not in u for u in (url, signed))


# -- transport faults --------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_connection_refused_is_network_error() -> None:
    endpoint = f"http://127.0.0.1:{_free_port()}/graphql"
    with Client(api_key="secret-key-123", endpoint=endpoint, max_retries=1) as client:
        with pytest.raises(lbx.NetworkError) as info:
            client.get_user()
        with pytest.raises(lbx.NetworkError):
            client.execute("{ user { id } }")
    assert "secret-key-123" not in str(info.value)
    assert not isinstance(info.value, httpx.HTTPError)


def test_server_gone_mid_pagination_is_network_error() -> None:
    with (
        Emulator() as running,
        Client(api_key=running.api_key, endpoint=running.endpoint, max_retries=0) as client,
    ):
        for i in range(101):
            client.create_project(name=f"p{i}")
        projects = iter(client.get_projects())
        first = next(projects)
        assert first.name == "p0"
        running.stop()
        with pytest.raises(lbx.NetworkError):
            list(projects)  # the second page
        with pytest.raises(lbx.NetworkError):
            client.create_project(name="after")


def test_wrong_api_key_on_upload(emu: Emulator, tmp_file: Path) -> None:
    with Client(api_key="wrong-key-0123456789", endpoint=emu.endpoint) as client:
        with pytest.raises(lbx.AuthenticationError):
            client.upload_data(b"data")
        with pytest.raises(lbx.AuthenticationError):
            client.upload_file(tmp_file)


def test_unresponsive_server_is_timeout_error() -> None:
    """A real listening socket that accepts and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    port = server.getsockname()[1]
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        with Client(api_key="k", endpoint=f"http://127.0.0.1:{port}/graphql", timeout=0.3) as c:
            with pytest.raises(lbx.TimeoutError):
                c.execute("{ user { id } }", timeout=0.2)
            with pytest.raises(lbx.TimeoutError):
                c.get_user()
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        server.close()


def _mock_client(
    handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any
) -> tuple[Client, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    http = httpx.Client(transport=httpx.MockTransport(record))
    client = Client(api_key="k", endpoint="http://lb.invalid/graphql", http_client=http, **kwargs)
    return client, seen


@pytest.mark.parametrize("status", [502, 503])
def test_non_json_gateway_error_is_internal_server_error(status: int) -> None:
    client, seen = _mock_client(
        lambda r: httpx.Response(status, text="<html>Bad Gateway</html>"), max_retries=0
    )
    with pytest.raises(lbx.InternalServerError):
        client.get_user()
    with pytest.raises(lbx.InternalServerError):
        client.execute("{ user { id } }")
    assert len(seen) == 2


def test_gateway_error_is_retried(monkeypatch: pytest.MonkeyPatch, emu: Emulator) -> None:
    monkeypatch.setattr("labelbox._transport.time.sleep", lambda s: None)
    answers = [httpx.Response(502, text="bad gateway")]

    def handler(request: httpx.Request) -> httpx.Response:
        if answers:
            return answers.pop()
        return httpx.Response(200, json={"data": {"user": _user_json(emu)}})

    client, seen = _mock_client(handler, max_retries=2)
    assert client.get_user().email == "admin@example.com"
    assert len(seen) == 2


def _user_json(emu: Emulator) -> dict[str, Any]:
    with Client(api_key=emu.api_key, endpoint=emu.endpoint) as real:
        user = real.get_user()
    return json.loads(user._model.model_dump_json(by_alias=True))


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (
            {"errors": [{"message": "no", "extensions": {"code": "AUTHORIZATION_ERROR"}}]},
            200,
            lbx.AuthorizationError,
        ),
        (
            {"errors": [{"message": "boom", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]},
            200,
            lbx.InternalServerError,
        ),
        (
            {
                "errors": [
                    {
                        "message": "Query complexity limit exceeded",
                        "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
                    }
                ]
            },
            400,
            lbx.ValidationFailedError,
        ),
        ({"message": "You have exceeded the API limit"}, 200, lbx.ApiLimitError),
        ({"errors": [{"message": "weird"}]}, 200, lbx.LabelboxError),
        ([1, 2, 3], 200, lbx.LabelboxError),
        ({"data": None}, 200, lbx.LabelboxError),
        ({"data": {"user": {"id": 5}}}, 200, lbx.LabelboxError),  # malformed for the model
    ],
)
def test_error_bodies_map_to_documented_exceptions(
    body: Any, status: int, error: type[Exception]
) -> None:
    client, _ = _mock_client(lambda r: httpx.Response(status, json=body), max_retries=0)
    with pytest.raises(error):
        client.get_user()


def test_non_json_200_is_labelbox_error() -> None:
    client, _ = _mock_client(lambda r: httpx.Response(200, text="not json"), max_retries=0)
    with pytest.raises(lbx.LabelboxError):
        client.get_organization()


def test_rate_limit_is_api_limit_error() -> None:
    with (
        Emulator(rate_limit="3/60") as emu,
        Client(api_key=emu.api_key, endpoint=emu.endpoint, max_retries=0) as client,
    ):
        with pytest.raises(lbx.ApiLimitError) as info:
            for _ in range(10):
                client.get_user()
        assert emu.api_key not in str(info.value)


def test_exceptions_module_names() -> None:
    names = [
        "ApiLimitError",
        "AuthenticationError",
        "AuthorizationError",
        "InternalServerError",
        "InvalidAttributeError",
        "InvalidQueryError",
        "LabelboxError",
        "MALValidationError",
        "NetworkError",
        "ResourceNotFoundError",
        "TimeoutError",
        "UuidError",
        "ValidationFailedError",
    ]
    for name in names:
        cls = getattr(lbx, name)
        assert issubclass(cls, lbx.LabelboxError) and issubclass(cls, Exception), name
    assert not issubclass(lbx.LabelboxError, lbx.InvalidQueryError)
    for name in ("InconsistentOntologyException", "MalformedQueryException"):
        cls = getattr(lbx, name)
        assert issubclass(cls, Exception) and not issubclass(cls, lbx.LabelboxError)
    # documented constructor signatures
    assert str(lbx.LabelboxError("msg")) == "msg"
    err = lbx.LabelboxError("msg", ValueError("why"))
    assert err.message == "msg" and isinstance(err.cause, ValueError)
    assert isinstance(lbx.NetworkError(OSError("refused")), lbx.LabelboxError)
    assert "Project" in str(lbx.ResourceNotFoundError(Project, {"id": "x"}))
    invalid = lbx.InvalidAttributeError(Project, "nme")
    assert invalid.db_object_type is Project and invalid.field == "nme"
    assert "nme" in str(invalid)
    for cls in (lbx.ApiLimitError, lbx.AuthenticationError, lbx.TimeoutError, lbx.UuidError):
        assert str(cls("m")) == "m"
    lbx.InconsistentOntologyException()
    lbx.MalformedQueryException()
    assert labelbox.client.Client is Client
