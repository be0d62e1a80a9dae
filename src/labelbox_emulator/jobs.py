"""Long-running work (tasks, exports, imports) with configurable state transitions.

Modes:

- ``realistic[:FLOOR[:PER_ITEM]]`` (the default): like the real service, a job takes
  time proportional to its size — ``max(FLOOR, PER_ITEM * items)`` seconds (items: data
  rows of an import, lines of an annotation import, labels of an export), by default
  ``max(0.5 s, 0.25 ms * items)``; 5,000 rows take 1.25 s.
- ``delay:SECONDS``: every job takes that many seconds.
- ``immediate``: finished before the mutation answers (fast tests).
- ``polls:N``: finishes on the Nth read of the job's object (deterministic tests).

Timed jobs (``realistic``, ``delay``) finish on a timer thread when their time is up,
whether or not anybody reads them (a read after that time also finishes them, so a
busy timer never shows stale state). ``advance()`` finishes every pending job.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from .store import Store, new_id

log = logging.getLogger("labelbox_emulator")

#: The default transition mode of :class:`JobRunner` and of the emulator.
DEFAULT_TRANSITIONS = "realistic"
#: ``realistic`` defaults: the shortest job, and the time per item.
REALISTIC_FLOOR = 0.5
REALISTIC_PER_ITEM = 0.00025


@dataclass(frozen=True)
class Job:
    """A unit of pending work attached to an object (``entity_id``)."""

    id: str
    kind: str
    entity_id: str
    org_id: str
    user_id: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class TransitionMode:
    """A parsed transition mode."""

    kind: str
    polls: int = 0
    delay: float = 0.0
    per_item: float = 0.0

    @classmethod
    def parse(cls, text: str) -> TransitionMode:
        """Parse ``realistic[:FLOOR[:PER_ITEM]]``, ``delay:SECONDS``, ``immediate`` or
        ``polls:N`` (ValueError otherwise)."""
        if text == "immediate":
            return cls("immediate")
        name, _, arg = text.partition(":")
        if name == "polls" and arg.isdigit() and int(arg) >= 1:
            return cls("polls", polls=int(arg))
        numbers = _seconds(arg.split(":")) if arg else []
        if name == "delay" and len(numbers) == 1:
            return cls("delay", delay=numbers[0])
        if name == "realistic" and (not arg or len(numbers) in (1, 2)):
            floor = numbers[0] if numbers else REALISTIC_FLOOR
            per_item = numbers[1] if len(numbers) > 1 else REALISTIC_PER_ITEM
            return cls("realistic", delay=floor, per_item=per_item)
        raise ValueError(
            f"Invalid transition mode {text!r}: use realistic[:FLOOR[:PER_ITEM]], "
            "delay:SECONDS, immediate or polls:N."
        )

    @property
    def timed(self) -> bool:
        """Whether jobs finish when their time is up (``realistic`` and ``delay``)."""
        return self.kind in ("realistic", "delay")

    def duration(self, items: int) -> float:
        """Seconds a job of ``items`` items takes (0 in ``immediate`` mode)."""
        if self.kind == "realistic":
            return max(self.delay, self.per_item * max(items, 0))
        return self.delay if self.kind == "delay" else 0.0


def _seconds(parts: list[str]) -> list[float]:
    """Non-negative numbers, or [] if any part is not one."""
    try:
        values = [float(p) for p in parts]
    except ValueError:
        return []
    return values if all(v >= 0 for v in values) else []


#: Finishes a job inside the transaction that marks it done: ``apply(job, prepared)``
#: gets what ``prepare`` returned (None without one) and returns the job's result.
Apply = Callable[[Job, Any], "dict[str, Any] | None"]
#: Reads what a job needs (files, URLs, rows) before its transaction starts.
Prepare = Callable[[Job], Any]
#: Marks the job's object failed (``fail(job, message)``), inside a transaction.
Fail = Callable[[Job, str], None]

#: Runs of one job (each cut short by a crash or an error) before it is marked failed.
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class _Kind:
    apply: Apply
    prepare: Prepare | None
    fail: Fail | None


class JobRunner:
    """Registers pending jobs and finishes them according to the transition mode.

    A job's work and its ``done`` mark commit in one transaction: a process killed
    while a job runs leaves the job pending (and none of its rows), and the next
    emulator opening the database resumes it (:meth:`resume`). A job that fails (an
    error, or :data:`MAX_ATTEMPTS` runs cut short) marks its object FAILED; no job
    stays in progress forever.
    """

    def __init__(
        self,
        store: Store,
        mode: str = DEFAULT_TRANSITIONS,
        lock_for: Callable[[str], AbstractContextManager[Any]] | None = None,
    ) -> None:
        """Keep jobs in ``store``; ``mode`` as accepted by :meth:`TransitionMode.parse`;
        ``lock_for(org_id)`` serializes a job with the requests of its organization.

        Timed modes run a daemon timer thread, started by :meth:`resume` (stopped by
        :meth:`close`)."""
        self.store = store
        self.mode = TransitionMode.parse(mode)
        self.kinds: dict[str, _Kind] = {}
        self._lock_for = lock_for or (lambda org_id: store.lock)
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._timer: threading.Thread | None = None

    def register(
        self, kind: str, apply: Apply, prepare: Prepare | None = None, fail: Fail | None = None
    ) -> None:
        """Finish jobs of ``kind`` with ``apply`` (after ``prepare``); ``fail`` marks
        the job's object failed when the job cannot finish."""
        self.kinds[kind] = _Kind(apply, prepare, fail)

    def resume(self) -> int:
        """Take up the jobs a previous process left pending (call once the handlers are
        registered): in ``immediate`` mode they finish now; in timed modes they are due
        by the shortest duration of this mode from now (sooner if they were due sooner);
        ``polls`` mode finishes them on reads. Starts the timer thread of timed modes.
        Returns how many jobs were pending."""
        pending = self._load("1", [])
        if self.mode.timed:
            latest = time.time() + self.mode.duration(0)
            self.store.execute(
                "UPDATE _jobs SET due = ?, started = COALESCE(started, ?) "
                "WHERE done = 0 AND (due IS NULL OR due > ?)",
                [latest, time.time(), latest],
            )
            if self._timer is None:
                self._timer = threading.Thread(
                    target=self._run_timer, name="labelbox-emulator-jobs", daemon=True
                )
                self._timer.start()
        elif self.mode.kind == "immediate":
            for job, _, _ in pending:
                self._finish(job)
        return len(pending)

    def submit(
        self,
        kind: str,
        entity_id: str,
        org_id: str,
        user_id: str,
        payload: dict[str, Any],
        items: int = 0,
    ) -> Job:
        """Record a job of ``items`` items (its size, for timed modes); in immediate mode
        it is finished before returning."""
        job = Job(new_id(), kind, entity_id, org_id, user_id, payload)
        started = time.time()
        due = started + self.mode.duration(items) if self.mode.timed else None
        self.store.execute(
            "INSERT INTO _jobs (id, kind, entity_id, org_id, user_id, payload, reads, due, "
            "done, consumed, seq, started, attempts) VALUES (?,?,?,?,?,?,0,?,0,0,"
            "(SELECT COALESCE(MAX(seq), 0) + 1 FROM _jobs),?,0)",
            [job.id, kind, entity_id, org_id, user_id, json.dumps(payload), due, started],
        )
        if self.mode.kind == "immediate":
            self._finish(job)
        else:
            self._wake.set()
        return job

    def _load(self, where: str, params: list[object]) -> list[tuple[Job, int, float]]:
        rows = self.store.execute(
            "SELECT id, kind, entity_id, org_id, user_id, payload, reads, due FROM _jobs "
            f"WHERE done = 0 AND {where} ORDER BY seq",
            params,
        )
        return [
            (
                Job(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])),
                int(r[6]),
                float("inf") if r[7] is None else float(r[7]),
            )
            for r in rows
        ]

    def _finish(self, job: Job) -> bool:
        """Run ``job`` to its end (COMPLETE or FAILED); False if it was not pending or
        its kind has no handler yet."""
        kind = self.kinds.get(job.kind)
        if kind is None:
            return False
        with self._lock_for(job.org_id):
            rows = self.store.execute("SELECT done, attempts FROM _jobs WHERE id = ?", [job.id])
            if not rows or rows[0][0]:
                return False
            if int(rows[0][1] or 0) >= MAX_ATTEMPTS:
                self._give_up(job, kind, f"the job was interrupted {MAX_ATTEMPTS} times")
                return True
            # counted before the work starts: a run cut short by a crash still counts
            self.store.execute("UPDATE _jobs SET attempts = attempts + 1 WHERE id = ?", [job.id])
            try:
                prepared = kind.prepare(job) if kind.prepare is not None else None
                with self.store.transaction():
                    still = self.store.execute("SELECT done FROM _jobs WHERE id = ?", [job.id])
                    if not still or still[0][0]:
                        return False  # finished or wiped meanwhile
                    result = kind.apply(job, prepared)
                    self._mark_done(job, result)
            except Exception as exc:
                log.exception("job %s (%s) failed", job.id, job.kind)
                self._give_up(job, kind, f"{type(exc).__name__}: {exc}")
            return True

    def _mark_done(self, job: Job, result: dict[str, Any] | None) -> None:
        self.store.execute(
            "UPDATE _jobs SET done = 1, payload = ? WHERE id = ?",
            [json.dumps({**job.payload, "result": result}), job.id],
        )

    def _give_up(self, job: Job, kind: _Kind, message: str) -> None:
        """Mark ``job`` done with an error and its object failed."""
        with self.store.transaction():
            if kind.fail is not None:
                kind.fail(job, message)
            self._mark_done(job, {"error": message})

    def observe(self, entity_id: str) -> bool:
        """Count one read of ``entity_id``; finish its job if due. True if one finished."""
        finished = False
        for job, reads, due in self._load("entity_id = ?", [entity_id]):
            reads += 1
            self.store.execute("UPDATE _jobs SET reads = reads + 1 WHERE id = ?", [job.id])
            if (self.mode.kind == "polls" and reads >= self.mode.polls) or time.time() >= due:
                finished = self._finish(job) or finished
        return finished

    def pending(self, entity_id: str) -> bool:
        """Whether ``entity_id`` has unfinished work."""
        return bool(self._load("entity_id = ?", [entity_id]))

    def progress(self, entity_id: str) -> float | None:
        """Percent done (0-99) of the unfinished timed job of ``entity_id``, else None."""
        rows = self.store.execute(
            "SELECT started, due FROM _jobs WHERE entity_id = ? AND done = 0 "
            "AND due IS NOT NULL ORDER BY seq DESC LIMIT 1",
            [entity_id],
        )
        if not rows or rows[0][0] is None:
            return None
        started, due = float(rows[0][0]), float(rows[0][1])
        span = due - started
        share = 1.0 if span <= 0 else (time.time() - started) / span
        return round(min(max(share, 0.0), 0.99) * 100, 1)

    def latest(self, entity_id: str) -> tuple[str, bool, dict[str, Any]] | None:
        """``(job id, done, payload)`` of the newest unconsumed job of ``entity_id``."""
        rows = self.store.execute(
            "SELECT id, done, payload FROM _jobs WHERE entity_id = ? AND consumed = 0 "
            "ORDER BY seq DESC LIMIT 1",
            [entity_id],
        )
        if not rows:
            return None
        return str(rows[0][0]), bool(rows[0][1]), json.loads(rows[0][2])

    def consume(self, job_id: str) -> None:
        """Mark a finished job's result as handed out."""
        self.store.execute("UPDATE _jobs SET consumed = 1 WHERE id = ?", [job_id])

    def advance(self) -> int:
        """Finish every pending job; returns how many."""
        jobs = self._load("1", [])
        for job, _, _ in jobs:
            self._finish(job)
        return len(jobs)

    def finish_due(self) -> int:
        """Finish every timed job whose time is up; returns how many."""
        jobs = self._load("due IS NOT NULL AND due <= ?", [time.time()])
        for job, _, _ in jobs:
            if self._stopped.is_set():
                break
            try:
                self._finish(job)
            except Exception:  # a broken job must not stop the timer
                log.exception("job %s (%s) failed", job.id, job.kind)
        return len(jobs)

    def _next_due(self) -> float | None:
        rows = self.store.execute("SELECT MIN(due) FROM _jobs WHERE done = 0 AND due IS NOT NULL")
        return None if not rows or rows[0][0] is None else float(rows[0][0])

    def _run_timer(self) -> None:
        """The timer thread: sleeps until the next job is due (or a job is submitted)."""
        while not self._stopped.is_set():
            try:
                due = self._next_due()
                wait = None if due is None else due - time.time()
                if wait is None or wait > 0:
                    self._wake.wait(wait)
                    self._wake.clear()
                    continue
                self.finish_due()
            except Exception:  # the database is closing
                if self._stopped.is_set():
                    return
                log.exception("the job timer failed")
                self._stopped.wait(0.5)

    def close(self) -> None:
        """Stop the timer thread (pending jobs stay pending in the database)."""
        self._stopped.set()
        self._wake.set()
        if self._timer is not None:
            self._timer.join(timeout=5)
            self._timer = None
