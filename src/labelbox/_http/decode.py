"""Decoding an answer: its JSON body (pydantic-core's parser, json.loads naming what
is wrong when that fails), or ``malformed`` when it is not JSON."""

from __future__ import annotations

import json
from typing import Any

from labelbox._retry import Attempt


def parse(status: int, headers: dict[str, str], content: bytes) -> Attempt:
    """The answer's JSON body; ``malformed`` when it is not JSON (HTML error pages,
    garbage, JSON nested too deep to decode)."""
    reason = ""
    try:
        return Attempt(status=status, headers=headers, body=_from_json(content))
    except ValueError:
        pass  # json.loads decides (and names the problem)
    try:
        return Attempt(status=status, headers=headers, body=json.loads(content))
    except RecursionError:
        reason = "the answer is JSON nested too deeply to decode"
    except ValueError:  # JSONDecodeError, UnicodeDecodeError
        kind = headers.get("content-type", "").split(";")[0].strip() or "no content type"
        reason = f"the answer is not JSON ({kind}, {len(content)} bytes)"
    return Attempt(status=status, headers=headers, problem="malformed", detail=reason)


def _from_json(content: bytes) -> Any:
    """``json.loads`` by pydantic-core's parser: ~30 % faster on a page of rows. Only
    keys are interned: caching every short string (the default) is slower than
    json.loads on pages of unique ids."""
    from pydantic_core import from_json

    return from_json(content, cache_strings="keys")
