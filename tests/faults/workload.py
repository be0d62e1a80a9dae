"""A mixed workload (projects, datasets, data rows from files through
create_data_rows, single rows, labels, reviews, updates, deletes, pagination, export)
that a careful user runs against an unreliable server, and the tally of what the
faults did to it.

Each write goes through :func:`Runner.write`: run it; on ``WriteOutcomeUnknownError``
look (through a client that bypasses the faults) whether its effect exists and repeat
it only if not; on any other error check that the write did *not* apply (if it did,
that error was a *phantom*: it told the user "failed" about a write that happened).
Reads use the faulty client directly: the SDK must retry them to success.

Used by tests/faults/test_workload.py and bench/fault_soak.py.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from labelbox import Client, DataRow, Dataset, Project
from labelbox import exceptions as lbx
from labelbox_emulator import Emulator

N_FILES = 1000
N_LABELS = 20
N_REVIEWS = 10
N_DELETED_ROWS = 5


@dataclass
class Tally:
    """What happened to the workload's writes."""

    writes: int = 0
    attempts: int = 0
    unknown: int = 0  # WriteOutcomeUnknownError raised
    unknown_applied: int = 0  # ... and the write had in fact been applied
    other_errors: int = 0  # any other error of a write (must not have applied)
    phantom: int = 0  # an error other than WriteOutcomeUnknownError, write applied
    phantom_details: list[str] = field(default_factory=list)
    other_details: list[str] = field(default_factory=list)
    errors_seen: dict[str, int] = field(default_factory=dict)

    def saw(self, error: Exception) -> None:
        name = type(error).__name__
        self.errors_seen[name] = self.errors_seen.get(name, 0) + 1


class Runner:
    """Runs writes with the faulty ``client``; checks effects with ``check``."""

    def __init__(self, client: Client, check: Client, tally: Tally) -> None:
        self.client = client
        self.check = check
        self.tally = tally

    def write(self, what: str, action: Callable[[], object], applied: Callable[[], bool]) -> None:
        """Runs ``action`` until ``applied()``; never repeats a write that applied."""
        self.tally.writes += 1
        for _ in range(60):
            if applied():
                return
            self.tally.attempts += 1
            try:
                action()
                if not applied():
                    raise AssertionError(f"{what}: returned, but its effect is missing")
                return
            except lbx.WriteOutcomeUnknownError as exc:
                self.tally.unknown += 1
                self.tally.saw(exc)
                assert "may have been applied" in str(exc)
                if applied():
                    self.tally.unknown_applied += 1
                    return
            except lbx.LabelboxError as exc:
                self.tally.other_errors += 1
                self.tally.saw(exc)
                self.tally.other_details.append(f"{what}: {type(exc).__name__}: {exc}"[:300])
                if applied():
                    self.tally.phantom += 1
                    self.tally.phantom_details.append(f"{what}: {type(exc).__name__}: {exc}")
                    return
        raise AssertionError(f"{what}: never applied after 60 attempts")


def _named(collection: Any, name: str) -> list[Any]:
    return [item for item in collection if item.name == name]


def make_files(directory: Path, count: int = N_FILES) -> list[Path]:
    """``count`` small local files (the data rows' contents)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = directory / f"row-{i:04d}.txt"
        if not path.exists():
            path.write_text(f"content of row {i}\n")
        paths.append(path)
    return paths


def run_workload(client: Client, check: Client, files: list[Path], tally: Tally) -> None:
    """The workload; ``client`` may be faulty, ``check`` must not be."""
    run = Runner(client, check, tally)
    projects, ds0, ds1 = _projects_and_datasets(run)
    _rows_from_files(run, ds0, ds1, files)
    p0 = projects["proj-0"]
    rows = sorted(ds0.data_rows(), key=lambda r: str(r.external_id))
    _labels_and_reviews(run, p0, rows)
    _updates_and_deletes(run, projects, ds0, ds1, rows)
    _reads(client, ds0, p0)


def _projects_and_datasets(run: Runner) -> tuple[dict[str, Project], Dataset, Dataset]:
    """Three projects and two datasets (ds-0 in proj-0 and proj-1, ds-1 in proj-2)."""
    client, check = run.client, run.check
    for i in range(3):
        name = f"proj-{i}"
        run.write(
            f"create {name}",
            lambda name=name: client.create_project(name=name, description="workload"),
            lambda name=name: bool(_named(check.get_projects(where=Project.name == name), name)),
        )
    projects = {p.name: p for p in client.get_projects()}
    for name, members in (("ds-0", ["proj-0", "proj-1"]), ("ds-1", ["proj-2"])):
        run.write(
            f"create {name}",
            lambda name=name, members=members: client.create_dataset(
                name=name, projects=[projects[m] for m in members]
            ),
            lambda name=name: bool(_named(check.get_datasets(where=Dataset.name == name), name)),
        )
    datasets = {d.name: d for d in client.get_datasets()}
    return projects, datasets["ds-0"], datasets["ds-1"]


def _row_ids(check: Client, dataset: Dataset) -> set[str]:
    return {str(r.external_id) for r in check.get_dataset(dataset.uid).data_rows()}


def _settled_row_ids(check: Client, dataset: Dataset) -> set[str]:
    """Row ids once no import task is running (a lost answer may hide a started
    task: its rows appear when it finishes)."""
    deadline = time.monotonic() + 60
    while any(t.status == "IN_PROGRESS" for t in check.get_user().created_tasks()):
        if time.monotonic() > deadline:
            raise AssertionError("import tasks still running after 60 s")
        time.sleep(0.05)
    return _row_ids(check, dataset)


def _rows_from_files(run: Runner, ds0: Dataset, ds1: Dataset, files: list[Path]) -> None:
    """1,000 rows from local files into ds-0 (create_data_rows), two single rows into ds-1."""
    check = run.check

    def push_missing() -> None:
        present = _settled_row_ids(check, ds0)
        missing = [p for p in files if str(p) not in present]
        task = ds0.create_data_rows(missing)
        task.wait_till_done(timeout_seconds=60)

    run.write(
        "create_data_rows",
        push_missing,
        lambda: _settled_row_ids(check, ds0) >= {str(p) for p in files},
    )
    for i in range(2):
        external_id = f"d1-{i}"
        run.write(
            f"create row {external_id}",
            lambda external_id=external_id: ds1.create_data_row(
                row_data=f"https://example.com/{external_id}.jpg", external_id=external_id
            ),
            lambda external_id=external_id: external_id in _row_ids(check, ds1),
        )


def _labels_and_reviews(run: Runner, p0: Project, rows: list[Any]) -> None:
    """Labels on the first rows of proj-0, then reviews of the first labels."""
    check = run.check

    def has_label(text: str) -> bool:
        return any(label.label == text for label in check.get_project(p0.uid).labels())

    for row in rows[:N_LABELS]:
        text = f"label of {row.external_id}"
        run.write(
            f"label {row.external_id}",
            lambda row=row, text=text: p0.create_label(data_row=row, label=text),
            lambda text=text: has_label(text),
        )
    labels = sorted(p0.labels(), key=lambda label: label.label)
    for label in labels[:N_REVIEWS]:
        run.write(
            f"review {label.label}",
            lambda label=label: label.create_review(score=1),
            lambda label=label: bool(list(label.reviews())),
        )


def _updates_and_deletes(
    run: Runner, projects: dict[str, Project], ds0: Dataset, ds1: Dataset, rows: list[Any]
) -> None:
    """Update proj-1, rename ds-1, delete proj-2 and the last rows of ds-0."""
    check = run.check
    p1 = projects["proj-1"]
    run.write(
        "update proj-1",
        lambda: p1.update(description="updated"),
        lambda: check.get_project(p1.uid).description == "updated",
    )
    run.write(
        "rename ds-1",
        lambda: ds1.update(name="ds-1-renamed"),
        lambda: check.get_dataset(ds1.uid).name == "ds-1-renamed",
    )
    p2 = projects["proj-2"]
    run.write(
        "delete proj-2",
        p2.delete,
        lambda: not _named(check.get_projects(where=Project.name == "proj-2"), "proj-2"),
    )
    doomed = rows[-N_DELETED_ROWS:]
    doomed_ids = {str(r.external_id) for r in doomed}
    run.write(
        "delete rows",
        lambda: DataRow.bulk_delete(doomed),
        lambda: not (_row_ids(check, ds0) & doomed_ids),
    )


def _reads(client: Client, ds0: Dataset, p0: Project) -> None:
    """Reads: pagination and export (retried by the SDK to success)."""
    listed = list(client.get_dataset(ds0.uid).data_rows())
    assert len(listed) == N_FILES - N_DELETED_ROWS, len(listed)
    url = p0.export_labels(timeout_seconds=60)
    assert url is not None
    exported = json.loads(httpx.get(url, timeout=30).content)
    assert len(exported) == N_LABELS, len(exported)


def snapshot(client: Client) -> dict[str, Any]:
    """The organization's state, by names and external ids (no ids or times)."""
    state: dict[str, Any] = {"projects": {}, "datasets": {}}
    for project in client.get_projects():
        labels = []
        for label in project.labels():
            reviews = sorted(r.score for r in label.reviews())
            labels.append((str(label.data_row().external_id), label.label, reviews))
        key = project.name
        state["projects"].setdefault(key, []).append(
            {"description": project.description, "labels": sorted(labels)}
        )
    for dataset in client.get_datasets():
        rows = sorted(str(r.external_id) for r in dataset.data_rows())
        projects = sorted(p.name for p in dataset.projects())
        state["datasets"].setdefault(dataset.name, []).append({"projects": projects, "rows": rows})
    return state


def compare(expected: dict[str, Any], actual: dict[str, Any]) -> tuple[int, int]:
    """(lost, duplicated) objects of ``actual`` against ``expected``: projects,
    datasets, rows, labels and reviews, matched by name / external id."""
    lost = duplicated = 0

    def count(a: list[Any], b: list[Any]) -> None:
        nonlocal lost, duplicated
        for item in {json.dumps(x, sort_keys=True) for x in a + b}:
            want = sum(1 for x in a if json.dumps(x, sort_keys=True) == item)
            got = sum(1 for x in b if json.dumps(x, sort_keys=True) == item)
            lost += max(want - got, 0)
            duplicated += max(got - want, 0)

    for kind in ("projects", "datasets"):
        names = set(expected[kind]) | set(actual[kind])
        for name in names:
            want, got = expected[kind].get(name, []), actual[kind].get(name, [])
            lost += max(len(want) - len(got), 0)
            duplicated += max(len(got) - len(want), 0)
            for w, g in zip(want, got, strict=False):
                for part in ("labels", "rows"):
                    if part in w:
                        count(w[part], g[part])
    return lost, duplicated


@dataclass
class Result:
    """Figures of one faulty run."""

    seed: int
    seconds: float
    requests: int
    faults: int
    faults_after_write: int
    retries: int
    lost: int
    duplicated: int
    tally: Tally

    def line(self) -> str:
        t = self.tally
        return (
            f"seed {self.seed}: {self.requests} requests, {self.faults} faults injected "
            f"({self.faults_after_write} after a write), {self.retries} retries, "
            f"{t.unknown} WriteOutcomeUnknownError ({t.unknown_applied} had applied), "
            f"{t.other_errors} other write errors, {t.phantom} phantom errors, "
            f"{self.lost} lost, {self.duplicated} duplicated, {self.seconds:.1f} s"
        )


def faulty_run(
    emu: Emulator, files: list[Path], seed: int, spec: str, expected: dict[str, Any]
) -> Result:
    """Resets the default organization's data, runs the workload under ``spec``, and
    compares the end state with ``expected`` (a fault-free run's snapshot)."""
    from labelbox_emulator.faults import BYPASS_HEADER

    emu.faults.configure("")
    _wipe(emu)
    emu.faults.configure(spec, seed=seed)
    emu.faults.reset_stats()
    tally = Tally()
    started = time.monotonic()
    client = Client(
        api_key=emu.api_key,
        endpoint=emu.endpoint,
        max_retries=10,
        backoff_base=0.002,
        backoff_cap=0.05,
        timeout=10,
    )
    check = Client(
        api_key=emu.api_key,
        endpoint=emu.endpoint,
        http_client=httpx.Client(headers={BYPASS_HEADER: "off"}, timeout=30),
        max_retries=0,
    )
    with client, check:
        run_workload(client, check, files, tally)
        seconds = time.monotonic() - started
        stats = emu.faults.stats()
        emu.faults.configure("")
        lost, duplicated = compare(expected, snapshot(check))
        retries = client._transport.retries
    return Result(
        seed,
        seconds,
        stats["requests"] - stats["bypassed"],
        stats["injected"],
        stats["after_write"],
        retries,
        lost,
        duplicated,
        tally,
    )


def reference_snapshot(emu: Emulator, files: list[Path]) -> dict[str, Any]:
    """The workload without faults, in the emulator's second organization."""
    from labelbox_emulator.faults import BYPASS_HEADER

    _, key = emu.extra_organizations[0]
    http = httpx.Client(headers={BYPASS_HEADER: "off"}, timeout=30)
    with Client(api_key=key, endpoint=emu.endpoint, http_client=http) as clean:
        tally = Tally()
        run_workload(clean, clean, files, tally)
        assert tally.unknown == tally.other_errors == 0
        return snapshot(clean)


def _wipe(emu: Emulator) -> None:
    """Wipes all data (every API key stays valid); the reference snapshot was taken
    before and is kept in memory."""
    emu.reset()
