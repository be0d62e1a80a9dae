"""Who is calling: the per-request context every domain operation receives."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..state import EmulatorState


@dataclass(frozen=True)
class UploadValue:
    """A file part of a GraphQL multipart request, as operations receive it."""

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
