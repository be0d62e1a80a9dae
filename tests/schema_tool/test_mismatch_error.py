"""SchemaMismatchError: a server that rejects one of the SDK's own operations."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import respx

from labelbox import Client
from labelbox.exceptions import InvalidQueryError, SchemaMismatchError
from labelbox.schema_tool.sdk import bundled_schema_sdl
from labelbox_emulator import Emulator

from .conftest import rename_field, run_inprocess


@pytest.fixture(scope="module")
def older_server() -> Iterator[Emulator]:
    """An emulator whose Dataset has ``summary`` where the SDK selects ``description``."""
    sdl = rename_field(bundled_schema_sdl(), "Dataset", "description", "summary")
    with Emulator(schema_sdl=sdl) as emu:
        yield emu


def test_sdk_operation_rejected_raises_schema_mismatch(
    older_server: Emulator, no_env_key: None
) -> None:
    with (
        Client(api_key=older_server.api_key, endpoint=older_server.endpoint) as client,
        pytest.raises(SchemaMismatchError) as info,
    ):
        client.get_dataset("some-id")
    error = info.value
    assert isinstance(error, InvalidQueryError)
    assert error.operation == "GetDataset"
    assert "description" in error.server_message
    message = str(error)
    assert "GetDataset" in message and error.server_message in message
    assert f"labelbox-schema check --endpoint {older_server.endpoint}" in message
    assert older_server.api_key not in message


def test_raw_query_keeps_plain_invalid_query_error(
    older_server: Emulator, no_env_key: None
) -> None:
    with (
        Client(api_key=older_server.api_key, endpoint=older_server.endpoint) as client,
        pytest.raises(InvalidQueryError) as info,
    ):
        client.execute('query { dataset(where: {id: "x"}) { description } }')
    assert type(info.value) is InvalidQueryError
    assert not isinstance(info.value, SchemaMismatchError)


def test_check_names_what_the_older_server_rejects(
    older_server: Emulator, no_env_key: None
) -> None:
    run = run_inprocess(
        "check", "--endpoint", older_server.endpoint, "--api-key", older_server.api_key
    )
    assert run.code == 1
    assert "REJECTED GetDataset" in run.out and "Client.get_dataset" in run.out
    assert older_server.api_key not in run.out + run.err


@respx.mock
def test_http_400_without_error_codes_is_a_schema_mismatch_too(no_env_key: None) -> None:
    # A server without Apollo error codes answers invalid documents with a bare HTTP 400.
    endpoint = "https://lb.invalid/graphql"
    respx.post(endpoint).mock(
        return_value=httpx.Response(
            400, json={"errors": [{"message": "Cannot query field 'x' on type 'User'."}]}
        )
    )
    with Client(api_key="k", endpoint=endpoint, max_retries=0) as client:
        with pytest.raises(SchemaMismatchError) as info:
            client.get_user()
        assert info.value.operation == "GetCurrentUser"
        with pytest.raises(Exception) as raw:
            client.execute("query { user { x } }")
        assert not isinstance(raw.value, SchemaMismatchError)
