"""The error probes: the same faulty requests on both sides, compared by HTTP status,
error codes, messages and the shape of any data.

They are sent raw (not through the SDK, which would replace the server's words with
its own exception messages). The bad-key probe sends :data:`side.INVALID_KEY`, never the
user's key.
"""

from __future__ import annotations

from dataclasses import dataclass

from .report import Difference, Json
from .shapes import json_kind
from .side import RawAnswer, Side


@dataclass(frozen=True)
class Probe:
    """One faulty request: its subject in the report, the document, and whether it is
    sent with an invalid API key."""

    subject: str
    query: str
    invalid_key: bool = False


#: The probes, in report order.
PROBES: tuple[Probe, ...] = (
    Probe("unknown id", 'query ParityUnknownId { project(where: {id: "nonexistent"}) { id } }'),
    Probe("page larger than the limit", "query ParityLargePage { projects(first: 101) { id } }"),
    Probe("syntax error", "query ParitySyntaxError {"),
    Probe("unknown field", "query ParityUnknownField { user { parityUnknownField } }"),
    Probe("bad API key", "query ParityBadKey { user { id } }", invalid_key=True),
)


def answer_summary(answer: RawAnswer) -> Json:
    """What is compared of a probe's answer (kinds of the data, not its values)."""
    data: Json = None
    if isinstance(answer.data, dict):
        data = {key: json_kind(value) for key, value in sorted(answer.data.items())}
    return {
        "status": answer.status,
        "json": answer.json,
        "codes": list(answer.codes),
        "messages": list(answer.messages),
        "data": data,
    }


def _detail(live: Json, emulator: Json) -> str:
    assert isinstance(live, dict) and isinstance(emulator, dict)
    parts = [
        key for key in ("status", "json", "codes", "messages", "data") if live[key] != emulator[key]
    ]
    return "different " + ", ".join(parts)


def probe_differences(live: Side, emulator: Side) -> tuple[int, list[Difference]]:
    """Sends every probe to both sides.

    Returns:
        How many probes were compared, and the differences (kind ``error``).
    """
    found: list[Difference] = []
    for probe in PROBES:
        live_answer = answer_summary(live.raw(probe.query, invalid_key=probe.invalid_key))
        emulator_answer = answer_summary(emulator.raw(probe.query, invalid_key=probe.invalid_key))
        if live_answer != emulator_answer:
            detail = _detail(live_answer, emulator_answer)
            found.append(Difference("error", probe.subject, live_answer, emulator_answer, detail))
    return len(PROBES), found
