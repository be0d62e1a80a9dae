"""Review: a quality assessment of a Label."""

from __future__ import annotations

from enum import Enum

from labelbox_gen.entities import ReviewBase


class Review(ReviewBase):
    """Reviewing labeled data is a collaborative quality assurance technique.

    A Review object indicates the quality of the assigned Label. The aggregated review
    numbers can be obtained on a Project object.
    """

    class NetScore(Enum):
        """Negative, Zero, or Positive."""

        Negative = "Negative"
        Zero = "Zero"
        Positive = "Positive"
