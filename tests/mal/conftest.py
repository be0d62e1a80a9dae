"""Fixtures of the MAL tests: one emulator for the session (reset per test), a client,
and a project set up with an ontology of every kind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from labelbox import Client, DataRow, Dataset, LabelingFrontend, Project
from labelbox.schema.ontology import Classification, OntologyBuilder, Option, Tool
from labelbox_emulator import Emulator


@pytest.fixture(scope="session")
def mal_emulator() -> Iterator[Emulator]:
    """One emulator for the MAL tests (immediate job transitions)."""
    with Emulator(transitions="immediate") as emu:
        yield emu


@pytest.fixture
def client(mal_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    """A client of the freshly reset emulator."""
    monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    monkeypatch.delenv("LABELBOX_ENDPOINT", raising=False)
    mal_emulator.reset()
    with Client(api_key=mal_emulator.api_key, endpoint=mal_emulator.endpoint) as c:
        yield c


def every_kind() -> OntologyBuilder:
    """An ontology with every tool kind and classification type, nested ones too."""
    car = Tool(tool=Tool.Type.BBOX, name="car")
    car.add_classification(
        Classification(
            Classification.Type.CHECKLIST, "damage", options=[Option("dent"), Option("scratch")]
        )
    )
    car.add_classification(
        Classification(Classification.Type.RADIO, "moving", options=[Option("yes"), Option("no")])
    )
    car.add_classification(Classification(Classification.Type.TEXT, "plate"))
    weather = Classification(
        Classification.Type.RADIO, "weather", options=[Option("sunny"), Option("rainy")]
    )
    weather.options[1].add_option(Classification(Classification.Type.TEXT, "how much rain"))
    builder = OntologyBuilder()
    for tool in (
        car,
        Tool(tool=Tool.Type.POLYGON, name="road", color="#00ff00"),
        Tool(tool=Tool.Type.LINE, name="lane"),
        Tool(tool=Tool.Type.POINT, name="sign"),
        Tool(tool=Tool.Type.NER, name="person"),
        Tool(tool=Tool.Type.SEGMENTATION, name="sky"),
    ):
        builder.add_tool(tool)
    for classification in (
        weather,
        Classification(
            Classification.Type.CHECKLIST, "tags", options=[Option("a"), Option("b"), Option("c")]
        ),
        Classification(Classification.Type.TEXT, "notes"),
        Classification(Classification.Type.DROPDOWN, "country", options=[Option("fr")]),
    ):
        builder.add_classification(classification)
    return builder


@pytest.fixture
def editor(client: Client) -> LabelingFrontend:
    """The seeded "Editor" labeling frontend."""
    frontend = client.get_labeling_frontends(where=LabelingFrontend.name == "Editor").get_one()
    assert frontend is not None
    return frontend


@pytest.fixture
def project(client: Client, editor: LabelingFrontend) -> Project:
    """A project set up with ``every_kind()``."""
    project = client.create_project(name="mal")
    project.setup(editor, every_kind().asdict())
    return project


@pytest.fixture
def dataset(client: Client, project: Project) -> Dataset:
    """A dataset of ``project``."""
    return client.create_dataset(name="mal rows", projects=project)


@pytest.fixture
def data_rows(dataset: Dataset) -> list[DataRow]:
    """Twenty data rows of ``dataset``."""
    task = dataset.create_data_rows(
        [{"row_data": f"https://example.com/{i}.jpg", "external_id": str(i)} for i in range(20)]
    )
    task.wait_till_done()
    return sorted(dataset.data_rows(), key=lambda r: int(r.external_id or 0))
