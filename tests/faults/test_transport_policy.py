"""The retry decision and the error mapping, for what the emulator cannot produce
(httpx.MockTransport): connect failures, Retry-After dates and long waits, deadlines,
status/body combinations, and what an exception lets a caller reach."""

from __future__ import annotations

import email.utils
import gzip
import json
import math
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from labelbox import Client
from labelbox import exceptions as lbx
from labelbox._retry import (
    Attempt,
    RetryPolicy,
    decide,
    operation_kind,
    parse_retry_after,
)

KEY = "sk-secret-key-0123456789"
ENDPOINT = "https://lb.invalid/graphql"
USER = {
    "id": "u1",
    "email": "a@b.c",
    "name": "A",
    "nickname": None,
    "createdAt": "2021-01-01T00:00:00Z",
    "updatedAt": "2021-01-01T00:00:00Z",
    "isViewer": True,
    "isExternalUser": False,
    "intercomHash": None,
    "picture": None,
}
MUTATION = 'mutation CreateThing { createProject(data: {name: "x"}) { id } }'
QUERY = "query GetThing { user { id } }"
OK = {"data": {"ok": True}}

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport client answering from a script of responses/exceptions."""

    def __init__(self, *script: httpx.Response | Exception | Handler) -> None:
        self.script = list(script)
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        step = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(step, Exception):
            raise step
        if callable(step) and not isinstance(step, httpx.Response):
            return step(request)
        return step

    def client(self, **options: Any) -> Client:
        http = httpx.Client(transport=httpx.MockTransport(self))
        return Client(api_key=KEY, endpoint=ENDPOINT, http_client=http, **options)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """Records the SDK's waits instead of sleeping."""
    waited: list[float] = []
    monkeypatch.setattr("labelbox._http.loop.time.sleep", waited.append)
    yield waited


def html(status: int) -> httpx.Response:
    return httpx.Response(status, text=f"<html><body><h1>{status}</h1></body></html>")


def gql_error(code: str, status: int = 200) -> httpx.Response:
    return httpx.Response(
        status, json={"errors": [{"message": "boom", "extensions": {"code": code}}], "data": None}
    )


# -- the document's operation kind -------------------------------------------------------
@pytest.mark.parametrize(
    ("document", "name", "kind"),
    [
        ("{ user { id } }", None, "query"),
        ("  # mutation in a comment\n query Q { a }", None, "query"),
        ("\ufeffmutation { a }", None, "mutation"),
        ('mutation M($a: String = "query") { a(x: {b: 1}) }', None, "mutation"),
        ("fragment F on User { id } query Q { ...F }", None, "query"),
        ("fragment F on User { id } mutation M { a { ...F } }", None, "mutation"),
        ('"""doc""" mutation M { a }', None, "mutation"),
        ("query A { a } mutation B { b }", "A", "query"),
        ("query A { a } mutation B { b }", "B", "mutation"),
        ("query A { a } mutation B { b }", None, "mutation"),
        ("subscription S { s }", None, "subscription"),
        ("", None, "mutation"),
        ("not graphql", None, "mutation"),
    ],
)
def test_operation_kind(document: str, name: str | None, kind: str) -> None:
    assert operation_kind(document, name) == kind


# -- the decision -------------------------------------------------------------------------
def test_backoff_is_exponential_capped_with_jitter() -> None:
    policy = RetryPolicy(backoff_base=0.5, backoff_cap=8.0)
    for retry, full in [(1, 0.5), (2, 1.0), (3, 2.0), (5, 8.0), (9, 8.0)]:
        delays = [policy.backoff(retry) for _ in range(200)]
        assert all(0.75 * full <= d <= full for d in delays)
        assert max(delays) - min(delays) > 0.01 * full  # jittered


def test_retry_after_seconds_ms_and_date() -> None:
    now = time.time()
    assert parse_retry_after({"retry-after": "7"}) == 7
    assert parse_retry_after({"retry-after": "1.5"}) == 1.5
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert 28 <= (parse_retry_after({"retry-after": date}, now) or 0) <= 30
    past = email.utils.formatdate(now - 30, usegmt=True)
    assert parse_retry_after({"retry-after": past}, now) == 0
    assert parse_retry_after({"retry-after": "soon"}) is None
    assert parse_retry_after({}) is None


@pytest.mark.parametrize(
    ("attempt", "query_retry", "mutation_retry", "unknown"),
    [
        (Attempt(problem="not_sent"), True, True, False),
        (Attempt(problem="no_response"), True, False, True),
        (Attempt(problem="timeout"), True, False, True),
        (Attempt(status=200, problem="truncated"), True, False, True),
        (Attempt(status=200, problem="undecodable"), True, False, True),
        (Attempt(status=200, problem="malformed"), True, False, True),
        (Attempt(status=429, problem="malformed"), True, True, False),
        (Attempt(status=503, problem="malformed"), True, True, False),
        (Attempt(status=503, body={"message": "down"}), True, True, False),
        (Attempt(status=502, body={"message": "bad"}), True, False, True),
        (Attempt(status=504, problem="malformed"), True, False, True),
        (Attempt(status=500, problem="malformed"), True, False, True),
        (Attempt(status=408, problem="malformed"), True, False, True),
        (Attempt(status=200, body={"message": "You have exceeded the limit"}), True, True, False),
        (
            Attempt(
                status=200, body={"errors": [{"extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}
            ),
            True,
            False,
            True,
        ),
        (
            Attempt(
                status=200,
                body={
                    "errors": [
                        {
                            "message": "Syntax Error: x",
                            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                        }
                    ]
                },
            ),
            False,
            False,
            False,
        ),
        (
            Attempt(status=200, body={"errors": [{"extensions": {"code": "RESOURCE_NOT_FOUND"}}]}),
            False,
            False,
            False,
        ),
        (Attempt(status=401, problem="malformed"), False, False, False),
        (Attempt(status=404, problem="malformed"), False, False, False),
        (Attempt(status=413, problem="malformed"), False, False, False),
        (Attempt(problem="invalid_url"), False, False, False),
    ],
)
def test_decision_table(
    attempt: Attempt, query_retry: bool, mutation_retry: bool, unknown: bool
) -> None:
    policy = RetryPolicy()
    query = decide(attempt, repeatable=True, retries_done=0, policy=policy, remaining=None)
    mutation = decide(attempt, repeatable=False, retries_done=0, policy=policy, remaining=None)
    assert query.retry is query_retry
    assert mutation.retry is mutation_retry
    assert mutation.outcome_unknown is unknown
    assert not query.outcome_unknown


def test_decision_limits() -> None:
    policy = RetryPolicy(max_retries=2, max_retry_after=60)
    limited = Attempt(status=429, headers={"retry-after": "5"}, body={})
    assert (
        decide(limited, repeatable=False, retries_done=0, policy=policy, remaining=None).delay == 5
    )
    assert not decide(limited, repeatable=True, retries_done=2, policy=policy, remaining=None).retry
    # never past the deadline
    late = decide(limited, repeatable=True, retries_done=0, policy=policy, remaining=4.0)
    assert not late.retry and late.retry_after == 5 and late.reason == "deadline reached"
    # a wait longer than max_retry_after ends the retries
    long = Attempt(status=429, headers={"retry-after": "3600"}, body={})
    verdict = decide(long, repeatable=True, retries_done=0, policy=policy, remaining=None)
    assert not verdict.retry and verdict.retry_after == 3600


# -- through the Client ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(502, json={"message": "Bad gateway"}),
        httpx.Response(503, json={"message": "unavailable"}),
        httpx.Response(504, json={"message": "timeout"}),
        html(500),
        html(502),
        html(408),
        html(429),
        gql_error("INTERNAL_SERVER_ERROR"),
        httpx.Response(200, text="<html>oops</html>"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.ConnectError("refused"),
    ],
)
def test_query_failures_are_retried(
    sleeps: list[float], failure: httpx.Response | Exception
) -> None:
    recorder = Recorder(failure, failure, httpx.Response(200, json={"data": {"user": USER}}))
    with recorder.client() as client:
        assert client.get_user().email == "a@b.c"
    assert len(recorder.seen) == 3 and len(sleeps) == 2


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(502, json={"message": "Bad gateway"}),
        httpx.Response(504, text="<html>504</html>"),
        html(500),
        gql_error("INTERNAL_SERVER_ERROR"),
        httpx.Response(200, text='{"data": {"createProject": {"id"'),
        httpx.ReadTimeout("slow"),
        httpx.ReadError("connection reset by peer"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
    ],
)
def test_mutation_failures_that_may_have_applied_are_not_retried(
    sleeps: list[float], failure: httpx.Response | Exception
) -> None:
    recorder = Recorder(failure, httpx.Response(200, json=OK))
    with recorder.client() as client, pytest.raises(lbx.WriteOutcomeUnknownError) as info:
        client.execute(MUTATION)
    assert len(recorder.seen) == 1 and sleeps == []
    error = info.value
    assert error.operation == "CreateThing" and error.retries == 0
    assert "may have been applied" in str(error) and "CreateThing" in str(error)
    if isinstance(failure, httpx.Response):
        assert error.status == failure.status_code
    if failure is not None and isinstance(failure, httpx.Response) and failure.status_code == 200:
        assert error.codes in ((), ("INTERNAL_SERVER_ERROR",))


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("no route"),
        httpx.Response(503, text="<html>503</html>"),
        httpx.Response(429, json={"message": "You have exceeded the rate limit"}),
        httpx.Response(200, json={"message": "You have exceeded the API limit"}),
    ],
)
def test_mutation_failures_that_prove_nothing_was_applied_are_retried(
    sleeps: list[float], failure: httpx.Response | Exception
) -> None:
    recorder = Recorder(failure, httpx.Response(200, json=OK))
    with recorder.client() as client:
        assert client.execute(MUTATION) == {"ok": True}
    assert len(recorder.seen) == 2 and len(sleeps) == 1


def test_idempotent_mutation_is_retried_like_a_query(sleeps: list[float]) -> None:
    recorder = Recorder(html(502), httpx.Response(200, json=OK))
    with recorder.client() as client:
        assert client.execute(MUTATION, idempotent=True) == {"ok": True}
    assert len(recorder.seen) == 2


def test_request_id_status_and_codes_are_kept(sleeps: list[float]) -> None:
    failure = httpx.Response(
        200,
        headers={"x-request-id": "req-42"},
        json={"errors": [{"message": "boom", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]},
    )
    with Recorder(failure).client() as client:
        with pytest.raises(lbx.WriteOutcomeUnknownError) as unknown:
            client.execute(MUTATION)
        with pytest.raises(lbx.InternalServerError) as server:
            client.execute(QUERY)
    for error in (unknown.value, server.value):
        assert error.status == 200 and error.request_id == "req-42"
        assert error.codes == ("INTERNAL_SERVER_ERROR",)
    assert "req-42" in str(unknown.value)
    assert server.value.retries == 2 and server.value.operation == "GetThing"


def test_retry_after_date_is_honoured(sleeps: list[float]) -> None:
    date = email.utils.formatdate(time.time() + 3, usegmt=True)
    limited = httpx.Response(429, headers={"Retry-After": date}, json={"message": "slow down"})
    recorder = Recorder(limited, httpx.Response(200, json=OK))
    with recorder.client() as client:
        assert client.execute(QUERY) == {"ok": True}
    assert len(sleeps) == 1 and 1.5 <= sleeps[0] <= 3


def test_long_retry_after_never_blocks_past_the_deadline(sleeps: list[float]) -> None:
    limited = httpx.Response(429, headers={"Retry-After": "3600"}, text="slow down")
    with Recorder(limited).client() as client:
        started = time.monotonic()
        with pytest.raises(lbx.ApiLimitError) as info:
            client.execute(QUERY, timeout=5)
        assert time.monotonic() - started < 1
    assert sleeps == [] and info.value.retry_after == 3600 and info.value.status == 429
    assert "3600" in str(info.value)
    # a wait the server asks for that fits max_retry_after but not the deadline
    limited = httpx.Response(503, headers={"Retry-After": "30"}, text="down")
    with Recorder(limited).client(deadline=10) as client, pytest.raises(lbx.InternalServerError):
        client.get_user()
    assert sleeps == []


def test_deadline_bounds_the_whole_call() -> None:
    """Real sleeps: answers of 503 with a 0.2 s Retry-After, deadline 0.5 s."""
    down = httpx.Response(503, headers={"Retry-After": "0.2"}, json={"message": "down"})
    recorder = Recorder(down)
    with recorder.client(max_retries=50, deadline=0.5) as client:
        started = time.monotonic()
        with pytest.raises(lbx.InternalServerError):
            client.get_user()
        elapsed = time.monotonic() - started
    assert elapsed < 1.0 and 2 <= len(recorder.seen) <= 4


def test_per_call_options(sleeps: list[float]) -> None:
    recorder = Recorder(html(502))
    with recorder.client(max_retries=3) as client:
        with pytest.raises(lbx.InternalServerError):
            client.execute(QUERY, max_retries=0)
        assert len(recorder.seen) == 1
        with pytest.raises(lbx.InternalServerError):
            client._gen.get_current_user(max_retries=1)
        assert len(recorder.seen) == 3
        with pytest.raises(lbx.InternalServerError):
            client.get_user()
        assert len(recorder.seen) == 7
        with pytest.raises(TypeError, match="bogus"):
            client._gen.get_current_user(bogus=1)


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, lbx.AuthenticationError),
        (403, lbx.AuthorizationError),
        (404, lbx.LabelboxError),
        (413, lbx.LabelboxError),
        (400, lbx.LabelboxError),
    ],
)
def test_html_error_pages_map_to_documented_exceptions(
    sleeps: list[float], status: int, error: type[lbx.LabelboxError]
) -> None:
    recorder = Recorder(html(status))
    with recorder.client() as client, pytest.raises(error) as info:
        client.get_user()
    assert len(recorder.seen) == 1  # not retried
    assert info.value.status == status and str(status) in str(info.value)
    assert "Failed to parse response as JSON" not in str(info.value)
    assert not isinstance(info.value, lbx.ResourceNotFoundError)


def test_broken_gzip_and_deep_json_are_documented_errors(sleeps: list[float]) -> None:
    packed = gzip.compress(json.dumps(OK).encode())
    broken = packed[:10] + bytes(b ^ 0x5A for b in packed[10:-8]) + packed[-8:]

    def bad_gzip(request: httpx.Request) -> httpx.Response:
        stream = httpx.ByteStream(broken)
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=stream)

    deep = httpx.Response(200, content=b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    for failure in (bad_gzip, deep):
        with Recorder(failure).client() as client:
            with pytest.raises(lbx.LabelboxError) as info:
                client.execute(QUERY)
            assert type(info.value) is lbx.LabelboxError and info.value.retries == 2
            assert info.value.__cause__ is None and info.value.__context__ is None
            with pytest.raises(lbx.WriteOutcomeUnknownError):
                client.execute(MUTATION)


# -- secrets -------------------------------------------------------------------------------
def _reachable(root: object, depth: int = 6) -> Iterator[object]:
    """Every object reachable from an exception through causes, contexts, args and
    attributes (what a caller or a traceback printer can get at)."""
    seen: set[int] = set()
    todo: list[tuple[object, int]] = [(root, 0)]
    while todo:
        obj, level = todo.pop()
        if id(obj) in seen or level > depth:
            continue
        seen.add(id(obj))
        yield obj
        children: list[object] = []
        if isinstance(obj, BaseException):
            children += [obj.__cause__, obj.__context__, *obj.args]
        if isinstance(obj, (list, tuple, set)):
            children += list(obj)
        if isinstance(obj, dict):
            children += list(obj.values())
        children += list(getattr(obj, "__dict__", {}).values())
        todo += [(child, level + 1) for child in children if child is not None]


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        httpx.ReadError("reset"),
        html(502),
        httpx.Response(401, json={"errors": [{"extensions": {"code": "AUTHENTICATION_ERROR"}}]}),
    ],
)
def test_no_path_from_an_exception_to_the_key(
    sleeps: list[float], failure: httpx.Response | Exception
) -> None:
    for document in (QUERY, MUTATION):
        with (
            Recorder(failure).client(max_retries=1) as client,
            pytest.raises(lbx.LabelboxError) as info,
        ):
            client.execute(document)
        for obj in _reachable(info.value):
            assert not isinstance(obj, (httpx.Request, httpx.Response, httpx.HTTPError))
            assert KEY not in repr(obj)
        assert info.value.__traceback__ is not None
        assert KEY not in "".join(__import__("traceback").format_exception(info.value))


def test_callers_http_client_is_left_untouched() -> None:
    recorder = Recorder(httpx.Response(200, json={"data": {"user": USER}}))
    http = httpx.Client(transport=httpx.MockTransport(recorder), headers={"X-Mine": "1"})
    before = dict(http.headers)
    with Client(api_key=KEY, endpoint=ENDPOINT, http_client=http) as client:
        client.get_user()
        assert KEY not in repr(client) and KEY not in str(vars(client))
        assert KEY not in repr(vars(client._transport))
    assert dict(http.headers) == before and "authorization" not in http.headers
    [sent] = recorder.seen
    assert sent.headers["authorization"] == f"Bearer {KEY}" and sent.headers["x-mine"] == "1"


# -- argument checks, before any request ------------------------------------------------
@pytest.mark.parametrize(
    ("options", "error", "shown"),
    [
        ({"timeout": "x"}, TypeError, "'x'"),
        ({"timeout": None}, TypeError, "None"),
        ({"timeout": -1}, ValueError, "-1"),
        ({"timeout": math.nan}, ValueError, "nan"),
        ({"timeout": math.inf}, ValueError, "inf"),
        ({"timeout": 0}, ValueError, "0"),
        ({"max_retries": 1.5}, TypeError, "1.5"),
        ({"max_retries": "2"}, TypeError, "'2'"),
        ({"max_retries": True}, TypeError, "True"),
        ({"max_retries": -1}, ValueError, "-1"),
        ({"deadline": "soon"}, TypeError, "'soon'"),
        ({"deadline": -5}, ValueError, "-5"),
        ({"deadline": 0}, ValueError, "0"),
        ({"backoff_base": -0.1}, ValueError, "-0.1"),
        ({"backoff_cap": "8"}, TypeError, "'8'"),
        ({"http_client": "not a client"}, TypeError, "not a client"),
    ],
)
def test_option_checks(options: dict[str, Any], error: type[Exception], shown: str) -> None:
    with pytest.raises(error) as info:
        Client(api_key=KEY, endpoint=ENDPOINT, **options)
    assert shown in str(info.value)


def test_per_call_option_checks() -> None:
    recorder = Recorder(httpx.Response(200, json=OK))
    with recorder.client() as client:
        for bad in ("x", -1, math.nan):
            with pytest.raises((TypeError, ValueError)):
                client.execute(QUERY, timeout=bad)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            client.execute(QUERY, max_retries="3")  # type: ignore[arg-type]
    assert recorder.seen == []


# -- plain http --------------------------------------------------------------------------
def test_plain_http_to_a_remote_host_warns() -> None:
    with pytest.warns(UserWarning, match="plain http"):
        Client(api_key=KEY, endpoint="http://api.example.com/graphql").close()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for endpoint in (
            "http://127.0.0.1:9/graphql",
            "http://localhost:8080/graphql",
            "http://[::1]:8080/graphql",
            "https://api.example.com/graphql",
        ):
            Client(api_key=KEY, endpoint=endpoint).close()
