"""The emulator's doors: the control token, cross-site refusal, request size limits,
string checks and webhooks aimed at the emulator itself.

* Control routes (``/_emulator/reset``, ``/organizations``, ``/advance``,
  ``/webhook-deliveries``) need ``Authorization: Bearer <control token>``; the token is
  printed by ``labelbox-emulator serve`` and is ``Emulator.control_token``. An
  organization's API key reads that organization's own webhook deliveries only.
* A request from a browser page of another origin (``Origin`` or ``Sec-Fetch-Site``
  says so) is refused, and so is a POST whose body is not JSON (or multipart for
  ``/graphql``): the content types a page may send anywhere without asking.
* Bodies are limited (JSON: :data:`DEFAULT_MAX_REQUEST_BYTES`, multipart uploads:
  :data:`DEFAULT_MAX_UPLOAD_BYTES`; HTTP 413), and so is every string of a request
  (:data:`DEFAULT_MAX_STRING_BYTES` of UTF-8; ``BAD_USER_INPUT``); a string that is not
  valid Unicode (a lone surrogate such as ``"\\ud800"``) is refused with HTTP 400.
* A webhook URL leading back to the emulator itself is refused.
"""

from __future__ import annotations

import hmac
import ipaddress
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .files import DEFAULT_MAX_SIZE

if TYPE_CHECKING:
    from starlette.requests import Request

MIB = 1024 * 1024
#: Largest JSON request body (bytes).
DEFAULT_MAX_REQUEST_BYTES = 10 * MIB
#: Largest multipart request body (bytes): the largest file plus room for the rest.
DEFAULT_MAX_UPLOAD_BYTES = DEFAULT_MAX_SIZE + MIB
#: Largest string in a request, in UTF-8 bytes (names, descriptions, label JSON, ...).
DEFAULT_MAX_STRING_BYTES = MIB


class RequestRefused(Exception):
    """A request answered with an error before it reaches the executor."""

    def __init__(self, status: int, message: str, code: str) -> None:
        """``status``: the HTTP status; ``code``: the GraphQL error code."""
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


# --------------------------------------------------------------- control token
def is_control(request: Request, token: str) -> bool:
    """Whether ``request`` carries the control token as its bearer credential."""
    header = request.headers.get("authorization") or ""
    scheme, _, given = header.strip().partition(" ")
    given = given.strip()
    return scheme.lower() == "bearer" and bool(given) and hmac.compare_digest(given, token)


# ------------------------------------------------------------------ cross-site
def cross_site(request: Request) -> str | None:
    """Why ``request`` looks like one a browser page of another origin sent, or None."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in ("same-origin", "none"):
        return f"Sec-Fetch-Site: {fetch_site}"
    origin = request.headers.get("origin")
    if origin is None:
        return None
    own = f"{request.url.scheme}://{request.headers.get('host', '')}".lower()
    if origin.rstrip("/").lower() != own:
        return f"Origin {origin!r}"
    return None


def unsafe_content_type(request: Request, multipart: bool) -> str | None:
    """The content type of a POST that a page could send cross-site without asking
    (anything but JSON, or multipart where uploads are accepted); None if it is fine.
    A request without a body or content type passes."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not kind:
        return None
    if kind == "application/json" or kind.endswith("+json"):
        return None
    if multipart and kind == "multipart/form-data":
        return None
    return kind


# ---------------------------------------------------------------- body limits
async def read_body(request: Request, limit: int | None) -> bytes:
    """The request body, or :class:`RequestRefused` (413) past ``limit`` bytes (the
    declared Content-Length is checked before anything is read)."""
    declared = request.headers.get("content-length")
    if limit is not None and declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large(int(declared), limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if limit is not None and size > limit:
            raise too_large(size, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(size: int, limit: int) -> RequestRefused:
    """The 413 refusal of a body of (at least) ``size`` bytes."""
    return RequestRefused(
        413,
        f"Request body too large: {size} bytes or more, the limit is {limit} bytes.",
        "BAD_USER_INPUT",
    )


# --------------------------------------------------------------------- strings
def check_strings(value: Any, max_bytes: int | None) -> None:
    """Refuse a request whose strings (keys included) are not valid Unicode (HTTP 400)
    or longer than ``max_bytes`` of UTF-8 (BAD_USER_INPUT, HTTP 400)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            _check_string(item, max_bytes)
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str):
                    _check_string(key, max_bytes)
                stack.append(child)
        elif isinstance(item, list):
            stack.extend(item)


def _check_string(text: str, max_bytes: int | None) -> None:
    size = len(text)
    if not text.isascii():
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError as exc:
            raise RequestRefused(
                400,
                f"Malformed request: a string is not valid Unicode ({exc.reason} at "
                f"character {exc.start}: {text[exc.start]!r}).",
                "BAD_USER_INPUT",
            ) from None
    if max_bytes is not None and size > max_bytes:
        raise RequestRefused(
            400,
            f"A string of the request is too long: {size} bytes, the limit is {max_bytes} bytes.",
            "BAD_USER_INPUT",
        )


# ---------------------------------------------------------------- self-targets
def points_at_self(url: str, host: str, port: int) -> bool:
    """Whether ``url`` leads to a server bound to ``host``:``port`` on this machine
    (a loopback or local address, or a name resolving to one, with that port)."""
    try:
        parts = urlsplit(url)
        target_port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:
        return False
    name = parts.hostname
    if target_port != port or not name:
        return False
    try:
        infos = socket.getaddrinfo(name, target_port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return False
    return any(_is_local(str(info[4][0]), host) for info in infos)


def _is_local(ip: str, bound: str) -> bool:
    try:
        addr = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return False
    if addr.is_loopback or addr.is_unspecified or ip == bound:
        return True
    family = socket.AF_INET6 if addr.version == 6 else socket.AF_INET
    try:  # an address of this machine can be bound
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((ip, 0))
        return True
    except OSError:
        return False


SelfCheck = Callable[[str], bool]
