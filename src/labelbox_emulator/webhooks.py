"""Delivery of webhook notifications from a background thread, with a record of attempts."""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypedDict


@dataclass(frozen=True)
class Notification:
    """One event to POST to one webhook."""

    url: str
    secret: str
    topic: str
    body: bytes
    webhook_id: str
    organization_id: str = ""


class WebhookDelivery(TypedDict):
    """One delivery attempt of a webhook notification (``Emulator.webhook_deliveries()``)."""

    url: str
    """The webhook's URL."""
    topic: str
    """The event, e.g. ``LABEL_CREATED`` (the ``X-Labelbox-Event`` header)."""
    webhook_id: str
    """The webhook's id (the ``X-Labelbox-Id`` header)."""
    organization_id: str
    """The organization whose webhook it is."""
    attempt: int
    """1 for the first try, then 2, 3, ... for retries of the same notification."""
    body: str
    """The JSON body sent."""
    signature: str
    """The ``X-Hub-Signature`` header: ``sha1=<hex HMAC-SHA1(secret, body)>``."""
    status_code: int | None
    """The HTTP status answered; None when there was no answer."""
    error: str | None
    """Why there was no answer (network error, refused URL); None otherwise."""
    time: float
    """When the attempt started (seconds since the epoch)."""


def signature(secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature`` header value: ``sha1=<hex HMAC-SHA1(secret, body)>``."""
    return "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()


class WebhookDispatcher:
    """POSTs notifications on a daemon thread (never blocking a request).

    Each notification gets up to ``attempts`` tries with a short backoff; every try is
    recorded and listed by :meth:`deliveries`.
    """

    def __init__(
        self,
        attempts: int = 3,
        backoff: float = 0.2,
        timeout: float = 5.0,
        refuse: Callable[[str], bool] | None = None,
    ) -> None:
        """Configure retries (``attempts``, ``backoff`` seconds) and the HTTP timeout;
        ``refuse(url)`` says which URLs are never called (the emulator's own)."""
        self.refuse = refuse
        self.attempts = attempts
        self.backoff = backoff
        self.timeout = timeout
        self._queue: queue.Queue[Notification | None] = queue.Queue()
        self._records: list[WebhookDelivery] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pending = 0
        self._idle = threading.Condition(self._lock)

    def send(self, note: Notification) -> None:
        """Queue ``note`` for delivery."""
        with self._lock:
            self._pending += 1
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="labelbox-emulator-webhooks", daemon=True
                )
                self._thread.start()
        self._queue.put(note)

    def deliveries(self, organization_id: str | None = None) -> list[WebhookDelivery]:
        """Every delivery attempt so far (of one organization's webhooks if
        ``organization_id``), oldest first."""
        with self._lock:
            return [
                r.copy()
                for r in self._records
                if organization_id is None or r["organization_id"] == organization_id
            ]

    def clear(self) -> None:
        """Forget recorded attempts."""
        with self._lock:
            self._records.clear()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until every queued notification has been attempted; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self) -> None:
        """Stop the delivery thread."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=2)
            self._thread = None

    def _run(self) -> None:
        import httpx

        with httpx.Client(timeout=self.timeout) as client:
            while True:
                note = self._queue.get()
                if note is None:
                    return
                try:
                    self._deliver(client, note)
                finally:
                    with self._idle:
                        self._pending -= 1
                        self._idle.notify_all()

    def _deliver(self, client: Any, note: Notification) -> None:
        sig = signature(note.secret, note.body)
        headers = {
            "Content-Type": "application/json",
            "X-Hub-Signature": sig,
            "X-Labelbox-Event": note.topic,
            "X-Labelbox-Id": note.webhook_id,
        }
        refused = self.refuse is not None and self.refuse(note.url)
        for attempt in range(1, self.attempts + 1):
            record: WebhookDelivery = {
                "url": note.url,
                "topic": note.topic,
                "webhook_id": note.webhook_id,
                "organization_id": note.organization_id,
                "attempt": attempt,
                "body": note.body.decode(),
                "signature": sig,
                "status_code": None,
                "error": None,
                "time": time.time(),
            }
            ok = False
            if refused:
                record["error"] = "Refused: the webhook URL leads to the emulator itself."
                with self._lock:
                    self._records.append(record)
                return
            try:
                response = client.post(note.url, content=note.body, headers=headers)
                record["status_code"] = response.status_code
                ok = response.status_code < 300
            except Exception as exc:  # network errors are recorded, never raised
                record["error"] = f"{type(exc).__name__}: {exc}"
            with self._lock:
                self._records.append(record)
            if ok:
                return
            if attempt < self.attempts:
                time.sleep(self.backoff * attempt)


def payload_body(payload: dict[str, Any]) -> bytes:
    """The JSON body of a notification."""
    return json.dumps(payload, separators=(",", ":"), default=str).encode()
