"""Label: an assessment of a DataRow."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from typing_extensions import Unpack

from labelbox._generated.entities import LabelBase

if TYPE_CHECKING:
    from labelbox._generated.entities import ReviewCreateParams
    from labelbox.schema.benchmark import Benchmark
    from labelbox.schema.review import Review


class Label(LabelBase):
    """Label represents an assessment on a DataRow. For example one label could contain
    100 bounding boxes (annotations).

    Example:
        >>> for label in project.labels():
        ...     print(label.data_row().external_id, label.label)
    """

    _soft_deletable = True  # deleteLabels hides them

    @staticmethod
    def bulk_delete(labels: Iterable[Label]) -> None:
        """Deletes all the given Labels (in one request).

        Args:
            labels: The Labels to delete.

        Raises:
            labelbox.exceptions.InvalidQueryError: If the objects are not all Labels.

        Example:
            >>> Label.bulk_delete(project.labels(datasets=[old_dataset]))
        """
        Label._bulk_delete(labels)

    def create_review(self, **kwargs: Unpack[ReviewCreateParams]) -> Review:
        """Creates a Review for this label; at a minimum ``score`` must be given.

        Args:
            **kwargs: Review attributes, typed by
                :class:`labelbox.params.ReviewCreateParams` (the
                ``TypedDict`` listing every accepted keyword). At a minimum, a ``score``
                value must be provided.

        Returns:
            The new Review.

        Raises:
            InvalidQueryError: If ``score`` is missing.
            InvalidAttributeError: If a name is not a Review attribute.
            TypeError: If a value has the wrong type (nothing is sent).

        Example:
            >>> review = label.create_review(score=1.0)
        """
        from labelbox.exceptions import InvalidQueryError
        from labelbox.schema.review import Review

        if "score" not in kwargs:
            raise InvalidQueryError("Review.score missing when creating a Review.")
        values: dict[str, object] = {**kwargs, "label": self}
        project = self.project()
        if project is not None:
            values["project"] = project
        return Review._create_object(self.client, values)

    def create_benchmark(self) -> Benchmark:
        """Creates a Benchmark for this Label.

        Returns:
            The newly created Benchmark.
        """
        from labelbox.schema.benchmark import Benchmark
        from labelbox_gen.input_types import BenchmarkCreateInput

        model = self.client._gen.create_benchmark(data=BenchmarkCreateInput(label_id=self.uid))
        return Benchmark._wrap(self.client, model)
