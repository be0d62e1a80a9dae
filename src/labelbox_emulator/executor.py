"""Parses, validates and executes GraphQL requests, shaping errors like the real API."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLSyntaxError,
    execute,
    parse,
    validate,
)

from .errors import ApiError
from .model import Model
from .resolvers import bind
from .resolvers.context import Ctx

log = logging.getLogger("labelbox_emulator")

_bound: set[int] = set()
_bind_lock = threading.Lock()


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
        self._lock = threading.Lock()

    def _document(self, query: str) -> DocumentNode | dict[str, Any]:
        with self._lock:
            hit = self._cache.get(query)
            if hit is not None:
                self._cache.move_to_end(query)
                return hit
        doc: DocumentNode | dict[str, Any]
        try:
            parsed = parse(query)
        except GraphQLSyntaxError as exc:
            doc = {"errors": [_format(exc, "GRAPHQL_PARSE_FAILED")]}
        else:
            errors = validate(self.model.schema, parsed)
            doc = parsed
            if errors:
                doc = {"errors": [_format(e, "GRAPHQL_VALIDATION_FAILED") for e in errors]}
        with self._lock:
            self._cache[query] = doc
            if len(self._cache) > 512:
                self._cache.popitem(last=False)
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
        with ctx.state.store.lock:
            result = execute(
                self.model.schema,
                doc,
                context_value=ctx,
                variable_values=variables,
                operation_name=operation if isinstance(operation, str) else None,
            )
        assert isinstance(result, ExecutionResult)
        out: dict[str, Any] = {}
        if result.errors:
            out["errors"] = [_format_exec(e, result.data is None) for e in result.errors]
        out["data"] = result.data
        if result.data is None and result.errors and not any(e.path for e in result.errors):
            del out["data"]  # variable coercion failed: nothing was executed
        return 200, out


def _format(error: GraphQLError, code: str) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    formatted["extensions"] = {**(formatted.get("extensions") or {}), "code": code}
    return formatted


def _format_exec(error: GraphQLError, no_data: bool) -> dict[str, Any]:
    original = error.original_error
    if isinstance(original, ApiError):
        return _format(error, original.code)
    if not error.path or isinstance(original, GraphQLError):
        return _format(error, "BAD_USER_INPUT")  # variable values rejected before execution
    if original is None:
        return _format(error, "INTERNAL_SERVER_ERROR")
    log.error("resolver failed", exc_info=original)
    return _format(error, "INTERNAL_SERVER_ERROR")
