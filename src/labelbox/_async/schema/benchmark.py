"""Benchmark: a reference label that other labels are compared against."""

from __future__ import annotations

from labelbox._async._generated.entities import AsyncBenchmarkBase


class AsyncBenchmark(AsyncBenchmarkBase):
    """Represents a benchmark label.

    Data with a benchmark label is interspersed in every labeler's queue; their labels
    are compared against it and an accuracy score between 0 and 100 percent computed.
    """

    async def delete(self) -> None:
        """Deletes this benchmark (its label stays).

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If the benchmark has no label.
        """
        from labelbox.exceptions import ResourceNotFoundError

        label = await self.reference_label()
        if label is None:
            raise ResourceNotFoundError(AsyncBenchmark, {"id": self.uid})
        await self.client._gen.delete_benchmark(label_id=label.uid)
