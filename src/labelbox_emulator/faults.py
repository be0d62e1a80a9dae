"""Seeded fault injection: an ASGI layer in front of ``/graphql`` that, per request and
with a configured probability, answers the way broken networks and gateways do.

Each fault happens in a *phase*: ``before`` the request is processed (nothing is
applied), or ``after`` the server processed it (a mutation's write is applied, then its
answer is lost or mangled). The kinds and the phases they can happen in:

============  ===============  =====================================================
kind          phases           what the client sees
============  ===============  =====================================================
reset         before, after    the connection is reset (RST), no answer
502, 504      before, after    HTTP 502/504 with a JSON body ``{"message": ...}``
502-html,     before, after    HTTP 502/504 with an nginx-style HTML page
504-html
500-html      before, after    HTTP 500 with an HTML page
503,          before           HTTP 503 (JSON / HTML): "not processed" by contract --
503-html                       never injected after a write
429           before           HTTP 429, ``Retry-After: <seconds>``
429-date      before           HTTP 429, ``Retry-After: <HTTP date>``
truncate      after            the real answer cut in half, then the connection closes
malformed     after            HTTP 200 whose body is broken JSON
gzip          after            the real answer, ``Content-Encoding: gzip``, corrupt
deep          after            HTTP 200 with JSON nested 100,000 levels deep
slow          before, after    the real answer, ``delay`` seconds late
============  ===============  =====================================================

A spec is comma-separated ``KIND[@PHASE]=PROBABILITY`` items (no phase: the kind's
phases share the probability), ``all=PROBABILITY`` (spread over every kind), and the
settings ``delay=SECONDS`` (slow answers, default 0.2), ``retry-after=SECONDS``
(429 answers, default 1), ``limit=N`` (inject at most N faults, then none) and
``only=Name1|Name2`` (only requests of these GraphQL operation names get faults).
Example: ``all=0.2,delay=0.05,retry-after=0``. The total
probability must not exceed 1. The same seed and the same order of requests give the
same faults.

Requests carrying ``X-Emulator-Faults: off`` pass untouched (for checking state).
``GET /_emulator/faults`` returns the statistics; ``POST /_emulator/faults`` with
``{"spec": ..., "seed": ...}`` reconfigures (an empty spec turns faults off).
Every ``/graphql`` answer carries the fault layer's ``x-request-id`` (``emu-<n>``, the id
its events name), in place of the one the app gives every answer (``emu-r<n>``).
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import gzip
import itertools
import json
import logging
import random
import re
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from .request_ids import tagging

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Every fault kind and the phases it may happen in.
FAULT_KINDS: dict[str, tuple[str, ...]] = {
    "reset": ("before", "after"),
    "502": ("before", "after"),
    "502-html": ("before", "after"),
    "503": ("before",),
    "503-html": ("before",),
    "504": ("before", "after"),
    "504-html": ("before", "after"),
    "500-html": ("before", "after"),
    "429": ("before",),
    "429-date": ("before",),
    "truncate": ("after",),
    "malformed": ("after",),
    "gzip": ("after",),
    "deep": ("after",),
    "slow": ("before", "after"),
}
BYPASS_HEADER = "x-emulator-faults"

_REASONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass(frozen=True)
class FaultSpec:
    """Parsed fault configuration: ``(kind, phase, probability)`` rules and settings."""

    rules: tuple[tuple[str, str, float], ...] = ()
    delay: float = 0.2
    retry_after: float = 1.0
    limit: int | None = None
    only: frozenset[str] = frozenset()

    @property
    def total(self) -> float:
        """Probability that a request gets some fault."""
        return sum(p for _, _, p in self.rules)

    @classmethod
    def parse(cls, text: str) -> FaultSpec:
        """Parse a spec (see the module docstring); ValueError naming the bad item."""
        rules: dict[tuple[str, str], float] = {}
        settings: dict[str, float | None] = {"delay": 0.2, "retry-after": 1.0, "limit": None}
        only: frozenset[str] = frozenset()
        for raw in text.split(","):
            item = raw.strip()
            if not item:
                continue
            name, sep, value_text = item.partition("=")
            name = name.strip().lower()
            if name == "only":
                only = frozenset(n.strip() for n in value_text.split("|") if n.strip())
                continue
            try:
                value = float(value_text)
            except ValueError:
                value = -1.0
            if not sep or not value >= 0:
                raise ValueError(f"Invalid fault spec item {item!r}: use KIND[@PHASE]=PROBABILITY")
            if name in settings:
                settings[name] = value
                continue
            kind, _, phase = name.partition("@")
            kinds = list(FAULT_KINDS) if kind == "all" else [kind]
            if kind != "all" and kind not in FAULT_KINDS:
                raise ValueError(
                    f"Unknown fault kind {kind!r} in {item!r}; kinds: {', '.join(FAULT_KINDS)}"
                )
            if value > 1:
                raise ValueError(f"Fault probability must be within [0, 1], got {item!r}")
            for each in kinds:
                phases = FAULT_KINDS[each]
                if phase and phase not in phases:
                    raise ValueError(
                        f"Fault {each!r} cannot happen {phase!r} processing "
                        f"(phases: {', '.join(phases)})"
                    )
                chosen = (phase,) if phase else phases
                share = value / len(kinds) / len(chosen)
                for ph in chosen:
                    rules[(each, ph)] = rules.get((each, ph), 0.0) + share
        limit = settings["limit"]
        spec = cls(
            tuple((k, ph, p) for (k, ph), p in rules.items() if p > 0),
            delay=settings["delay"] or 0.0,
            retry_after=settings["retry-after"] or 0.0,
            limit=None if limit is None else int(limit),
            only=only,
        )
        if spec.total > 1 + 1e-9:
            raise ValueError(f"Fault probabilities add up to {spec.total:g} > 1 in {text!r}")
        return spec


@dataclass
class FaultEvent:
    """One injected fault."""

    seq: int
    kind: str
    phase: str
    operation: str | None
    mutation: bool
    request_id: str = ""


@dataclass
class _Stats:
    requests: int = 0
    bypassed: int = 0
    injected: Counter[str] = field(default_factory=Counter)
    events: list[FaultEvent] = field(default_factory=list)


class FaultInjector:
    """ASGI middleware injecting faults into ``/graphql`` requests (see module doc)."""

    def __init__(self, app: ASGIApp, spec: FaultSpec | str | None = None, seed: int = 0) -> None:
        """Wrap ``app``; ``spec`` as :meth:`FaultSpec.parse` accepts (None: no faults)."""
        self.app = app
        self._lock = threading.Lock()
        self.spec = FaultSpec()
        self.seed = 0
        self._rng = random.Random(0)
        self._stats = _Stats()
        self._seq = 0
        self._controls = itertools.count(1)  # ids of /_emulator/faults answers
        self._used = 0
        self.configure(spec, seed)
        logging.getLogger("uvicorn.error").addFilter(_quiet_dropped_responses)

    def configure(self, spec: FaultSpec | str | None, seed: int | None = None) -> None:
        """Replace the spec (and reseed the generator when ``seed`` is given)."""
        parsed = FaultSpec.parse(spec) if isinstance(spec, str) else spec or FaultSpec()
        with self._lock:
            self.spec = parsed
            self._used = 0  # faults injected under this spec (for ``limit``)
            if seed is not None:
                self.seed = int(seed)
                self._rng = random.Random(self.seed)

    def reset_stats(self) -> None:
        """Forget counted requests and faults."""
        with self._lock:
            self._stats = _Stats()

    @property
    def events(self) -> list[FaultEvent]:
        """Every injected fault so far, oldest first."""
        with self._lock:
            return list(self._stats.events)

    def stats(self) -> dict[str, Any]:
        """Counts: requests seen, bypassed, faults injected (total, by kind@phase, and
        how many hit a mutation after it was applied)."""
        with self._lock:
            events = self._stats.events
            return {
                "seed": self.seed,
                "requests": self._stats.requests,
                "bypassed": self._stats.bypassed,
                "injected": sum(self._stats.injected.values()),
                "by_kind": dict(sorted(self._stats.injected.items())),
                "after_write": sum(1 for e in events if e.mutation and e.phase == "after"),
            }

    # -- ASGI ---------------------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path == "/_emulator/faults":
            await self._control(scope, receive, tagging(send, f"emu-c{next(self._controls)}"))
            return
        if path != "/graphql":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        body, trailing = await _read_body(receive)
        replay = _replaying(body, trailing, receive)
        with self._lock:
            self._seq += 1
            request_id = f"emu-{self._seq}"
            self._stats.requests += 1
            bypass = headers.get(BYPASS_HEADER, "").lower() in ("off", "0", "false")
            if bypass:
                self._stats.bypassed += 1
            operation, mutation = _operation_of(body)
            eligible = not self.spec.only or operation in self.spec.only
            choice = None if bypass or not eligible else self._choose()
            if choice is not None:
                event = FaultEvent(self._seq, choice[0], choice[1], operation, mutation, request_id)
                self._stats.events.append(event)
                self._stats.injected[f"{choice[0]}@{choice[1]}"] += 1
        tagged = tagging(send, request_id)
        if choice is None:
            await self.app(scope, replay, tagged)
            return
        kind, phase = choice
        if phase == "before":
            if kind == "slow":
                await asyncio.sleep(self.spec.delay)
                await self.app(scope, replay, tagged)
                return
            await self._fault(kind, None, receive, tagged)
            return
        captured = _Captured()
        await self.app(scope, replay, captured.send)
        if kind == "slow":
            await asyncio.sleep(self.spec.delay)
            await captured.replay(tagged)
            return
        await self._fault(kind, captured, receive, tagged)

    def _choose(self) -> tuple[str, str] | None:
        """(kind, phase) of this request's fault, or None (one draw per request)."""
        draw = self._rng.random()
        if self.spec.limit is not None and self._used >= self.spec.limit:
            return None
        for kind, phase, probability in self.spec.rules:
            if draw < probability:
                self._used += 1
                return kind, phase
            draw -= probability
        return None

    async def _fault(
        self, kind: str, captured: _Captured | None, receive: Receive, send: Send
    ) -> None:
        if kind == "reset":
            if await _reset(receive):
                return
            kind = "502-html"  # not served by uvicorn: no socket to reset
        if kind in ("502", "503", "504"):
            status = int(kind)
            body = json.dumps({"message": _REASONS[status]}).encode()
            await _respond(send, status, body, "application/json")
        elif kind.endswith("-html"):
            status = int(kind[:3])
            title = f"{status} {_REASONS[status]}"
            html = (
                f"<html><head><title>{title}</title></head><body><center><h1>{title}</h1>"
                "</center><hr><center>nginx</center></body></html>"
            )
            await _respond(send, status, html.encode(), "text/html")
        elif kind in ("429", "429-date"):
            wait = self.spec.retry_after
            if kind == "429":
                retry_after = str(int(wait)) if wait == int(wait) else f"{wait:g}"
            else:
                retry_after = email.utils.formatdate(time.time() + wait, usegmt=True)
            body = json.dumps(
                {"message": "You have exceeded the rate limit (fault injection)."}
            ).encode()
            await _respond(send, 429, body, "application/json", [("retry-after", retry_after)])
        elif kind == "deep":
            depth = 100_000
            body = b'{"data": ' + b"[" * depth + b"]" * depth + b"}"
            await _respond(send, 200, body, "application/json")
        elif captured is not None:
            await self._mangle(kind, captured, receive, send)

    async def _mangle(self, kind: str, captured: _Captured, receive: Receive, send: Send) -> None:
        """Faults that change the real answer (after processing)."""
        body = captured.body
        if kind == "truncate":
            start = dict(captured.start)
            await send(start)
            await send(
                {"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True}
            )
            if not await _close(receive):
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        elif kind == "malformed":
            cut = body[: max(len(body) // 2, 1)] + b"\x00<not json"
            await _respond(send, captured.status, cut, "application/json")
        elif kind == "gzip":
            packed = gzip.compress(body)
            # Flip the deflate data between the 10-byte header and the 8-byte trailer.
            broken = packed[:10] + bytes(b ^ 0x5A for b in packed[10:-8]) + packed[-8:]
            await _respond(
                send,
                captured.status,
                broken,
                "application/json",
                [("content-encoding", "gzip")],
            )

    async def _control(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("method") == "POST":
            raw, _ = await _read_body(receive)
            try:
                data = json.loads(raw or b"{}")
                self.configure(str(data.get("spec") or ""), data.get("seed"))
            except (ValueError, TypeError, AttributeError) as exc:
                body = json.dumps({"message": f"Bad fault configuration: {exc}"}).encode()
                await _respond(send, 400, body, "application/json")
                return
        await _respond(send, 200, json.dumps(self.stats()).encode(), "application/json")


# -- helpers ---------------------------------------------------------------------------
_QUERY = re.compile(rb'"query"\s*:\s*"((?:[^"\\]|\\.)*)"', re.S)
_OPERATION_NAME = re.compile(rb'"operationName"\s*:\s*"([A-Za-z_][A-Za-z0-9_]*)"')
_FIRST_KEYWORD = re.compile(
    r"^(?:\s|,|\ufeff|#[^\n]*(?:\n|$))*(query|mutation|subscription|fragment|\{)"
)


def _operation_of(body: bytes) -> tuple[str | None, bool]:
    """(operation name, is a mutation) of a JSON or multipart GraphQL request body."""
    name_match = _OPERATION_NAME.search(body)
    name = name_match.group(1).decode() if name_match else None
    match = _QUERY.search(body)
    if match is None:
        return name, False
    try:
        query = json.loads(b'"' + match.group(1) + b'"')
    except ValueError:
        return name, False
    first = _FIRST_KEYWORD.match(query)
    if first is None:
        return name, False
    keyword = first.group(1)
    if keyword == "fragment":
        return name, re.search(r"(?:^|\})\s*mutation\b", query) is not None
    return name, keyword == "mutation"


async def _read_body(receive: Receive) -> tuple[bytes, list[Message]]:
    """The whole request body, and any non-body message received after it."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), [message]
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), []


def _replaying(body: bytes, trailing: list[Message], receive: Receive) -> Receive:
    """A receive callable that gives ``body`` again, then defers to ``receive``."""
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]
    pending += trailing

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


class _Captured:
    """A response recorded instead of sent."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def send(self, message: Message) -> None:
        self.messages.append(message)

    @property
    def start(self) -> Message:
        for message in self.messages:
            if message["type"] == "http.response.start":
                return message
        return {"type": "http.response.start", "status": 500, "headers": []}

    @property
    def status(self) -> int:
        return int(self.start.get("status", 500))

    @property
    def body(self) -> bytes:
        return b"".join(
            m.get("body", b"") for m in self.messages if m["type"] == "http.response.body"
        )

    async def replay(self, send: Send) -> None:
        for message in self.messages:
            await send(message)


async def _respond(
    send: Send,
    status: int,
    body: bytes,
    content_type: str,
    extra: list[tuple[str, str]] | None = None,
) -> None:
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    headers += [(k.encode(), v.encode()) for k, v in extra or []]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


def _connection(receive: Receive) -> tuple[Any, Any] | None:
    """uvicorn's (request cycle, asyncio transport) behind ``receive``, if any."""
    cycle = getattr(receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None or not hasattr(transport, "abort"):
        return None
    return cycle, transport


async def _reset(receive: Receive) -> bool:
    """Resets the connection (RST, no answer); False when there is no socket to reset."""
    found = _connection(receive)
    if found is None:
        return False
    cycle, transport = found
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    await _until_disconnected(cycle)
    return True


async def _close(receive: Receive) -> bool:
    """Closes the connection after what was sent (FIN); False without a socket."""
    found = _connection(receive)
    if found is None:
        return False
    cycle, transport = found
    transport.close()
    await _until_disconnected(cycle)
    return True


async def _until_disconnected(cycle: Any) -> None:
    """Lets the server notice the closed connection (so it sends nothing more)."""
    for _ in range(50):
        if getattr(cycle, "disconnected", True):
            return
        await asyncio.sleep(0.001)


def _quiet_dropped_responses(record: logging.LogRecord) -> bool:
    """Hides uvicorn's complaint about the answers a fault cut short on purpose."""
    return "without completing response" not in record.getMessage()
