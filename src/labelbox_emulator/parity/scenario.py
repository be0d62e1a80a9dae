"""The scratch scenario, run identically on each side through the SDK facade: seed a
small fixed set of objects, check three server behaviours, delete what was created.

Seed: a project ``parity-scratch-<random>``, a dataset attached to it with two data
rows, a label on the first row, a review of the label and a benchmark of it. Checks:

* a string filter is case-insensitive (``Project.name == NAME.upper()`` finds it);
* two conditions on the same field in one ``AND`` are refused (sent through the
  generated client: the facade already refuses such a filter before any request);
* a soft-deleted project is still readable by id.

Every step's outcome (``ok``, ``refused: <exception> <codes>``, ``not run: ...`` or the
check's answer) is recorded per side; the two sides' outcomes are compared.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from labelbox import DataRow, Label, Project
from labelbox.exceptions import LabelboxError, NetworkError
from labelbox_gen.input_types import ProjectWhereInput

from .report import Difference
from .side import Side, server_words

#: Prefix of the name of everything the scenario creates.
SCRATCH_PREFIX = "parity-scratch-"
#: Row data of the seeded data rows (never fetched by the checks).
ROW_URLS = ("https://example.com/parity/1.jpg", "https://example.com/parity/2.jpg")


def scratch_name() -> str:
    """A fresh scratch name: ``parity-scratch-<8 hex digits>``."""
    return SCRATCH_PREFIX + secrets.token_hex(4)


def _refusal(exc: LabelboxError) -> str:
    codes = " ".join(exc.codes)
    return f"refused: {type(exc).__name__}" + (f" {codes}" if codes else "")


class Scenario:
    """The scenario on one side: the objects it made, each step's outcome, and how to
    undo what it made (:meth:`cleanup`)."""

    def __init__(self, side: Side, name: str) -> None:
        """Prepares the scenario on ``side``; objects will be named ``name``."""
        self.side = side
        self.name = name
        self.objects: dict[str, Any] = {}
        self.outcomes: dict[str, str] = {}
        #: The server's message of each refused step, cleaned (:meth:`Side.clean`).
        self.messages: dict[str, str] = {}
        self._undo: dict[str, tuple[str, Callable[[], None]]] = {}

    def step(
        self, subject: str, action: Callable[[], str | None], needs: tuple[str, ...] = ()
    ) -> None:
        """Runs ``action`` (unless an object it ``needs`` is missing) and records its
        outcome: what it returns, ``ok``, or the refusal."""
        missing = [n for n in needs if n not in self.objects]
        if missing:
            self.outcomes[subject] = f"not run: no {', '.join(missing)}"
            return
        try:
            self.outcomes[subject] = action() or "ok"
        except NetworkError as exc:
            raise self.side.lost(exc) from None
        except LabelboxError as exc:
            self.outcomes[subject] = _refusal(exc)
            self.messages[subject] = self.clean(server_words(exc))

    def clean(self, text: str) -> str:
        """``text`` cleaned by the side, and with the ids of the objects the scenario
        made replaced by ``<project id>``, ``<rows id>``..."""
        text = self.side.clean(text)
        for key, obj in self.objects.items():
            for item in obj if isinstance(obj, list) else [obj]:
                uid = getattr(item, "uid", None)
                if isinstance(uid, str):
                    text = text.replace(uid, f"<{key} id>")
        return text

    def made(self, key: str, obj: Any, undo: Callable[[], None] | None = None) -> None:
        """Records a created object (and how to delete it)."""
        self.objects[key] = obj
        if undo is not None:
            self._undo[key] = (f"delete {key} {getattr(obj, 'uid', '')}".strip(), undo)

    def forget(self, key: str) -> None:
        """Drops the undo of ``key`` (the scenario deleted it itself)."""
        self._undo.pop(key, None)

    def ids(self) -> dict[str, str]:
        """The ids of the seeded objects, by type name (for the operations)."""
        keys = {"project": "Project", "dataset": "Dataset", "label": "Label"}
        keys.update({"review": "Review", "benchmark": "Benchmark"})
        found = {t: self.objects[k].uid for k, t in keys.items() if k in self.objects}
        if "rows" in self.objects:
            found["DataRow"] = self.objects["rows"][0].uid
        return found

    def cleanup(self) -> list[str]:
        """Deletes what the scenario made, newest first; returns the failures."""
        failures: list[str] = []
        for key in reversed(list(self._undo)):
            what, undo = self._undo.pop(key)
            try:
                undo()
            except LabelboxError as exc:
                failures.append(f"{self.side.name}: {what}: {self.clean(str(exc))}")
        return failures


def seed(scenario: Scenario) -> None:
    """Creates the seed objects through the facade (see the module docstring)."""
    client, name, s = scenario.side.client, scenario.name, scenario

    def project() -> None:
        made = client.create_project(name=name, description="parity scratch project")
        s.made("project", made, made.delete)

    def dataset() -> None:
        made = client.create_dataset(name=name)
        s.made("dataset", made, made.delete)
        s.objects["project"].datasets.connect(made)

    def rows() -> None:
        made = [s.objects["dataset"].create_data_row(row_data=url) for url in ROW_URLS]
        s.made("rows", made, lambda: DataRow.bulk_delete(made))

    def label() -> None:
        made = s.objects["project"].create_label(
            data_row=s.objects["rows"][0], label='{"objects": []}'
        )
        s.made("label", made, lambda: Label.bulk_delete([made]))

    def review() -> None:
        made = s.objects["label"].create_review(score=1.0)
        s.made("review", made, made.delete)

    def benchmark() -> None:
        made = s.objects["label"].create_benchmark()
        s.made("benchmark", made, made.delete)

    s.step("seed: create a project", project)
    s.step("seed: create a dataset attached to it", dataset, ("project",))
    s.step("seed: create 2 data rows", rows, ("dataset",))
    s.step("seed: create a label", label, ("rows",))
    s.step("seed: create a review", review, ("label",))
    s.step("seed: create a benchmark", benchmark, ("label",))


def check_behaviours(scenario: Scenario) -> None:
    """Runs the behaviour checks (see the module docstring) on the seeded project."""
    client, name, s = scenario.side.client, scenario.name, scenario

    def case_insensitive() -> str:
        uid = s.objects["project"].uid
        found = any(p.uid == uid for p in client.get_projects(where=Project.name == name.upper()))
        return "finds the project" if found else "does not find the project"

    def same_field_and() -> str:
        same = [ProjectWhereInput(name=name), ProjectWhereInput(name=name)]
        client._gen.get_projects(skip=0, first=5, where=ProjectWhereInput(and_=same))
        return "accepted"

    def deleted_readable() -> str:
        made = client.create_project(name=name + "-deleted")
        s.made("deleted project", made, made.delete)
        made.delete()
        s.forget("deleted project")
        client.get_project(made.uid)
        return "readable"

    s.step("a string filter is case-insensitive", case_insensitive, ("project",))
    s.step("two conditions on one field in AND", same_field_and)
    s.step("a soft-deleted project is readable by id", deleted_readable)


def behaviour_differences(live: Scenario, emulator: Scenario) -> tuple[int, list[Difference]]:
    """Compares the two sides' step outcomes (kind ``behaviour``)."""
    found: list[Difference] = []
    subjects = sorted(live.outcomes.keys() | emulator.outcomes.keys())
    for subject in subjects:
        live_outcome, emulator_outcome = live.outcomes.get(subject), emulator.outcomes.get(subject)
        if live_outcome != emulator_outcome:
            said = [
                f"{s.side.name} said: {s.messages[subject]}"
                for s in (live, emulator)
                if subject in s.messages
            ]
            detail = "; ".join(["different outcome", *said])
            found.append(Difference("behaviour", subject, live_outcome, emulator_outcome, detail))
    return len(subjects), found
