"""Long-running work (tasks, exports, imports) with configurable state transitions.

Modes: ``immediate`` (finished before the mutation answers), ``polls:N`` (finishes on
the Nth read of the job's object), ``delay:SECONDS`` (finishes on the first read after
that many seconds). ``advance()`` finishes every pending job.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .store import Store, new_id


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

    @classmethod
    def parse(cls, text: str) -> TransitionMode:
        """Parse ``immediate``, ``polls:N`` or ``delay:SECONDS`` (ValueError otherwise)."""
        if text == "immediate":
            return cls("immediate")
        name, _, arg = text.partition(":")
        if name == "polls" and arg.isdigit() and int(arg) >= 1:
            return cls("polls", polls=int(arg))
        if name == "delay":
            try:
                seconds = float(arg)
            except ValueError:
                seconds = -1.0
            if seconds >= 0:
                return cls("delay", delay=seconds)
        raise ValueError(
            f"Invalid transition mode {text!r}: use immediate, polls:N or delay:SECONDS."
        )


Handler = Callable[[Job], "dict[str, Any] | None"]


class JobRunner:
    """Registers pending jobs and finishes them according to the transition mode."""

    def __init__(self, store: Store, mode: str = "immediate") -> None:
        """Keep jobs in ``store``; ``mode`` as accepted by :meth:`TransitionMode.parse`."""
        self.store = store
        self.mode = TransitionMode.parse(mode)
        self.handlers: dict[str, Handler] = {}

    def register(self, kind: str, handler: Handler) -> None:
        """Use ``handler`` to finish jobs of ``kind``."""
        self.handlers[kind] = handler

    def submit(
        self, kind: str, entity_id: str, org_id: str, user_id: str, payload: dict[str, Any]
    ) -> Job:
        """Record a job; in immediate mode it is finished before returning."""
        job = Job(new_id(), kind, entity_id, org_id, user_id, payload)
        due = time.time() + self.mode.delay
        self.store.execute(
            "INSERT INTO _jobs (id, kind, entity_id, org_id, user_id, payload, reads, due, "
            "done, consumed, seq) VALUES (?,?,?,?,?,?,0,?,0,0,"
            "(SELECT COALESCE(MAX(seq), 0) + 1 FROM _jobs))",
            [job.id, kind, entity_id, org_id, user_id, json.dumps(payload), due],
        )
        if self.mode.kind == "immediate":
            self._finish(job)
        return job

    def _load(self, where: str, params: list[object]) -> list[tuple[Job, int, float]]:
        rows = self.store.execute(
            "SELECT id, kind, entity_id, org_id, user_id, payload, reads, due FROM _jobs "
            f"WHERE done = 0 AND {where} ORDER BY seq",
            params,
        )
        return [
            (Job(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])), int(r[6]), float(r[7]))
            for r in rows
        ]

    def _finish(self, job: Job) -> None:
        with self.store.lock:
            done = self.store.execute("SELECT done FROM _jobs WHERE id = ?", [job.id])
            if not done or done[0][0]:
                return
            self.store.execute("UPDATE _jobs SET done = 1 WHERE id = ?", [job.id])
            result = self.handlers[job.kind](job)
            self.store.execute(
                "UPDATE _jobs SET payload = ? WHERE id = ?",
                [json.dumps({**job.payload, "result": result}), job.id],
            )

    def observe(self, entity_id: str) -> bool:
        """Count one read of ``entity_id``; finish its job if due. True if one finished."""
        finished = False
        with self.store.lock:
            for job, reads, due in self._load("entity_id = ?", [entity_id]):
                reads += 1
                self.store.execute("UPDATE _jobs SET reads = ? WHERE id = ?", [reads, job.id])
                if (self.mode.kind == "polls" and reads >= self.mode.polls) or (
                    self.mode.kind != "polls" and time.time() >= due
                ):
                    self._finish(job)
                    finished = True
        return finished

    def pending(self, entity_id: str) -> bool:
        """Whether ``entity_id`` has unfinished work."""
        return bool(self._load("entity_id = ?", [entity_id]))

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
        with self.store.lock:
            jobs = self._load("1", [])
            for job, _, _ in jobs:
                self._finish(job)
        return len(jobs)
