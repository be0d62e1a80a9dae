"""Typed payloads: ``TypedDict`` shapes of what the SDK sends and reads as plain JSON.

Nothing here exists at run time beyond ``dict``: build the values as dict literals (or
by calling the class, ``BoxPrediction(uuid=..., ...)``, which returns a plain dict) and
let mypy or pyright check their keys and value types.

- **Predictions** (model-assisted labeling, one NDJSON line each), accepted by
  ``Project.upload_annotations`` and ``BulkImportRequest.create_from_objects``:
  tools ``BoxPrediction``, ``PolygonPrediction``, ``LinePrediction``,
  ``PointPrediction``, ``EntityPrediction``, ``MaskPrediction`` (which may carry
  ``classifications``: ``NestedClassification``), and classifications
  ``RadioPrediction``, ``ChecklistPrediction``, ``TextPrediction``; ``MALPrediction`` is
  their union. These are the shapes ``labelbox.schema.annotation_validation`` checks
  (dropdown classifications are not supported by model-assisted labeling).
- **Data-row items** of ``Dataset.create_data_rows``: ``DataRowItem`` (``row_data``
  required, ``external_id``, ``media_attributes``: the DataRow fields labelbox 2.6
  accepts there) and ``TiledImageryItem`` (a tiled-imagery descriptor, sent as is).
- **Records read back**: ``ImportStatus`` (``BulkImportRequest.statuses``,
  ``.errors``), ``ImportErrorDetail`` (one entry of a status's ``errors``),
  ``TaskError`` (``Task.error_records``).

Example:
    >>> box: BoxPrediction = {
    ...     "uuid": "9fd9a92e-2560-4e77-81d4-b2e955800092",
    ...     "schemaId": "ckappz7d700gn0zbocmqkwd9i",
    ...     "dataRow": {"id": "ck1s02fqxm8fi0757f0e6qtdc"},
    ...     "bbox": {"top": 48, "left": 58, "height": 865, "width": 1512},
    ... }
    >>> project.upload_annotations(name="boxes", annotations=[box])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, TypeAlias, TypedDict

from typing_extensions import NotRequired, Required

if TYPE_CHECKING:
    from pydantic import JsonValue

__all__ = [
    "Answer",
    "BoundingBox",
    "BoxPrediction",
    "ChecklistPrediction",
    "DataRowItem",
    "DataRowRef",
    "EntityPrediction",
    "FrameRange",
    "ImportErrorDetail",
    "ImportStatus",
    "LinePrediction",
    "MALPrediction",
    "MaskPrediction",
    "MaskValue",
    "NestedChecklist",
    "NestedClassification",
    "NestedRadio",
    "NestedText",
    "PointPrediction",
    "PointValue",
    "PolygonPrediction",
    "RadioPrediction",
    "TaskError",
    "TextLocation",
    "TextPrediction",
    "TileLayer",
    "TiledImageryItem",
]


# -- values ---------------------------------------------------------------------------------
class DataRowRef(TypedDict):
    """The data row an annotation belongs to: ``{"id": <data row id>}``."""

    id: str


class Answer(TypedDict):
    """An answer of a radio or checklist: the feature schema id of one of its options."""

    schemaId: str


class BoundingBox(TypedDict):
    """``bbox`` of a rectangle, in pixels: finite numbers."""

    top: float
    left: float
    height: float
    width: float


class PointValue(TypedDict):
    """A point ``{"x", "y"}`` in pixels (a point tool, a vertex of a polygon or line)."""

    x: float
    y: float


class TextLocation(TypedDict):
    """``location`` of a named entity: character offsets, ``0 <= start <= end``."""

    start: int
    end: int


class FrameRange(TypedDict):
    """A range of video frames a classification holds for, ``0 <= start <= end``."""

    start: int
    end: int


class MaskValue(TypedDict):
    """``mask`` of a segmentation (superpixel) tool: the mask image's URI and the RGB
    color (3 integers in 0..255) of this instance in it."""

    instanceURI: str
    colorRGB: Sequence[int]


# -- classifications nested under a tool (no uuid or dataRow needed) ---------------------
class NestedRadio(TypedDict):
    """The answer to a radio classification nested under a tool."""

    schemaId: str
    answer: Answer


class NestedChecklist(TypedDict):
    """The answers (at least one, no repeats) to a nested checklist."""

    schemaId: str
    answers: Sequence[Answer]


class NestedText(TypedDict):
    """The answer to a nested text classification."""

    schemaId: str
    answer: str


NestedClassification: TypeAlias = NestedRadio | NestedChecklist | NestedText
"""A classification answered under a tool annotation (its ``classifications``)."""


# -- predictions: one NDJSON line each ------------------------------------------------------
class _PredictionBase(TypedDict):
    uuid: str
    """A UUID string, unique within the project's imports."""
    dataRow: DataRowRef
    schemaId: str
    """The feature schema id (25 characters) of the ontology's tool or classification."""


class _ToolPrediction(_PredictionBase, total=False):
    classifications: Sequence[NestedClassification]


class BoxPrediction(_ToolPrediction):
    """A rectangle (bounding box) tool annotation."""

    bbox: Required[BoundingBox]


class PolygonPrediction(_ToolPrediction):
    """A polygon tool annotation: at least 3 points."""

    polygon: Required[Sequence[PointValue]]


class LinePrediction(_ToolPrediction):
    """A polyline tool annotation: at least 2 points."""

    line: Required[Sequence[PointValue]]


class PointPrediction(_ToolPrediction):
    """A point tool annotation."""

    point: Required[PointValue]


class EntityPrediction(_ToolPrediction):
    """A named-entity (text) tool annotation."""

    location: Required[TextLocation]


class MaskPrediction(_ToolPrediction):
    """A segmentation (superpixel) tool annotation."""

    mask: Required[MaskValue]


class RadioPrediction(_PredictionBase):
    """A radio classification: one option; ``frames`` for video."""

    answer: Answer
    frames: NotRequired[Sequence[FrameRange]]


class ChecklistPrediction(_PredictionBase):
    """A checklist classification: at least one option, no repeats; ``frames`` for video."""

    answers: Sequence[Answer]
    frames: NotRequired[Sequence[FrameRange]]


class TextPrediction(_PredictionBase):
    """A free-text classification."""

    answer: str


MALPrediction: TypeAlias = (
    BoxPrediction
    | PolygonPrediction
    | LinePrediction
    | PointPrediction
    | EntityPrediction
    | MaskPrediction
    | RadioPrediction
    | ChecklistPrediction
    | TextPrediction
)
"""Any model-assisted-labeling annotation (one NDJSON line)."""


# -- data-row items of Dataset.create_data_rows ----------------------------------------------
class DataRowItem(TypedDict, total=False):
    """One data row of ``Dataset.create_data_rows`` by field name (as labelbox 2.6:
    DataRow fields only; attachments and metadata are added after creation)."""

    row_data: Required[str]
    """URL of the asset (or its text)."""
    external_id: str | None
    """Your identifier of the row."""
    media_attributes: JsonValue
    """Media attributes (JSON)."""


class TileLayer(TypedDict, total=False):
    """An alternative layer of a tiled-imagery row."""

    tileLayerUrl: Required[str]
    name: Required[str]
    minZoom: int
    maxZoom: int


class TiledImageryItem(TypedDict, total=False):
    """A tiled-imagery (slippy map) row, sent to the server as given."""

    tileLayerUrl: Required[str]
    """Tile URL template, ``https://host/{z}/{x}/{y}.png``."""
    bounds: Sequence[Sequence[float]]
    """Top-left and bottom-right corners, ``[[lat, lng], [lat, lng]]`` or ``[[x, y], ...]``."""
    minZoom: int
    maxZoom: int
    maxNativeZoom: int
    epsg: str
    """``EPSG4326``, ``EPSG3857``, ``EPSG3395`` or ``Simple``."""
    tileSize: int
    alternativeLayers: Sequence[TileLayer]
    version: int
    externalId: str


# -- records read back ----------------------------------------------------------------------
class ImportErrorDetail(TypedDict):
    """Why an imported annotation failed."""

    name: str
    """Kind of the error, e.g. ``DataRowNotFound``."""
    message: str
    additionalInfo: NotRequired[object]
    """More about it (absent from most errors)."""


class ImportStatus(TypedDict):
    """The outcome of one imported annotation (a line of the status or error file)."""

    uuid: str
    """The annotation's uuid."""
    dataRow: DataRowRef
    status: Literal["SUCCESS", "FAILURE"]
    errors: list[ImportErrorDetail]
    """Empty when ``status`` is SUCCESS."""


class TaskError(TypedDict):
    """One error of a failed Task."""

    message: str
