"""Cases that MUST fail type checking: the typed keyword parameters of creation and
update (generated from the schema's <Entity>CreateInput / <Entity>UpdateInput).

Each line carries the mypy error code(s) it must raise (``# type: ignore[...]``) and the
pyright rule(s) (``# pyright-expect[...]``); tests/typing/test_typing.py checks both,
exactly."""
# pyright: strict, reportUnnecessaryTypeIgnoreComment=error
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false
# Calls of deprecated methods are checked as such in neg_deprecated.py, not here:
# pyright: reportDeprecated=false

from __future__ import annotations

from datetime import datetime

from labelbox import Client


def creation(client: Client) -> None:
    dataset = client.get_dataset("<dataset_id>")
    project = client.get_project("<project_id>")
    client.create_dataset(nmae="cars")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    client.create_dataset(name=123)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.create_dataset(name="x", description=42)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.create_dataset(name="x", projects=dataset)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.create_project(description="no name")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    client.create_project(name="x", setup_complete="now")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    client.create_project(name="x", datasets=[project])  # type: ignore[list-item]  # pyright-expect[reportArgumentType]
    dataset.create_data_row(row_data=123)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    dataset.create_data_row(external_id="no row data")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    dataset.create_data_row(row_data="https://x/1.jpg", dataset=dataset)  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    project.create_label(label="x")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    project.create_label(label="x", data_row=dataset)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]


def update(client: Client) -> None:
    dataset = client.get_dataset("<dataset_id>")
    project = client.get_project("<project_id>")
    project.update(nmae="x")  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    project.update(name=1)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.update(setup_complete="yesterday")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    project.update(created_at=datetime.now())  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    dataset.update(description=42)  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
    dataset.update(projects=[project])  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
    for label in project.labels():
        label.create_review(score="good")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
        label.update(seconds_to_label="1s")  # type: ignore[arg-type]  # pyright-expect[reportArgumentType]
        label.create_review()  # type: ignore[call-arg]  # pyright-expect[reportCallIssue]
