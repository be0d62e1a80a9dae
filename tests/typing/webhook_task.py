"""Typing contract of ``labelbox.schema.webhook.Webhook`` and ``labelbox.schema.task.
Task``. Only type-checked, never executed."""
# pyright: strict

from __future__ import annotations

from datetime import datetime

from pydantic import JsonValue
from typing_extensions import assert_type

from labelbox import Client, Field, Organization, PaginatedCollection, Project, Task, User, Webhook
from labelbox.orm.db_object import DbObject, Updateable
from labelbox.orm.model import ToOne, ToOneManager
from labelbox.schema.enums import TaskStatus, UnknownValue, WebhookStatus, WebhookTopic


def webhook_create(client: Client) -> None:
    project = client.get_project("<project_id>")
    webhook = Webhook.create(
        client, [Webhook.Topic.LABEL_CREATED], "https://host/hook", "s", project
    )
    assert_type(webhook, Webhook)
    assert_type(
        Webhook.create(client, topics=["LABEL_CREATED"], url="u", secret="s", project=None), Webhook
    )
    assert_type(
        Webhook.create(
            client, [Webhook.LABEL_UPDATED, Webhook.Topic.REVIEW_DELETED], "u", "s", None
        ),
        Webhook,
    )
    assert_type(Webhook.validate_topics([Webhook.Topic.LABEL_CREATED]), list[str])
    assert_type(Webhook.validate_topics(["LABEL_CREATED"]), list[str])


def webhook_fields(client: Client) -> None:
    for webhook in client.get_organization().webhooks():
        assert_type(webhook, Webhook)
        assert_type(webhook.uid, str)
        assert_type(webhook.updated_at, datetime)
        assert_type(webhook.created_at, datetime)
        assert_type(webhook.url, str)
        assert_type(webhook.topics, list[WebhookTopic | UnknownValue])
        assert_type(webhook.status, WebhookStatus | UnknownValue)
        assert_type(webhook.created_by(), User | None)
        assert_type(webhook.organization(), Organization | None)
        assert_type(webhook.project(), Project | None)
        assert_type(webhook.project, ToOneManager[Project])
        # Update with enum members, their string values, or leave arguments out.
        assert_type(webhook.update(topics=[Webhook.Topic.LABEL_DELETED]), None)
        assert_type(webhook.update(url="https://host/other"), None)
        assert_type(webhook.update(status=Webhook.Status.INACTIVE), None)
        assert_type(webhook.update(status="ACTIVE"), None)
        assert_type(webhook.update(), None)
        assert_type(webhook.delete(), None)
    assert_type(Webhook.updated_at, Field[Webhook, datetime])
    assert_type(Webhook.created_at, Field[Webhook, datetime])
    assert_type(Webhook.url, Field[Webhook, str])
    assert_type(Webhook.topics, Field[Webhook, list[WebhookTopic | UnknownValue]])
    assert_type(Webhook.status, Field[Webhook, WebhookStatus | UnknownValue])
    assert_type(Webhook.created_by, ToOne[User])
    assert_type(Webhook.organization, ToOne[Organization])
    assert_type(Webhook.project, ToOne[Project])
    assert_type(client.get_project("<project_id>").webhooks(), PaginatedCollection[Webhook])
    _bases: tuple[type[DbObject], type[Updateable]] = (Webhook, Webhook)
    # Constants: literal types differ between checkers, so they are checked by assignment.
    _constants: tuple[str, ...] = (
        Webhook.ACTIVE,
        Webhook.INACTIVE,
        Webhook.REVOKED,
        Webhook.LABEL_CREATED,
        Webhook.LABEL_UPDATED,
        Webhook.LABEL_DELETED,
        Webhook.REVIEW_CREATED,
        Webhook.REVIEW_UPDATED,
        Webhook.REVIEW_DELETED,
    )


def webhook_enums(status: Webhook.Status, topic: Webhook.Topic) -> None:
    # ``Webhook.Status`` / ``Webhook.Topic`` are usable as types: the generated enums.
    assert_type(status, WebhookStatus)
    assert_type(topic, WebhookTopic)
    assert_type(Webhook.Status("ACTIVE"), WebhookStatus)
    assert_type(Webhook.Topic("LABEL_CREATED"), WebhookTopic)
    _members: tuple[Webhook.Status, Webhook.Status, Webhook.Status] = (
        Webhook.Status.ACTIVE,
        Webhook.Status.INACTIVE,
        Webhook.Status.REVOKED,
    )
    # str enums: a member is a str.
    _text: str = Webhook.Topic.REVIEW_CREATED


def task(client: Client) -> None:
    dataset = client.get_dataset("<dataset_id>")
    task = dataset.create_data_rows([{"row_data": "https://host/a.jpg"}])
    assert_type(task, Task)
    assert_type(task.uid, str)
    assert_type(task.updated_at, datetime)
    assert_type(task.created_at, datetime)
    assert_type(task.name, str)
    assert_type(task.status, TaskStatus | UnknownValue)
    assert_type(task.completion_percentage, float | None)
    assert_type(task.errors, JsonValue)
    assert_type(task.created_by(), User | None)
    assert_type(task.organization(), Organization | None)
    assert_type(task.refresh(), None)
    assert_type(task.wait_till_done(), None)
    assert_type(task.wait_till_done(timeout_seconds=5), None)
    assert_type(task.wait_till_done(timeout_seconds=0.5, show_progress=True), None)
    assert_type(Task.updated_at, Field[Task, datetime])
    assert_type(Task.created_at, Field[Task, datetime])
    assert_type(Task.name, Field[Task, str])
    assert_type(Task.status, Field[Task, TaskStatus | UnknownValue])
    assert_type(Task.completion_percentage, Field[Task, float | None])
    assert_type(Task.errors, Field[Task, JsonValue])
    assert_type(Task.created_by, ToOne[User])
    assert_type(Task.organization, ToOne[Organization])
    # The status is a str enum: compares with the documented strings.
    assert_type(task.status == "COMPLETE", bool)
    assert_type(task.status == TaskStatus.FAILED, bool)
    _text: str = task.status
    assert_type(client.get_user().created_tasks(), PaginatedCollection[Task])
    _base: type[DbObject] = Task
