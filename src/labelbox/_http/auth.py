"""The API key and what must not leak with it: a key that never shows itself, the
``Authorization`` header, URLs without credentials, and a warning before plain http."""

from __future__ import annotations

import warnings
from urllib.parse import urlsplit, urlunsplit


class Secret:
    """A string that never shows itself in a repr, str or format."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself (only for the Authorization header and pickling)."""
        return self._value

    def __repr__(self) -> str:
        return "<redacted>"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return "<redacted>"


def authorization(key: Secret) -> dict[str, str]:
    """The header that authenticates a request with ``key``."""
    return {"Authorization": f"Bearer {key.reveal()}"}


def public_url(url: str) -> str:
    """``url`` without user info, query string or fragment (safe in a message)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, "", ""))


def warn_if_plaintext(url: str) -> None:
    """A UserWarning when ``url`` is plain http to a host that is not loopback (shown
    at the frame three calls above this function's caller)."""
    parts = urlsplit(url)
    if parts.scheme != "http" or is_loopback(parts.hostname or ""):
        return
    warnings.warn(
        f"Sending requests over plain http to {parts.hostname}: the API key and data "
        "travel unencrypted. Use https unless this is a trusted local server.",
        UserWarning,
        stacklevel=4,
    )


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (nothing sent to it crosses a network)."""
    import ipaddress

    host = host.strip("[]").lower()
    # RFC 6761: *.localhost is loopback; *.invalid never resolves (nothing is sent).
    if host in ("localhost", "invalid") or host.endswith((".localhost", ".invalid")):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
