"""Typing contract of ``labelbox.client.Client``, ``PaginatedCollection`` and the
exceptions, as a user script sees them. Only type-checked (mypy --strict, pyright
strict), never executed: every body is a function taking a ``client: Client``."""
# pyright: strict

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from typing_extensions import assert_type

import labelbox
import labelbox.client
import labelbox.exceptions
import labelbox.schema
from labelbox import (
    Client,
    Dataset,
    LabelingFrontend,
    Organization,
    PaginatedCollection,
    Project,
    User,
)
from labelbox.exceptions import (
    ApiLimitError,
    AuthenticationError,
    AuthorizationError,
    InconsistentOntologyException,
    InternalServerError,
    InvalidAttributeError,
    InvalidQueryError,
    LabelboxError,
    MalformedQueryException,
    MALValidationError,
    NetworkError,
    ResourceCreationError,
    ResourceNotFoundError,
    TimeoutError,
    UuidError,
    ValidationFailedError,
)


def construction() -> None:
    assert_type(Client(), Client)
    assert_type(Client("<API_KEY>"), Client)
    assert_type(Client(api_key="<API_KEY>", endpoint="http://localhost:8080/graphql"), Client)
    assert_type(Client(api_key=None, endpoint=None), Client)
    assert_type(Client("<API_KEY>", timeout=5.0, max_retries=0, http_client=httpx.Client()), Client)
    assert_type(labelbox.client.Client, type[Client])
    with Client() as client:
        assert_type(client, Client)
        assert_type(client.endpoint, str)
        assert_type(client.api_key, str)
        assert_type(client.enable_experimental, bool)
    assert_type(Client().close(), None)

    class MyClient(Client):
        pass

    with MyClient() as mine:  # __enter__ returns Self
        assert_type(mine, MyClient)
    assert_type(labelbox.__version__, str)
    # Names resolved lazily at run time are the classes themselves for checkers.
    assert_type(labelbox.Client, type[Client])
    assert_type(labelbox.Project, type[Project])
    assert_type(labelbox.schema.project.Project, type[Project])
    assert_type(labelbox.schema.dataset.Dataset, type[Dataset])


def single_objects(client: Client) -> None:
    assert_type(client.get_project("<project_id>"), Project)
    assert_type(client.get_project(project_id="<project_id>"), Project)
    assert_type(client.get_dataset("<dataset_id>"), Dataset)
    assert_type(client.get_dataset(dataset_id="<dataset_id>"), Dataset)
    assert_type(client.get_user(), User)
    assert_type(client.get_organization(), Organization)


def collections(client: Client) -> None:
    assert_type(client.get_projects(), PaginatedCollection[Project])
    assert_type(
        client.get_projects(where=(Project.name == "x") & (Project.description == "y")),
        PaginatedCollection[Project],
    )
    assert_type(
        client.get_projects(where=Project.name == "x", order_by=Project.name.asc),
        PaginatedCollection[Project],
    )
    assert_type(client.get_datasets(), PaginatedCollection[Dataset])
    assert_type(
        client.get_datasets(where=(Dataset.name == "x") & (Dataset.description == "y")),
        PaginatedCollection[Dataset],
    )
    assert_type(client.get_labeling_frontends(), PaginatedCollection[LabelingFrontend])
    assert_type(
        client.get_labeling_frontends(where=LabelingFrontend.name == "Editor"),
        PaginatedCollection[LabelingFrontend],
    )


def paginated_collection(client: Client) -> None:
    projects = client.get_projects()
    for project in projects:
        assert_type(project, Project)
    assert_type(list(projects), list[Project])
    assert_type(iter(projects), Iterator[Project])
    assert_type(projects.get_one(), Project | None)
    assert_type(projects.get_many(3), list[Project])
    assert_type(next(iter(client.get_datasets())), Dataset)
    # The documented constructor: raw query with two %d placeholders, params,
    # dereferencing keypath and the object class (or any (client, data) -> T factory).
    raw = PaginatedCollection(
        client,
        "query($n: String) {projects(skip: %d first: %d where: {name: $n}) {id name}}",
        {"n": "x"},
        ["projects"],
        Project,
    )
    assert_type(raw, PaginatedCollection[Project])

    def factory(client: Client, data: Any) -> str:
        return str(data)

    assert_type(PaginatedCollection(client, "q", {}, ("a", "b"), factory), PaginatedCollection[str])


def creation(client: Client) -> None:
    project = client.create_project(name="<project_name>", description="<description>")
    assert_type(project, Project)
    assert_type(client.create_dataset(name="<dataset_name>", projects=project), Dataset)
    assert_type(client.create_dataset(name="<dataset_name>"), Dataset)


def raw_queries_and_files(client: Client) -> None:
    assert_type(client.execute("query {user {id}}"), dict[str, Any] | None)
    assert_type(
        client.execute("query($id: ID!) {project(where: {id: $id}) {id}}", {"id": "x"}),
        dict[str, Any] | None,
    )
    assert_type(client.execute(query="q", params=None, timeout=10.0), dict[str, Any] | None)
    assert_type(client.upload_file("path/to/file.jpg"), str)
    assert_type(client.upload_file(Path("path/to/file.jpg")), str)
    assert_type(client.upload_file(os.path.join("a", "b.png")), str)
    assert_type(client.upload_data(b"bytes"), str)
    assert_type(
        client.upload_data("text", filename="a.txt", content_type="text/plain", sign=True), str
    )


def exceptions(client: Client) -> None:
    try:
        client.get_project("<project_id>")
    except ResourceNotFoundError as exc:
        assert_type(exc.message, str)
        assert_type(exc.cause, BaseException | None)
        assert_type(exc.db_object_type, type[Any] | None)
        assert_type(exc.params, Any)
    except InvalidAttributeError as exc:
        assert_type(exc.db_object_type, type[Any])
        assert_type(exc.field, Any)
    except NetworkError as exc:
        assert_type(exc.cause, BaseException | None)
    except LabelboxError as exc:
        assert_type(exc.message, str)
    # The documented hierarchy: every SDK error is a LabelboxError, except the two
    # ontology/query exceptions which derive from Exception directly.
    errors: list[type[LabelboxError]] = [
        ApiLimitError,
        AuthenticationError,
        AuthorizationError,
        InternalServerError,
        InvalidAttributeError,
        InvalidQueryError,
        MALValidationError,
        NetworkError,
        ResourceCreationError,
        ResourceNotFoundError,
        TimeoutError,
        UuidError,
        ValidationFailedError,
    ]
    others: list[type[Exception]] = [InconsistentOntologyException, MalformedQueryException]
    assert_type(errors, list[type[LabelboxError]])
    assert_type(others, list[type[Exception]])
    assert_type(LabelboxError("message"), LabelboxError)
    assert_type(LabelboxError("message", cause=ValueError()), LabelboxError)
    assert_type(AuthenticationError("message"), AuthenticationError)
    assert_type(ResourceNotFoundError(Project, {"id": "x"}), ResourceNotFoundError)
    assert_type(InvalidAttributeError(Project, "nam"), InvalidAttributeError)
    assert_type(NetworkError(OSError("down")), NetworkError)
    assert_type(labelbox.exceptions.TimeoutError("slow"), labelbox.exceptions.TimeoutError)
