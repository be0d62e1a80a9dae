"""The per-request context of a resolver call (see :mod:`labelbox_emulator.domain.context`)."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLResolveInfo

from ..domain.context import Ctx


def ctx_of(info: GraphQLResolveInfo) -> Ctx:
    """The :class:`~labelbox_emulator.domain.context.Ctx` of a resolver call."""
    ctx: Any = info.context
    assert isinstance(ctx, Ctx)
    return ctx
