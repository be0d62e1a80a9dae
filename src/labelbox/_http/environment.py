"""What the SDK's connection pools take from the process and its environment: httpx
imported lazily, one verifying TLS context per process (and CA setting) whose CA
certificates load on first use, and the proxy settings of the environment.

Shared by the sync and the async pool (:mod:`labelbox._http.pool`, derived from
:mod:`labelbox._async._http.pool`): hand-written once, without I/O of its own."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ssl


def import_httpx() -> None:
    """``import httpx``, without running its command-line module at that moment.

    ``httpx/__init__.py`` imports ``httpx._main`` (the ``httpx`` console script), which
    imports click and pygments (and rich) when they are installed: ~15 ms of the SDK's
    time to first request for a module it never uses. A stand-in takes its place while
    httpx is imported; ``httpx.main`` then imports the real module when called, and
    ``import httpx._main`` afterwards gets the real module too.
    """
    import sys

    if "httpx" in sys.modules or "httpx._main" in sys.modules:
        return
    import types

    stand_in = types.ModuleType(
        "httpx._main", "Stand-in of httpx._main (see labelbox._http.environment)."
    )

    def main(*args: Any, **kwargs: Any) -> Any:
        """The ``httpx`` command line (imports the real ``httpx._main``)."""
        import importlib

        if sys.modules.get("httpx._main") is stand_in:
            del sys.modules["httpx._main"]
        return importlib.import_module("httpx._main").main(*args, **kwargs)

    stand_in.main = main  # type: ignore[attr-defined]
    sys.modules["httpx._main"] = stand_in
    try:
        import httpx  # noqa: F401
    finally:
        if sys.modules.get("httpx._main") is stand_in:
            del sys.modules["httpx._main"]
        package = sys.modules.get("httpx")
        if getattr(package, "_main", None) is stand_in:
            delattr(package, "_main")  # `httpx._main` then resolves to the real module


_SSL_CONTEXTS: dict[tuple[str | None, str | None], ssl.SSLContext] = {}


def ssl_context() -> ssl.SSLContext:
    """httpx's default verifying SSL context (CAs from ``SSL_CERT_FILE``, else
    ``SSL_CERT_DIR``, else certifi), built once per process and CA setting and shared by
    every pool and download. The CAs load at the first TLS handshake, not here: that
    takes ~40 ms, which a plain-http endpoint (the emulator) never needs to pay."""
    key = (os.environ.get("SSL_CERT_FILE") or None, os.environ.get("SSL_CERT_DIR") or None)
    context = _SSL_CONTEXTS.get(key)
    if context is None:
        context = _SSL_CONTEXTS.setdefault(key, _verifying_context(*key))
    return context


def pending_ca_load() -> Callable[[], None] | None:
    """The loading of the shared context's CA certificates while it is still to do
    (None once done): the async client runs it in a worker thread before its first TLS
    request, so the ~40 ms never block its event loop."""
    context = ssl_context()
    if getattr(context, "_ca_loaded", True):
        return None
    load: Callable[[], None] = context._load_cas  # type: ignore[attr-defined]
    return load


def _verifying_context(cafile: str | None, capath: str | None) -> ssl.SSLContext:
    """What ``httpx.create_ssl_context()`` (``ssl.create_default_context``) builds, with
    the CA certificates loaded on first use."""
    import ssl

    class LazyCAContext(ssl.SSLContext):
        """Loads its CA certificates before its first handshake (thread-safe)."""

        _ca_lock = threading.Lock()
        _ca_loaded = False

        def _load_cas(self) -> None:
            with self._ca_lock:
                if not self._ca_loaded:
                    if cafile is None and capath is None:
                        import certifi

                        self.load_verify_locations(cafile=certifi.where())
                    else:
                        self.load_verify_locations(cafile=cafile, capath=capath)
                    self._ca_loaded = True

        def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
            if not self._ca_loaded:
                self._load_cas()
            return super().wrap_socket(*args, **kwargs)

        def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
            if not self._ca_loaded:
                self._load_cas()
            return super().wrap_bio(*args, **kwargs)

    context = LazyCAContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies certificate and host name
    keylog = os.environ.get("SSLKEYLOGFILE")
    if keylog:
        context.keylog_filename = keylog
    return context


def _environment_proxies() -> dict[str, str | None]:
    """httpx's reading of the proxy environment variables (mount pattern -> proxy URL,
    or None for hosts in ``NO_PROXY``)."""
    try:
        from httpx._utils import get_environment_proxies
    except ImportError:  # pragma: no cover - a future httpx without the helper
        from urllib.request import getproxies

        found = getproxies()
        return {f"{s}://": found[s] for s in ("http", "https", "all") if found.get(s)}
    return get_environment_proxies()
