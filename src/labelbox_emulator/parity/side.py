"""One side of a parity run (the live endpoint or the embedded emulator): its SDK client,
raw requests for the probes, and what makes its answers comparable with the other side's.

The API key is held only here: it goes into the ``Authorization`` header and nowhere
else, and every text taken from an answer passes :meth:`Side.clean`, which removes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

import labelbox
from labelbox.exceptions import LabelboxError, SchemaMismatchError
from labelbox.schema_tool.lock import public_endpoint

from .report import Json

#: A key no server accepts (the bad-key probe); never the user's key.
INVALID_KEY = "parity-probe-invalid-key"


class ConnectionProblem(Exception):
    """The live endpoint cannot be reached or refuses the API key (one-line message
    without the key); the command then exits with status 2."""


def server_words(exc: LabelboxError) -> str:
    """The server's message in an SDK exception (``SchemaMismatchError`` wraps it in
    advice naming the endpoint)."""
    return exc.server_message if isinstance(exc, SchemaMismatchError) else exc.message


@dataclass(frozen=True)
class RawAnswer:
    """What a server answered to one raw request.

    Attributes:
        status: the HTTP status.
        codes: the ``errors[].extensions.code`` values, in order.
        messages: the ``errors[].message`` values, cleaned (:meth:`Side.clean`).
        data: the ``data`` member (None if absent or null).
        json: whether the body was JSON.
    """

    status: int
    codes: tuple[str, ...]
    messages: tuple[str, ...]
    data: Json
    json: bool

    @property
    def ok(self) -> bool:
        """A 200 JSON answer without errors."""
        return self.status == 200 and self.json and not self.codes and not self.messages


@dataclass
class Side:
    """One endpoint and the means to talk to it.

    Attributes:
        name: ``live`` or ``emulator``.
        endpoint: the GraphQL endpoint URL.
        client: the SDK client (the generated client is ``client._gen``).
        ids: object ids found on this side, by type name (filled by discovery/seeding).
    """

    name: str
    endpoint: str
    api_key: str = field(repr=False)
    timeout: float = 60.0
    client: labelbox.Client = field(init=False, repr=False)
    ids: dict[str, str] = field(default_factory=dict)
    _http: httpx.Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.client = labelbox.Client(
            api_key=self.api_key, endpoint=self.endpoint, timeout=self.timeout
        )
        self._http = httpx.Client(timeout=httpx.Timeout(self.timeout, connect=10.0))

    def close(self) -> None:
        """Closes the SDK client and the raw HTTP client."""
        self.client.close()
        self._http.close()

    @property
    def public_endpoint(self) -> str:
        """The endpoint without credentials or query string."""
        return public_endpoint(self.endpoint)

    def clean(self, text: str) -> str:
        """``text`` made comparable and safe: no API key, no endpoint, no ids of this
        side's objects (``<Project id>`` instead), on one line."""
        text = " ".join(text.split())
        text = text.replace(self.api_key, "***").replace(INVALID_KEY, "<invalid key>")
        for url in (self.endpoint, self.public_endpoint):
            text = text.replace(url, "<endpoint>")
        for type_name, object_id in sorted(self.ids.items()):
            text = text.replace(object_id, f"<{type_name} id>")
        return text

    def lost(self, exc: LabelboxError) -> ConnectionProblem:
        """The :class:`ConnectionProblem` of a request the SDK could not complete."""
        return ConnectionProblem(f"{self.public_endpoint}: {self.clean(str(exc))}")

    def raw(
        self, query: str, variables: dict[str, Any] | None = None, *, invalid_key: bool = False
    ) -> RawAnswer:
        """POSTs ``query`` as is (no SDK processing) with this side's key, or with
        :data:`INVALID_KEY`; raises :class:`ConnectionProblem` if no answer arrives."""
        key = INVALID_KEY if invalid_key else self.api_key
        payload: dict[str, Any] = {"query": query, "variables": variables or {}}
        try:
            response = self._http.post(
                self.endpoint, json=payload, headers={"Authorization": f"Bearer {key}"}
            )
        except httpx.HTTPError as exc:
            detail = self.clean(str(exc) or type(exc).__name__)
            raise ConnectionProblem(f"cannot reach {self.public_endpoint}: {detail}") from None
        try:
            body = response.json()
        except ValueError:
            return RawAnswer(response.status_code, (), (), None, False)
        return self._answer(response.status_code, body)

    def _answer(self, status: int, body: Any) -> RawAnswer:
        errors = body.get("errors") if isinstance(body, dict) else None
        codes: list[str] = []
        messages: list[str] = []
        for error in errors if isinstance(errors, list) else []:
            extensions = error.get("extensions") if isinstance(error, dict) else None
            code = extensions.get("code") if isinstance(extensions, dict) else None
            codes.append(code if isinstance(code, str) else "")
            message = error.get("message", "") if isinstance(error, dict) else error
            messages.append(self.clean(str(message)))
        data = body.get("data") if isinstance(body, dict) else None
        return RawAnswer(status, tuple(codes), tuple(messages), data, True)
