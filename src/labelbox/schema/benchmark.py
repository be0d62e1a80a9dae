"""Benchmark: a reference label that other labels are compared against."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field, ToOne

if TYPE_CHECKING:
    from labelbox.schema.label import Label
    from labelbox.schema.user import User


class Benchmark(DbObject):
    """Represents a benchmark label.

    Data with a benchmark label is interspersed in every labeler's queue; their labels
    are compared against it and an accuracy score between 0 and 100 percent computed.
    """

    _fragment = "BenchmarkFields"

    created_at: Field[Benchmark, datetime] = Field("createdAt")
    last_activity: Field[Benchmark, datetime | None] = Field("lastActivity")
    average_agreement: Field[Benchmark, float | None] = Field("averageAgreement")
    completed_count: Field[Benchmark, int | None] = Field("completedCount")

    created_by: ToOne[User] = ToOne("User")
    reference_label: ToOne[Label] = ToOne("Label")

    def delete(self) -> None:
        """Deletes this benchmark (its label stays)."""
        from labelbox.exceptions import ResourceNotFoundError

        label = self.reference_label()
        if label is None:
            raise ResourceNotFoundError(Benchmark, {"id": self.uid})
        self.client._gen.delete_benchmark(label_id=label.uid)
