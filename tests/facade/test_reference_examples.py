"""The ``>>>`` examples of the API reference, transcribed into one script that runs
unchanged against the emulator.

Only the ``<placeholders>`` are filled in (ids of objects the script created earlier,
the API key from the environment, as the reference's own ``Client`` docs allow), and
``import logger`` (a typo in the reference) reads ``import logging``. The endpoint comes
from ``LABELBOX_ENDPOINT``; ``path/to/file2.jpg`` is a real file relative to the
working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from labelbox_emulator import Emulator

from .conftest import download


def test_reference_examples(emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABELBOX_API_KEY", emu.api_key)
    monkeypatch.setenv("LABELBOX_ENDPOINT", emu.endpoint)
    monkeypatch.chdir(tmp_path)
    Path("path/to").mkdir(parents=True)
    Path("path/to/file2.jpg").write_bytes(b"\xff\xd8\xff file2")

    # ---- the script ----------------------------------------------------------------
    import logging

    from labelbox import Client, DataRow, Dataset, LabelingFrontend, OntologyBuilder, Project

    logging.basicConfig(level=logging.INFO)
    client = Client(os.environ["LABELBOX_API_KEY"])

    # Client.create_project
    project = client.create_project(name="<project_name>", description="<project_description>")
    project_uid = project.uid

    # Client.create_dataset
    project = client.get_project(project_uid)
    dataset = client.create_dataset(name="<dataset_name>", projects=project)

    # Client.get_dataset / get_datasets
    dataset_id = dataset.uid
    dataset = client.get_dataset(dataset_id)
    dataset.update(description="<dataset_description>")
    datasets = client.get_datasets(
        where=(Dataset.name == "<dataset_name>") & (Dataset.description == "<dataset_description>")
    )

    # Client.get_labeling_frontends
    frontend = client.get_labeling_frontends(where=LabelingFrontend.name == "Editor")

    # Client.get_organization / get_project / get_projects / get_user
    organization = client.get_organization()
    project_id = project_uid
    project = client.get_project(project_id)
    projects = client.get_projects(
        where=(Project.name == "<project_name>") & (Project.description == "<project_description>")
    )
    user = client.get_user()

    # Dataset.create_data_row
    datarow = dataset.create_data_row(row_data="http://my_site.com/photos/img_01.jpg")

    # DataRow.create_metadata
    datarow.create_metadata("TEXT", "This is a text message")

    # Dataset.create_data_rows
    task = dataset.create_data_rows(
        [{DataRow.row_data: "http://my_site.com/photos/img_01.jpg"}, "path/to/file2.jpg"]
    )
    task.wait_till_done()

    # OntologyBuilder + Project.setup
    builder = OntologyBuilder()
    frontend = list(client.get_labeling_frontends())[0]  # noqa: RUF015 (verbatim)
    project.setup(frontend, builder.asdict())

    # Project.set_labeling_parameter_overrides
    data_row_1, data_row_2 = list(dataset.data_rows())[:2]
    project.set_labeling_parameter_overrides([(data_row_1, 2, 3), (data_row_2, 1, 4)])
    # ---- end of the script ---------------------------------------------------------

    assert [d.uid for d in datasets] == [dataset_id]
    assert [p.uid for p in projects] == [project_uid]
    assert organization.uid == emu.organization_id
    assert user.email == "admin@example.com"
    assert frontend.name == "Editor"
    assert [m.meta_value for m in datarow.metadata()] == ["This is a text message"]
    assert task.status == "COMPLETE"
    rows = list(dataset.data_rows())
    assert len(rows) == 3
    assert sorted(download(r.row_data) for r in rows if r.row_data.startswith("http://127.")) == [
        b"\xff\xd8\xff file2"
    ]
    assert project.setup_complete is not None
    assert list(dataset.projects()) == [project]
    overrides = {(o.priority, o.number_of_labels) for o in project.labeling_parameter_overrides()}
    assert overrides == {(2, 3), (1, 4)}
    client.close()
