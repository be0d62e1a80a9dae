"""Errors raised by resolvers, carrying the ``extensions.code`` the client sees."""

from __future__ import annotations


class ApiError(Exception):
    """An error reported to the client as ``errors[].extensions.code == code``."""

    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str) -> None:
        """Create the error with a human-readable ``message``."""
        super().__init__(message)
        self.message = message


class NotFoundError(ApiError):
    """An id that does not exist or belongs to another organization."""

    code = "RESOURCE_NOT_FOUND"


class BadUserInputError(ApiError):
    """Argument values the server rejects."""

    code = "BAD_USER_INPUT"


class NotImplementedFieldError(ApiError):
    """A schema field the emulator does not implement."""

    code = "NOT_IMPLEMENTED"


class AuthenticationError(ApiError):
    """A missing or unknown API key."""

    code = "AUTHENTICATION_ERROR"


class AuthorizationError(ApiError):
    """An API key that may not do what it asked (e.g. change a shared object)."""

    code = "AUTHORIZATION_ERROR"


class QueryValidationError(ApiError):
    """A document the server refuses before executing it (where-logic, complexity)."""

    code = "GRAPHQL_VALIDATION_FAILED"
