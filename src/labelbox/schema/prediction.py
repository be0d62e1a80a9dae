"""Prediction and PredictionModel (legacy editor)."""

from __future__ import annotations

from labelbox._generated.entities import PredictionBase, PredictionModelBase


class PredictionModel(PredictionModelBase):
    """A PredictionModel creates a Prediction. Legacy editor only.

    Refer to BulkImportRequest if using the new Editor.
    """


class Prediction(PredictionBase):
    """A prediction created by a PredictionModel. Legacy editor only.

    Refer to BulkImportRequest if using the new Editor.
    """
