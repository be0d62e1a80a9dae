"""The Starlette application: /graphql, file serving and /_emulator control endpoints.

:class:`Handlers` holds one handler per route; :func:`create_app` puts them on routes.
The app serves a state the wiring has made ready (:func:`labelbox_emulator.wiring.open_state`).
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .access import (
    RequestRefused,
    check_strings,
    cross_site,
    is_control,
    read_body,
    unsafe_content_type,
)
from .domain.context import Ctx, UploadValue
from .errors import BadUserInputError
from .executor import error_body
from .multipart import FilePart, parse_form
from .network import latency_middleware
from .request_ids import RequestIds

if TYPE_CHECKING:
    from starlette.types import ASGIApp

    from .state import EmulatorState, RequestRunner


T = TypeVar("T")

#: The 401 of a control route called without the control token.
_CONTROL_REFUSED = (
    "The emulator's control routes need its control token "
    "(Authorization: Bearer <token>): printed by `labelbox-emulator serve`, "
    "Emulator.control_token in Python."
)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, key = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        return None
    return key.strip()


def _set_path(target: dict[str, Any], path: str, value: object) -> None:
    parts = path.split(".")
    node: Any = target
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        key: Any = int(part) if isinstance(node, list) else part
        if last:
            node[key] = value
        else:
            node = node[key]


def _dump(out: Any) -> bytes:
    """A response body as Starlette's JSONResponse renders it (strings that are not
    valid Unicode, stored before they were refused, come out escaped)."""
    try:
        return json.dumps(out, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
    except UnicodeEncodeError:
        return json.dumps(out, allow_nan=False, separators=(",", ":")).encode()


def _answer(executor: RequestRunner, raw: bytes | None, body: Any, ctx: Ctx) -> tuple[int, bytes]:
    """Parse (unless ``body`` is given), check and execute a request: (status, JSON)."""
    try:
        if raw is not None:
            body = json.loads(raw)
        check_strings(body, ctx.state.max_string_bytes)
    except RequestRefused as exc:
        return exc.status, _dump(error_body(exc.message, exc.code))
    except (ValueError, RecursionError) as exc:
        return 400, _dump(error_body(f"Malformed request: {exc}", "GRAPHQL_PARSE_FAILED"))
    status, out = executor.run(body, ctx)
    return status, _dump(out)


def _error(message: str, code: str, status: int) -> Response:
    return JSONResponse(error_body(message, code), status_code=status)


async def _multipart(request: Request, raw: bytes, max_size: int) -> Any:
    """The GraphQL body of a multipart request (already read as ``raw``) with its file
    parts (at most ``max_size`` bytes each) in place as :class:`UploadValue`."""
    form = parse_form(request.headers.get("content-type", ""), raw, max_size)
    if form is None:  # not the plain shape: Starlette's parser reads it (and its errors)
        form = await _starlette_form(request, raw, max_size)
    operations = form.get("operations")
    if not isinstance(operations, str):
        raise BadUserInputError("The multipart field 'operations' is missing.")
    body = json.loads(operations)
    mapping = json.loads(str(form.get("map") or "{}"))
    if not isinstance(mapping, dict):
        raise BadUserInputError("The multipart field 'map' must be a JSON object.")
    for part, paths in mapping.items():
        upload = form.get(part)
        if not isinstance(upload, FilePart):
            raise BadUserInputError(f"Multipart part {part!r} is not a file.")
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise BadUserInputError(f"The map of part {part!r} must list paths.")
        if len(upload.data) > max_size:
            raise BadUserInputError(f"File part {part!r} is larger than the size limit.")
        value = UploadValue(
            upload.data, upload.filename or part, upload.content_type or "application/octet-stream"
        )
        for path in paths:
            _set_path(body, path, value)
    return body


async def _starlette_form(request: Request, raw: bytes, max_size: int) -> dict[str, Any]:
    """A multipart body read by Starlette's parser: text fields, and files as
    :class:`FilePart` (the last part of a name wins)."""
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": raw, "more_body": False}

    form = await Request(request.scope, replay).form(max_part_size=max_size + 1)
    try:
        out: dict[str, Any] = {}
        for name in form:
            value = form.get(name)
            if isinstance(value, UploadFile):
                data = await value.read()
                out[name] = FilePart(data, value.filename or "", value.content_type)
            else:
                out[name] = value
        return out
    finally:
        await form.close()


class Handlers:
    """The route handlers of the app serving one state."""

    def __init__(self, state: EmulatorState, executor: RequestRunner) -> None:
        """Serve ``state`` with ``executor``; blocking work runs on the state's workers."""
        self.state = state
        self.executor = executor
        self._pool = state.worker_pool()

    async def _run(self, func: Callable[..., T], *args: Any) -> T:
        """Run ``func`` on the emulator's worker threads (a plain executor: about 0.1 ms
        less per request than Starlette's anyio-based run_in_threadpool)."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, func, *args)

    def _door(self, request: Request, uploads: bool) -> Response | None:
        """Refuse what a browser page of another origin could send (see access.py)."""
        why = cross_site(request)
        if why is not None:
            return _error(f"Cross-origin requests are refused ({why}).", "FORBIDDEN", 403)
        kind = unsafe_content_type(request, uploads) if request.method == "POST" else None
        if kind is not None:
            accepted = "application/json" + (" or multipart/form-data" if uploads else "")
            message = f"Unsupported content type {kind!r}: send {accepted}."
            return _error(message, "BAD_REQUEST", 415)
        return None

    def _control(self, request: Request) -> Response | None:
        """Refuse a control request without the control token."""
        shut = self._door(request, uploads=False)
        if shut is not None:
            return shut
        if is_control(request, self.state.control_token):
            return None
        return _error(_CONTROL_REFUSED, "AUTHENTICATION_ERROR", 401)

    async def _caller(self, key: str | None) -> tuple[str, str] | None:
        """``(user id, organization id)`` of an API key (None if missing or unknown)."""
        if not key:
            return None
        return self.state.known_key(key) or await self._run(self.state.authenticate, key)

    def _rate_limited(self, request: Request, key: str | None) -> Response | None:
        """The 429 answering a caller over the rate limit (None if under it)."""
        limiter = self.state.rate_limiter
        if limiter is None:
            return None
        wait = limiter.hit(key or request.client.host if request.client else "")
        if not wait:
            return None
        return JSONResponse(
            {
                "message": "You have exceeded the rate limit of "
                f"{limiter.limit} requests per {limiter.window:g} seconds. Please retry later."
            },
            status_code=429,
            headers={"Retry-After": str(math.ceil(wait))},
        )

    async def _read(self, request: Request) -> tuple[bytes | None, Any] | Response:
        """``(raw JSON body, None)`` or ``(None, multipart body)``; a refusal's response."""
        try:
            if request.headers.get("content-type", "").startswith("multipart/form-data"):
                raw = await read_body(request, self.state.max_upload_bytes)
                return None, await _multipart(request, raw, self.state.files.max_size)
            return await read_body(request, self.state.max_request_bytes), None
        except RequestRefused as exc:
            return _error(exc.message, exc.code, exc.status)
        except Exception as exc:  # whatever a malformed multipart body raises
            return _error(f"Malformed multipart request: {exc}", "GRAPHQL_PARSE_FAILED", 400)

    async def graphql(self, request: Request) -> Response:
        """``POST /graphql``: a GraphQL request of an API key (JSON or multipart)."""
        shut = self._door(request, uploads=True)
        if shut is not None:
            return shut
        key = _bearer(request)
        limited = self._rate_limited(request, key)
        if limited is not None:
            return limited
        who = await self._caller(key)
        if who is None:
            return _error("Invalid or missing API key.", "AUTHENTICATION_ERROR", 401)
        ctx = Ctx(self.state, who[0], who[1], f"{request.url.scheme}://{request.url.netloc}")
        read = await self._read(request)
        if isinstance(read, Response):
            return read
        # parsing, execution and rendering leave the event loop free for other requests
        status, out = await self._run(_answer, self.executor, read[0], read[1], ctx)
        return Response(out, status_code=status, media_type="application/json")

    async def serve_file(self, request: Request) -> Response:
        """``GET|HEAD /_emulator/files/{id}``: a stored file, by signed URL."""
        files = self.state.files
        file_id = request.path_params["file_id"]
        params = request.query_params
        verdict = files.check(file_id, params.get("token"), params.get("expires"))
        if verdict != "ok":
            status = {"forbidden": 403, "expired": 410, "missing": 404}[verdict]
            return JSONResponse({"message": f"File {verdict}."}, status_code=status)
        stored = await self._run(files.get, file_id)
        if stored is None:
            return JSONResponse({"message": "File missing."}, status_code=404)
        headers = {
            "Content-Disposition": f'inline; filename="{stored.filename}"',
            "Content-Length": str(len(stored.data)),
        }
        body = b"" if request.method == "HEAD" else stored.data
        return Response(body, media_type=stored.content_type, headers=headers)

    async def health(self, request: Request) -> Response:
        """``GET /_emulator/health``."""
        return JSONResponse({"status": "ok"})

    async def reset(self, request: Request) -> Response:
        """``POST /_emulator/reset`` (control token): wipe and re-seed."""
        shut = self._control(request)
        if shut is not None:
            return shut
        await self._run(self.state.reset)
        return JSONResponse({"status": "reset"})

    async def organizations(self, request: Request) -> Response:
        """``POST /_emulator/organizations`` (control token): another organization."""
        shut = self._control(request)
        if shut is not None:
            return shut
        try:
            data = json.loads(await read_body(request, 64 * 1024) or b"{}")
            name = str(data.get("name") or "Emulated Organization")
        except RequestRefused as exc:
            return _error(exc.message, exc.code, exc.status)
        except (ValueError, AttributeError, RecursionError):
            return JSONResponse({"message": "Body must be JSON {name}."}, status_code=400)
        creds = await self._run(self.state.create_organization, name)
        return JSONResponse(
            {
                "organization_id": creds.organization_id,
                "user_id": creds.user_id,
                "api_key": creds.api_key,
            }
        )

    async def deliveries(self, request: Request) -> Response:
        """All deliveries with the control token; an organization's own with its key."""
        shut = self._door(request, uploads=False)
        if shut is not None:
            return shut
        if is_control(request, self.state.control_token):
            return JSONResponse(self.state.webhooks.deliveries())
        who = await self._caller(_bearer(request))
        if who is None:
            return self._control(request) or JSONResponse([])  # the 401 of _control()
        return JSONResponse(self.state.webhooks.deliveries(organization_id=who[1]))

    async def advance(self, request: Request) -> Response:
        """``POST /_emulator/advance`` (control token): finish every pending job."""
        shut = self._control(request)
        if shut is not None:
            return shut
        n = await self._run(self.state.jobs.advance)
        return JSONResponse({"finished": n})

    def routes(self) -> list[Route]:
        """The routes of the app."""
        return [
            Route("/graphql", self.graphql, methods=["POST"]),
            # labelbox 2.6.0's experimental endpoint (Client.execute(experimental=True)
            # replaces /graphql by /_gql): the same API.
            Route("/_gql", self.graphql, methods=["POST"]),
            Route("/_emulator/files/{file_id}", self.serve_file, methods=["GET", "HEAD"]),
            Route("/_emulator/health", self.health, methods=["GET"]),
            Route("/_emulator/reset", self.reset, methods=["POST"]),
            Route("/_emulator/organizations", self.organizations, methods=["POST"]),
            Route("/_emulator/webhook-deliveries", self.deliveries, methods=["GET"]),
            Route("/_emulator/advance", self.advance, methods=["POST"]),
        ]


def create_app(state: EmulatorState) -> ASGIApp:
    """Build the ASGI app serving ``state`` (wired: it has its executor): the Starlette
    routes behind :class:`RequestIds`."""
    if state.executor is None:
        raise RuntimeError("The state is not wired: open it with wiring.open_state().")
    handlers = Handlers(state, state.executor)
    app = Starlette(routes=handlers.routes(), middleware=latency_middleware(state.latency))
    return RequestIds(app)
