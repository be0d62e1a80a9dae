"""Label: an assessment of an AsyncDataRow."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from typing_extensions import Unpack

from labelbox._async._generated.entities import AsyncLabelBase

if TYPE_CHECKING:
    from labelbox._async._generated.entities import ReviewCreateParams
    from labelbox._async.schema.benchmark import AsyncBenchmark
    from labelbox._async.schema.review import AsyncReview


class AsyncLabel(AsyncLabelBase):
    """Label represents an assessment on a data row. For example one label could contain
    100 bounding boxes (annotations).

    Example:
        >>> async for label in project.labels():
        ...     print((await label.data_row()).external_id, label.label)
    """

    _soft_deletable = True  # deleteLabels hides them

    @staticmethod
    async def bulk_delete(labels: Iterable[AsyncLabel]) -> None:
        """Deletes all the given Labels (in one request).

        Args:
            labels: The Labels to delete.

        Raises:
            labelbox.exceptions.InvalidQueryError: If the objects are not all Labels.

        Example:
            >>> await AsyncLabel.bulk_delete(await project.labels(datasets=[old_dataset]).get_many(100))
        """
        await AsyncLabel._bulk_delete(labels)

    async def create_review(self, **kwargs: Unpack[ReviewCreateParams]) -> AsyncReview:
        """Creates a review of this label; at a minimum ``score`` must be given.

        Args:
            **kwargs: AsyncReview attributes, typed by
                :class:`labelbox.params.ReviewCreateParams` (the
                ``TypedDict`` listing every accepted keyword). At a minimum, a ``score``
                value must be provided.

        Returns:
            The new AsyncReview.

        Raises:
            InvalidQueryError: If ``score`` is missing.
            InvalidAttributeError: If a name is not an AsyncReview attribute.
            TypeError: If a value has the wrong type (nothing is sent).

        Example:
            >>> review = await label.create_review(score=1.0)
        """
        from labelbox._async.schema.review import AsyncReview
        from labelbox.exceptions import InvalidQueryError

        if "score" not in kwargs:
            raise InvalidQueryError("Review.score missing when creating an AsyncReview.")
        values: dict[str, object] = {**kwargs, "label": self}
        project = await self.project()
        if project is not None:
            values["project"] = project
        return await AsyncReview._create_object(self.client, values)

    async def create_benchmark(self) -> AsyncBenchmark:
        """Creates a benchmark of this label.

        Returns:
            The newly created AsyncBenchmark.
        """
        from labelbox._async.schema.benchmark import AsyncBenchmark
        from labelbox_gen.input_types import BenchmarkCreateInput

        model = await self.client._gen.create_benchmark(
            data=BenchmarkCreateInput(label_id=self.uid)
        )
        return AsyncBenchmark._wrap(self.client, model)
