"""Typing contract of ``labelbox.schema.label.Label``, ``labelbox.schema.review.Review``
and ``labelbox.schema.benchmark.Benchmark``. Only type-checked, never executed."""
# pyright: strict

from __future__ import annotations

from datetime import datetime

from typing_extensions import assert_type

from labelbox import (
    Benchmark,
    Client,
    DataRow,
    Field,
    Label,
    Organization,
    PaginatedCollection,
    Project,
    Review,
    User,
)
from labelbox.orm.db_object import BulkDeletable, DbObject, Deletable, Updateable
from labelbox.orm.model import ToMany, ToManyManager, ToOne, ToOneManager


def label_fields(client: Client) -> None:
    label = next(iter(client.get_project("<project_id>").labels()))
    assert_type(label, Label)
    assert_type(label.uid, str)
    assert_type(label.label, str)
    assert_type(label.seconds_to_label, float | None)
    assert_type(label.agreement, float | None)
    assert_type(label.benchmark_agreement, float | None)
    assert_type(label.is_benchmark_reference, bool | None)
    assert_type(label.updated_at, datetime)
    assert_type(label.created_at, datetime)
    assert_type(Label.label, Field[Label, str])
    assert_type(Label.seconds_to_label, Field[Label, float | None])
    assert_type(Label.agreement, Field[Label, float | None])
    assert_type(Label.benchmark_agreement, Field[Label, float | None])
    assert_type(Label.is_benchmark_reference, Field[Label, bool | None])
    assert_type(Label.updated_at, Field[Label, datetime])
    assert_type(Label.created_at, Field[Label, datetime])
    _bases: tuple[type[DbObject], type[Updateable], type[BulkDeletable]] = (Label, Label, Label)


def label_relationships(client: Client) -> None:
    label = next(iter(client.get_project("<project_id>").labels()))
    assert_type(Label.project, ToOne[Project])
    assert_type(Label.data_row, ToOne[DataRow])
    assert_type(Label.reviews, ToMany[Review])
    assert_type(Label.created_by, ToOne[User])
    assert_type(label.project, ToOneManager[Project])
    assert_type(label.reviews, ToManyManager[Review])
    assert_type(label.project(), Project | None)
    assert_type(label.data_row(), DataRow | None)
    assert_type(label.reviews(), PaginatedCollection[Review])
    assert_type(label.reviews(where=Review.score > 0), PaginatedCollection[Review])
    assert_type(label.created_by(), User | None)


def label_methods(client: Client) -> None:
    project = client.get_project("<project_id>")
    label = next(iter(project.labels()))
    assert_type(label.create_review(score=1.0), Review)
    assert_type(label.create_benchmark(), Benchmark)
    assert_type(label.update(label="{}"), None)
    assert_type(label.delete(), None)
    assert_type(Label.bulk_delete([label]), None)
    assert_type(Label.bulk_delete(project.labels()), None)


def review(client: Client) -> None:
    label = next(iter(client.get_project("<project_id>").labels()))
    review = label.create_review(score=-1)
    assert_type(review.uid, str)
    assert_type(review.created_at, datetime)
    assert_type(review.updated_at, datetime)
    assert_type(review.score, float)
    assert_type(Review.created_at, Field[Review, datetime])
    assert_type(Review.updated_at, Field[Review, datetime])
    assert_type(Review.score, Field[Review, float])
    assert_type(Review.created_by, ToOne[User])
    assert_type(Review.organization, ToOne[Organization])
    assert_type(Review.project, ToOne[Project])
    assert_type(Review.label, ToOne[Label])
    assert_type(review.created_by(), User | None)
    assert_type(review.organization(), Organization | None)
    assert_type(review.project(), Project | None)
    assert_type(review.label(), Label | None)
    assert_type(review.update(score=0.0), None)
    assert_type(review.delete(), None)
    _bases: tuple[type[DbObject], type[Deletable], type[Updateable]] = (Review, Review, Review)


def net_score(score: Review.NetScore) -> None:
    assert_type(score, Review.NetScore)
    assert_type(Review.NetScore("Zero"), Review.NetScore)
    _members: tuple[Review.NetScore, ...] = (
        Review.NetScore.Negative,
        Review.NetScore.Zero,
        Review.NetScore.Positive,
    )
    _value: str = score.value


def benchmark(client: Client) -> None:
    project = client.get_project("<project_id>")
    for benchmark in project.benchmarks():
        assert_type(benchmark, Benchmark)
        assert_type(benchmark.uid, str)
        assert_type(benchmark.created_at, datetime)
        assert_type(benchmark.last_activity, datetime | None)
        assert_type(benchmark.average_agreement, float | None)
        assert_type(benchmark.completed_count, int | None)
        assert_type(benchmark.created_by(), User | None)
        assert_type(benchmark.reference_label(), Label | None)
        assert_type(benchmark.delete(), None)
    assert_type(Benchmark.created_at, Field[Benchmark, datetime])
    assert_type(Benchmark.last_activity, Field[Benchmark, datetime | None])
    assert_type(Benchmark.average_agreement, Field[Benchmark, float | None])
    assert_type(Benchmark.completed_count, Field[Benchmark, int | None])
    assert_type(Benchmark.created_by, ToOne[User])
    assert_type(Benchmark.reference_label, ToOne[Label])
    _base: type[DbObject] = Benchmark
