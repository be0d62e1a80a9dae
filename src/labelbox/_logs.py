"""Logging without secrets: a filter on the SDK's and httpx's loggers that redacts the
query strings of URLs (signed file URLs carry their token there) and any
``Authorization``/``Bearer`` value, and the ``LABELBOX_LOG=debug|info`` switch."""

from __future__ import annotations

import logging
import os
import re
import threading

#: Loggers whose records pass the redaction filter (a logger's filters see only the
#: records logged on it, not its children's, hence the httpcore children listed).
REDACTED_LOGGERS = (
    "labelbox",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
)
LOG_ENV = "LABELBOX_LOG"

_URL_QUERY = re.compile(r"""(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s?#"'<>]*)\?[^\s#"'<>]*""")
_USERINFO = re.compile(r"""(\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/\s@"'<>]+@""")
_BEARER = re.compile(r"(?i)\b(bearer|basic)(\s+|%20)[^\s,;'\"\]\)]+")
_AUTH_HEADER = re.compile(r"""(?i)(['"]?authorization['"]?\s*[:=,]\s*b?['"]?)[^'"\n,;)]+""")

_installed = False
_lock = threading.Lock()


def redact(text: str) -> str:
    """``text`` with URL query strings, URL credentials and authorization values
    replaced by ``<redacted>``."""
    text = _URL_QUERY.sub(r"\1?<redacted>", text)
    text = _USERINFO.sub(r"\1<redacted>@", text)
    text = _AUTH_HEADER.sub(r"\1<redacted>", text)
    return _BEARER.sub(r"\1 <redacted>", text)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message with :func:`redact` (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format: leave it to the handler to report
            return True
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        return True


def install() -> None:
    """Adds the redaction filter to :data:`REDACTED_LOGGERS` (once per process) and
    applies ``LABELBOX_LOG``: ``debug`` or ``info`` sets the SDK's and httpx's log
    level and, when the root logger has no handler, logs them to stderr."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
        redacting = RedactingFilter()
        for name in REDACTED_LOGGERS:
            logging.getLogger(name).addFilter(redacting)
        level_name = os.environ.get(LOG_ENV, "").strip().lower()
        if level_name not in ("debug", "info"):
            return
        level = logging.DEBUG if level_name == "debug" else logging.INFO
        handler: logging.Handler | None = None
        if not logging.getLogger().handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(
                logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s")
            )
            handler.addFilter(redacting)
        for name in ("labelbox", "httpx"):
            logger = logging.getLogger(name)
            logger.setLevel(level)
            if handler is not None:
                logger.addHandler(handler)
