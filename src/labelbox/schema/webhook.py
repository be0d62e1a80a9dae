"""Webhook: notifications POSTed to a URL on label and review events."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from labelbox.orm.db_object import Updateable, build_input
from labelbox.orm.model import Field, ToOne
from labelbox_gen.enums import WebhookStatus, WebhookTopic

if TYPE_CHECKING:
    from labelbox.client import Client
    from labelbox.schema.organization import Organization
    from labelbox.schema.project import Project
    from labelbox.schema.user import User


def _enum_value(value: Any, enum_type: Any, what: str) -> str:
    raw = getattr(value, "value", value)
    allowed = [member.value for member in enum_type.__members__.values()]
    if raw not in allowed:
        raise ValueError(f"Value `{value}` is not a valid {what}. Expected one of {allowed}")
    return str(raw)


class Webhook(Updateable):
    """Represents a server-side rule for sending notifications to a web-server whenever
    one of several predefined actions happens within a context of a Project or an
    Organization."""

    _fragment = "WebhookFields"

    # Aliases (not variables), so ``Webhook.Status`` is usable as a type too.
    Status: TypeAlias = WebhookStatus
    Topic: TypeAlias = WebhookTopic
    ACTIVE = WebhookStatus.ACTIVE.value
    INACTIVE = WebhookStatus.INACTIVE.value
    REVOKED = WebhookStatus.REVOKED.value
    LABEL_CREATED = WebhookTopic.LABEL_CREATED.value
    LABEL_UPDATED = WebhookTopic.LABEL_UPDATED.value
    LABEL_DELETED = WebhookTopic.LABEL_DELETED.value
    REVIEW_CREATED = WebhookTopic.REVIEW_CREATED.value
    REVIEW_UPDATED = WebhookTopic.REVIEW_UPDATED.value
    REVIEW_DELETED = WebhookTopic.REVIEW_DELETED.value

    updated_at: Field[Webhook, datetime] = Field("updatedAt")
    created_at: Field[Webhook, datetime] = Field("createdAt")
    url: Field[Webhook, str] = Field("url")
    #: LABEL_CREATED, LABEL_UPDATED, LABEL_DELETED, REVIEW_CREATED, REVIEW_UPDATED,
    #: REVIEW_DELETED
    topics: Field[Webhook, list[WebhookTopic]] = Field("topics")
    #: ACTIVE, INACTIVE, REVOKED
    status: Field[Webhook, WebhookStatus] = Field("status")

    created_by: ToOne[User] = ToOne("User")
    organization: ToOne[Organization] = ToOne("Organization")
    project: ToOne[Project] = ToOne("Project")

    @staticmethod
    def validate_topics(topics: Iterable[str | WebhookTopic]) -> list[str]:
        """Checks topics; TypeError for a non-list, ValueError for an unknown topic."""
        if isinstance(topics, str) or not isinstance(topics, Iterable):
            raise TypeError(f"Topics must be List[Webhook.Topic]. Found `{topics}`")
        return [_enum_value(topic, WebhookTopic, "webhook topic") for topic in topics]

    @staticmethod
    def create(
        client: Client,
        topics: Iterable[str | WebhookTopic],
        url: str,
        secret: str,
        project: Project | None,
    ) -> Webhook:
        """Creates a Webhook.

        Args:
            client: The Labelbox client used to connect to the server.
            topics: The topics this Webhook is notified of (Webhook.Topic values).
            url: The URL notifications are POSTed to.
            secret: A secret key used for signing notifications.
            project: The project notified about; None for the whole organization.

        Raises:
            ValueError: If a topic is not one of Topic.
        """
        data: dict[str, Any] = {
            "topics": {"set": Webhook.validate_topics(topics)},
            "url": url,
            "secret": secret,
        }
        if project is not None:
            data["project"] = {"id": project.uid}
        model = client._gen.create_webhook(data=build_input("WebhookCreateInput", data))
        return Webhook._wrap(client, model)

    def update(  # type: ignore[override]
        self,
        topics: Iterable[str | WebhookTopic] | None = None,
        url: str | None = None,
        status: str | WebhookStatus | None = None,
    ) -> None:
        """Updates the Webhook; arguments left None are not changed.

        Raises:
            ValueError: If a topic is not one of Topic or status is not one of Status.
        """
        data: dict[str, Any] = {}
        if topics is not None:
            data["topics"] = {"set": self.validate_topics(topics)}
        if url is not None:
            data["url"] = url
        if status is not None:
            data["status"] = _enum_value(status, WebhookStatus, "webhook status")
        if data:
            self._update_raw(data)

    def delete(self) -> None:
        """Deletes the webhook (sets it INACTIVE)."""
        self.update(status=WebhookStatus.INACTIVE)
