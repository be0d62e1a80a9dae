"""Review: a quality assessment of an AsyncLabel."""

from __future__ import annotations

from enum import Enum

from labelbox._async._generated.entities import AsyncReviewBase


class AsyncReview(AsyncReviewBase):
    """Reviewing labeled data is a collaborative quality assurance technique.

    An AsyncReview object indicates the quality of the assigned AsyncLabel. The aggregated review
    numbers can be obtained on an AsyncProject object (``project.review_metrics(net_score)``).

    Example:
        >>> review = await label.create_review(score=1.0)
        >>> await project.review_metrics(AsyncReview.NetScore.Positive)
    """

    class NetScore(Enum):
        """Negative, Zero, or Positive: the sum of a label's review scores
        (``project.review_metrics(net_score)``; None there means "not reviewed")."""

        Negative = "Negative"
        Zero = "Zero"
        Positive = "Positive"
