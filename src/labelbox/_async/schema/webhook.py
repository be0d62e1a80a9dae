"""Webhook: notifications POSTed to a URL on label and review events."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeAlias

from labelbox._async._generated.entities import AsyncWebhookBase
from labelbox._async.orm.db_object import AsyncUpdateable
from labelbox.schema.enums import UnknownValue, check_enum_value
from labelbox_gen.enums import WebhookStatus, WebhookTopic
from labelbox_gen.fragments import WebhookFields

if TYPE_CHECKING:
    from labelbox._async.client import AsyncClient
    from labelbox._async.schema.project import AsyncProject
    from labelbox_gen.input_types import WebhookTopicsInput


def _topics_input(topics: Iterable[str | WebhookTopic]) -> WebhookTopicsInput:
    from labelbox_gen.input_types import WebhookTopicsInput

    names = AsyncWebhook.validate_topics(topics)
    return WebhookTopicsInput(set_=[check_enum_value(WebhookTopic, n, "topic") for n in names])


def _checked_url(url: object) -> str:
    """``url`` if it is an absolute http(s) URL with a host (TypeError/ValueError
    naming it otherwise): where the server POSTs the notifications."""
    from urllib.parse import urlsplit

    if not isinstance(url, str):
        raise TypeError(f"Webhook url must be a str, got {url!r}")
    try:
        parsed = urlsplit(url)
        web = parsed.scheme.lower() in ("http", "https") and bool(parsed.hostname)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        web = False
    if not web:
        raise ValueError(f"Webhook url must be an absolute http(s) URL with a host, got {url!r}")
    return url


class AsyncWebhook(AsyncWebhookBase, AsyncUpdateable[WebhookFields]):
    """Represents a server-side rule for sending notifications to a web-server whenever
    one of several predefined actions happens within a context of an AsyncProject or an
    AsyncOrganization.

    ``AsyncWebhook.Topic`` and ``AsyncWebhook.Status`` are the enums of ``topics`` and ``status``;
    their values are also class attributes (``AsyncWebhook.LABEL_CREATED``). Verify the
    deliveries with :func:`labelbox.webhooks.verify_signature`.

    Example:
        >>> webhook = await AsyncWebhook.create(client, topics=[AsyncWebhook.LABEL_CREATED],
        ...                          url="https://example.com/hook", secret="s3cret",
        ...                          project=project)
        >>> await webhook.update(status=AsyncWebhook.INACTIVE)
    """

    # Aliases (not variables), so ``AsyncWebhook.Status`` is usable as a type too.
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

    @staticmethod
    def validate_topics(topics: Iterable[str | WebhookTopic]) -> list[str]:
        """Checks webhook topics.

        Args:
            topics: Topics as ``AsyncWebhook.Topic`` members or their values.

        Returns:
            The topics' values.

        Raises:
            TypeError: If ``topics`` is a str or not an iterable.
            ValueError: If a topic is not one of AsyncWebhook.Topic.
        """
        if isinstance(topics, str) or not isinstance(topics, Iterable):
            raise TypeError(f"Topics must be List[AsyncWebhook.Topic]. Found `{topics}`")
        checked = [check_enum_value(WebhookTopic, t, "webhook topic") for t in topics]
        # Values the server sent that this SDK does not know round-trip unchanged.
        return [c if isinstance(c, UnknownValue) else c.value for c in checked]

    @staticmethod
    async def create(
        client: AsyncClient,
        topics: Iterable[str | WebhookTopic],
        url: str,
        secret: str,
        project: AsyncProject | None,
    ) -> AsyncWebhook:
        """Creates an AsyncWebhook.

        Args:
            client: The Labelbox client used to connect to the server.
            topics: The topics this AsyncWebhook is notified of (AsyncWebhook.Topic values).
            url: The URL notifications are POSTed to.
            secret: A secret key used for signing notifications.
            project: The project for which notifications should be sent. If None
                notifications are sent for all events in your organization.

        Returns:
            A newly created AsyncWebhook.

        Raises:
            ValueError: If a topic is not one of Topic, or ``url`` is not an absolute
                ``http(s)://`` URL with a host.
            TypeError: If ``topics`` is not a list of topics or ``url`` not a str.

        Information on configuring your server (where ``url`` points and the
        ``secret`` is set): https://docs.labelbox.com/en/configure-editor/webhooks-setup#setup-steps

        Example:
            >>> await AsyncWebhook.create(client, [AsyncWebhook.REVIEW_CREATED], "https://example.com/hook",
            ...                "s3cret", project=None)
        """
        from labelbox_gen.input_types import WebhookCreateInput, WhereUniqueIdInput

        checked = _topics_input(topics)
        data = WebhookCreateInput(topics=checked, url=_checked_url(url), secret=secret)
        if project is not None:
            data.project = WhereUniqueIdInput(id=project.uid)
        return AsyncWebhook._wrap(client, await client._gen.create_webhook(data=data))

    async def update(
        self,
        topics: Iterable[str | WebhookTopic] | None = None,
        url: str | None = None,
        status: str | WebhookStatus | None = None,
    ) -> None:
        """Updates the AsyncWebhook.

        Args:
            topics: The new topics.
            url: The new URL value.
            status: The new status. If an argument is set to None then no updates will
                be made to that field.

        Raises:
            ValueError: If a topic is not one of Topic, status is not one of Status, or
                ``url`` is not an absolute ``http(s)://`` URL with a host.
            TypeError: If ``topics`` is not a list of topics or ``url`` not a str.

        Example:
            >>> await webhook.update(topics=[AsyncWebhook.LABEL_CREATED, AsyncWebhook.LABEL_UPDATED])
        """
        from labelbox_gen.input_types import WebhookUpdateInput

        data = WebhookUpdateInput()
        if topics is not None:
            data.topics = _topics_input(topics)
        if url is not None:
            data.url = _checked_url(url)
        if status is not None:
            data.status = check_enum_value(WebhookStatus, status, "webhook status")
        if data.model_fields_set:
            self._apply(await self.client._gen.update_webhook(id=self.uid, data=data))

    async def delete(self) -> None:
        """Deletes the webhook (sets it INACTIVE, as the classic client did)."""
        await self.update(status=WebhookStatus.INACTIVE)
