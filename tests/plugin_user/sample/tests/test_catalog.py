"""A user's tests of their pipeline, with the fixtures of labelbox's pytest plugin."""

from __future__ import annotations

import catalog
import pytest

from labelbox import Client, Project
from labelbox.schema.enums import TaskStatus
from labelbox_emulator import Emulator
from labelbox_emulator.pytest_plugin import EmulatedOrganization


def test_1_creates_project_x(labelbox_client: Client) -> None:
    catalog.ensure_project(labelbox_client, "X")
    assert catalog.project_names(labelbox_client) == ["X"]


def test_2_sees_no_project_x(labelbox_client: Client) -> None:
    assert labelbox_client.get_projects(where=Project.name == "X").get_one() is None
    assert catalog.project_names(labelbox_client) == []


def test_3_each_test_has_its_own_organization(
    labelbox_client: Client, labelbox_organization: EmulatedOrganization
) -> None:
    assert labelbox_client.get_organization().uid == labelbox_organization.organization_id
    assert labelbox_client.get_user().uid == labelbox_organization.user_id
    assert labelbox_organization.api_key not in repr(labelbox_organization)


def test_4_code_that_reads_the_environment(labelbox_env: EmulatedOrganization) -> None:
    project_id = catalog.run_from_environment("from env")
    with labelbox_env.client() as client:
        assert client.get_project(project_id).name == "from env"
        assert catalog.project_names(client) == ["from env"]


def test_5_jobs_finish_at_once_by_default(labelbox_client: Client) -> None:
    task = catalog.import_images(labelbox_client, "images", ["https://example.com/1.jpg"])
    assert task.status == TaskStatus.COMPLETE


@pytest.mark.labelbox_transitions("realistic")
def test_6_realistic_timing_when_asked(labelbox_client: Client) -> None:
    task = catalog.import_images(labelbox_client, "images", ["https://example.com/1.jpg"])
    assert task.status == TaskStatus.IN_PROGRESS
    task.wait_till_done(timeout_seconds=30)
    assert task.status == TaskStatus.COMPLETE


def test_7_the_reset_fixture_still_works(labelbox_emulator_reset: Emulator) -> None:
    e = labelbox_emulator_reset
    with Client(api_key=e.api_key, endpoint=e.endpoint) as client:
        assert catalog.project_names(client) == []
        catalog.ensure_project(client, "shared")


def test_8_shared_server_is_one(labelbox_emulator: Emulator, labelbox_client: Client) -> None:
    assert labelbox_client.endpoint == labelbox_emulator.endpoint
