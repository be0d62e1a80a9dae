"""The shared part of classic_scenario.py: the scenario's state (``S``), its data (an
ontology, a PNG), the checks its steps use and the step registry (``@step``, ``STEPS``).

Runs under the classic client's venv as well as ours: only ``labelbox`` (2.6.0 or this
SDK's facade) and the standard library are imported.
"""

from __future__ import annotations

import http.server
import json
import queue
import threading
import types
from collections.abc import Callable
from typing import Any

from labelbox import (
    Label,
    Review,
)

# A normalized ontology in the classic editor's format: two tools (one with a nested
# classification) and three global classifications.
ONTOLOGY: dict[str, Any] = {
    "tools": [
        {
            "tool": "rectangle",
            "name": "Car",
            "color": "#ff0000",
            "required": False,
            "classifications": [
                {
                    "type": "radio",
                    "instructions": "Occluded",
                    "name": "Occluded",
                    "required": False,
                    "options": [
                        {"value": "yes", "label": "yes"},
                        {"value": "no", "label": "no"},
                    ],
                }
            ],
        },
        {
            "tool": "polygon",
            "name": "Road",
            "color": "#00ff00",
            "required": False,
            "classifications": [],
        },
    ],
    "classifications": [
        {
            "type": "radio",
            "instructions": "Weather",
            "name": "Weather",
            "required": True,
            "options": [
                {"value": "sunny", "label": "sunny"},
                {"value": "rainy", "label": "rainy"},
            ],
        },
        {
            "type": "checklist",
            "instructions": "Tags",
            "name": "Tags",
            "required": False,
            "options": [
                {"value": "blurry", "label": "blurry"},
                {"value": "dark", "label": "dark"},
            ],
        },
        {
            "type": "text",
            "instructions": "Notes",
            "name": "Notes",
            "required": False,
            "options": [],
        },
    ],
}

PAGED_ROWS = 250  # more than two pages of the classic client's 100-row pagination
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)

# Shared state of the scenario, filled in step by step.
S = types.SimpleNamespace()


# ------------------------------------------------------------------ helpers
class Failure(AssertionError):
    """A result of the classic client that is not what the scenario expects."""


def expect(condition: object, message: str) -> None:
    """Fail the step with ``message`` unless ``condition`` holds."""
    if not condition:
        raise Failure(message)


def expect_eq(actual: object, expected: object, what: str) -> None:
    """Fail the step unless ``actual == expected``."""
    if actual != expected:
        raise Failure(f"{what}: expected {expected!r}, got {actual!r}")


def raises(exc_type: type[BaseException], what: str, fn: Callable[..., object]) -> BaseException:
    """Call ``fn``; it must raise ``exc_type`` (returned), anything else fails the step."""
    try:
        result = fn()
    except exc_type as exc:
        return exc
    except Exception as exc:
        raise Failure(
            f"{what}: expected {exc_type.__name__}, got {type(exc).__name__}: {exc}"
        ) from exc
    raise Failure(f"{what}: expected {exc_type.__name__}, but it returned {result!r}")


def uids(objects: Any) -> list[str]:
    """The ids of classic DB objects (iterating a PaginatedCollection fully)."""
    return [o.uid for o in objects]


def one(objects: Any, what: str) -> Any:
    """The single object of an iterable (fails the step otherwise)."""
    items = list(objects)
    expect(len(items) == 1, f"{what}: expected exactly one object, got {len(items)}: {items!r}")
    return items[0]


def same(a: Any, b: Any, what: str) -> None:
    """Two classic DB objects (or None) must be the same server object."""
    expect(a is not None, f"{what}: got None, expected {type(b).__name__} {b.uid}")
    expect_eq((type(a).__name__, a.uid), (type(b).__name__, b.uid), what)


class Response:
    """What a GET answered (the standard library's urllib: the script runs under either
    client's venv, and only the classic's has ``requests``)."""

    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code = status_code
        self.content = content
        self.text = content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.content)


def http_get(url: str, timeout: float = 30, headers: dict[str, str] | None = None) -> Response:
    """GET ``url`` without proxies; any HTTP status is returned, not raised."""
    import urllib.error
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as answer:
            return Response(answer.status, answer.read())
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.read())


def download(url: str) -> Response:
    """GET a URL handed out by the server; it must answer 200."""
    response = http_get(url, timeout=30)
    expect(response.status_code == 200, f"GET {url} answered HTTP {response.status_code}")
    return response


class Checks:
    """Collects independent checks of one step, then fails once listing every problem."""

    def __init__(self, deleted: list[str] | tuple[str, ...] = ()) -> None:
        self.deleted = set(deleted)
        self.problems: list[str] = []

    def ids(self, objects: Any, expected: list[str], what: str) -> None:
        """The ids of ``objects`` must be ``expected`` (any order)."""
        got = uids(objects)
        stale = [i for i in got if i not in expected and i in self.deleted]
        extra = [i for i in got if i not in expected and i not in self.deleted]
        missing = [i for i in expected if i not in got]
        parts = []
        if stale:
            parts.append(f"still lists {len(stale)} deleted object(s) {stale}")
        if extra:
            parts.append(f"lists unexpected {extra}")
        if missing:
            parts.append(f"misses {missing}")
        if parts:
            self.problems.append(f"{what}: " + ", ".join(parts))

    def run(self, check: Callable[[], object]) -> None:
        """Run a check that raises Failure; record the failure and go on."""
        try:
            check()
        except Failure as exc:
            self.problems.append(str(exc))

    def done(self) -> None:
        """Fail with every recorded problem."""
        if self.problems:
            raise Failure("\n       * ".join([f"{len(self.problems)} problem(s):", *self.problems]))


class HookListener:
    """A local web server (127.0.0.1) that records every webhook POST it receives."""

    def __init__(self) -> None:
        received: queue.Queue[tuple[str, Any, bytes]] = queue.Queue()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length") or 0)
                received.put((self.path, self.headers, self.rfile.read(size)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.received = received
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def next(self, timeout: float) -> tuple[str, Any, bytes] | None:
        """The next received POST, or None after ``timeout`` seconds."""
        try:
            return self.received.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --------------------------------------------------------------- the steps
Step = Callable[[], None]
STEPS: list[tuple[Step, tuple[Step, ...]]] = []


def step(*needs: Step) -> Callable[[Step], Step]:
    """Register a step; it is skipped if one of ``needs`` did not pass."""

    def register(fn: Step) -> Step:
        STEPS.append((fn, needs))
        return fn

    return register


def new_label(row_key: str, body: str = '{"objects": []}', seconds: float = 0.0) -> Label:
    """project.create_label for one of the scenario's data rows; tracked as live."""
    label = S.project.create_label(data_row=S.rows[row_key], label=body, seconds_to_label=seconds)
    expect(isinstance(label, Label), f"create_label returns a Label, got {label!r}")
    S.live[label.uid] = label
    S.scores[label.uid] = {}
    return label


def new_review(label: Label, score: float) -> Review:
    """label.create_review(score=...); tracked per label."""
    review = label.create_review(score=score)
    expect(isinstance(review, Review), f"create_review returns a Review, got {review!r}")
    S.scores[label.uid][review.uid] = score
    return review


def expected_review_metrics() -> dict[str, int]:
    """Net review scores of the live labels, from what the scenario created."""
    nets = {"None": 0, "Negative": 0, "Zero": 0, "Positive": 0}
    for label_id in S.live:
        scores = list(S.scores[label_id].values())
        if not scores:
            nets["None"] += 1
        else:
            total = sum(scores)
            nets["Positive" if total > 0 else "Negative" if total < 0 else "Zero"] += 1
    return nets


def check_review_metrics() -> None:
    """project.review_metrics for None and every Review.NetScore."""
    got = {"None": S.project.review_metrics(None)}
    for net in Review.NetScore:
        got[net.name] = S.project.review_metrics(net)
    expect_eq(got, expected_review_metrics(), "review_metrics by net score")


def check_export() -> list[dict[str, Any]]:
    """project.export_labels(): download it; it must hold exactly the live labels."""
    url = S.project.export_labels(timeout_seconds=60)
    expect(isinstance(url, str) and url.startswith("http"), f"export URL: {url!r}")
    exported = download(url).json()
    expect(isinstance(exported, list), f"export is a JSON list: {str(exported)[:200]}")
    expect_eq(sorted(item["ID"] for item in exported), sorted(S.live), "exported label ids")
    return exported
