"""Compatibility scenario: the official ``labelbox==2.6.0`` client against the emulator.

Run by the *classic* virtualenv's python, never by the project's own venv::

    python classic_scenario.py ENDPOINT API_KEY WORKDIR

It imports only the unmodified ``labelbox`` 2.6.0 package, ``requests`` (a dependency of
the classic client) and the standard library. Every class of the API reference
(Client, AssetMetadata, Benchmark, BulkImportRequest, DataRow, Dataset, Label,
LabelingFrontend, LabelingFrontendOptions, LabelingParameterOverride, Ontology,
Organization, Prediction, PredictionModel, Project, Review, Task, User, Webhook,
exceptions, pagination, enums) is driven through the classic client's own methods, and
each step asserts on what those methods return.

One line is printed per step: ``ok``, ``FAIL`` (with the reason and the end of the
traceback) or ``SKIP`` (a step it needs failed). The exit code is 0 only if every step
passed. WORKDIR receives the local files that are uploaded.
"""

from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import logging
import os
import queue
import sys
import threading
import time
import traceback
import types
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any

import labelbox
from labelbox import (
    AssetMetadata,
    BulkImportRequest,
    Client,
    DataRow,
    Dataset,
    Label,
    LabelingFrontend,
    Ontology,
    Organization,
    Prediction,
    PredictionModel,
    Project,
    Review,
    Task,
    User,
    Webhook,
)
from labelbox.exceptions import (
    AuthenticationError,
    InvalidQueryError,
    MALValidationError,
    NetworkError,
    ResourceNotFoundError,
)
from labelbox.schema.benchmark import Benchmark
from labelbox.schema.enums import BulkImportRequestState
from labelbox.schema.labeling_frontend import LabelingFrontendOptions
from labelbox.schema.ontology import OntologyBuilder
from labelbox.schema.project import LabelingParameterOverride

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


@step()
def connect() -> None:
    """Client, get_user, get_organization and the User/Organization relationships."""
    # Which client runs the scenario is the test's choice (the classic by default).
    expected = os.environ.get("LABELBOX_SCENARIO_VERSION", "2.6.0")
    expect_eq(labelbox.__version__, expected, "labelbox version")
    S.client = Client(api_key=S.api_key, endpoint=S.endpoint)
    S.user = S.client.get_user()
    S.org = S.client.get_organization()
    expect(isinstance(S.user, User) and isinstance(S.org, Organization), "user/org types")
    expect(S.user.uid and S.user.email, f"user has id and email: {S.user!r}")
    expect(isinstance(S.user.created_at, datetime), f"user.created_at: {S.user.created_at!r}")
    expect(isinstance(S.org.name, str) and S.org.name, f"organization name: {S.org.name!r}")
    same(S.user.organization(), S.org, "user.organization()")
    expect(S.user.uid in uids(S.org.users()), "organization.users() lists the current user")
    S.live, S.scores, S.rows = {}, {}, {}


@step(connect)
def client_errors() -> None:
    """Exceptions: AuthenticationError, InvalidQueryError, ResourceNotFoundError, NetworkError."""
    bad = Client(api_key="not-a-valid-key", endpoint=S.endpoint)
    raises(AuthenticationError, "get_user() with a wrong API key", bad.get_user)
    raises(AuthenticationError, "create_project with a wrong API key",
           lambda: bad.create_project(name="x"))  # fmt: skip
    raises(InvalidQueryError, "execute() of a syntax error", lambda: S.client.execute("asda"))
    raises(InvalidQueryError, "execute() of an unknown field",
           lambda: S.client.execute("query {bbb {id}}"))  # fmt: skip
    missing = "c" + "0" * 24
    raises(ResourceNotFoundError, "get_project(unknown id)", lambda: S.client.get_project(missing))
    raises(ResourceNotFoundError, "get_dataset(unknown id)", lambda: S.client.get_dataset(missing))
    data = S.client.execute("query Me { user { id email } }")
    expect_eq(data["user"], {"id": S.user.uid, "email": S.user.email}, "raw execute()")
    closed = Client(api_key=S.api_key, endpoint="http://127.0.0.1:9/graphql")
    raises(NetworkError, "a server that is not there", closed.get_user)


@step(connect)
def projects() -> None:
    """create_project, get_project, update, get_projects with where (==, !=, <, >, AND)."""
    S.tag = uuid.uuid4().hex[:8]
    name, other = f"compat-{S.tag}", f"compat-{S.tag}-other"
    S.project = S.client.create_project(name=name, description="classic compat")
    expect(isinstance(S.project, Project), "create_project returns a Project")
    expect_eq((S.project.name, S.project.description), (name, "classic compat"), "fields")
    expect(S.project.setup_complete is None, "a new project is not set up")
    expect(isinstance(S.project.created_at, datetime), "project.created_at is a datetime")
    got = S.client.get_project(S.project.uid)
    expect_eq((got.uid, got.name), (S.project.uid, name), "get_project")
    S.project.update(description="driven by labelbox 2.6.0")
    expect_eq(S.project.description, "driven by labelbox 2.6.0", "update() sets the field")
    got = S.client.get_project(S.project.uid)
    expect_eq(got.description, "driven by labelbox 2.6.0", "description after update")
    S.other_project = S.client.create_project(name=other)
    expect({S.project, S.other_project} <= set(S.client.get_projects()), "get_projects()")

    since = Project.created_at >= S.project.created_at

    def names(where: Any) -> set[str]:
        return {p.name for p in S.client.get_projects(where=where & since)}

    expect_eq(names(Project.name == name), {name}, "where name ==")
    expect_eq(names(Project.name != name), {other}, "where name !=")
    expect_eq(names(Project.name > name), {other}, "where name >")
    expect_eq(names(Project.name < other), {name}, "where name <")
    expect_eq(names(Project.name <= other), {name, other}, "where name <=")
    desc = Project.description == "driven by labelbox 2.6.0"
    expect_eq(uids(S.client.get_projects(where=(Project.name == name) & desc)), [S.project.uid],
              "where name == & description ==")  # fmt: skip
    expect(
        {S.project.uid, S.other_project.uid} <= set(uids(S.org.projects())),
        "organization.projects() lists both projects",
    )
    expect(S.project.uid in uids(S.user.projects()), "user.projects() lists the project")
    same(S.project.created_by(), S.user, "project.created_by()")
    same(S.project.organization(), S.org, "project.organization()")


@step(projects)
def datasets() -> None:
    """create_dataset(projects=...), get_dataset, update, get_datasets, connect/disconnect."""
    S.dataset = S.client.create_dataset(name=f"compat-ds-{S.tag}", projects=S.project)
    expect(isinstance(S.dataset, Dataset), "create_dataset returns a Dataset")
    expect_eq(S.dataset.name, f"compat-ds-{S.tag}", "dataset.name")
    expect_eq(uids(S.dataset.projects()), [S.project.uid], "dataset.projects()")
    expect_eq(uids(S.project.datasets()), [S.dataset.uid], "project.datasets()")
    S.dataset.update(description="images")
    expect_eq(S.dataset.description, "images", "update() sets the field")
    got = S.client.get_dataset(S.dataset.uid)
    expect_eq((got.name, got.description), (S.dataset.name, "images"), "get_dataset after update")
    found = S.client.get_datasets(where=Dataset.name == f"compat-ds-{S.tag}")
    expect_eq(uids(found), [S.dataset.uid], "get_datasets(where name ==)")
    expect(S.dataset in set(S.client.get_datasets()), "get_datasets() lists the dataset")
    same(S.dataset.created_by(), S.user, "dataset.created_by()")
    same(S.dataset.organization(), S.org, "dataset.organization()")
    S.other_project.datasets.connect(S.dataset)
    expect_eq(
        sorted(uids(S.dataset.projects())),
        sorted([S.project.uid, S.other_project.uid]),
        "dataset.projects() after project.datasets.connect",
    )
    S.other_project.datasets.disconnect(S.dataset)
    expect_eq(uids(S.dataset.projects()), [S.project.uid], "after datasets.disconnect")
    expect_eq(uids(S.other_project.datasets()), [], "other project's datasets after disconnect")


@step(datasets)
def dataset_defaults() -> None:
    """A dataset created without a description reads back description == "" (real server)."""
    plain = S.client.create_dataset(name=f"compat-plain-{S.tag}")
    try:
        got = S.client.get_dataset(plain.uid).description
        expect_eq(got, "", "get_dataset(new dataset).description")
    finally:
        plain.delete()


@step(projects)
def dates() -> None:
    """DateTime fields are UTC datetimes; naive and +06:00 datetimes are stored in UTC."""
    project = S.other_project
    for field in ("created_at", "updated_at"):
        value = getattr(project, field)
        expect(isinstance(value, datetime), f"project.{field} is a datetime: {value!r}")
        expect_eq(value.tzinfo, timezone.utc, f"project.{field}.tzinfo")
    project.update(setup_complete=datetime.now())
    expect(isinstance(project.setup_complete, datetime), "setup_complete after update")
    diff = project.setup_complete - datetime.now().astimezone(timezone.utc)
    expect(abs(diff) < timedelta(minutes=1), f"a naive local time is stored in UTC: {diff}")
    plus6 = timezone(timedelta(hours=6))
    project.update(setup_complete=datetime.now(timezone.utc).replace(tzinfo=plus6))
    diff = datetime.now(timezone.utc) - project.setup_complete
    expect(
        timedelta(hours=5, minutes=58) < diff < timedelta(hours=6, minutes=2),
        f"a +06:00 time is converted to UTC: {diff}",
    )


@step(datasets)
def data_rows_from_urls() -> None:
    """create_data_rows from URL dicts -> Task.wait_till_done; created_tasks; relationships."""
    S.urls = [f"https://example.com/img/{i}.jpg" for i in range(4)]
    task = S.dataset.create_data_rows(
        [
            {DataRow.row_data: S.urls[0], DataRow.external_id: "url-0"},
            {"row_data": S.urls[1], "external_id": "url-1"},
            {DataRow.row_data: S.urls[2], "external_id": "url-2"},
            {"row_data": S.urls[3], "external_id": "url-3"},
        ]
    )
    expect(isinstance(task, Task), f"create_data_rows returns a Task, got {task!r}")
    task.wait_till_done(timeout_seconds=60)
    expect_eq(task.status, "COMPLETE", "task.status after wait_till_done")
    task.refresh()
    expect_eq(task.status, "COMPLETE", "task.status after refresh")
    expect(task.uid in uids(S.user.created_tasks()), "user.created_tasks() lists the task")
    if labelbox.__version__ == "2.6.0":
        # The real API has no task(where: {id}) root: 2.6.0's expansion is refused there.
        raises(InvalidQueryError, "task.organization() (no task root)", task.organization)
    else:  # this SDK reads it another way (tasks are the API key user's)
        same(task.organization(), S.org, "task.organization()")
    for i, url in enumerate(S.urls):
        row = S.dataset.data_row_for_external_id(f"url-{i}")
        expect_eq(row.row_data, url, f"row_data of url-{i}")
        S.rows[f"url-{i}"] = row
    row = S.rows["url-0"]
    same(row.dataset(), S.dataset, "data_row.dataset()")
    same(row.created_by(), S.user, "data_row.created_by()")
    same(row.organization(), S.org, "data_row.organization()")
    expect(isinstance(row.created_at, datetime), "data_row.created_at is a datetime")
    expect_eq(len(list(S.dataset.data_rows())), 4, "dataset.data_rows() count")
    raises(ResourceNotFoundError, "data_row_for_external_id(unknown)",
           lambda: S.dataset.data_row_for_external_id("no-such-row"))  # fmt: skip


@step(data_rows_from_urls)
def data_rows_from_files() -> None:
    """create_data_rows from local file paths: uploaded, then served back byte for byte."""
    S.png_path = S.workdir / "pixel.png"
    S.png_path.write_bytes(PNG)
    S.txt_path = S.workdir / "note.txt"
    S.txt_path.write_text("a text asset\n", encoding="utf-8")
    task = S.dataset.create_data_rows([str(S.png_path), str(S.txt_path)])
    task.wait_till_done(timeout_seconds=60)
    expect_eq(task.status, "COMPLETE", "task.status")
    for path, content in ((S.png_path, PNG), (S.txt_path, b"a text asset\n")):
        row = S.dataset.data_row_for_external_id(str(path))
        expect(row.row_data.startswith("http"), f"row_data of {path.name} is a URL: {row.row_data}")
        expect_eq(download(row.row_data).content, content, f"content served for {path.name}")
        S.rows[path.name] = row
    rows = S.dataset.data_rows_for_external_id(str(S.png_path), limit=10)
    expect_eq(uids(rows), [S.rows["pixel.png"].uid], "data_rows_for_external_id")
    expect_eq(len(list(S.dataset.data_rows())), 6, "dataset.data_rows() count")


@step(data_rows_from_urls)
def create_data_row() -> None:
    """Dataset.create_data_row from a URL and from a local file."""
    row = S.dataset.create_data_row(row_data="https://example.com/single.jpg", external_id="one")
    expect(isinstance(row, DataRow), "create_data_row returns a DataRow")
    expect_eq((row.row_data, row.external_id), ("https://example.com/single.jpg", "one"), "fields")
    same(row.dataset(), S.dataset, "data_row.dataset()")
    path = S.workdir / "single.png"
    path.write_bytes(PNG)
    local = S.dataset.create_data_row(row_data=str(path))
    expect(local.row_data != str(path), "a local path is uploaded, not stored as is")
    expect_eq(download(local.row_data).content, PNG, "content served for the uploaded file")
    S.rows["one"], S.rows["single.png"] = row, local
    text = f"uploaded with Client.upload_data {S.tag}"
    uri = S.client.upload_data(text.encode())
    from_uri = S.dataset.create_data_row(row_data=uri, external_id="upload-data")
    expect_eq(download(from_uri.row_data).text, text, "content of a Client.upload_data URL")
    S.rows["upload-data"] = from_uri
    raises(InvalidQueryError, "create_data_row without row_data", S.dataset.create_data_row)


@step(datasets)
def pagination_where_order_by() -> None:
    """250 rows: pagination past 100, order_by across pages, where ==, !=, >=, AND."""
    S.paged = S.client.create_dataset(name=f"compat-paged-{S.tag}")
    items = [
        {"row_data": f"https://example.com/p/{i}.jpg", "external_id": f"page-{i:03d}"}
        for i in range(PAGED_ROWS)
    ]
    task = S.paged.create_data_rows(items)
    task.wait_till_done(timeout_seconds=60)
    expect_eq(task.status, "COMPLETE", "task.status")
    rows = list(S.paged.data_rows())
    expect_eq(len(rows), PAGED_ROWS, "rows listed through pagination")
    expect_eq(len(set(uids(rows))), PAGED_ROWS, "distinct rows listed through pagination")
    expected = sorted((item["external_id"] for item in items), reverse=True)
    desc = [r.external_id for r in S.paged.data_rows(order_by=DataRow.external_id.desc)]
    expect_eq(desc, expected, "order_by external_id desc, across 3 pages")
    asc = [r.external_id for r in S.paged.data_rows(order_by=DataRow.external_id.asc)]
    expect_eq(asc, expected[::-1], "order_by external_id asc")
    hit = one(S.paged.data_rows(where=DataRow.external_id == "page-123"), "where ==")
    expect_eq(hit.row_data, "https://example.com/p/123.jpg", "row found by where ==")
    window = (DataRow.external_id >= "page-240") & (
        DataRow.row_data != "https://example.com/p/245.jpg"
    )
    got = sorted(r.external_id for r in S.paged.data_rows(where=window))
    want = [f"page-{i}" for i in range(240, PAGED_ROWS) if i != 245]
    expect_eq(got, want, "where external_id >= & row_data !=")
    not_one = list(S.paged.data_rows(where=DataRow.external_id != "page-000"))
    expect_eq(len(not_one), PAGED_ROWS - 1, "where != (over 2 pages)")
    found = S.client.get_datasets(where=Dataset.name == f"compat-paged-{S.tag}")
    expect_eq(uids(found), [S.paged.uid], "get_datasets(where name ==)")


@step(projects)
def setup_with_ontology() -> None:
    """project.setup(Editor, ontology dict); LabelingFrontend and LabelingFrontendOptions."""
    frontends = list(S.client.get_labeling_frontends())
    expect(frontends, "get_labeling_frontends() lists frontends")
    S.editor = one(
        S.client.get_labeling_frontends(where=LabelingFrontend.name == "Editor"),
        "get_labeling_frontends(where name == 'Editor')",
    )
    expect(isinstance(S.editor, LabelingFrontend), "a LabelingFrontend")
    expect_eq(S.editor.name, "Editor", "frontend.name")
    by_path = S.client.get_labeling_frontends(
        where=LabelingFrontend.iframe_url_path == S.editor.iframe_url_path
    )
    expect(S.editor in set(by_path), "get_labeling_frontends(where iframe_url_path ==)")

    other = S.other_project
    expect(other.labeling_frontend() is None, "a new project has no labeling frontend")
    other.labeling_frontend.connect(S.editor)
    same(other.labeling_frontend(), S.editor, "labeling_frontend after connect")
    other.labeling_frontend.disconnect(S.editor)
    expect(other.labeling_frontend() is None, "labeling_frontend after disconnect")

    before = datetime.now(timezone.utc) - timedelta(seconds=5)
    S.project.setup(S.editor, ONTOLOGY)
    after = datetime.now(timezone.utc) + timedelta(seconds=5)
    project = S.client.get_project(S.project.uid)
    expect(
        isinstance(project.setup_complete, datetime) and before <= project.setup_complete <= after,
        f"setup_complete after setup: {project.setup_complete!r}",
    )
    S.setup_window = (before, after)
    same(project.labeling_frontend(), S.editor, "project.labeling_frontend()")
    expect(S.project.uid in uids(S.editor.projects()), "frontend.projects() lists the project")
    options = one(S.project.labeling_frontend_options(), "project.labeling_frontend_options()")
    expect(isinstance(options, LabelingFrontendOptions), "a LabelingFrontendOptions")
    expect_eq(options.customization_options, json.dumps(ONTOLOGY), "customization_options")
    # The real API has no labelingFrontendOptions(where: {id}) root: refused there.
    for relationship in (options.project, options.labeling_frontend, options.organization):
        raises(InvalidQueryError, "expanding LabelingFrontendOptions (no root)", relationship)


@step(setup_with_ontology)
def setup_sets_last_activity_time() -> None:
    """project.setup() also sets project.last_activity_time (as on the real server)."""
    before, after = S.setup_window
    project = S.client.get_project(S.project.uid)
    expect(
        isinstance(project.last_activity_time, datetime)
        and before <= project.last_activity_time <= after,
        f"last_activity_time after setup: expected a time between {before:%H:%M:%S} and "
        f"{after:%H:%M:%S} UTC, got {project.last_activity_time!r}",
    )


@step(setup_with_ontology)
def ontology() -> None:
    """project.ontology(): normalized, tools(), classifications(), schema ids, builder."""
    S.ontology = S.project.ontology()
    expect(isinstance(S.ontology, Ontology), f"project.ontology() is an Ontology: {S.ontology!r}")
    tools = S.ontology.tools()
    expect_eq(
        [(t.name, t.tool.value, t.color) for t in tools],
        [("Car", "rectangle", "#ff0000"), ("Road", "polygon", "#00ff00")],
        "tools",
    )
    classes = S.ontology.classifications()
    expect_eq(
        [(c.instructions, c.class_type.value, c.required) for c in classes],
        [("Weather", "radio", True), ("Tags", "checklist", False), ("Notes", "text", False)],
        "classifications",
    )
    expect_eq([o.value for o in classes[0].options], ["sunny", "rainy"], "radio options")
    expect_eq(tools[0].classifications[0].instructions, "Occluded", "nested classification")
    nested = tools[0].classifications[0].options
    features = [
        *tools,
        *classes,
        *classes[0].options,
        *classes[1].options,
        *tools[0].classifications,
        *nested,
    ]
    missing = [f for f in features if not (f.feature_schema_id and f.schema_id)]
    expect(not missing, f"every feature has featureSchemaId and schemaNodeId: {missing}")
    ids = [f.feature_schema_id for f in features]
    expect_eq(len(set(ids)), len(ids), "featureSchemaIds are distinct")
    expect_eq(S.ontology.object_schema_count, 2, "object_schema_count")
    expect_eq(S.ontology.classification_schema_count, 3, "classification_schema_count")
    expect_eq(sorted(S.ontology.normalized), ["classifications", "tools"], "normalized keys")
    expect(S.project.uid in uids(S.ontology.projects()), "ontology.projects() lists the project")
    builder = OntologyBuilder.from_project(S.project)
    expect_eq([t.name for t in builder.tools], ["Car", "Road"], "OntologyBuilder.from_project")
    expect_eq(builder.asdict()["tools"][0]["featureSchemaId"], tools[0].feature_schema_id, "ids")
    S.car, S.road, S.weather, S.tags = tools[0], tools[1], classes[0], classes[1]


@step(ontology)
def upsert_instructions() -> None:
    """project.upsert_instructions(file): the options point at the uploaded instructions."""
    path = S.workdir / "instructions.html"
    path.write_text("<h1>Label every car</h1>\n", encoding="utf-8")
    S.project.upsert_instructions(str(path))
    options = list(S.project.labeling_frontend_options())[-1]
    custom = json.loads(options.customization_options)
    url = custom.get("projectInstructions")
    expect(isinstance(url, str), f"projectInstructions in customization_options: {custom!r}")
    expect_eq(download(url).content, path.read_bytes(), "content of the instructions URL")
    expect_eq(
        {k: v for k, v in custom.items() if k != "projectInstructions"},
        ONTOLOGY,
        "the ontology part of customization_options is kept",
    )
    same(S.project.labeling_frontend(), S.editor, "labeling_frontend after upsert_instructions")
    ids = [t.feature_schema_id for t in S.project.ontology().tools()]
    expect_eq(ids, [S.car.feature_schema_id, S.road.feature_schema_id], "stable featureSchemaIds")
    raises(ValueError, "upsert_instructions(.docx)",
           lambda: S.project.upsert_instructions(str(S.workdir / "x.docx")))  # fmt: skip


@step(setup_with_ontology, data_rows_from_urls)
def labels() -> None:
    """project.create_label with a data row; relationships, labels(datasets, order_by), update."""
    S.labels = {}
    for n, key in enumerate(("url-0", "url-1", "url-2")):
        body = json.dumps({"objects": [], "classifications": [], "n": n})
        label = new_label(key, body, n + 1.5)
        expect_eq((label.label, label.seconds_to_label), (body, n + 1.5), "label fields")
        expect_eq(label.is_benchmark_reference, False, "is_benchmark_reference")
        S.labels[key] = label
    label = S.labels["url-0"]
    same(label.project(), S.project, "label.project()")
    same(label.data_row(), S.rows["url-0"], "label.data_row()")
    same(label.created_by(), S.user, "label.created_by()")
    expect_eq(uids(S.rows["url-0"].labels()), [label.uid], "data_row.labels()")
    ours = [lb.uid for lb in S.labels.values()]
    expect_eq(sorted(uids(S.project.labels())), sorted(ours), "project.labels()")
    by_time = uids(S.project.labels(order_by=Label.seconds_to_label.desc))
    expect_eq(by_time, ours[::-1], "project.labels(order_by=seconds_to_label desc)")
    in_ds = uids(S.project.labels(datasets=[S.dataset], order_by=Label.seconds_to_label.asc))
    expect_eq(in_ds, ours, "project.labels(datasets=[dataset])")
    S.empty = S.client.create_dataset(name=f"compat-empty-{S.tag}", projects=S.project)
    expect_eq(uids(S.project.labels(datasets=[S.empty])), [], "labels of a dataset without labels")
    both = uids(S.project.labels(datasets=[S.dataset, S.empty]))
    expect_eq(sorted(both), sorted(ours), "project.labels(datasets=[two datasets])")
    label.update(label='{"objects": [], "updated": true}')
    expect_eq(label.label, '{"objects": [], "updated": true}', "label.update()")
    fresh = one(S.rows["url-0"].labels(), "data_row.labels() after update")
    expect_eq(fresh.label, '{"objects": [], "updated": true}', "label after update")
    project = S.client.get_project(S.project.uid)
    expect(isinstance(project.last_activity_time, datetime), "project.last_activity_time is set")


@step(labels)
def webhooks() -> None:
    """Webhook.create -> signed LABEL_CREATED/REVIEW_CREATED deliveries reach a local listener."""
    listener = HookListener()
    try:
        secret = f"s3cret-{S.tag}"
        topics = [Webhook.LABEL_CREATED]
        hook = Webhook.create(S.client, topics, listener.url, secret, S.project)
        expect(isinstance(hook, Webhook), "Webhook.create returns a Webhook")
        expect_eq(hook.url, listener.url, "webhook.url")
        expect_eq(hook.topics, topics, "webhook.topics")
        expect_eq(hook.status, Webhook.ACTIVE, "webhook.status")
        same(hook.project(), S.project, "webhook.project()")
        same(hook.organization(), S.org, "webhook.organization()")
        expect_eq(uids(S.project.webhooks()), [hook.uid], "project.webhooks()")
        expect(hook.uid in uids(S.org.webhooks()), "organization.webhooks() lists the webhook")

        label = new_label("url-3")
        delivery = listener.next(timeout=15)
        expect(delivery is not None, "no LABEL_CREATED POST reached the listener within 15 s")
        path, headers, body = delivery
        expect_eq(path, "/hook", "delivery path")
        signed = "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
        expect_eq(
            headers.get("X-Hub-Signature"), signed, "X-Hub-Signature = HMAC-SHA1(secret, body)"
        )
        payload = json.loads(body)
        expect(label.uid in body.decode(), f"the delivery names the new label: {payload!r}")
        records = emulator_deliveries(hook.uid, at_least=1)
        expect_eq([r.get("status_code") for r in records], [200], "recorded deliveries")

        both = [Webhook.LABEL_CREATED, Webhook.REVIEW_CREATED]
        hook.update(topics=both)
        expect_eq(hook.topics, both, "webhook.topics after update")
        review = new_review(label, 1)
        delivery = listener.next(timeout=15)
        expect(delivery is not None, "no REVIEW_CREATED POST reached the listener within 15 s")
        _, headers, body = delivery
        signed = "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
        expect_eq(headers.get("X-Hub-Signature"), signed, "signature of the review delivery")
        expect(review.uid in body.decode(), f"the delivery names the review: {body[:300]!r}")

        hook.update(url=listener.url + "?v=2")
        expect_eq(hook.url, listener.url + "?v=2", "webhook.url after update")
        hook.delete()
        expect_eq(hook.status, Webhook.INACTIVE, "webhook.status after delete()")
        new_label("url-3")
        late = listener.next(timeout=1.5)
        expect(late is None, f"an INACTIVE webhook must not deliver: {late!r}")
        raises(ValueError, "update(status='invalid')", lambda: hook.update(status="invalid"))
    finally:
        listener.close()


def emulator_deliveries(webhook_id: str, at_least: int) -> list[dict[str, Any]]:
    """The emulator's record of deliveries (GET /_emulator/webhook-deliveries, which lists
    those of the API key's organization) of a webhook."""
    base = S.endpoint.rsplit("/graphql", 1)[0]
    records: list[dict[str, Any]] = []
    auth = {"Authorization": f"Bearer {S.api_key}"}
    for _ in range(50):
        response = http_get(base + "/_emulator/webhook-deliveries", timeout=10, headers=auth)
        expect_eq(response.status_code, 200, "GET /_emulator/webhook-deliveries")
        records = [r for r in response.json() if r.get("webhook_id") == webhook_id]
        if len(records) >= at_least:
            break
        time.sleep(0.1)
    return records


@step(labels)
def reviews() -> None:
    """label.create_review(score=1); Review relationships, update, where filters."""
    label = S.labels["url-0"]
    S.review = review = new_review(label, 1)
    expect_eq(review.score, 1, "review.score")
    expect(isinstance(review.created_at, datetime), "review.created_at is a datetime")
    same(review.label(), label, "review.label()")
    same(review.project(), S.project, "review.project()")
    same(review.created_by(), S.user, "review.created_by()")
    same(review.organization(), S.org, "review.organization()")
    expect_eq(uids(label.reviews()), [review.uid], "label.reviews()")
    expect(review.uid in uids(S.project.reviews()), "project.reviews() lists the review")
    S.temp_review = temp = new_review(S.labels["url-1"], 0)
    temp.update(score=-1)
    S.scores[S.labels["url-1"].uid][temp.uid] = -1
    expect_eq(temp.score, -1, "review.update(score=-1)")
    expect_eq([r.score for r in S.labels["url-1"].reviews()], [-1], "score after update")
    new_review(S.labels["url-2"], 0)
    scored = {rid: sc for per in S.scores.values() for rid, sc in per.items()}
    positive = {rid for rid, sc in scored.items() if sc > 0}
    negative = {rid for rid, sc in scored.items() if sc < 0}
    expect_eq(set(uids(S.project.reviews(where=Review.score > 0))), positive, "where score > 0")
    expect_eq(set(uids(S.project.reviews(where=Review.score < 0))), negative, "where score < 0")
    raises(InvalidQueryError, "label.reviews(where=...) is not supported by the classic",
           lambda: label.reviews(where=Review.score > 0))  # fmt: skip


@step(reviews)
def review_metrics() -> None:
    """project.review_metrics(None / Negative / Zero / Positive) match the reviews."""
    expected = expected_review_metrics()
    expect(min(expected.values()) >= 1, f"every net score is represented: {expected}")
    check_review_metrics()
    raises(InvalidQueryError, "review_metrics(12)", lambda: S.project.review_metrics(12))


@step(labels)
def benchmarks() -> None:
    """label.create_benchmark, project.benchmarks(), benchmark.delete()."""
    expect_eq(uids(S.project.benchmarks()), [], "no benchmarks yet")
    label = S.labels["url-2"]
    bench = label.create_benchmark()
    expect(isinstance(bench, Benchmark), "create_benchmark returns a Benchmark")
    expect(isinstance(bench.created_at, datetime), "benchmark.created_at is a datetime")
    same(bench.reference_label(), label, "benchmark.reference_label()")
    same(bench.created_by(), S.user, "benchmark.created_by()")
    expect_eq(uids(S.project.benchmarks()), [bench.uid], "project.benchmarks()")
    fresh = one(S.rows["url-2"].labels(), "data_row.labels()")
    expect_eq(fresh.is_benchmark_reference, True, "is_benchmark_reference after create_benchmark")
    bench.delete()
    expect_eq(uids(S.project.benchmarks()), [], "project.benchmarks() after delete()")
    fresh = one(S.rows["url-2"].labels(), "data_row.labels()")
    expect_eq(fresh.is_benchmark_reference, False, "is_benchmark_reference after delete()")


@step(setup_with_ontology, data_rows_from_urls)
def labeling_parameter_overrides() -> None:
    """set/unset_labeling_parameter_overrides and project.labeling_parameter_overrides()."""
    a, b = S.rows["url-0"], S.rows["url-1"]

    def current() -> dict[str, tuple[int, int]]:
        out = {}
        for lpo in S.project.labeling_parameter_overrides():
            expect(isinstance(lpo, LabelingParameterOverride), "a LabelingParameterOverride")
            row = lpo.data_row()
            expect(isinstance(row, DataRow), f"override.data_row() is a DataRow: {row!r}")
            out[row.uid] = (lpo.priority, lpo.number_of_labels)
        return out

    expect_eq(current(), {}, "no overrides yet")
    expect_eq(S.project.set_labeling_parameter_overrides([(a, 2, 3), (b, 1, 1)]), True, "set")
    expect_eq(current(), {a.uid: (2, 3), b.uid: (1, 1)}, "overrides after set")
    expect_eq(S.project.set_labeling_parameter_overrides([(a, 5, 2)]), True, "set again")
    expect_eq(current(), {a.uid: (5, 2), b.uid: (1, 1)}, "overrides after re-set")
    expect_eq(S.project.unset_labeling_parameter_overrides([a]), True, "unset")
    expect_eq(current(), {b.uid: (1, 1)}, "overrides after unset")
    raises(
        ValueError, "priority 0", lambda: S.project.set_labeling_parameter_overrides([(a, 0, 1)])
    )


@step(setup_with_ontology, data_rows_from_urls)
def predictions() -> None:
    """create_prediction_model, create_prediction (active and explicit model)."""
    expect(S.project.active_prediction_model() is None, "no active prediction model yet")
    model = S.project.create_prediction_model("compat-model", 1)
    expect(isinstance(model, PredictionModel), "create_prediction_model returns a PredictionModel")
    expect_eq((model.name, model.version), ("compat-model", 1), "model name and version")
    same(S.project.active_prediction_model(), model, "project.active_prediction_model()")
    same(model.created_by(), S.user, "model.created_by()")
    same(model.organization(), S.org, "model.organization()")
    row = S.rows["url-1"]
    pred = S.project.create_prediction('{"objects": []}', row)
    expect(isinstance(pred, Prediction), "create_prediction returns a Prediction")
    expect_eq(pred.label, '{"objects": []}', "prediction.label")
    same(pred.prediction_model(), model, "prediction.prediction_model()")
    same(pred.data_row(), row, "prediction.data_row()")
    same(pred.project(), S.project, "prediction.project()")
    same(pred.organization(), S.org, "prediction.organization()")
    expect_eq(uids(model.created_predictions()), [pred.uid], "model.created_predictions()")
    model2 = S.project.create_prediction_model("compat-model", 2)
    same(S.project.active_prediction_model(), model2, "the newest model is active")
    pred2 = S.project.create_prediction('{"v": 2}', row)
    same(pred2.prediction_model(), model2, "prediction of the active model")
    pred3 = S.project.create_prediction('{"v": 1}', row, prediction_model=model)
    same(pred3.prediction_model(), model, "prediction with an explicit model")
    all_ids = sorted([pred.uid, pred2.uid, pred3.uid])
    expect_eq(sorted(uids(S.project.predictions())), all_ids, "project.predictions()")
    expect_eq(sorted(uids(row.predictions())), all_ids, "data_row.predictions()")
    expect_eq(uids(model2.created_predictions()), [pred2.uid], "model2.created_predictions()")


@step(ontology, data_rows_from_urls)
def bulk_import() -> None:
    """enable_model_assisted_labeling; upload_annotations (objects, file), wait_until_done."""
    expect_eq(S.project.enable_model_assisted_labeling(), True, "enable MAL")
    expect_eq(S.project.enable_model_assisted_labeling(False), False, "disable MAL")
    expect_eq(S.project.enable_model_assisted_labeling(True), True, "re-enable MAL")
    occluded = S.car.classifications[0]
    annotations = [
        {
            "uuid": str(uuid.uuid4()),
            "schemaId": S.car.feature_schema_id,
            "dataRow": {"id": S.rows["url-0"].uid},
            "bbox": {"top": 10, "left": 20, "height": 30, "width": 40},
            "classifications": [
                {
                    "schemaId": occluded.feature_schema_id,
                    "answer": {"schemaId": occluded.options[1].feature_schema_id},
                }
            ],
        },
        {
            "uuid": str(uuid.uuid4()),
            "schemaId": S.weather.feature_schema_id,
            "dataRow": {"id": S.rows["url-1"].uid},
            "answer": {"schemaId": S.weather.options[0].feature_schema_id},
        },
        {
            "uuid": str(uuid.uuid4()),
            "schemaId": S.tags.feature_schema_id,
            "dataRow": {"id": S.rows["url-2"].uid},
            "answers": [{"schemaId": o.feature_schema_id} for o in S.tags.options],
        },
    ]
    name = f"compat-import-{S.tag}"
    bir = S.project.upload_annotations(name=name, annotations=annotations)
    expect(isinstance(bir, BulkImportRequest), "upload_annotations returns a BulkImportRequest")
    expect_eq(bir.name, name, "bulk import name")
    expect(isinstance(bir.created_at, datetime), "bulk import created_at is a datetime")
    bir.wait_until_done(sleep_time_seconds=1)
    expect_eq(bir.state, BulkImportRequestState.FINISHED, "state after wait_until_done")
    statuses = bir.statuses
    expect_eq(
        sorted((s["uuid"], s["dataRow"]["id"], s["status"]) for s in statuses),
        sorted((a["uuid"], a["dataRow"]["id"], "SUCCESS") for a in annotations),
        "statuses",
    )
    expect_eq(bir.errors, [], "errors")
    expect_eq(bir.inputs, annotations, "inputs (the uploaded NDJSON)")
    same(bir.project(), S.project, "bulk_import.project()")
    same(bir.created_by(), S.user, "bulk_import.created_by()")
    again = BulkImportRequest.from_name(S.client, project_id=S.project.uid, name=name)
    expect_eq((again.uid, again.state), (bir.uid, BulkImportRequestState.FINISHED), "from_name")
    bir.refresh()
    expect_eq(bir.state, BulkImportRequestState.FINISHED, "state after refresh")

    bad = [{**annotations[0], "uuid": str(uuid.uuid4()), "schemaId": "c" + "1" * 24}]
    raises(MALValidationError, "client-side validation of an unknown schemaId",
           lambda: S.project.upload_annotations(name=name + "-bad", annotations=bad))  # fmt: skip
    norow = [{**annotations[1], "uuid": str(uuid.uuid4()), "dataRow": {"id": "c" + "2" * 24}}]
    failed = S.project.upload_annotations(name=name + "-norow", annotations=norow, validate=False)
    failed.wait_until_done(sleep_time_seconds=1)
    expect_eq([s["status"] for s in failed.statuses], ["FAILURE"], "status of an unknown data row")
    expect_eq([e["uuid"] for e in failed.errors], [norow[0]["uuid"]], "errors of an unknown row")

    path = S.workdir / "annotations.ndjson"
    lines = [{**a, "uuid": str(uuid.uuid4())} for a in annotations[1:]]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    from_file = S.project.upload_annotations(name=name + "-file", annotations=str(path))
    from_file.wait_until_done(sleep_time_seconds=1)
    expect_eq(from_file.state, BulkImportRequestState.FINISHED, "state of the file import")
    expect_eq([s["status"] for s in from_file.statuses], ["SUCCESS", "SUCCESS"], "file statuses")
    expect_eq(from_file.inputs, lines, "inputs of the file import")

    from_url = S.project.upload_annotations(name=name + "-url", annotations=bir.input_file_url)
    expect_eq(from_url.input_file_url, bir.input_file_url, "input_file_url of a URL import")
    from_url.wait_until_done(sleep_time_seconds=1)
    expect_eq(from_url.state, BulkImportRequestState.FINISHED, "state of the URL import")
    expect_eq([s["status"] for s in from_url.statuses], ["SUCCESS"] * 3, "URL import statuses")

    one_line = [{**annotations[1], "uuid": str(uuid.uuid4())}]
    url = S.client.upload_data(content=json.dumps(one_line[0]).encode(), sign=True)
    signed = S.project.upload_annotations(name=name + "-signed", annotations=url, validate=False)
    expect_eq(signed.inputs, one_line, "inputs of an upload_data(sign=True) URL import")
    signed.wait_until_done(sleep_time_seconds=1)
    expect_eq(
        [(s["uuid"], s["status"]) for s in signed.statuses],
        [(one_line[0]["uuid"], "SUCCESS")],
        "statuses of the signed URL import",
    )


@step(reviews)
def export_labels() -> None:
    """project.export_labels() returns a URL; the download holds the project's labels."""
    exported = check_export()
    item = {i["ID"]: i for i in exported}[S.labels["url-0"].uid]
    expect_eq(item["DataRow ID"], S.rows["url-0"].uid, "DataRow ID")
    expect_eq(item["Labeled Data"], S.urls[0], "Labeled Data")
    expect_eq(item["External ID"], "url-0", "External ID")
    expect_eq(item["Label"], {"objects": [], "updated": True}, "Label (parsed JSON)")
    expect_eq(item["Seconds to Label"], 1.5, "Seconds to Label")
    expect_eq([r["score"] for r in item["Reviews"]], [1], "Reviews")


@step(labels)
def labeler_performance() -> None:
    """project.labeler_performance(): one entry for the current user, counting the labels."""
    perf = one(S.project.labeler_performance(), "labeler_performance()")
    expect(isinstance(perf.user, User), "perf.user is a User")
    expect_eq(perf.user.uid, S.user.uid, "perf.user")
    expect_eq(perf.count, len(S.live), "perf.count (live labels)")
    total = sum(lb.seconds_to_label or 0 for lb in S.live.values())
    expect(abs(perf.total_time_labeling - total) < 1e-6, f"total_time_labeling {perf} vs {total}")
    expect(abs(perf.seconds_per_label - total / len(S.live)) < 1e-6, f"seconds_per_label {perf}")
    now = datetime.now(timezone.utc)
    expect(
        timedelta(0) <= now - perf.last_activity_time < timedelta(seconds=120),
        f"last_activity_time is recent: {perf.last_activity_time!r}",
    )


@step(projects)
def queues() -> None:
    """upsert_review_queue and extend_reservations."""
    expect_eq(S.project.upsert_review_queue(0.5), None, "upsert_review_queue(0.5)")
    expect_eq(S.project.upsert_review_queue(0.25), None, "upsert_review_queue(0.25)")
    raises(ValueError, "upsert_review_queue(1.5)", lambda: S.project.upsert_review_queue(1.5))
    expect_eq(S.project.extend_reservations("LabelingQueue"), 0, "extend_reservations(Labeling)")
    expect_eq(S.project.extend_reservations("ReviewQueue"), 0, "extend_reservations(Review)")
    raises(InvalidQueryError, "extend_reservations('Bad')",
           lambda: S.project.extend_reservations("Bad"))  # fmt: skip


@step(data_rows_from_urls)
def metadata() -> None:
    """DataRow.create_metadata and DataRow.metadata() (AssetMetadata)."""
    row = S.rows["url-2"]
    expect_eq(uids(row.metadata()), [], "no metadata yet")
    text = row.create_metadata(AssetMetadata.TEXT, "This is a text message")
    expect(isinstance(text, AssetMetadata), "create_metadata returns AssetMetadata")
    expect_eq((text.meta_type, text.meta_value), ("TEXT", "This is a text message"), "fields")
    image = row.create_metadata("IMAGE", "https://example.com/overlay.png")
    listed = {m.uid: (m.meta_type, m.meta_value) for m in row.metadata()}
    expect_eq(
        listed,
        {
            text.uid: ("TEXT", "This is a text message"),
            image.uid: ("IMAGE", "https://example.com/overlay.png"),
        },
        "data_row.metadata()",
    )
    expect_eq(uids(S.rows["url-1"].metadata()), [], "metadata of another row")
    raises(ValueError, "create_metadata('BAD', ...)", lambda: row.create_metadata("BAD", "x"))


@step(reviews)
def delete_reviews() -> None:
    """review.delete(): gone from label.reviews(), project.reviews() and review_metrics."""
    label, review = S.labels["url-1"], S.temp_review
    review.delete()
    del S.scores[label.uid][review.uid]
    checks = Checks(deleted=[review.uid])
    live_reviews = [rid for per in S.scores.values() for rid in per]
    checks.ids(S.project.reviews(), live_reviews, "project.reviews() after review.delete()")
    checks.run(check_review_metrics)
    checks.ids(label.reviews(), list(S.scores[label.uid]), "label.reviews() after review.delete()")
    checks.done()


@step(labels)
def delete_labels() -> None:
    """label.delete() and Label.bulk_delete(): gone from data_row.labels(), project.labels()."""
    doomed = [new_label("url-3", "{}") for _ in range(3)]
    doomed[0].delete()
    Label.bulk_delete(doomed[1:])
    for label in doomed:
        del S.live[label.uid]
    checks = Checks(deleted=uids(doomed))
    row3 = [lb.uid for lb in S.live.values() if lb.data_row().uid == S.rows["url-3"].uid]
    checks.ids(S.rows["url-3"].labels(), row3, "data_row.labels() after label deletes")
    perf = one(S.project.labeler_performance(), "labeler_performance()")
    checks.run(lambda: expect_eq(perf.count, len(S.live), "labeler_performance count"))
    checks.run(check_export)
    checks.ids(S.project.labels(), list(S.live), "project.labels() after label deletes")
    in_ds = S.project.labels(datasets=[S.dataset])
    checks.ids(in_ds, list(S.live), "project.labels(datasets=[dataset]) after label deletes")
    checks.done()


@step(data_rows_from_files, create_data_row)
def delete_data_rows() -> None:
    """DataRow.update, DataRow.bulk_delete, data_row.delete(): gone from dataset.data_rows()."""
    row = S.rows["one"]
    row.update(external_id="renamed")
    expect_eq(row.external_id, "renamed", "data_row.update()")
    same(S.dataset.data_row_for_external_id("renamed"), row, "find by the new external id")
    alive = uids(S.dataset.data_rows())
    doomed = [S.rows[k] for k in ("pixel.png", "note.txt", "single.png")]
    DataRow.bulk_delete(doomed[:2])
    doomed[2].delete()
    alive = [i for i in alive if i not in uids(doomed)]
    checks = Checks(deleted=uids(doomed))
    checks.ids(S.dataset.data_rows(), alive, "dataset.data_rows() after data row deletes")
    checks.run(
        lambda: raises(
            ResourceNotFoundError,
            "dataset.data_row_for_external_id(external id of a deleted row)",
            lambda: S.dataset.data_row_for_external_id(str(S.png_path)),
        )
    )
    checks.done()


@step(labels, pagination_where_order_by)
def delete_datasets_and_projects() -> None:
    """dataset.delete(), project.delete(): gone from get_datasets/get_projects and relations."""
    S.empty.delete()
    expect_eq(uids(S.project.datasets()), [S.dataset.uid], "project.datasets() after delete")
    S.paged.delete()
    for ds in (S.empty, S.paged):
        found = S.client.get_datasets(where=Dataset.name == ds.name)
        expect_eq(uids(found), [], f"get_datasets(where name == {ds.name!r}) after delete")
        expect(ds not in set(S.client.get_datasets()), "get_datasets() after delete")
        raises(ResourceNotFoundError, "get_dataset(deleted)", partial(S.client.get_dataset, ds.uid))
    S.other_project.delete()
    where = Project.name == S.other_project.name
    expect_eq(uids(S.client.get_projects(where=where)), [], "get_projects after project.delete()")
    expect(S.other_project not in set(S.client.get_projects()), "get_projects() after delete")
    expect(
        S.other_project.uid not in uids(S.org.projects()), "organization.projects() after delete"
    )


# ------------------------------------------------------------------- runner
def run(endpoint: str, api_key: str, workdir: Path) -> int:
    """Run every step in order; returns the process exit code."""
    S.endpoint, S.api_key, S.workdir = endpoint, api_key, workdir
    # The classic client logs deprecation warnings and the errors it raises anyway: keep the
    # output to one line per step.
    logging.getLogger("labelbox").setLevel(logging.CRITICAL)
    workdir.mkdir(parents=True, exist_ok=True)
    status: dict[Step, str] = {}
    started = time.monotonic()
    for index, (fn, needs) in enumerate(STEPS, 1):
        doc = (fn.__doc__ or "").strip().splitlines()[0]
        label = f"{index:02d} {fn.__name__}"
        blocked = [n.__name__ for n in needs if status.get(n) != "ok"]
        if blocked:
            status[fn] = "skip"
            print(f"SKIP {label}: needs {', '.join(blocked)}", flush=True)
            continue
        t0 = time.monotonic()
        try:
            fn()
        except Exception as exc:
            status[fn] = "fail"
            print(f"FAIL {label}: {doc}\n     -> {type(exc).__name__}: {exc}", flush=True)
            if not isinstance(exc, Failure):  # an exception raised by the classic client
                frames = traceback.format_exception(type(exc), exc, exc.__traceback__)
                for line in "".join(frames[-4:]).rstrip().splitlines():
                    print(f"     | {line}", flush=True)
        else:
            status[fn] = "ok"
            print(f"ok   {label}: {doc} ({time.monotonic() - t0:.2f}s)", flush=True)
    counts = {k: sum(1 for v in status.values() if v == k) for k in ("ok", "fail", "skip")}
    print(
        f"classic labelbox {labelbox.__version__}: {counts['ok']} passed, {counts['fail']} failed, "
        f"{counts['skip']} skipped in {time.monotonic() - started:.1f}s",
        flush=True,
    )
    return 0 if counts["ok"] == len(STEPS) else 1


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(f"usage: {argv[0]} ENDPOINT API_KEY WORKDIR", file=sys.stderr)
        return 2
    return run(argv[1], argv[2], Path(argv[3]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
