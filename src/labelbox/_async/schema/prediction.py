"""Prediction and AsyncPredictionModel (legacy editor)."""

from __future__ import annotations

from labelbox._async._generated.entities import AsyncPredictionBase, AsyncPredictionModelBase


class AsyncPredictionModel(AsyncPredictionModelBase):
    """An AsyncPredictionModel creates an AsyncPrediction. Legacy editor only.

    Refer to AsyncBulkImportRequest if using the new Editor.
    """


class AsyncPrediction(AsyncPredictionBase):
    """A prediction created by an AsyncPredictionModel. Legacy editor only.

    Refer to AsyncBulkImportRequest if using the new Editor.
    """
