"""LabelingFrontend (a label editor) and LabelingFrontendOptions (a project's ontology)."""

from __future__ import annotations

from labelbox_gen.entities import LabelingFrontendBase, LabelingFrontendOptionsBase


class LabelingFrontend(LabelingFrontendBase):
    """Label editor.

    Represents an HTML / JavaScript UI that is used to generate labels. "Editor" is the
    default Labeling Frontend that comes in every organization.
    """


class LabelingFrontendOptions(LabelingFrontendOptionsBase):
    """Label interface options (a project's ontology, as a JSON string)."""
