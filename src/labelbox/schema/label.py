"""Label: an assessment of a DataRow."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from labelbox.orm.db_object import BulkDeletable, Updateable, create_entity
from labelbox.orm.model import Field, ToMany, ToOne

if TYPE_CHECKING:
    from labelbox.schema.benchmark import Benchmark
    from labelbox.schema.data_row import DataRow
    from labelbox.schema.project import Project
    from labelbox.schema.review import Review
    from labelbox.schema.user import User


class Label(Updateable, BulkDeletable):
    """Label represents an assessment on a DataRow. For example one label could contain
    100 bounding boxes (annotations)."""

    _fragment = "LabelFields"
    _soft_deletable = True

    label: Field[Label, str] = Field("label")
    seconds_to_label: Field[Label, float | None] = Field("secondsToLabel")
    agreement: Field[Label, float | None] = Field("agreement")
    benchmark_agreement: Field[Label, float | None] = Field("benchmarkAgreement")
    is_benchmark_reference: Field[Label, bool | None] = Field("isBenchmarkReference")
    updated_at: Field[Label, datetime] = Field("updatedAt")
    created_at: Field[Label, datetime] = Field("createdAt")

    project: ToOne[Project] = ToOne("Project")
    data_row: ToOne[DataRow] = ToOne("DataRow")
    reviews: ToMany[Review] = ToMany("Review")
    created_by: ToOne[User] = ToOne("User")

    @staticmethod
    def bulk_delete(labels: Iterable[Label]) -> None:
        """Deletes all the given Labels."""
        Label._bulk_delete(labels)

    def create_review(self, **kwargs: Any) -> Review:
        """Creates a Review for this label; at a minimum ``score`` must be given."""
        from labelbox.exceptions import InvalidQueryError
        from labelbox.schema.review import Review

        if "score" not in kwargs:
            raise InvalidQueryError("Review.score missing when creating a Review.")
        kwargs["label"] = self
        project = self.project()
        if project is not None:
            kwargs["project"] = project
        return create_entity(self.client, Review, kwargs)

    def create_benchmark(self) -> Benchmark:
        """Creates a Benchmark for this Label; returns it."""
        from labelbox.orm.db_object import build_input
        from labelbox.schema.benchmark import Benchmark

        model = self.client._gen.create_benchmark(
            data=build_input("BenchmarkCreateInput", {"labelId": self.uid})
        )
        return Benchmark._wrap(self.client, model)
