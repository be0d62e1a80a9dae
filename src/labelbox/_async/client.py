"""The Labelbox client: connection settings and the top-level queries and creations."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

from labelbox import exceptions
from labelbox._client_inputs import (
    checked_key,
    content_type_of,
    jsonable,
    result_adapter,
    wire_policy,
)
from labelbox._options import ClientOptions, check_endpoint
from labelbox._retry import RetryPolicy

# Imported where first used (see ARCHITECTURE.md, "Lazy imports"): the transport and
# its HTTP modules when a Client is built, the generated client (pydantic) at the first
# call, the entity modules when an entity is first built.
if TYPE_CHECKING:
    from pathlib import Path

    import httpx
    from typing_extensions import Self, Unpack

    from labelbox._async._concurrency import AsyncWorkers
    from labelbox._async._gen_client import AsyncGuardedGenClient
    from labelbox._async._generated.entities import DatasetCreateParams, ProjectCreateParams
    from labelbox._async._transport import AsyncTransport
    from labelbox._async.orm.db_object import AsyncDbObject
    from labelbox._async.pagination import AsyncPaginatedCollection
    from labelbox._async.schema.dataset import AsyncDataset
    from labelbox._async.schema.labeling_frontend import AsyncLabelingFrontend
    from labelbox._async.schema.organization import AsyncOrganization
    from labelbox._async.schema.project import AsyncProject
    from labelbox._async.schema.role import AsyncRole
    from labelbox._async.schema.user import AsyncUser
    from labelbox.orm.comparison import Expression
    from labelbox.orm.model import OrderBy

logger: logging.Logger = logging.getLogger("labelbox")
_E = TypeVar("_E", bound="AsyncDbObject[Any]")
_A = TypeVar("_A")
_R = TypeVar("_R")

#: The public Labelbox API.
DEFAULT_ENDPOINT: str = ClientOptions.endpoint
"""The public Labelbox API, ``https://api.labelbox.com/graphql``: the endpoint when
neither ``endpoint=`` nor ``LABELBOX_ENDPOINT`` is given."""
#: Workers of a client: pages fetched ahead and concurrent file uploads.
POOL_WORKERS: int = ClientOptions.pool_workers
_ENDPOINT_ENV = "LABELBOX_ENDPOINT"


class AsyncClient:
    """A Labelbox client.

    Contains info necessary for connecting to a Labelbox server (URL, authentication
    key). Provides functions for querying and creating top-level data objects
    (Projects, Datasets). One pooled keep-alive HTTP connection serves every call;
    close it with :meth:`close` or use the client as a context manager. Its settings are
    one immutable :class:`ClientOptions`, where their defaults are stated.

    Async only: every method that talks to the server is a coroutine, and so are the
    relationships and writes of the entities it returns (``await project.update(...)``,
    ``await project.created_by()``); field reads stay plain attributes. Use it as
    ``async with AsyncClient() as client:``: the block closes the connections and runs
    the background fetches of :class:`~labelbox._async.pagination.AsyncPaginatedCollection`
    (outside one, pages are fetched when reached). It works under asyncio and trio.
    """

    def __init__(
        self,
        api_key: str | None = None,
        endpoint: str | None = None,
        enable_experimental: bool = False,
        *,
        timeout: float = ClientOptions.timeout,
        max_retries: int = RetryPolicy.max_retries,
        http_client: httpx.AsyncClient | None = None,
        deadline: float | None = None,
        backoff_base: float = RetryPolicy.backoff_base,
        backoff_cap: float = RetryPolicy.backoff_cap,
        prefetch_pages: bool = ClientOptions.prefetch_pages,
        pulled_schema: str | os.PathLike[str] | None = None,
        max_connections: int = ClientOptions.max_connections,
        pool_workers: int = ClientOptions.pool_workers,
    ) -> None:
        """Creates and initializes a Labelbox Client.

        Args:
            api_key: API key. If None, the key is obtained from the ``LABELBOX_API_KEY``
                environment variable.
            endpoint: URL of the Labelbox server; default ``LABELBOX_ENDPOINT`` or the
                public API. A trailing slash after ``/graphql`` is dropped
                (``.../graphql/`` is answered with a redirect, not with GraphQL).
            enable_experimental: as in labelbox 2.6.0: enables the functions that use
                the experimental endpoint (``Organization.invite_user``,
                ``Organization.invite_limit``).
            timeout: read timeout of each attempt of a request, in seconds.
            max_retries: retries of a request that failed transiently (see "Retries and
                exactly-once" in the README: a mutation is retried only when it cannot
                have been applied).
            http_client: an httpx.AsyncClient to send requests with (tests, custom TLS). It
                is not modified: the API key is added to each request. A client built
                with one cannot be pickled.
            deadline: overall seconds one call may take, retries and waits included
                (default: 120, or ``timeout`` if longer).
            backoff_base: delay before the first retry, in seconds (doubled per retry,
                with jitter).
            backoff_cap: the longest delay between retries, in seconds.
            prefetch_pages: while you iterate a paginated collection and spend a
                millisecond or more on each page, fetch its next page in the
                background (from the second page on; one page ahead) so that round
                trips overlap your work. False: one page at a time.
            pulled_schema: a schema pulled from this endpoint with ``labelbox-schema pull
                --endpoint URL -o FILE`` (its lock record beside it). By default the SDK
                declares only the type names that evidence attests
                (``schema.provenance.toml``) and writes other values inline; the names a
                pulled schema defines are attested for its endpoint and stay variables.
            max_connections: connections the pool opens at most (and keeps open when
                idle); concurrent calls beyond it wait for a free connection.
            pool_workers: the most file uploads one ``create_data_rows`` call runs at
                a time, and the workers that fetch pages ahead.

        Raises:
            labelbox.exceptions.AuthenticationError: If no api_key is provided as an
                argument or via the environment variable.
            TypeError, ValueError: If an option has the wrong type or value (checked
                before any request), e.g. a ``pulled_schema`` that is missing, was edited
                since the pull, or was pulled from another endpoint.

        Logging is defaulted to level WARNING. To receive more verbose output to
        console, update ``logging.level`` to the appropriate level (or set
        ``LABELBOX_LOG=info``).

        Example:
            >>> import logging
            >>> logging.basicConfig(level=logging.INFO)
            >>> client = AsyncClient("<APIKEY>")
        """
        api_key = checked_key(api_key)
        if not isinstance(enable_experimental, bool):
            raise TypeError(
                f"enable_experimental must be a bool, got {type(enable_experimental).__name__}"
            )
        #: As in labelbox 2.6.0: enables the functions using the experimental endpoint.
        self.enable_experimental: bool = enable_experimental
        self.endpoint: str = check_endpoint(
            endpoint or os.environ.get(_ENDPOINT_ENV) or DEFAULT_ENDPOINT
        )
        logger.info("Initializing Labelbox client at '%s'", self.endpoint)
        self._options = ClientOptions.from_arguments(
            self.endpoint,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            backoff_base=backoff_base,
            backoff_cap=backoff_cap,
            prefetch_pages=prefetch_pages,
            max_connections=max_connections,
            pool_workers=pool_workers,
        )
        from labelbox._async._concurrency import AsyncWorkers
        from labelbox._async._transport import AsyncTransport

        self._transport: AsyncTransport = AsyncTransport(
            api_key, self._options, http_client=http_client
        )
        self._wire = wire_policy(pulled_schema, self.endpoint)
        self._user_id: str | None = None
        self._workers: AsyncWorkers = AsyncWorkers(self._options.pool_workers)

    @functools.cached_property
    def _gen(self) -> AsyncGuardedGenClient:
        """The generated client every typed call goes through, built at the first call
        (it imports pydantic and the generated client's base)."""
        from labelbox._async._gen_client import AsyncGuardedGenClient

        return AsyncGuardedGenClient(self._transport, self._wire)

    @property
    def api_key(self) -> str:
        """The API key, readable as in labelbox 2.6.0 (never shown in reprs, logs or
        exceptions)."""
        return self._transport.api_key()

    def __repr__(self) -> str:
        from labelbox._http.auth import public_url

        return f"{type(self).__name__}(endpoint={public_url(self.endpoint)!r})"

    # -- pickling (multiprocessing, dask): the key, the endpoint and the options ------
    def __getstate__(self) -> dict[str, Any]:
        """The API key, endpoint and options; the connection pool is rebuilt on
        unpickling. A client built with a caller's ``http_client`` cannot be pickled
        (its proxies, certificates or hooks could not follow it)."""
        if not self._transport.owns_http_client:
            raise TypeError(
                f"A labelbox {type(self).__name__} built with http_client=... cannot be "
                f"pickled; build the {type(self).__name__} in each process, or without "
                "http_client"
            )
        state: dict[str, Any] = {
            "api_key": self._transport.api_key(),
            "endpoint": self.endpoint,
            "options": {
                **self._transport.options(),
                "enable_experimental": self.enable_experimental,
                "prefetch_pages": self._options.prefetch_pages,
                "max_connections": self._options.max_connections,
                "pool_workers": self._options.pool_workers,
            },
        }
        if self._wire is not None:
            # the policy itself (its type names): a pulled schema's path may not exist there
            state["wire"] = self._wire
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["api_key"], state["endpoint"], **state["options"])  # type: ignore[misc]
        if state.get("wire") is not None:
            self._wire = state["wire"]
            self.__dict__.pop("_gen", None)  # built again with this policy at first use

    async def close(self) -> None:
        """Closes the pooled HTTP connections (a later call opens new ones).

        Example:
            >>> async with AsyncClient() as client:      # closed when the block ends
            ...     await client.get_user()
        """
        await self._transport.close()
        await self._workers.close()

    # -- background work ---------------------------------------------------------------
    def _prefetcher(self) -> AsyncWorkers | None:
        """The workers that fetch pages ahead, or None (``prefetch_pages=False``)."""
        return self._workers if self._options.prefetch_pages else None

    def _upload_files(self, paths: Iterable[Path]) -> AsyncIterator[str]:
        """:meth:`upload_file` of each path, concurrently (at most ``pool_workers`` of
        its :class:`ClientOptions` at a time); the URLs in order. What every upload
        needs once (the MIME table, the response model's validator) is built here
        first, not by each worker."""
        from labelbox_gen.upload_file import UploadFile

        content_type_of("")
        UploadFile.model_rebuild()
        return self._workers.map(self.upload_file, paths)

    async def __aenter__(self) -> Self:
        await self._workers.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # -- raw queries ------------------------------------------------------------------
    @overload
    async def execute(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        timeout: float = ClientOptions.timeout,
        experimental: bool = False,
        *,
        max_retries: int | None = None,
        deadline: float | None = None,
        idempotent: bool = False,
        result_type: None = None,
    ) -> dict[str, Any] | None: ...
    @overload
    async def execute(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        timeout: float = ClientOptions.timeout,
        experimental: bool = False,
        *,
        max_retries: int | None = None,
        deadline: float | None = None,
        idempotent: bool = False,
        result_type: type[_R],
    ) -> _R | None: ...
    async def execute(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        timeout: float = ClientOptions.timeout,
        experimental: bool = False,
        *,
        max_retries: int | None = None,
        deadline: float | None = None,
        idempotent: bool = False,
        result_type: type[Any] | None = None,
    ) -> Any:
        """Sends a request to the server for the execution of the given query.

        Checks the response for errors and wraps errors in appropriate
        ``labelbox.exceptions.LabelboxError`` subtypes. A query is retried after
        transient failures; a mutation only when it cannot have been applied (else
        ``WriteOutcomeUnknownError``), unless ``idempotent=True``.

        Args:
            query: The query to execute.
            params: Query parameters referenced within the query.
            timeout: Max allowed time for query execution, in seconds (each attempt,
                and the whole call unless ``deadline`` says otherwise).
            max_retries: retries for this call (default: the Client's).
            deadline: overall seconds for this call, retries included.
            experimental: send it to the experimental endpoint (``/_gql`` in place of
                ``/graphql``), as labelbox 2.6 does for user and invite management.
            idempotent: the mutation may safely run twice (retried like a query).
            result_type: the type of the response's ``data``: a pydantic model class
                (e.g. a generated ``labelbox_gen`` operation result) or a ``TypedDict``;
                the data is validated into it (by alias) and the result typed so (a
                ``typing.TypedDict`` before Python 3.12, which pydantic cannot
                validate, gets its required keys checked only; ``typing_extensions.
                TypedDict`` is validated fully).

        Returns:
            dict, the response's ``data`` (with ``result_type``: that type); None when
            the server answered RESOURCE_NOT_FOUND (the caller knows which resource it
            asked for).

        Raises:
            labelbox.exceptions.AuthenticationError: If authentication failed.
            labelbox.exceptions.InvalidQueryError: If ``query`` is not syntactically or
                semantically valid (checked server-side).
            labelbox.exceptions.ApiLimitError: If the server API limit was exceeded.
            labelbox.exceptions.TimeoutError: If response was not received in ``timeout``.
            labelbox.exceptions.NetworkError: If a connection error occurred.
            labelbox.exceptions.WriteOutcomeUnknownError: If a mutation failed in a way
                that does not tell whether it was applied (it is not repeated).
            labelbox.exceptions.LabelboxError: If an unknown error of any kind occurred,
                or the data does not fit ``result_type``.
            TypeError: If ``query`` is not a str.
            ValueError: If ``timeout`` or ``deadline`` is not a positive number.

        Example:
            >>> await client.execute("query($id: ID!) {project(where: {id: $id}) {name}}",
            ...                {"id": "<project_id>"})
            {'project': {'name': 'cars'}}
            >>> class ProjectName(TypedDict):
            ...     project: dict[str, str] | None
            >>> await client.execute("query($id: ID!) {project(where: {id: $id}) {name}}",
            ...                {"id": "<project_id>"}, result_type=ProjectName)
            {'project': {'name': 'cars'}}
        """
        from labelbox._retry import check_seconds

        if not isinstance(query, str):
            raise TypeError(f"query must be a str, got {type(query).__name__}")
        seconds = check_seconds("timeout", timeout)
        call_deadline = check_seconds("deadline", deadline, allow_none=True)
        try:
            body = await self._transport.post(
                query,
                jsonable(params or {}),
                timeout=seconds,
                max_retries=max_retries,
                deadline=seconds if call_deadline is None else call_deadline,
                idempotent=idempotent,
                experimental=bool(experimental),
            )
        except exceptions.ResourceNotFoundError:
            return None
        data = body.get("data")
        if not isinstance(data, dict):
            return None
        if result_type is None:
            return data
        import pydantic

        name = getattr(result_type, "__name__", repr(result_type))
        try:
            return result_adapter(result_type).validate_python(data)
        except pydantic.PydanticUserError:
            # A typing.TypedDict before Python 3.12, which pydantic cannot validate:
            # its required keys are checked, the values are returned as sent.
            missing = sorted(set(getattr(result_type, "__required_keys__", ())) - set(data))
            if missing:
                raise exceptions.LabelboxError(
                    f"The response does not fit {name}: missing {', '.join(missing)}"
                ) from None
            return data
        except pydantic.ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:5]
            )
            raise exceptions.LabelboxError(
                f"The response does not fit {name}: {problems}"
            ) from None

    # -- single objects ---------------------------------------------------------------
    async def get_project(self, project_id: str) -> AsyncProject:
        """Gets a single AsyncProject with the given ID.

        Args:
            project_id: Unique ID of the AsyncProject.

        Returns:
            The sought AsyncProject.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If there is no AsyncProject with the
                given ID.
            TypeError: If ``project_id`` is not a str.

        Example:
            >>> project = await client.get_project("<project_id>")
        """
        from labelbox._async.schema.project import AsyncProject

        return await self._get_single(AsyncProject, project_id, self._gen.get_project)

    async def get_dataset(self, dataset_id: str) -> AsyncDataset:
        """Gets a single AsyncDataset with the given ID.

        Args:
            dataset_id: Unique ID of the AsyncDataset.

        Returns:
            The sought AsyncDataset.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If there is no AsyncDataset with the
                given ID.
            TypeError: If ``dataset_id`` is not a str.

        Example:
            >>> dataset = await client.get_dataset("<dataset_id>")
        """
        from labelbox._async.schema.dataset import AsyncDataset

        return await self._get_single(AsyncDataset, dataset_id, self._gen.get_dataset)

    async def get_user(self) -> AsyncUser:
        """Gets the current AsyncUser database object (the API key's user).

        Returns:
            The AsyncUser the API key belongs to.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If the server knows no such user.

        Example:
            >>> user = await client.get_user()
        """
        from labelbox._async.schema.user import AsyncUser

        model = await self._gen.get_current_user()
        if model is None:
            raise exceptions.ResourceNotFoundError(AsyncUser, {})
        return AsyncUser._wrap(self, model)

    async def _current_user_id(self) -> str:
        """Id of the API key's user (fetched once per client)."""
        if self._user_id is None:
            self._user_id = (await self.get_user()).uid
        return self._user_id

    async def get_organization(self) -> AsyncOrganization:
        """Gets the AsyncOrganization DB object of the current user.

        Returns:
            The AsyncOrganization the API key's user belongs to.

        Raises:
            labelbox.exceptions.ResourceNotFoundError: If the server knows no such
                organization.

        Example:
            >>> organization = await client.get_organization()
        """
        from labelbox._async.schema.organization import AsyncOrganization

        model = await self._gen.get_current_organization()
        if model is None:
            raise exceptions.ResourceNotFoundError(AsyncOrganization, {})
        return AsyncOrganization._wrap(self, model)

    async def get_roles(self) -> dict[str, AsyncRole]:
        """Every role of the API (for user management), keyed by name: ``NONE``,
        ``LABELER``, ``REVIEWER``, ``TEAM_MANAGER``, ``ADMIN`` (fetched once per client).

        Returns:
            The roles by name (upper case, spaces as underscores).

        Example:
            >>> roles = await client.get_roles()
            >>> await user.update_org_role(roles["LABELER"])
        """
        from labelbox._async.schema.role import get_roles

        return await get_roles(self)

    async def _get_single(
        self, cls: type[_E], uid: str, operation: Callable[..., Awaitable[Any]]
    ) -> _E:
        if not isinstance(uid, str):
            raise TypeError(f"{cls.__name__} id must be a str, got {type(uid).__name__}")
        try:
            model = await operation(id=uid)
        except exceptions.ResourceNotFoundError:
            model = None
        if model is None:
            raise exceptions.ResourceNotFoundError(cls, {"id": uid})
        return cls._wrap(self, model)

    # -- collections ------------------------------------------------------------------
    def get_projects(
        self,
        where: Expression[AsyncProject] | None = None,
        order_by: OrderBy[AsyncProject] | None = None,
    ) -> AsyncPaginatedCollection[AsyncProject]:
        """Fetches all the projects the user has access to.

        Args:
            where: The where clause for filtering: a comparison of AsyncProject fields
                (``Project.name == "x"``) or several combined with ``&``.
            order_by: Sort order, e.g. ``Project.name.asc`` or
                ``(AsyncProject.created_at, Order.Desc)``.

        Returns:
            An iterable of Projects, fetched lazily in pages of 100.

        Raises:
            labelbox.exceptions.InvalidAttributeError: If ``where`` or ``order_by``
                uses a field AsyncProject queries cannot filter or sort by (before any
                request).

        Example:
            >>> projects = client.get_projects(where=(AsyncProject.name == "<project_name>") &
            ...                                (AsyncProject.description == "<project_description>"))
        """
        from labelbox._async.schema.project import AsyncProject

        return self._list(AsyncProject, self._gen.get_projects, where, order_by)

    def get_datasets(
        self,
        where: Expression[AsyncDataset] | None = None,
        order_by: OrderBy[AsyncDataset] | None = None,
    ) -> AsyncPaginatedCollection[AsyncDataset]:
        """Fetches one or more datasets.

        Args:
            where: The where clause for filtering: a comparison of AsyncDataset fields
                (``Dataset.name == "x"``) or several combined with ``&``.
            order_by: Sort order, e.g. ``Dataset.name.asc``.

        Returns:
            An iterable of Datasets, fetched lazily in pages of 100.

        Raises:
            labelbox.exceptions.InvalidAttributeError: If ``where`` or ``order_by``
                uses a field AsyncDataset queries cannot filter or sort by (before any
                request).

        Example:
            >>> datasets = client.get_datasets(where=(AsyncDataset.name == "<dataset_name>") &
            ...                                (AsyncDataset.description == "<dataset_description>"))
        """
        from labelbox._async.schema.dataset import AsyncDataset

        return self._list(AsyncDataset, self._gen.get_datasets, where, order_by)

    def get_labeling_frontends(
        self,
        where: Expression[AsyncLabelingFrontend] | None = None,
        order_by: OrderBy[AsyncLabelingFrontend] | None = None,
    ) -> AsyncPaginatedCollection[AsyncLabelingFrontend]:
        """Fetches all the labeling frontends.

        Args:
            where: The where clause for filtering, e.g. ``LabelingFrontend.name == "Editor"``.
            order_by: Sort order, e.g. ``LabelingFrontend.name.asc``.

        Returns:
            An iterable of LabelingFrontends, fetched lazily in pages of 100.

        Raises:
            labelbox.exceptions.InvalidAttributeError: If ``where`` or ``order_by``
                uses a field AsyncLabelingFrontend queries cannot filter or sort by.

        Example:
            >>> frontend = await client.get_labeling_frontends(
            ...     where=AsyncLabelingFrontend.name == "Editor").get_one()
        """
        from labelbox._async.schema.labeling_frontend import AsyncLabelingFrontend

        return self._list(AsyncLabelingFrontend, self._gen.get_labeling_frontends, where, order_by)

    def _list(
        self,
        cls: type[_E],
        operation: Callable[..., Awaitable[Sequence[Any]]],
        where: Expression[_E] | None,
        order_by: OrderBy[_E] | None,
    ) -> AsyncPaginatedCollection[_E]:
        from labelbox._async.pagination import AsyncPaginatedCollection
        from labelbox.orm.where import compile_order_by, compile_where

        where_input = compile_where(cls, where)
        order_input = compile_order_by(cls, order_by)

        async def fetch(skip: int, first: int) -> Sequence[Any]:
            return await operation(skip=skip, first=first, where=where_input, order_by=order_input)

        return AsyncPaginatedCollection._paged(
            fetch,
            lambda model: cls._wrap(self, model),
            wrap_page=lambda models: cls._wrap_page(self, models),
            client=self,
        )

    # -- creation ---------------------------------------------------------------------
    async def create_project(self, **kwargs: Unpack[ProjectCreateParams]) -> AsyncProject:
        """Creates an AsyncProject object on the server.

        Attribute values are passed as keyword arguments, typed from the schema's
        ``ProjectCreateInput``: :class:`labelbox.params.ProjectCreateParams`
        (a ``TypedDict``) lists every accepted keyword and its type, and a misspelt name
        or a wrong value type is a mypy/pyright error.

        Args:
            **kwargs: Keyword arguments with AsyncProject attribute values, as listed by
                ``ProjectCreateParams`` (``name`` is required; ``datasets`` takes
                Datasets).

        Returns:
            A new AsyncProject object.

        Raises:
            InvalidAttributeError: If the AsyncProject type does not contain any of the
                attribute names given in kwargs.
            TypeError: If a value has the wrong type (nothing is sent).

        Example:
            >>> project = await client.create_project(name="<project_name>",
            ...                                 description="<project_description>")
        """
        from labelbox._async.schema.project import AsyncProject

        return await AsyncProject._create_object(self, kwargs)

    async def create_dataset(self, **kwargs: Unpack[DatasetCreateParams]) -> AsyncDataset:
        """Creates an AsyncDataset object on the server.

        Attribute values are passed as keyword arguments, typed from the schema's
        ``DatasetCreateInput``: :class:`labelbox.params.DatasetCreateParams`
        (a ``TypedDict``) lists every accepted keyword and its type.

        Args:
            **kwargs: Keyword arguments with AsyncDataset attribute values, as listed by
                ``DatasetCreateParams`` (``name`` is required; ``projects`` takes a
                AsyncProject or Projects).

        Returns:
            A new AsyncDataset object.

        Raises:
            InvalidAttributeError: If the AsyncDataset type does not contain any of the
                attribute names given in kwargs.
            TypeError: If a value has the wrong type (nothing is sent).

        Example:
            >>> project = await client.get_project("<project_uid>")
            >>> dataset = await client.create_dataset(name="<dataset_name>", projects=project)
        """
        from labelbox._async.schema.dataset import AsyncDataset

        return await AsyncDataset._create_object(self, kwargs)

    async def _create(self, db_object_type: type[_E], data: Mapping[Any, Any]) -> _E:
        """Creates any entity from attribute names/objects and values (internal)."""
        return await db_object_type._create_object(self, data)

    # -- files ------------------------------------------------------------------------
    async def upload_file(self, path: str | os.PathLike[str]) -> str:
        """Uploads a local file to Labelbox (content type guessed from its name).

        Args:
            path: Path of the local file.

        Returns:
            The URL of the uploaded file (usable as a DataRow's ``row_data``).

        Raises:
            FileNotFoundError: If ``path`` is not a file.
            labelbox.exceptions.LabelboxError: If upload failed.

        Example:
            >>> url = await client.upload_file("images/cat.jpg")
        """
        from pathlib import Path

        from labelbox._async._concurrency import open_for_upload

        file_path = Path(path)
        content_type = content_type_of(file_path.name)
        stream, size = await open_for_upload(file_path)  # FileNotFoundError if not a file
        with stream:
            return await self._upload(stream, size, file_path.name, content_type, sign=False)

    async def upload_data(
        self,
        content: bytes | str,
        filename: str | None = None,
        content_type: str | None = None,
        sign: bool = False,
    ) -> str:
        """Uploads the given data (bytes) to Labelbox.

        Args:
            content: The data; a str is encoded as UTF-8.
            filename: Name to store the data under (default ``"upload"``).
            content_type: MIME type of the data (default ``application/octet-stream``).
            sign: Whether the returned URL should be a signed URL.

        Returns:
            The URL of the uploaded data.

        Raises:
            TypeError: If ``content`` is neither bytes nor str.
            labelbox.exceptions.LabelboxError: If upload failed.

        Example:
            >>> url = await client.upload_data(b'{"text": "hello"}', filename="hello.json",
            ...                          content_type="application/json")
        """
        import io

        if isinstance(content, str):
            content = content.encode("utf-8")
        if not isinstance(content, bytes):
            raise TypeError(f"content must be bytes, got {type(content).__name__}")
        return await self._upload(io.BytesIO(content), len(content), filename, content_type, sign)

    async def _upload(
        self,
        stream: Any,
        length: int,
        filename: str | None,
        content_type: str | None,
        sign: bool,
    ) -> str:
        from labelbox_gen.base_model import Upload

        upload = Upload(
            filename=filename or "upload",
            content=stream,
            content_type=content_type or "application/octet-stream",
        )
        result = await self._gen.upload_file(file=upload, content_length=length, sign=sign)
        return result.url
