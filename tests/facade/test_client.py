"""Client: construction, raw queries, top-level getters and creations, files and the
keep-alive connection. The top-level collections are in test_client_collections.py, the
mapping of every transport fault to labelbox.exceptions in test_client_faults.py."""

from __future__ import annotations

import logging
import socket
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from labelbox import Client, Dataset, Organization, Project, User
from labelbox import exceptions as lbx
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
