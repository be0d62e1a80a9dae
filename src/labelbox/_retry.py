"""The one retry decision of the SDK, made from what came back before any exception is
built: the HTTP status, headers and body (or the way the exchange failed) together with
whether the operation is a query or a mutation.

The policy itself (queries retried freely; a mutation only when it cannot have been
applied, else :class:`labelbox.exceptions.WriteOutcomeUnknownError`, also when every
retry of an idempotent one failed after one may have applied it; the delays) is
stated once, for users, in ``docs/guides/retries-timeouts-logging.md``; this module is
its implementation, and :mod:`labelbox._http.loop` the one loop that applies it.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import random
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

OperationKind = Literal["query", "mutation", "subscription"]

#: Mutations that are safe to send twice: a repetition leaves no duplicate a user can
#: see. ``UploadFile`` stores a new blob under a new URL (the lost one is never
#: referenced); ``ExportLabels`` starts or polls the project's one export.
SAFE_TO_REPEAT: frozenset[str] = frozenset({"UploadFile", "ExportLabels"})

#: How an exchange failed before a usable answer arrived.
#: ``not_sent``: connecting failed, or the request could not be written completely:
#: the server cannot have applied it. ``no_response``: the request was sent and the
#: connection dropped before an answer. ``timeout``: sent, no answer in time.
#: ``truncated``/``undecodable``/``malformed``: an answer arrived (status known) but its
#: body was cut short, failed content decoding (e.g. broken gzip), or is not JSON.
#: ``invalid_url``: the endpoint cannot be requested at all (never retried).
Problem = Literal[
    "not_sent", "no_response", "timeout", "truncated", "undecodable", "malformed", "invalid_url"
]

#: A retry needs at least this many seconds left before the deadline after its wait
#: (an attempt cut to a sliver of time would only time out).
MIN_ATTEMPT_SECONDS = 0.1

#: Statuses retried for queries.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: Statuses retried for mutations too: the server says it did not process the request.
NOT_PROCESSED_STATUSES = frozenset({429, 503})


def check_seconds(name: str, value: object, *, allow_none: bool = False) -> float | None:
    """``value`` as a float number of seconds: TypeError unless a real number (bools
    refused), ValueError if negative, NaN or infinite; ``None`` passes if allowed."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, got {value!r}")
    seconds = float(value)
    if math.isnan(seconds) or math.isinf(seconds) or seconds < 0:
        raise ValueError(f"{name} must be a finite number of seconds >= 0, got {value!r}")
    return seconds


def check_retries(value: object) -> int:
    """``max_retries`` as an int >= 0 (TypeError/ValueError naming the value)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_retries must be an int, got {value!r}")
    if value < 0:
        raise ValueError(f"max_retries must be >= 0, got {value!r}")
    return value


@dataclass(frozen=True)
class RetryPolicy:
    """Retry settings; the defaults below are the SDK's, in one place.

    Attributes:
        max_retries: further attempts after the first one (0: never retry).
        deadline: overall seconds a call may take, every attempt and wait included;
            ``None``: no overall limit beyond the attempts' own timeouts.
        backoff_base: delay before the first retry, doubled for each further one.
        backoff_cap: the longest backoff delay.
        max_retry_after: the longest ``Retry-After`` the SDK waits; a server asking
            for more ends the retries (the error carries ``retry_after``).
    """

    max_retries: int = 2
    deadline: float | None = 120.0
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        check_retries(self.max_retries)
        if check_seconds("deadline", self.deadline, allow_none=True) == 0:
            raise ValueError(f"deadline must be > 0 seconds, got {self.deadline!r}")
        check_seconds("backoff_base", self.backoff_base)
        check_seconds("backoff_cap", self.backoff_cap)
        check_seconds("max_retry_after", self.max_retry_after)
        for name in ("deadline", "backoff_base", "backoff_cap", "max_retry_after"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, float(value))

    def with_overrides(self, **overrides: Any) -> RetryPolicy:
        """A copy with the given (non-None) settings replaced, checked."""
        given = {key: value for key, value in overrides.items() if value is not None}
        return dataclasses.replace(self, **given) if given else self

    def backoff(self, retry: int, rng: random.Random | None = None) -> float:
        """Delay before retry number ``retry`` (1-based): exponential, capped, with up
        to 25 % downward jitter."""
        delay = min(self.backoff_base * 2.0 ** (retry - 1), self.backoff_cap)
        jitter: float = (rng or random).random()
        return delay * (1 - 0.25 * jitter)


@dataclass
class Attempt:
    """What one HTTP exchange produced, before any exception is built.

    ``status`` is None when no answer arrived; ``body`` is the decoded JSON (any type)
    or None when ``problem`` says why there is none.
    """

    status: int | None = None
    headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    body: Any = None
    problem: Problem | None = None
    detail: str = ""

    @property
    def request_id(self) -> str | None:
        """The server's request id (``x-request-id`` or ``request-id``), if it sent one."""
        for name in ("x-request-id", "request-id", "x-amzn-requestid"):
            value = self.headers.get(name)
            if value:
                return value[:200]
        return None

    @property
    def codes(self) -> tuple[str, ...]:
        """GraphQL ``errors[].extensions.code`` values of the body, in order."""
        errors = self.body.get("errors") if isinstance(self.body, dict) else None
        if not isinstance(errors, list):
            return ()
        found: list[str] = []
        for error in errors:
            ext = error.get("extensions") if isinstance(error, dict) else None
            code = ext.get("code") if isinstance(ext, dict) else None
            if isinstance(code, str) and code not in found:
                found.append(code)
        return tuple(found)

    @property
    def rate_limited(self) -> bool:
        """HTTP 429, or a body whose message says a rate limit was exceeded."""
        if self.status == 429:
            return True
        message = self.body.get("message") if isinstance(self.body, dict) else None
        return isinstance(message, str) and message.startswith("You have exceeded")

    @property
    def succeeded(self) -> bool:
        """A 200 JSON object without ``errors`` and not a rate-limit answer."""
        return (
            self.status == 200
            and self.problem is None
            and isinstance(self.body, dict)
            and not self.body.get("errors")
            and not self.rate_limited
        )


@dataclass(frozen=True)
class Decision:
    """The verdict on a failed attempt.

    ``retry``: send again after ``delay`` seconds. ``outcome_unknown``: the loop ends
    and a mutation's write may have been applied (by this attempt or, for an idempotent
    one, an earlier one). ``safe_to_repeat``: that mutation is idempotent (it was
    retried; repeating it is safe). ``retry_after``: what the server asked for, when it
    did. ``reason``: why (for logs and messages).
    """

    retry: bool
    delay: float = 0.0
    outcome_unknown: bool = False
    safe_to_repeat: bool = False
    retry_after: float | None = None
    reason: str = ""


def transient(attempt: Attempt) -> bool:
    """Whether another try could succeed (the failure is not the request's fault)."""
    status, problem = attempt.status, attempt.problem
    if problem == "invalid_url":
        return False
    if status is None or problem == "timeout":
        return True
    if 200 <= status < 300:
        return problem is not None or attempt.rate_limited or _server_fault_only(attempt.body)
    # An error status decides, whatever its body (gateways answer in HTML).
    return attempt.rate_limited or status in RETRY_STATUSES or status >= 500


#: INTERNAL_SERVER_ERROR messages of the real API that a repetition cannot change.
_DETERMINISTIC_SERVER_ERRORS = ("Syntax Error", "Invite(s) cannot be sent")


def _server_fault_only(body: Any) -> bool:
    """Every GraphQL error of ``body`` is an INTERNAL_SERVER_ERROR of a transient kind."""
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list) or not errors:
        return False
    for error in errors:
        if not isinstance(error, dict):
            return False
        ext = error.get("extensions")
        if not isinstance(ext, dict) or ext.get("code") != "INTERNAL_SERVER_ERROR":
            return False
        if str(error.get("message", "")).startswith(_DETERMINISTIC_SERVER_ERRORS):
            return False
    return True


def not_processed(attempt: Attempt) -> bool:
    """Whether the server cannot have applied the request: it never arrived whole, or
    the answer says it was refused before processing (429, 503)."""
    if attempt.problem == "not_sent":
        return True
    if attempt.status is None or attempt.problem == "timeout":
        return False
    if attempt.problem is not None and 200 <= attempt.status < 300:
        return False  # a success status with a broken body: applied, answer lost
    # An error status decides, whatever its body (gateways answer in HTML).
    return attempt.rate_limited or attempt.status in NOT_PROCESSED_STATUSES


def decide(
    attempt: Attempt,
    *,
    repeatable: bool,
    retries_done: int,
    policy: RetryPolicy,
    remaining: float | None,
    rng: random.Random | None = None,
    now: float | None = None,
    write: bool = False,
    maybe_applied: bool = False,
) -> Decision:
    """The one retry decision.

    Args:
        attempt: the failed exchange.
        repeatable: the operation may run twice (a query, or a mutation in
            :data:`SAFE_TO_REPEAT`); otherwise only :func:`not_processed` failures are
            retried, and the others are reported as ``outcome_unknown``.
        retries_done: retries already made for this call.
        policy: the settings in force for the call.
        remaining: seconds left before the call's deadline (None: no deadline).
        write: the operation is a mutation (with ``repeatable``: an idempotent one).
        maybe_applied: an earlier attempt of this write may have applied it.

    Giving up on a transient failure of an idempotent write that this attempt or an
    earlier one may have applied is ``outcome_unknown`` and ``safe_to_repeat``.
    """
    if not transient(attempt):
        return Decision(False, reason="not retryable")
    retry_after = parse_retry_after(attempt.headers, now)
    if not repeatable and not not_processed(attempt):
        return Decision(False, outcome_unknown=True, retry_after=retry_after, reason="unsafe")
    unknown = repeatable and write and (maybe_applied or not not_processed(attempt))
    stop = functools.partial(
        Decision, False, outcome_unknown=unknown, safe_to_repeat=unknown, retry_after=retry_after
    )
    if retries_done >= policy.max_retries:
        return stop(reason="retries exhausted")
    if retry_after is not None and retry_after > policy.max_retry_after:
        return stop(reason="Retry-After too long")
    delay = retry_after if retry_after is not None else policy.backoff(retries_done + 1, rng)
    if remaining is not None and delay + MIN_ATTEMPT_SECONDS >= remaining:
        return stop(reason="deadline reached")
    return Decision(True, delay=delay, retry_after=retry_after, reason="transient")


def parse_retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms``, or ``Retry-After`` in seconds or as an
    HTTP date (RFC 9110); None when absent or unparseable. Never negative."""
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            value = float(millis) / 1000
        except ValueError:
            value = math.nan
        if math.isfinite(value):
            return max(value, 0.0)
    text = (headers.get("retry-after") or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if math.isfinite(value):
        return max(value, 0.0)
    import email.utils  # lazily: only HTTP-date answers need it (import time)

    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" dates: RFC 2822 says UTC
        import datetime

        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


# -- what the document is ------------------------------------------------------------------
_KEYWORDS = ("query", "mutation", "subscription")


def operation_kind(document: str, operation_name: str | None = None) -> OperationKind:
    """``query``, ``mutation`` or ``subscription`` of the operation a request runs.

    A cheap scan of the document's top-level keywords (comments, strings and selection
    sets skipped; ``{`` opens an anonymous query; fragments are passed over). With
    several operations, the one named ``operation_name`` counts; without a match any
    mutation makes it a mutation. A document with no recognisable operation counts as a
    mutation, so that it is never repeated unsafely.
    """
    return _operation_kind(document, operation_name)


@functools.lru_cache(maxsize=2048)
def _operation_kind(document: str, operation_name: str | None) -> OperationKind:
    operations = _operations(document)
    if not operations:
        return "mutation"
    for kind, name in operations:
        if operation_name is not None and name == operation_name:
            return kind
    if any(kind == "mutation" for kind, _ in operations):
        return "mutation"
    return operations[0][0]


def operation_name_of(document: str) -> str | None:
    """The name of the document's first operation, if it has one."""
    operations = _operations(document)
    return operations[0][1] if operations else None


@functools.lru_cache(maxsize=2048)
def _operations(document: str) -> tuple[tuple[OperationKind, str | None], ...]:
    """(kind, name) of each top-level operation of ``document``."""
    found: list[tuple[OperationKind, str | None]] = []
    n = len(document)
    i = 0
    braces = parens = 0
    header = False  # between an operation/fragment keyword and its selection set
    naming = False  # the next top-level word names the operation just started
    while i < n:
        if braces or parens:  # inside a selection set or arguments: jump to what counts
            found_at = _STRUCTURE.search(document, i)
            if found_at is None:
                break
            i = found_at.start()
        char = document[i]
        if char == "#":
            end = document.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if char == '"':
            i = _skip_string(document, i)
            continue
        top = braces == 0 and parens == 0
        if top and (char.isalpha() or char == "_"):
            start = i
            while i < n and (document[i].isalnum() or document[i] == "_"):
                i += 1
            word = document[start:i]
            if naming:
                found[-1] = (found[-1][0], word)
                naming = False
            elif not header and word in _KEYWORDS:
                found.append((word, None))  # type: ignore[arg-type]
                header = naming = True
            elif not header and word == "fragment":
                header = True
            continue
        if char == "{":
            if top:
                if not header:
                    found.append(("query", None))
                header = naming = False
            braces += 1
        elif char == "}":
            braces = max(braces - 1, 0)
        elif char == "(":
            parens += 1
        elif char == ")":
            parens = max(parens - 1, 0)
        if char in "($@{":
            naming = False
        i += 1
    return tuple(found)


#: What can change the nesting depth (or hide a brace) inside braces or parentheses.
_STRUCTURE = re.compile(r'[{}()"#]')


def _skip_string(document: str, i: int) -> int:
    """Index after the string literal starting at ``i`` (block strings too)."""
    if document.startswith('"""', i):
        end = i + 3
        while True:
            end = document.find('"""', end)
            if end < 0:
                return len(document)
            if document[end - 1] != "\\":
                return end + 3
            end += 3
    j = i + 1
    while j < len(document):
        if document[j] == "\\":
            j += 2
        elif document[j] in '"\n':
            return j + 1
        else:
            j += 1
    return j
