"""Exceptions raised by the SDK; every failure a user can cause is one of these
(or a ValueError/TypeError for a local argument check)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any


@dataclasses.dataclass(frozen=True)
class RequestContext:
    """What the SDK knows about the request an error is raised for, handed to the
    exception's constructor in one piece (see :class:`LabelboxError`'s attributes).

    Attributes:
        operation: the GraphQL operation's name (``CreateDataset``), or
            ``"anonymous query"``/``"anonymous mutation"``; None for a download.
        status: the HTTP status of the last answer, None if none arrived.
        codes: the GraphQL ``errors[].extensions.code`` values of the answer.
        request_id: the server's ``x-request-id`` of the last answer, if it sent one.
        retries: how many times the SDK retried the request before giving up.
        retry_after: seconds the server asked to wait (``Retry-After``), if it did.
    """

    operation: str | None = None
    status: int | None = None
    codes: tuple[str, ...] = ()
    request_id: str | None = None
    retries: int = 0
    retry_after: float | None = None


class LabelboxError(Exception):
    """Base class for exceptions.

    Errors raised for a request also say which request failed and how (attributes left
    at their defaults otherwise; none of them ever holds the API key):

    Attributes:
        message: the error message.
        cause: the underlying error, if any (transport errors are copied as a plain
            ``ConnectionError`` message: the original carried the request's headers).
        operation: the GraphQL operation's name (``CreateDataset``), or
            ``"anonymous query"``/``"anonymous mutation"``.
        status: the HTTP status of the last answer, None if none arrived.
        codes: the GraphQL ``errors[].extensions.code`` values of the answer.
        request_id: the server's ``x-request-id`` of the last answer, if it sent one.
        retries: how many times the SDK retried the request before giving up.
        retry_after: seconds the server asked to wait (``Retry-After``), if it did.

    Args:
        message: the error message.
        cause: the underlying error, if any.
        context: the request the error is raised for (sets the attributes above).

    Example:
        >>> try:
        ...     client.get_project("<project_id>")
        ... except labelbox.exceptions.ResourceNotFoundError:
        ...     ...
        ... except labelbox.exceptions.LabelboxError as error:
        ...     print(error.operation, error.status, error.request_id)
    """

    operation: str | None = None
    status: int | None = None
    codes: tuple[str, ...] = ()
    request_id: str | None = None
    retries: int = 0
    retry_after: float | None = None

    def __init__(
        self,
        message: str,
        cause: BaseException | None = None,
        *,
        context: RequestContext | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.cause = cause
        if context is not None:  # the attributes of the same names
            for field in dataclasses.fields(context):
                setattr(self, field.name, getattr(context, field.name))

    def __str__(self) -> str:
        return self.message + (f": {self.cause}" if self.cause is not None else "")


class AuthenticationError(LabelboxError):
    """Raised when an API key fails authentication."""


class AuthorizationError(LabelboxError):
    """Raised when a user is unauthorized to perform the given request."""


class ResourceNotFoundError(LabelboxError):
    """Exception raised when a given resource is not found.

    Args:
        db_object_type: The entity class of the sought object (None if unknown).
        params: What it was sought by, e.g. ``{"id": "<id>"}``.
        context: the request the error is raised for, if any.
    """

    def __init__(
        self,
        db_object_type: type[Any] | None,
        params: Any,
        *,
        context: RequestContext | None = None,
    ) -> None:
        name = getattr(db_object_type, "__name__", "Resource") if db_object_type else "Resource"
        super().__init__(f"Resource '{name}' not found for params: {params!r}", context=context)
        self.db_object_type = db_object_type
        self.params = params


class ValidationFailedError(LabelboxError):
    """Exception raised for when a GraphQL query fails validation (query cost, etc.)
    E.g. a query that is too expensive, or depth is too deep."""


class InternalServerError(LabelboxError):
    """Nondescript prisma or 502 related errors. Meant to be retryable."""


class InvalidQueryError(LabelboxError):
    """Indicates a malconstructed or unsupported query (either by GraphQL in general or
    by Labelbox specifically). This can be the result of either client or server side
    query validation."""


class SchemaMismatchError(InvalidQueryError):
    """The server rejected one of the SDK's own operations as invalid: the SDK and the
    server's schema disagree (a field, argument or type the SDK uses is missing or
    different on the server).

    Attributes:
        operation: name of the rejected operation (``GetDataset``).
        server_message: the server's validation message(s).
        endpoint: the endpoint that rejected it (without credentials or query string).

    Args:
        operation: the attribute of the same name.
        server_message: the attribute of the same name.
        endpoint: the attribute of the same name.
        context: the request the error is raised for, if any (its ``operation`` is
            ``operation``).

    ``labelbox-schema check --endpoint <endpoint>`` lists every operation the server
    rejects and the SDK methods that send them.
    """

    def __init__(
        self,
        operation: str,
        server_message: str,
        endpoint: str = "",
        *,
        context: RequestContext | None = None,
    ) -> None:
        self.server_message = server_message
        self.endpoint = endpoint
        super().__init__(
            f"The server rejected the SDK operation {operation}: {server_message} "
            "-- the SDK and the server's schema disagree. To list every affected "
            f"operation run: labelbox-schema check --endpoint {endpoint or '<endpoint>'}",
            context=dataclasses.replace(context or RequestContext(), operation=operation),
        )


class ResourceCreationError(LabelboxError):
    """Indicates that a resource could not be created in the server side due to a
    validation or transaction error."""


class NetworkError(LabelboxError):
    """Raised when an HTTPError occurs (the connection failed or was lost).

    Args:
        cause: the underlying error.
        context: the request the error is raised for, if any.
    """

    def __init__(self, cause: BaseException, *, context: RequestContext | None = None) -> None:
        super().__init__(str(cause) or type(cause).__name__, cause, context=context)

    def __str__(self) -> str:
        return self.message


class TimeoutError(LabelboxError):
    """Raised when a request times-out."""


class WriteOutcomeUnknownError(LabelboxError):
    """A mutation failed in a way that does not tell whether the server applied it.

    Which failures those are is the retry policy's to say (the guide "Retries, timeouts
    and logging" states it); failures that prove the request was not processed are
    retried instead. Two cases, told apart by :attr:`safe_to_repeat`:

    * ``False``: an ordinary mutation. The SDK did not repeat it (a repetition could
      apply it twice: two datasets, twice the data rows). Before repeating the call,
      check whether its effect exists: look the object up
      (``client.get_datasets(where=Dataset.name == ...)``,
      ``dataset.data_rows_for_external_id(...)``, ``client.get_project(id)`` after a
      delete), then repeat only what is missing.
    * ``True``: an idempotent mutation (an update, a delete, a connect, a bulk label
      delete, ``client.execute(..., idempotent=True)``). The SDK retried it and every
      attempt failed, at least one after the request was sent: it may have been applied,
      and repeating it is safe. Such an error is also the ``NetworkError``,
      ``TimeoutError`` or ``InternalServerError`` the same failure raises for a query
      (:class:`WriteOutcomeUnknownNetworkError` and its siblings), so handlers of those
      keep catching it.

    Attributes:
        operation: the mutation's name (``CreateDataset``).
        reason: what went wrong (``HTTP 502``, ``connection lost after sending``, ...).
        status: the HTTP status of the answer, None if none arrived.
        codes: GraphQL error codes of the answer.
        request_id: the server's ``x-request-id``, if it sent one.
        safe_to_repeat: the mutation is idempotent: repeating it cannot apply it twice.

    Args:
        operation: the attribute of the same name.
        reason: the attribute of the same name.
        status: the attribute of the same name.
        codes: the attribute of the same name.
        request_id: the attribute of the same name.
        context: the request the error is raised for, if any: it also sets
            ``retries`` and ``retry_after`` (``operation``, ``status``, ``codes`` and
            ``request_id`` are the arguments above).
        safe_to_repeat: the attribute of the same name.

    Example:
        >>> try:
        ...     dataset = client.create_dataset(name="cars-2021")
        ... except labelbox.exceptions.WriteOutcomeUnknownError:
        ...     dataset = client.get_datasets(where=Dataset.name == "cars-2021").get_one()
        ...     if dataset is None:
        ...         dataset = client.create_dataset(name="cars-2021")
    """

    def __init__(
        self,
        operation: str,
        reason: str,
        status: int | None = None,
        codes: Sequence[str] = (),
        request_id: str | None = None,
        *,
        context: RequestContext | None = None,
        safe_to_repeat: bool = False,
    ) -> None:
        self.reason = reason
        self.safe_to_repeat = safe_to_repeat
        context = dataclasses.replace(
            context or RequestContext(),
            operation=operation,
            status=status,
            codes=tuple(codes),
            request_id=request_id,
        )
        ident = f" (request id {request_id})" if request_id else ""
        if safe_to_repeat:
            if context.retries:
                ident += f", after {context.retries + 1} attempts"
            advice = (
                "The operation is idempotent, so repeating it is safe (a repetition changes "
                "nothing more)."
            )
        else:
            advice = (
                "It was not retried, so that it cannot be applied twice; check whether its "
                "effect exists (look the object up by id, name or external id) before "
                "repeating it."
            )
        # Not super(): a subclass's other base (NetworkError) takes other arguments.
        LabelboxError.__init__(
            self,
            f"{operation} may have been applied by the server: {reason}{ident}. {advice}",
            context=context,
        )


class WriteOutcomeUnknownNetworkError(WriteOutcomeUnknownError, NetworkError):
    """The :class:`WriteOutcomeUnknownError` of an idempotent mutation whose last
    attempt lost its connection (``safe_to_repeat`` is True); also a ``NetworkError``,
    as the same failure of a query."""


class WriteOutcomeUnknownTimeoutError(WriteOutcomeUnknownError, TimeoutError):
    """The :class:`WriteOutcomeUnknownError` of an idempotent mutation whose last
    attempt timed out (``safe_to_repeat`` is True); also a ``TimeoutError``, as the
    same failure of a query."""


class WriteOutcomeUnknownServerError(WriteOutcomeUnknownError, InternalServerError):
    """The :class:`WriteOutcomeUnknownError` of an idempotent mutation whose last
    attempt got a server failure (HTTP 5xx, ``INTERNAL_SERVER_ERROR``;
    ``safe_to_repeat`` is True); also an ``InternalServerError``, as the same failure
    of a query."""


class InvalidAttributeError(LabelboxError):
    """Raised when a field (name or Field instance) is not valid or found for a
    specific DB object type.

    ``field`` is the offending name or ``Field`` itself when there is one (as in
    labelbox 2.6), the collection given when there are several; ``fields`` always holds
    every one of them (a tuple).

    Args:
        db_object_type: The entity class.
        field: The offending field name(s) or Field(s).
        message: what went wrong, when more is known than that the field is not the
            type's (default: "Field(s) '...' not valid on DB type '...'").
        context: the request the error is raised for, if any.
    """

    def __init__(
        self,
        db_object_type: type[Any],
        field: Any,
        *,
        message: str | None = None,
        context: RequestContext | None = None,
    ) -> None:
        name = getattr(db_object_type, "__name__", str(db_object_type))
        default = f"Field(s) '{_field_names(field)}' not valid on DB type '{name}'"
        super().__init__(message or default, context=context)
        several = isinstance(field, (set, frozenset, list, tuple))
        self.db_object_type = db_object_type
        self.fields: tuple[Any, ...] = tuple(field) if several else (field,)
        self.field: Any = self.fields[0] if several and len(self.fields) == 1 else field


class ApiLimitError(LabelboxError):
    """Raised when the user performs too many requests in a short period of time."""


class MALValidationError(LabelboxError):
    """Raised when user input is invalid for MAL imports."""


class UuidError(LabelboxError):
    """Raised when there are repeat Uuid's in bulk import request."""


class InconsistentOntologyException(Exception):
    """Raised when an ontology definition is inconsistent (missing options, duplicates)."""


class MalformedQueryException(Exception):
    """Raised when the user submits a malformed query."""


def _field_names(field: Any) -> str:
    if isinstance(field, (set, frozenset, list, tuple)):
        return ", ".join(sorted(_field_names(f) for f in field))
    return str(getattr(field, "name", field))
