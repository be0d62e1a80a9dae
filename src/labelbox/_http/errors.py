"""Mapping a request that failed for good to its documented ``labelbox.exceptions``
type, built in one piece with its :class:`~labelbox.exceptions.RequestContext` (after the
retry decision, outside any ``except`` block: no httpx, json or RecursionError object is
reachable from the error, so neither is the request's ``Authorization`` header)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labelbox import exceptions
from labelbox._http.auth import public_url
from labelbox._retry import not_processed
from labelbox.exceptions import RequestContext

if TYPE_CHECKING:
    from labelbox._http.loop import Outcome
    from labelbox._retry import Attempt

_STATUS_TEXT = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    413: "Payload Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


def request_error(
    outcome: Outcome, name: str, sdk_operation: str | None, endpoint: str
) -> exceptions.LabelboxError:
    """The documented exception of a GraphQL request that failed for good.

    Args:
        outcome: what the request loop ended with (the last attempt and the decision).
        name: the operation's name (``CreateDataset``, ``anonymous query``).
        sdk_operation: the name of the SDK's generated operation, if it is one (a
            validation failure then means the SDK and the server's schema disagree).
        endpoint: the endpoint (shown without credentials).
    """
    attempt, decision = outcome.attempt, outcome.decision
    assert decision is not None, "a successful request has no error"
    context = RequestContext(
        operation=name,
        status=attempt.status,
        codes=attempt.codes,
        request_id=attempt.request_id,
        retries=outcome.retries,
        retry_after=decision.retry_after,
    )
    if not decision.outcome_unknown:
        return _failure_error(outcome, name, sdk_operation, endpoint, context)
    unknown: type[exceptions.WriteOutcomeUnknownError] = exceptions.WriteOutcomeUnknownError
    reason = _unknown_reason(attempt)
    if decision.safe_to_repeat:  # also the type the same failure of a query raises
        plain = _failure_error(outcome, name, sdk_operation, endpoint, context)
        unknown = _ALSO_UNKNOWN.get(type(plain), unknown)
        if not_processed(attempt):
            reason = f"an earlier attempt failed after sending it; the last one: {reason}"
    return unknown(
        name,
        reason,
        attempt.status,
        attempt.codes,
        attempt.request_id,
        context=context,
        safe_to_repeat=decision.safe_to_repeat,
    )


#: The outcome-unknown error of an idempotent write, by the error of the same failure
#: of a query (handlers of the latter keep catching it).
_ALSO_UNKNOWN: dict[type[exceptions.LabelboxError], type[exceptions.WriteOutcomeUnknownError]] = {
    exceptions.NetworkError: exceptions.WriteOutcomeUnknownNetworkError,
    exceptions.TimeoutError: exceptions.WriteOutcomeUnknownTimeoutError,
    exceptions.InternalServerError: exceptions.WriteOutcomeUnknownServerError,
}


def _failure_error(
    outcome: Outcome, name: str, sdk_operation: str | None, endpoint: str, context: RequestContext
) -> exceptions.LabelboxError:
    """The exception of a failure by how it failed (a query's, or a write's that
    cannot have been applied)."""
    attempt, decision = outcome.attempt, outcome.decision
    assert decision is not None
    status = attempt.status
    retried = f" ({outcome.retries} retries)" if outcome.retries else ""
    if attempt.problem == "timeout":
        return exceptions.TimeoutError(
            f"{name}: no answer within the timeout{retried}", context=context
        )
    if attempt.problem in ("not_sent", "no_response", "invalid_url"):
        return exceptions.NetworkError(
            ConnectionError(f"{name}: {attempt.detail}{retried}"), context=context
        )
    if attempt.rate_limited:
        message = attempt.body.get("message") if isinstance(attempt.body, dict) else None
        text = str(message) if isinstance(message, str) else "API rate limit exceeded"
        if decision.retry_after is not None:
            text += f" (the server asked to retry after {decision.retry_after:g} s)"
        return exceptions.ApiLimitError(text, context=context)
    body = attempt.body
    if isinstance(body, dict) and isinstance(body.get("errors"), list) and body["errors"]:
        return graphql_error(body["errors"], sdk_operation, endpoint, status or 200, context)
    return _status_error(attempt, name, retried, endpoint, context)


def _status_text(status: int | None) -> str:
    return f"HTTP {status} {_STATUS_TEXT.get(status, '')}".strip() if status else ""


def _unknown_reason(attempt: Attempt) -> str:
    """What went wrong with a mutation that may have been applied."""
    status_text = _status_text(attempt.status)
    reason = status_text or attempt.detail
    if attempt.status and attempt.problem is not None:
        reason = f"{status_text}, but {attempt.detail}"
    elif attempt.codes:
        reason = f"{reason} with {', '.join(attempt.codes)}: {_first_message(attempt)}"
    elif attempt.problem is None and isinstance(attempt.body, dict):
        message = attempt.body.get("message")
        if isinstance(message, str) and message:
            reason = f"{reason} ({message[:200]})"
    return reason


def _status_error(
    attempt: Attempt, name: str, retried: str, endpoint: str, context: RequestContext
) -> exceptions.LabelboxError:
    """The exception of an answer without GraphQL errors, by its HTTP status."""
    status = attempt.status
    status_text = _status_text(status)
    if status is not None and status >= 500:
        detail = f": {attempt.detail}" if attempt.problem else ""
        return exceptions.InternalServerError(f"{name}: {status_text}{detail}", context=context)
    if status == 401:
        return exceptions.AuthenticationError(f"Invalid API key ({status_text})", context=context)
    if status == 403:
        return exceptions.AuthorizationError(
            f"{name}: not allowed ({status_text})", context=context
        )
    if status == 404:
        return exceptions.LabelboxError(
            f"{name}: {status_text} from {public_url(endpoint)}; is the endpoint URL right?",
            context=context,
        )
    if status == 408:
        return exceptions.TimeoutError(f"{name}: {status_text}{retried}", context=context)
    if status == 413:
        return exceptions.LabelboxError(
            f"{name}: {status_text}: the request is too large", context=context
        )
    if attempt.problem is not None:
        return exceptions.LabelboxError(
            f"{name}: failed to parse the response as JSON ({status_text}): {attempt.detail}",
            context=context,
        )
    if not isinstance(attempt.body, dict):
        return exceptions.LabelboxError(
            f"{name}: the response is not a JSON object", context=context
        )
    return exceptions.LabelboxError(f"{name}: {status_text}".rstrip(": "), context=context)


def download_error(outcome: Outcome, shown: str) -> exceptions.LabelboxError:
    """The documented exception for a download of ``shown`` (a URL without its query
    string) that failed for good."""
    attempt = outcome.attempt
    context = RequestContext(
        status=attempt.status, request_id=attempt.request_id, retries=outcome.retries
    )
    if attempt.problem == "timeout":
        return exceptions.TimeoutError(f"Download of {shown} timed out", context=context)
    if attempt.problem in ("not_sent", "no_response", "invalid_url"):
        return exceptions.NetworkError(
            ConnectionError(f"{attempt.detail} ({shown})"), context=context
        )
    if attempt.problem is not None:
        return exceptions.LabelboxError(
            f"Download of {shown} failed: {attempt.detail}", context=context
        )
    return exceptions.LabelboxError(
        f"Download of {shown} failed with HTTP {attempt.status}", context=context
    )


def describe_attempt(attempt: Attempt) -> str:
    """A failed attempt in a few words (for the log line of a retry)."""
    if attempt.problem is not None:
        status = f"HTTP {attempt.status}, " if attempt.status else ""
        return status + attempt.detail
    codes = f" {', '.join(attempt.codes)}" if attempt.codes else ""
    return f"HTTP {attempt.status}{codes}"


def _first_message(attempt: Attempt) -> str:
    errors = attempt.body.get("errors") if isinstance(attempt.body, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return str(errors[0].get("message", ""))[:200]
    return ""


def _code(error: Any) -> str | None:
    if isinstance(error, dict):
        ext = error.get("extensions")
        if isinstance(ext, dict) and isinstance(ext.get("code"), str):
            return str(ext["code"])
    return None


def _validation_messages(errors: list[Any], status: int) -> list[str]:
    """Messages of the errors saying the document does not fit the server's schema:
    GRAPHQL_VALIDATION_FAILED (except the complexity limit), or uncoded errors of an
    HTTP 400 (servers without error codes)."""
    uncoded = status == 400 and all(_code(e) is None for e in errors)
    found: list[str] = []
    for error in errors:
        text = str(error.get("message", "")) if isinstance(error, dict) else str(error)
        validation = uncoded or _code(error) == "GRAPHQL_VALIDATION_FAILED"
        if validation and not text.startswith("Query complexity limit exceeded"):
            found.append(text)
    return found


def graphql_error(
    errors: list[Any],
    sdk_operation: str | None,
    endpoint: str,
    status: int,
    context: RequestContext,
) -> exceptions.LabelboxError:
    """The exception of the most significant GraphQL error, as the classic client ranks
    them; a validation failure of an SDK operation (``sdk_operation``) is a
    ``SchemaMismatchError``."""
    by_code: dict[str | None, dict[str, Any]] = {}
    for error in errors:
        by_code.setdefault(_code(error), error if isinstance(error, dict) else {})

    def message(code: str | None) -> str:
        return str(by_code[code].get("message", code))

    if "AUTHENTICATION_ERROR" in by_code:
        return exceptions.AuthenticationError("Invalid API key", context=context)
    if "AUTHORIZATION_ERROR" in by_code:
        return exceptions.AuthorizationError(message("AUTHORIZATION_ERROR"), context=context)
    mismatch = _validation_messages(errors, status) if sdk_operation else []
    if sdk_operation and mismatch:
        return exceptions.SchemaMismatchError(
            sdk_operation, "; ".join(mismatch), public_url(endpoint), context=context
        )
    if "GRAPHQL_VALIDATION_FAILED" in by_code:
        text = message("GRAPHQL_VALIDATION_FAILED")
        if text == "Query complexity limit exceeded":
            return exceptions.ValidationFailedError(text, context=context)
        return exceptions.InvalidQueryError(text, context=context)
    if "GRAPHQL_PARSE_FAILED" in by_code:
        return exceptions.InvalidQueryError(message("GRAPHQL_PARSE_FAILED"), context=context)
    if "RESOURCE_NOT_FOUND" in by_code:
        return exceptions.ResourceNotFoundError(
            None, message("RESOURCE_NOT_FOUND"), context=context
        )
    for code in ("BAD_USER_INPUT", "NOT_IMPLEMENTED"):
        if code in by_code:
            return exceptions.InvalidQueryError(message(code), context=context)
    if "INTERNAL_SERVER_ERROR" in by_code:
        text = message("INTERNAL_SERVER_ERROR")
        if text.startswith(("Syntax Error", "Invite(s) cannot be sent")):
            return exceptions.InvalidQueryError(text, context=context)
        return exceptions.InternalServerError(text, context=context)
    return exceptions.LabelboxError(f"Unknown error: {errors!r}", context=context)
