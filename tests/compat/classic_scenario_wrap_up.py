"""Steps of classic_scenario.py run last: the label export, labeler performance, queues,
data row metadata, and the deletions (reviews, labels, data rows, datasets and projects).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import partial

from classic_scenario_datasets import (
    create_data_row,
    data_rows_from_files,
    data_rows_from_urls,
    pagination_where_order_by,
    projects,
)
from classic_scenario_labeling import labels, reviews
from classic_scenario_support import (
    Checks,
    S,
    check_export,
    check_review_metrics,
    expect,
    expect_eq,
    new_label,
    one,
    raises,
    same,
    step,
    uids,
)

from labelbox import (
    AssetMetadata,
    DataRow,
    Dataset,
    Label,
    Project,
    User,
)
from labelbox.exceptions import (
    InvalidQueryError,
    ResourceNotFoundError,
)


@step(reviews)
def export_labels() -> None:
    """project.export_labels() returns a URL; the download holds the project's labels."""
    exported = check_export()
    item = {i["ID"]: i for i in exported}[S.labels["url-0"].uid]
    expect_eq(item["DataRow ID"], S.rows["url-0"].uid, "DataRow ID")
    expect_eq(item["Labeled Data"], S.urls[0], "Labeled Data")
    expect_eq(item["External ID"], "url-0", "External ID")
    expect_eq(item["Label"], {"objects": [], "updated": True}, "Label (parsed JSON)")
    expect_eq(item["Seconds to Label"], 1.5, "Seconds to Label")
    expect_eq([r["score"] for r in item["Reviews"]], [1], "Reviews")


@step(labels)
def labeler_performance() -> None:
    """project.labeler_performance(): one entry for the current user, counting the labels."""
    perf = one(S.project.labeler_performance(), "labeler_performance()")
    expect(isinstance(perf.user, User), "perf.user is a User")
    expect_eq(perf.user.uid, S.user.uid, "perf.user")
    expect_eq(perf.count, len(S.live), "perf.count (live labels)")
    total = sum(lb.seconds_to_label or 0 for lb in S.live.values())
    expect(abs(perf.total_time_labeling - total) < 1e-6, f"total_time_labeling {perf} vs {total}")
    expect(abs(perf.seconds_per_label - total / len(S.live)) < 1e-6, f"seconds_per_label {perf}")
    now = datetime.now(timezone.utc)
    expect(
        timedelta(0) <= now - perf.last_activity_time < timedelta(seconds=120),
        f"last_activity_time is recent: {perf.last_activity_time!r}",
    )


@step(projects)
def queues() -> None:
    """upsert_review_queue and extend_reservations."""
    expect_eq(S.project.upsert_review_queue(0.5), None, "upsert_review_queue(0.5)")
    expect_eq(S.project.upsert_review_queue(0.25), None, "upsert_review_queue(0.25)")
    raises(ValueError, "upsert_review_queue(1.5)", lambda: S.project.upsert_review_queue(1.5))
    expect_eq(S.project.extend_reservations("LabelingQueue"), 0, "extend_reservations(Labeling)")
    expect_eq(S.project.extend_reservations("ReviewQueue"), 0, "extend_reservations(Review)")
    raises(InvalidQueryError, "extend_reservations('Bad')",
           lambda: S.project.extend_reservations("Bad"))  # fmt: skip


@step(data_rows_from_urls)
def metadata() -> None:
    """DataRow.create_metadata and DataRow.metadata() (AssetMetadata)."""
    row = S.rows["url-2"]
    expect_eq(uids(row.metadata()), [], "no metadata yet")
    text = row.create_metadata(AssetMetadata.TEXT, "This is a text message")
    expect(isinstance(text, AssetMetadata), "create_metadata returns AssetMetadata")
    expect_eq((text.meta_type, text.meta_value), ("TEXT", "This is a text message"), "fields")
    image = row.create_metadata("IMAGE", "https://example.com/overlay.png")
    listed = {m.uid: (m.meta_type, m.meta_value) for m in row.metadata()}
    expect_eq(
        listed,
        {
            text.uid: ("TEXT", "This is a text message"),
            image.uid: ("IMAGE", "https://example.com/overlay.png"),
        },
        "data_row.metadata()",
    )
    expect_eq(uids(S.rows["url-1"].metadata()), [], "metadata of another row")
    raises(ValueError, "create_metadata('BAD', ...)", lambda: row.create_metadata("BAD", "x"))


@step(reviews)
def delete_reviews() -> None:
    """review.delete(): gone from label.reviews(), project.reviews() and review_metrics."""
    label, review = S.labels["url-1"], S.temp_review
    review.delete()
    del S.scores[label.uid][review.uid]
    checks = Checks(deleted=[review.uid])
    live_reviews = [rid for per in S.scores.values() for rid in per]
    checks.ids(S.project.reviews(), live_reviews, "project.reviews() after review.delete()")
    checks.run(check_review_metrics)
    checks.ids(label.reviews(), list(S.scores[label.uid]), "label.reviews() after review.delete()")
    checks.done()


@step(labels)
def delete_labels() -> None:
    """label.delete() and Label.bulk_delete(): gone from data_row.labels(), project.labels()."""
    doomed = [new_label("url-3", "{}") for _ in range(3)]
    doomed[0].delete()
    Label.bulk_delete(doomed[1:])
    for label in doomed:
        del S.live[label.uid]
    checks = Checks(deleted=uids(doomed))
    row3 = [lb.uid for lb in S.live.values() if lb.data_row().uid == S.rows["url-3"].uid]
    checks.ids(S.rows["url-3"].labels(), row3, "data_row.labels() after label deletes")
    perf = one(S.project.labeler_performance(), "labeler_performance()")
    checks.run(lambda: expect_eq(perf.count, len(S.live), "labeler_performance count"))
    checks.run(check_export)
    checks.ids(S.project.labels(), list(S.live), "project.labels() after label deletes")
    in_ds = S.project.labels(datasets=[S.dataset])
    checks.ids(in_ds, list(S.live), "project.labels(datasets=[dataset]) after label deletes")
    checks.done()


@step(data_rows_from_files, create_data_row)
def delete_data_rows() -> None:
    """DataRow.update, DataRow.bulk_delete, data_row.delete(): gone from dataset.data_rows()."""
    row = S.rows["one"]
    row.update(external_id="renamed")
    expect_eq(row.external_id, "renamed", "data_row.update()")
    same(S.dataset.data_row_for_external_id("renamed"), row, "find by the new external id")
    alive = uids(S.dataset.data_rows())
    doomed = [S.rows[k] for k in ("pixel.png", "note.txt", "single.png")]
    DataRow.bulk_delete(doomed[:2])
    doomed[2].delete()
    alive = [i for i in alive if i not in uids(doomed)]
    checks = Checks(deleted=uids(doomed))
    checks.ids(S.dataset.data_rows(), alive, "dataset.data_rows() after data row deletes")
    checks.run(
        lambda: raises(
            ResourceNotFoundError,
            "dataset.data_row_for_external_id(external id of a deleted row)",
            lambda: S.dataset.data_row_for_external_id(str(S.png_path)),
        )
    )
    checks.done()


@step(labels, pagination_where_order_by)
def delete_datasets_and_projects() -> None:
    """dataset.delete(), project.delete(): gone from get_datasets/get_projects and relations."""
    S.empty.delete()
    expect_eq(uids(S.project.datasets()), [S.dataset.uid], "project.datasets() after delete")
    S.paged.delete()
    for ds in (S.empty, S.paged):
        found = S.client.get_datasets(where=Dataset.name == ds.name)
        expect_eq(uids(found), [], f"get_datasets(where name == {ds.name!r}) after delete")
        expect(ds not in set(S.client.get_datasets()), "get_datasets() after delete")
        raises(ResourceNotFoundError, "get_dataset(deleted)", partial(S.client.get_dataset, ds.uid))
    S.other_project.delete()
    where = Project.name == S.other_project.name
    expect_eq(uids(S.client.get_projects(where=where)), [], "get_projects after project.delete()")
    expect(S.other_project not in set(S.client.get_projects()), "get_projects() after delete")
    expect(
        S.other_project.uid not in uids(S.org.projects()), "organization.projects() after delete"
    )
