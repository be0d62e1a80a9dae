"""The shape of a JSON answer and the differences between two shapes.

Values that naturally differ between two servers (ids, names, timestamps, URLs) are
never compared: only which keys an object has, which values are null, and the JSON kind
of every value (``object``, ``array``, ``string``, ``number``, ``boolean``, ``null``).
Lists are compared by their first item (when both are non-empty): the items of one list
have one shape, and two servers hold different numbers of objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from .report import Json

#: The kind of a key one side's object does not have.
ABSENT = "absent"


def json_kind(value: Json) -> str:
    """The JSON kind of ``value``: object, array, string, number, boolean or null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


@dataclass(frozen=True)
class ShapeDifference:
    """Where two answers' shapes differ: a path (``project.createdBy.email``, list
    items as ``[0]``) and the kind found on each side (or :data:`ABSENT`)."""

    path: str
    live: str
    emulator: str

    @property
    def detail(self) -> str:
        """One sentence: what differs at the path."""
        if self.live == ABSENT:
            return "key missing on live"
        if self.emulator == ABSENT:
            return "key only on live (missing on the emulator)"
        if self.live == "null":
            return "null on live only"
        if self.emulator == "null":
            return "null on the emulator only"
        return "different JSON kinds"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def shape_differences(live: Json, emulator: Json, path: str = "") -> list[ShapeDifference]:
    """Every place the shapes of ``live`` and ``emulator`` differ, in path order."""
    live_kind, emulator_kind = json_kind(live), json_kind(emulator)
    if live_kind != emulator_kind:
        return [ShapeDifference(path or "(answer)", live_kind, emulator_kind)]
    if isinstance(live, dict) and isinstance(emulator, dict):
        found: list[ShapeDifference] = []
        for key in sorted(live.keys() | emulator.keys()):
            if key not in live:
                found.append(ShapeDifference(_join(path, key), ABSENT, json_kind(emulator[key])))
            elif key not in emulator:
                found.append(ShapeDifference(_join(path, key), json_kind(live[key]), ABSENT))
            else:
                found += shape_differences(live[key], emulator[key], _join(path, key))
        return found
    if isinstance(live, list) and isinstance(emulator, list) and live and emulator:
        return shape_differences(live[0], emulator[0], f"{path}[0]")
    return []
