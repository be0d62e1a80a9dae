"""What classic code relies on in the client (issue 9, items 12-18), as one script that
runs unchanged under BOTH clients: the official ``labelbox==2.6.0`` (its own venv) and
this SDK's facade. Every step uses only the classic's public API.

    python client_behaviour.py ENDPOINT API_KEY WORKDIR

One line is printed per step, ``ok NAME`` or ``FAIL NAME: reason``; the exit code is 0
only if every step passed. Both clients must pass every step.
"""

from __future__ import annotations

import io
import logging
import sys
import uuid
from contextlib import redirect_stdout
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `python -I` leaves it out

import steps
from steps import expect, raises

import labelbox
from labelbox import Client, DataRow, Project, Review, Webhook
from labelbox.exceptions import InvalidQueryError

IMG_URL = "https://picsum.photos/id/829/200/300"


class Ctx:
    """What the steps share."""

    def __init__(self, client: Client, workdir: Path) -> None:
        self.client = client
        self.workdir = workdir
        self.tag = uuid.uuid4().hex[:8]
        self.project = client.create_project(name=f"behaviour-{self.tag}")
        self.dataset = client.create_dataset(name=f"behaviour-{self.tag}")
        self.project.datasets.connect(self.dataset)
        self.data_row = self.dataset.create_data_row(row_data=IMG_URL)


STEPS, step = steps.registry()


@step
def paginated_collection_is_an_iterator(c: Ctx) -> None:
    """12: ``next(dataset.data_rows())`` (the classic's PaginatedCollection is an iterator)."""
    first = next(c.dataset.data_rows())
    expect(isinstance(first, DataRow) and first.uid == c.data_row.uid, f"next(): {first!r}")
    collection = c.dataset.data_rows()
    next(collection)
    raises(StopIteration, "next() past the end", lambda: next(collection))


@step
def naive_datetimes_are_local_time(c: Ctx) -> None:
    """13: ``project.update(setup_complete=datetime.now())`` and naive where-comparisons."""
    before = datetime.now(timezone.utc)
    c.project.update(setup_complete=datetime.now())
    stored = c.client.get_project(c.project.uid).setup_complete
    expect(stored is not None, "setup_complete was not stored")
    assert stored is not None
    stored_utc = stored if stored.tzinfo else stored.replace(tzinfo=timezone.utc)
    expect(abs(stored_utc - before) < timedelta(minutes=2), f"stored {stored!r}, now {before!r}")
    since = datetime.now() - timedelta(hours=1)  # naive: local time
    found = list(c.client.get_projects(where=Project.created_at > since))
    expect(c.project.uid in {p.uid for p in found}, "created_at > (naive, an hour ago)")


@step
def override_data_row_is_a_relationship(c: Ctx) -> None:
    """14: ``override.data_row()``."""
    expect(c.project.set_labeling_parameter_overrides([(c.data_row, 1, 2)]), "set overrides")
    override = next(iter(c.project.labeling_parameter_overrides()))
    data_row = override.data_row()
    expect(data_row is not None and data_row.uid == c.data_row.uid, f"data_row(): {data_row!r}")


@step
def label_reviews_do_not_support_filtering(c: Ctx) -> None:
    """15: ``label.reviews(where=...)`` raises the classic's InvalidQueryError."""
    label = c.project.create_label(data_row=c.data_row, label="{}")
    exc = raises(
        InvalidQueryError, "label.reviews(where=...)", lambda: label.reviews(where=Review.score > 0)
    )
    expect("Relationship Label.reviews doesn't support filtering" in str(exc), f"message: {exc}")
    expect(list(label.reviews()) == [], "label.reviews() without where")


@step
def classic_error_messages_are_kept(c: Ctx) -> None:
    """16: messages user code matches on."""
    exc = raises(ValueError, "upsert_review_queue(2)", lambda: c.project.upsert_review_queue(2))
    expect(str(exc) == "Quota factor must be in the range of [0,1]", f"message: {exc}")
    exc = raises(
        ValueError,
        "Webhook.create with a bad topic",
        lambda: Webhook.create(c.client, ["BAD"], "https://example.com/h", "s", c.project),
    )
    expect("is not a valid webhook topic" in str(exc) or "BAD" in str(exc), f"message: {exc}")
    instructions = c.workdir / "instructions.pdf"
    instructions.write_bytes(b"%PDF-1.4\n")
    fresh = c.client.create_project(name=f"no-setup-{c.tag}")
    exc = raises(
        ValueError,
        "upsert_instructions before setup",
        lambda: fresh.upsert_instructions(str(instructions)),
    )
    expect(
        str(exc) == "Cannot attach instructions to a project that has not been set up.",
        f"message: {exc}",
    )


@step
def names_of_2_6_0_exist(c: Ctx) -> None:
    """17: enable_experimental, client.api_key, export_issues, AssetAttachment,
    _validate_ndjson."""
    other = Client(c.client.api_key, c.client.endpoint, enable_experimental=False)
    expect(other.get_project(c.project.uid).uid == c.project.uid, "a client from client.api_key")
    from labelbox.schema.asset_attachment import AssetAttachment
    from labelbox.schema.bulk_import_request import _validate_ndjson

    attachment = c.data_row.create_attachment("TEXT", "a note")
    expect(isinstance(attachment, AssetAttachment), f"create_attachment: {attachment!r}")
    expect(attachment.attachment_value == "a note", f"value: {attachment.attachment_value!r}")
    listed = list(c.data_row.attachments())
    expect([a.uid for a in listed] == [attachment.uid], f"attachments(): {listed!r}")
    expect(callable(_validate_ndjson), "_validate_ndjson is importable")
    url = c.project.export_issues("Open")
    expect(isinstance(url, str) and "status=Open" in url, f"export_issues('Open'): {url!r}")
    raises(ValueError, "export_issues('Closed')", lambda: c.project.export_issues("Closed"))


@step
def statuses_print_as_their_value(c: Ctx) -> None:
    """18: ``print(task.status)`` shows ``COMPLETE``; comparisons with strings work."""
    task = c.dataset.create_data_rows([{DataRow.row_data: IMG_URL}])
    task.wait_till_done(timeout_seconds=60)
    shown = io.StringIO()
    with redirect_stdout(shown):
        print(task.status)
    expect(shown.getvalue().strip() == "COMPLETE", f"print(task.status): {shown.getvalue()!r}")
    expect(task.status == "COMPLETE", f"task.status == 'COMPLETE': {task.status!r}")
    expect(f"{task.status}" == "COMPLETE", f"f-string: {task.status!r}")


def run(endpoint: str, api_key: str, workdir: Path) -> int:
    """Run every step; returns the process exit code."""
    logging.getLogger("labelbox").setLevel(logging.CRITICAL)
    workdir.mkdir(parents=True, exist_ok=True)
    return steps.run_steps(
        STEPS, Ctx(Client(api_key, endpoint), workdir), f"labelbox {labelbox.__version__}"
    )


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(f"usage: {argv[0]} ENDPOINT API_KEY WORKDIR")
        return 2
    return run(argv[1], argv[2], Path(argv[3]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
