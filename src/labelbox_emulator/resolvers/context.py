"""The per-request context handed to every resolver."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphql import GraphQLResolveInfo

if TYPE_CHECKING:
    from ..state import EmulatorState


@dataclass(frozen=True)
class UploadValue:
    """A file part of a GraphQL multipart request, as resolvers receive it."""

    data: bytes
    filename: str
    content_type: str


@dataclass(frozen=True)
class Ctx:
    """Who is calling (user and organization of the API key) and where we are served."""

    state: EmulatorState
    user_id: str
    org_id: str
    base_url: str


def ctx_of(info: GraphQLResolveInfo) -> Ctx:
    """The :class:`Ctx` of a resolver call."""
    ctx: Any = info.context
    assert isinstance(ctx, Ctx)
    return ctx
