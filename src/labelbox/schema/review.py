"""Review: a quality assessment of a Label."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from labelbox.orm.db_object import Deletable, Updateable
from labelbox.orm.model import Field, ToOne

if TYPE_CHECKING:
    from labelbox.schema.label import Label
    from labelbox.schema.organization import Organization
    from labelbox.schema.project import Project
    from labelbox.schema.user import User


class Review(Updateable, Deletable):
    """Reviewing labeled data is a collaborative quality assurance technique.

    A Review object indicates the quality of the assigned Label. The aggregated review
    numbers can be obtained on a Project object.
    """

    _fragment = "ReviewFields"

    class NetScore(Enum):
        """Negative, Zero, or Positive."""

        Negative = "Negative"
        Zero = "Zero"
        Positive = "Positive"

    created_at: Field[Review, datetime] = Field("createdAt")
    updated_at: Field[Review, datetime] = Field("updatedAt")
    score: Field[Review, float] = Field("score")

    created_by: ToOne[User] = ToOne("User")
    organization: ToOne[Organization] = ToOne("Organization")
    project: ToOne[Project] = ToOne("Project")
    label: ToOne[Label] = ToOne("Label")
