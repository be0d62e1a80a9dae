"""Parses, validates and executes GraphQL requests, shaping errors like the real API."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSyntaxError,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    validate,
)

from .analysis import DEFAULT_COMPLEXITY_LIMIT, DEFAULT_INTROSPECTION_LIMIT, check_document
from .domain.context import Ctx
from .errors import ApiError, QueryValidationError
from .fastpath import FastExecutionContext
from .messages import coerce_variables, js_message, js_syntax_message
from .model import Model
from .resolvers import bind

log = logging.getLogger("labelbox_emulator")

_bound: set[int] = set()
_bind_lock = threading.Lock()

#: The longest document parsed, in tokens (graphql-js's ``maxTokens``): the SDK's and
#: the official client's documents have at most ~90; a document of many thousands of
#: aliases would cost seconds of parsing and validation that no cost limit sees.
MAX_TOKENS = 50_000
#: The parse/validation cache holds at most this many documents...
CACHE_ENTRIES = 512
#: ...of at most this many characters of query text in all (a parsed and validated
#: document takes about 80 (the SDK's) to 200 (dense aliases) times its text: at most
#: ~100 MB; the SDK's own documents, under 2 KB each, take ~30 KB each)...
CACHE_CHARS = 512 * 1024
#: ...and never a query longer than this (parsed again each time it is sent).
CACHE_MAX_QUERY = 16 * 1024


def error_body(message: str, code: str, **extra: Any) -> dict[str, Any]:
    """A GraphQL response body with one error of ``code``."""
    return {"errors": [{"message": message, **extra, "extensions": {"code": code}}]}


class Executor:
    """Runs GraphQL documents against the bound schema (documents are cached)."""

    def __init__(self, model: Model) -> None:
        """Bind resolvers to ``model`` (once per model)."""
        self.model = model
        with _bind_lock:
            if id(model) not in _bound:
                bind(model)
                _bound.add(id(model))
        self._cache: OrderedDict[str, DocumentNode | dict[str, Any]] = OrderedDict()
        self._cache_chars = 0
        self._lock = threading.Lock()

    def _document(self, query: str) -> DocumentNode | dict[str, Any]:
        """The parsed and validated document of ``query`` or the errors refusing it,
        from a bounded LRU cache (least recently used documents go first)."""
        with self._lock:
            hit = self._cache.get(query)
            if hit is not None:
                self._cache.move_to_end(query)
                return hit
        doc: DocumentNode | dict[str, Any]
        try:
            parsed = parse(query, max_tokens=MAX_TOKENS)
        except GraphQLSyntaxError as exc:
            doc = {"errors": [_format(exc, "GRAPHQL_PARSE_FAILED", js_syntax_message)]}
        else:
            errors = validate(self.model.schema, parsed)
            doc = parsed
            if errors:
                doc = {
                    "errors": [_format(e, "GRAPHQL_VALIDATION_FAILED", js_message) for e in errors]
                }
        if len(query) <= CACHE_MAX_QUERY:
            with self._lock:
                if query not in self._cache:
                    self._cache[query] = doc
                    self._cache_chars += len(query)
                while len(self._cache) > CACHE_ENTRIES or self._cache_chars > CACHE_CHARS:
                    old, _ = self._cache.popitem(last=False)
                    self._cache_chars -= len(old)
        return doc

    def run(self, body: Any, ctx: Ctx) -> tuple[int, dict[str, Any]]:
        """Execute a request body; returns (HTTP status, JSON response)."""
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            return 400, error_body(
                "Request body must contain a query string.", "GRAPHQL_PARSE_FAILED"
            )
        variables = body.get("variables") or {}
        if not isinstance(variables, dict):
            return 400, error_body("variables must be an object.", "BAD_USER_INPUT")
        doc = self._document(body["query"])
        if isinstance(doc, dict):
            return 400, doc
        operation = body.get("operationName")
        operation = operation if isinstance(operation, str) else None
        refused = self._precheck(doc, operation, variables, ctx)
        if refused is not None:
            return refused
        op = get_operation_ast(doc, operation)
        if op is not None and op.operation == OperationType.MUTATION:
            # Writes of one organization run one at a time (read-modify-write steps
            # stay consistent); other organizations and every query run side by side.
            with ctx.state.org_lock(ctx.org_id):
                result = self._execute(doc, ctx, variables, operation)
        else:
            result = self._execute(doc, ctx, variables, operation)
        assert isinstance(result, ExecutionResult)
        if result.data is None and result.errors and not any(e.path for e in result.errors):
            # nothing was executed: report variable errors in graphql-js wording
            op = get_operation_ast(doc, operation)
            coerced = coerce_variables(self.model.schema, op, variables) if op else None
            if isinstance(coerced, list) and coerced:
                return 200, {"errors": [_format(e, "BAD_USER_INPUT") for e in coerced]}
        out: dict[str, Any] = {}
        if result.errors:
            out["errors"] = [_format_exec(e, result.data is None) for e in result.errors]
        out["data"] = result.data
        if result.data is None and result.errors and not any(e.path for e in result.errors):
            del out["data"]  # variable coercion failed: nothing was executed
        return 200, out

    def _execute(
        self, doc: DocumentNode, ctx: Ctx, variables: dict[str, Any], operation: str | None
    ) -> ExecutionResult:
        result = execute(
            self.model.schema,
            doc,
            context_value=ctx,
            variable_values=variables,
            operation_name=operation,
            execution_context_class=FastExecutionContext,
        )
        assert isinstance(result, ExecutionResult)
        return result

    def _precheck(
        self, doc: DocumentNode, operation: str | None, variables: dict[str, Any], ctx: Ctx
    ) -> tuple[int, dict[str, Any]] | None:
        """The checks the real server makes before executing: where-filter logic and the
        complexity limit. Returns the response refusing the request, or None to execute
        it. Runs on the request's JSON variables (execute() coerces them afterwards; the
        where and first values it needs have the same shape before and after)."""
        op = get_operation_ast(doc, operation)
        if op is None:
            return None  # execute() reports the missing/ambiguous operation
        fragments = {
            d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)
        }
        state = ctx.state
        try:
            check_document(
                self.model.schema,
                fragments,
                op,
                variables,
                getattr(state, "complexity_limit", DEFAULT_COMPLEXITY_LIMIT),
                getattr(state, "introspection_limit", DEFAULT_INTROSPECTION_LIMIT),
            )
        except QueryValidationError as exc:
            return 400, error_body(exc.message, exc.code)
        return None


def _format(
    error: GraphQLError, code: str, wording: Callable[[str], str] | None = None
) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    if wording is not None:
        formatted["message"] = wording(str(formatted["message"]))
    formatted["extensions"] = {**(formatted.get("extensions") or {}), "code": code}
    return formatted


def _format_exec(error: GraphQLError, no_data: bool) -> dict[str, Any]:
    original = error.original_error
    if isinstance(original, ApiError):
        return _format(error, original.code)
    if not error.path or isinstance(original, GraphQLError):
        # variable values rejected before execution
        return _format(error, "BAD_USER_INPUT", js_message)
    if original is None:
        return _format(error, "INTERNAL_SERVER_ERROR", js_message)
    log.error("resolver failed", exc_info=original)
    return _format(error, "INTERNAL_SERVER_ERROR")
