"""Review: a quality assessment of a Label."""

from __future__ import annotations

from enum import Enum

from labelbox._generated.entities import ReviewBase


class Review(ReviewBase):
    """Reviewing labeled data is a collaborative quality assurance technique.

    A Review object indicates the quality of the assigned Label. The aggregated review
    numbers can be obtained on a Project object (``project.review_metrics(net_score)``).

    Example:
        >>> review = label.create_review(score=1.0)
        >>> project.review_metrics(Review.NetScore.Positive)
    """

    class NetScore(Enum):
        """Negative, Zero, or Positive: the sum of a label's review scores
        (``project.review_metrics(net_score)``; None there means "not reviewed")."""

        Negative = "Negative"
        Zero = "Zero"
        Positive = "Positive"
