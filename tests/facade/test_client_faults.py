"""Client: the mapping of every transport fault (refused connections, a server gone
mid-pagination, timeouts, gateway and error bodies, rate limits) to labelbox.exceptions."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import labelbox.client
from labelbox import Client, Project
from labelbox import exceptions as lbx
from labelbox_emulator import Emulator


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
    monkeypatch.setattr("labelbox._http.loop.time.sleep", lambda s: None)
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
