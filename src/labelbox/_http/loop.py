"""The one request loop of the SDK, without I/O.

Queries, mutations, uploads and downloads all run through :class:`RequestLoop`: it owns
the attempts, the waits between them, the call's deadline, rewinding an upload before
it is sent again, the jitter's random numbers and the retry decision
(:func:`labelbox._retry.decide`). It sends nothing and never sleeps: iterating it yields
steps, and whoever iterates it (a *driver*) carries them out --

* :class:`Send`: make one attempt now (within ``step.remaining`` seconds, if not None)
  and put its :class:`~labelbox._retry.Attempt` in ``step.attempt``;
* :class:`Sleep`: wait ``step.seconds``.

When the iteration ends, :attr:`RequestLoop.outcome` holds the last attempt and the
decision that ended the loop. The driver, ``drive``, is written once in async form
(:mod:`labelbox._async._http.drive`: ``await`` in front of the two actions); the sync
one (:mod:`labelbox._http.drive`) is derived from it. This module is shared by both.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from labelbox._retry import Attempt, Decision, RetryPolicy, decide, not_processed


@dataclass
class Send:
    """Step: make one attempt now and store what it produced in :attr:`attempt`.

    Attributes:
        remaining: seconds left before the call's deadline (at least 1 ms), None
            without a deadline: an attempt should not take longer.
        retries: retries made before this attempt (0: the first attempt).
        attempt: set by the driver: what the attempt produced.
    """

    remaining: float | None
    retries: int
    attempt: Attempt | None = None


@dataclass(frozen=True)
class Sleep:
    """Step: wait :attr:`seconds` before the loop goes on."""

    seconds: float


@dataclass(frozen=True)
class Outcome:
    """How a request ended.

    Attributes:
        attempt: the last attempt.
        decision: why the loop gave up; None when the attempt succeeded.
        retries: retries made (attempts after the first one).
    """

    attempt: Attempt
    decision: Decision | None
    retries: int

    @property
    def succeeded(self) -> bool:
        """Whether the last attempt succeeded."""
        return self.decision is None


Step = Send | Sleep
#: Called before the wait of each retry: (failed attempt, decision, retry number).
RetryHook = Callable[[Attempt, Decision, int], None]


def graphql_succeeded(attempt: Attempt) -> bool:
    """Whether a GraphQL attempt succeeded (a 200 JSON object with no ``errors``)."""
    return attempt.succeeded


def download_succeeded(attempt: Attempt) -> bool:
    """Whether a download attempt succeeded (HTTP 200, the whole body read)."""
    return attempt.problem is None and attempt.status == 200


class RequestLoop:
    """Attempts of one request until one succeeds or the retry decision says stop.

    Iterate it once (see the module's docstring); then read :attr:`outcome`.

    Args:
        policy: retries, backoff and deadline of the call.
        repeatable: the request may be applied twice (a query, a download, a mutation
            safe to repeat); otherwise only failures that prove it was not applied
            are retried.
        write: the request is a mutation: giving up on a repeatable one after an
            attempt that may have applied it says so (``Decision.outcome_unknown``,
            ``safe_to_repeat``).
        rng: random numbers of the backoff's jitter.
        succeeded: whether an attempt is a success (default: a GraphQL answer with
            data and no errors).
        rewind: makes the request's body readable again before a retry (uploads);
            False when it cannot, which ends the retries.
        on_retry: called before each retry's wait (logging, counters).
        clock: monotonic seconds (the deadline's clock).
    """

    def __init__(
        self,
        policy: RetryPolicy,
        *,
        repeatable: bool = True,
        write: bool = False,
        rng: random.Random | None = None,
        succeeded: Callable[[Attempt], bool] = graphql_succeeded,
        rewind: Callable[[], bool] | None = None,
        on_retry: RetryHook | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.policy = policy
        self.repeatable = repeatable
        self.write = write
        self._maybe_applied = False  # an attempt of this write may have applied it
        self.rng = rng
        self.succeeded = succeeded
        self.rewind = rewind
        self.on_retry = on_retry
        self.clock = clock
        self._outcome: Outcome | None = None

    @property
    def outcome(self) -> Outcome:
        """How the request ended (once the iteration is over)."""
        if self._outcome is None:
            raise RuntimeError("The request loop has not finished")
        return self._outcome

    def __iter__(self) -> Iterator[Step]:
        if self._outcome is not None:
            raise RuntimeError("A request loop runs once")
        end = None if self.policy.deadline is None else self.clock() + self.policy.deadline
        retries = 0
        while True:
            remaining = None if end is None else max(end - self.clock(), 0.001)
            step = Send(remaining, retries)
            yield step
            attempt = step.attempt
            if attempt is None:
                raise RuntimeError("The driver did not make the attempt it was asked for")
            if self.succeeded(attempt):
                self._outcome = Outcome(attempt, None, retries)
                return
            decision = self._decide(attempt, retries, end)
            if not decision.retry:
                self._outcome = Outcome(attempt, decision, retries)
                return
            retries += 1
            if self.on_retry is not None:
                self.on_retry(attempt, decision, retries)
            yield Sleep(decision.delay)

    def _decide(self, attempt: Attempt, retries: int, end: float | None) -> Decision:
        """The retry decision on a failed attempt (no retry of an upload that cannot
        be rewound)."""
        decision = decide(
            attempt,
            repeatable=self.repeatable,
            retries_done=retries,
            policy=self.policy,
            remaining=None if end is None else end - self.clock(),
            rng=self.rng,
            write=self.write,
            maybe_applied=self._maybe_applied,
        )
        if not decision.retry:
            return decision
        self._maybe_applied = self._maybe_applied or (self.write and not not_processed(attempt))
        if self.rewind is not None and not self.rewind():
            unknown = self._maybe_applied
            return Decision(
                False,
                outcome_unknown=unknown,
                safe_to_repeat=unknown,
                reason="the upload stream cannot be rewound",
            )
        return decision
