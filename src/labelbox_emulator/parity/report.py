"""The parity report: differences, what was checked, and its JSON and text forms."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TypeAlias

#: A JSON value.
Json: TypeAlias = "None | bool | int | float | str | list[Json] | dict[str, Json]"

#: The kinds of difference, in report order.
KINDS = ("introspection", "schema", "operation", "shape", "error", "behaviour")
#: The ``tool`` field of every report.
TOOL = "labelbox-emulator parity"


@dataclass(frozen=True)
class Difference:
    """One way the live endpoint differs from the emulator.

    Attributes:
        kind: one of :data:`KINDS`.
        subject: what differs (a schema coordinate, an operation name, a probe name...).
        live: what the live endpoint has or answered (None: absent).
        emulator: what the emulator has or answered (None: absent).
        detail: one sentence saying how they differ.
    """

    kind: str
    subject: str
    live: Json
    emulator: Json
    detail: str

    def sort_key(self) -> tuple[int, str, str]:
        """Report order: by kind (:data:`KINDS`), then subject, then detail."""
        return (KINDS.index(self.kind), self.subject, self.detail)

    def as_json(self) -> dict[str, Json]:
        """The JSON object of this difference."""
        return {
            "kind": self.kind,
            "subject": self.subject,
            "live": self.live,
            "emulator": self.emulator,
            "detail": self.detail,
        }

    def as_line(self) -> str:
        """One line of the text report."""
        live, emulator = _compact(self.live), _compact(self.emulator)
        return f"[{self.kind}] {self.subject}: {self.detail} (live: {live}; emulator: {emulator})"


@dataclass(frozen=True)
class Skipped:
    """An operation that could not be compared, and why (e.g. no object to read)."""

    subject: str
    reason: str


@dataclass
class Report:
    """Everything one parity run found.

    Attributes:
        endpoint: the live endpoint, public form (no credentials).
        mode: ``read-only`` or ``write-scratch``.
        sdk_version: the ``labelbox`` package version.
        date: UTC time of the run (ISO 8601).
        emulator_schema_sha256: digest of the SDL the embedded emulator served.
        checked: how many items of each kind were compared.
        differences: what differs.
        skipped: operations not compared.
        cleanup_failures: scratch objects that could not be deleted on the live side.
    """

    endpoint: str
    mode: str
    sdk_version: str
    date: str
    emulator_schema_sha256: str
    checked: Counter[str] = field(default_factory=Counter)
    differences: list[Difference] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    cleanup_failures: list[str] = field(default_factory=list)

    def add(self, kind: str, count: int, differences: list[Difference]) -> None:
        """Records ``count`` checked items of ``kind`` and the differences found."""
        self.checked[kind] += count
        self.differences.extend(differences)

    def sorted_differences(self) -> list[Difference]:
        """The differences in their deterministic report order."""
        return sorted(self.differences, key=Difference.sort_key)

    def as_json(self) -> dict[str, Json]:
        """The machine-readable report (``--format json``)."""
        return {
            "tool": TOOL,
            "sdk_version": self.sdk_version,
            "date": self.date,
            "endpoint": self.endpoint,
            "mode": self.mode,
            "emulator_schema_sha256": self.emulator_schema_sha256,
            "checked": {kind: self.checked[kind] for kind in KINDS},
            "differences": [d.as_json() for d in self.sorted_differences()],
            "skipped": [
                {"subject": s.subject, "reason": s.reason}
                for s in sorted(self.skipped, key=lambda s: s.subject)
            ],
            "cleanup_failures": list(self.cleanup_failures),
        }

    def summary(self) -> str:
        """One line: how many differences of which kind, out of how much checked."""
        found = Counter(d.kind for d in self.differences)
        by_kind = ", ".join(f"{kind} {found[kind]}/{self.checked[kind]}" for kind in KINDS)
        return (
            f"{len(self.differences)} difference(s) between {self.endpoint} and the emulator "
            f"({self.mode}; differing/checked: {by_kind}; {len(self.skipped)} skipped)"
        )

    def render(self, fmt: str) -> str:
        """The report as ``json`` or ``text`` (one line per difference, then a summary)."""
        if fmt == "json":
            return json.dumps(self.as_json(), indent=2, sort_keys=False) + "\n"
        lines = [d.as_line() for d in self.sorted_differences()]
        skipped = sorted(self.skipped, key=lambda s: s.subject)
        lines += [f"[skipped] {s.subject}: {s.reason}" for s in skipped]
        lines += [f"[cleanup failed] {text}" for text in self.cleanup_failures]
        return "\n".join([*lines, self.summary()]) + "\n"


def _compact(value: Json) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
