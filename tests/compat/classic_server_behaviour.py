"""The real server's behaviour as the official ``labelbox==2.6.0`` client sees it (issue 9).

Run by the *classic* virtualenv's python, never by the project's own venv::

    python classic_server_behaviour.py ENDPOINT API_KEY SLOW_ENDPOINT SLOW_API_KEY WORKDIR

``ENDPOINT`` is an emulator with its default (realistic) job timing; ``SLOW_ENDPOINT`` one
that adds latency to every response. Each step reproduces what a 2.6.0 integration test
(tests/integration/ of the V2.6.0 tag) or the 2.6.0 sources expect of the real server,
using only the unmodified classic client, ``requests`` and the standard library. One
line is printed per step, ``ok NAME`` or ``FAIL NAME: reason``; the exit code is 0 only
if every step passed.
"""

from __future__ import annotations

import json
import logging
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `python -I` leaves it out

import steps
from steps import expect, raises

import labelbox
from labelbox import Client, DataRow, LabelingFrontend, Project
from labelbox.exceptions import (
    AuthorizationError,
    InvalidQueryError,
    TimeoutError,
    ValidationFailedError,
)
from labelbox.schema.ontology import OntologyBuilder

IMG_URL = "https://picsum.photos/id/829/200/300"


class Ctx:
    """What the steps share: clients and the work directory."""

    def __init__(self, client: Client, slow: Client, workdir: Path) -> None:
        self.client = client
        self.slow = slow
        self.workdir = workdir
        self.tag = uuid.uuid4().hex[:8]


STEPS, step = steps.registry()


# --------------------------------------------------------------------- steps
@step
def string_filters_are_case_insensitive(c: Ctx) -> None:
    """test_project.py::test_attach_instructions finds the Editor with name == "editor"."""
    editors = list(c.client.get_labeling_frontends(where=LabelingFrontend.name == "editor"))
    expect([f.name for f in editors] == ["Editor"], f"frontends named 'editor': {editors!r}")
    project = c.client.create_project(name=f"CaseTest-{c.tag}")
    found = list(c.client.get_projects(where=Project.name == f"casetest-{c.tag}".upper()))
    expect([p.uid for p in found] == [project.uid], f"projects by upper-cased name: {found!r}")


@step
def and_across_fields_works_but_same_field_or_and_not_are_refused(c: Ctx) -> None:
    """test_filtering.py::test_where / test_unsupported_where, sent to the server raw."""
    project = c.client.create_project(name=f"and-{c.tag}")
    since = Project.created_at >= project.created_at
    got = list(c.client.get_projects(where=(Project.name == f"and-{c.tag}") & since))
    expect([p.uid for p in got] == [project.uid], f"name == & created_at >=: {got!r}")
    for where in (
        '{AND: [{name: "a"}, {name: "b"}]}',
        '{OR: [{name: "a"}, {description: "b"}]}',
        '{NOT: [{name: "a"}]}',
    ):
        query = f"query WherePyApi {{projects(where: {where}) {{id}}}}"
        raises(InvalidQueryError, f"projects(where: {where})", lambda q=query: c.client.execute(q))


@step
def error_messages_use_graphql_js_wording(c: Ctx) -> None:
    """test_client_errors.py::test_semantic_error and test_syntax_error."""
    exc = raises(InvalidQueryError, "unknown field", lambda: c.client.execute("query {bbb {id}}"))
    message = getattr(exc, "message", "")
    expect(message.startswith('Cannot query field "bbb"'), f"message: {message!r}")
    exc = raises(InvalidQueryError, "syntax error", lambda: c.client.execute("asda"))
    message = getattr(exc, "message", "")
    expect(message.startswith("Syntax Error:"), f"message: {message!r}")


@step
def query_complexity_limit(c: Ctx) -> None:
    """test_client_errors.py::test_query_complexity_error."""
    exc = raises(
        ValidationFailedError,
        "a four-level nested list query",
        lambda: c.client.execute("{projects {datasets {dataRows {labels {id}}}}}"),
    )
    message = getattr(exc, "message", "")
    expect(message == "Query complexity limit exceeded", f"message: {message!r}")


@step
def latency_makes_short_timeouts_fail(c: Ctx) -> None:
    """test_client_errors.py::test_timeout_error: execute(timeout=0.01) raises TimeoutError."""
    project = c.slow.create_project(name=f"slow-{c.tag}")
    query = "query getOntologyPyApi($id: ID!) {project(where: {id: $id}) {ontology {normalized}}}"
    raises(
        TimeoutError,
        "execute(timeout=0.01)",
        lambda: c.slow.execute(query, {"id": project.uid}, timeout=0.01),
    )
    data = c.slow.execute(query, {"id": project.uid})
    expect(data["project"]["ontology"] is not None, f"with the default timeout: {data!r}")


@step
def jobs_take_time_like_real_jobs(c: Ctx) -> None:
    """test_data_rows.py::test_data_row_large_bulk_creation: 5,000 rows are IN_PROGRESS."""
    dataset = c.client.create_dataset(name=f"large-{c.tag}")
    local = c.workdir / "test-data.txt"
    local.write_text("Test data")
    task = dataset.create_data_rows([{DataRow.row_data: IMG_URL}] * 4500 + [str(local)] * 500)
    expect(task.status == "IN_PROGRESS", f"status right after create_data_rows: {task.status}")
    task.wait_till_done()
    expect(task.status == "COMPLETE", f"status after wait_till_done: {task.status}")
    count = len(list(dataset.data_rows()))
    expect(count == 5000, f"rows: {count}")


@step
def deleted_project_stays_readable_by_id(c: Ctx) -> None:
    """test_project.py::test_project: get_project after delete() does not raise."""
    project = c.client.create_project(name=f"deleted-{c.tag}")
    project.delete()
    got = c.client.get_project(project.uid)
    expect(got.uid == project.uid, f"get_project(deleted): {got!r}")
    expect(project not in set(c.client.get_projects()), "get_projects() lists the deleted one")


@step
def every_project_has_an_ontology_from_creation(c: Ctx) -> None:
    """test_ontology.py::test_from_project_ontology on a fresh project."""
    project = c.client.create_project(name=f"ontology-{c.tag}")
    normalized = project.ontology().normalized
    expect(normalized == {"tools": [], "classifications": []}, f"normalized: {normalized!r}")
    built = OntologyBuilder.from_project(project).asdict()
    expect(built == normalized, f"OntologyBuilder.from_project: {built!r}")


@step
def issue_export_url_carries_status_filter(c: Ctx) -> None:
    """test_issues.py::test_issues_export."""
    project = c.client.create_project(name=f"issues-{c.tag}")
    expect(project.export_issues(), "export_issues() gives a URL")
    for status in ("Open", "Resolved"):
        url = project.export_issues(status)
        expect(f"?status={status}" in url, f"export_issues({status!r}): {url!r}")


@step
def shared_frontends_are_read_only_to_customers(c: Ctx) -> None:
    """test_project.py::test_attach_instructions works; renaming the shared Editor does not."""
    project = c.client.create_project(name=f"instructions-{c.tag}")
    editor = next(iter(c.client.get_labeling_frontends(where=LabelingFrontend.name == "editor")))
    project.setup(editor, {"tools": [], "classifications": []})
    path = c.workdir / "instructions.txt"
    path.write_text("some instructions...")
    project.upsert_instructions(str(path))
    options = json.loads(list(project.labeling_frontend_options())[-1].customization_options)
    expect(options.get("projectInstructions"), f"customization options: {options!r}")
    rename = (
        "mutation RenamePyApi($id: ID!) {updateLabelingFrontend("
        'where: {id: $id}, data: {name: "Mine now"}) {id}}'
    )
    raises(
        AuthorizationError,
        "renaming the Editor",
        lambda: c.client.execute(rename, {"id": editor.uid}),
    )
    again = list(c.client.get_labeling_frontends(where=LabelingFrontend.name == "Editor"))
    expect([f.uid for f in again] == [editor.uid], f"the Editor after the refusal: {again!r}")


# -------------------------------------------------------------------- runner
def run(endpoint: str, api_key: str, slow_endpoint: str, slow_key: str, workdir: Path) -> int:
    """Run every step; returns the process exit code."""
    logging.getLogger("labelbox").setLevel(logging.CRITICAL)
    workdir.mkdir(parents=True, exist_ok=True)
    ctx = Ctx(Client(api_key, endpoint), Client(slow_key, slow_endpoint), workdir)
    return steps.run_steps(STEPS, ctx, f"classic labelbox {labelbox.__version__}")


def main(argv: list[str]) -> int:
    if len(argv) != 6:
        print(f"usage: {argv[0]} ENDPOINT API_KEY SLOW_ENDPOINT SLOW_API_KEY WORKDIR")
        return 2
    return run(argv[1], argv[2], argv[3], argv[4], Path(argv[5]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
