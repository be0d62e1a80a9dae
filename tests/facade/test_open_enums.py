"""Open enums over real HTTP: a server newer than the SDK (the emulator serving a schema
with enum values this client was not generated with) sends values the SDK does not
know. They arrive as ``UnknownValue`` strings, round-trip unchanged, and never hide
the known values; values a user mistypes are still refused before any request."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files

import pytest

from labelbox import Client, Webhook
from labelbox.schema.enums import TaskStatus, UnknownValue, WebhookTopic
from labelbox_emulator import Emulator

NEW_TOPIC = "MODEL_RUN_CREATED"


def _newer_schema() -> str:
    sdl = files("labelbox_gen").joinpath("schema.graphql").read_text(encoding="utf-8")
    anchor = "enum WebhookTopic {"
    assert anchor in sdl
    return sdl.replace(anchor, f"{anchor}\n  {NEW_TOPIC}", 1)


@pytest.fixture(scope="module")
def newer_server() -> Iterator[Emulator]:
    with Emulator(schema_sdl=_newer_schema()) as emu:
        yield emu


@pytest.fixture
def newer_client(newer_server: Emulator) -> Iterator[Client]:
    newer_server.reset()
    with Client(api_key=newer_server.api_key, endpoint=newer_server.endpoint) as client:
        yield client


def _webhook_with_new_topic(client: Client) -> Webhook:
    """Created with a raw query, as a newer SDK (or the web app) would."""
    data = client.execute(
        'mutation($url: String!) { createWebhook(data: {url: $url, secret: "s3cret",'
        f" topics: {{set: [LABEL_CREATED, {NEW_TOPIC}]}}}}) {{ id }} }}",
        {"url": "https://example.com/hook"},
    )
    assert data is not None
    uid = data["createWebhook"]["id"]
    return next(w for w in client.get_organization().webhooks() if w.uid == uid)


def test_unknown_server_value_is_kept_next_to_the_known_ones(newer_client: Client) -> None:
    webhook = _webhook_with_new_topic(newer_client)
    known, unknown = webhook.topics
    assert known is WebhookTopic.LABEL_CREATED
    assert isinstance(unknown, UnknownValue) and unknown == NEW_TOPIC
    assert repr(unknown) == f"UnknownValue('{NEW_TOPIC}')"
    assert unknown.value == NEW_TOPIC and str(unknown) == NEW_TOPIC


def test_unknown_value_round_trips_unchanged(newer_client: Client) -> None:
    webhook = _webhook_with_new_topic(newer_client)
    webhook.update(topics=webhook.topics, url="https://example.com/other")
    again = next(w for w in newer_client.get_organization().webhooks() if w.uid == webhook.uid)
    assert [str(t) for t in again.topics] == ["LABEL_CREATED", NEW_TOPIC]
    assert again.url == "https://example.com/other"


def test_a_mistyped_value_is_still_refused_before_sending(newer_client: Client) -> None:
    webhook = _webhook_with_new_topic(newer_client)
    with pytest.raises(ValueError, match="LABEL_CRAETED"):
        webhook.update(topics=["LABEL_CRAETED"])
    # A plain string equal to the new value is a user's string, not a server value.
    with pytest.raises(ValueError, match=NEW_TOPIC):
        webhook.update(topics=[NEW_TOPIC])


def test_known_members_print_as_their_value() -> None:
    assert str(TaskStatus.COMPLETE) == "COMPLETE"
    assert f"{TaskStatus.COMPLETE}" == "COMPLETE"
    assert TaskStatus.COMPLETE == "COMPLETE"
