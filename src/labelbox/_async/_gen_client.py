"""The generated client, guarded: a response that does not fit its generated model
raises ``LabelboxError`` instead of a raw ``pydantic.ValidationError``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pydantic

from labelbox.exceptions import LabelboxError
from labelbox_gen.async_client import AsyncLabelboxGenClient

#: Methods of the base client that parse no response.
_UNGUARDED = frozenset({"execute", "get_data"})


def _guard(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    async def guarded(self: AsyncLabelboxGenClient, *args: Any, **kwargs: Any) -> Any:
        try:
            return await method(self, *args, **kwargs)
        except pydantic.ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:5]
            )
            raise LabelboxError(
                f"Unexpected response to {name} ({exc.error_count()} invalid values): {problems}"
            ) from None

    return guarded


class AsyncGuardedGenClient(AsyncLabelboxGenClient):
    """``AsyncLabelboxGenClient`` whose operations map response validation errors to
    ``LabelboxError`` (same typed signatures)."""


for _name, _method in vars(AsyncLabelboxGenClient).items():
    if not _name.startswith("_") and _name not in _UNGUARDED and callable(_method):
        setattr(AsyncGuardedGenClient, _name, _guard(_name, _method))
