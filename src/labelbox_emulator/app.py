"""The Starlette application: /graphql, file serving and /_emulator control endpoints."""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .access import (
    RequestRefused,
    check_strings,
    cross_site,
    is_control,
    read_body,
    unsafe_content_type,
)
from .errors import BadUserInputError
from .executor import Executor, error_body
from .resolvers.context import Ctx, UploadValue

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from .state import EmulatorState


T = TypeVar("T")


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


def _answer(executor: Executor, raw: bytes | None, body: Any, ctx: Ctx) -> tuple[int, bytes]:
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


def create_app(state: EmulatorState) -> Starlette:
    """Build the ASGI app serving ``state``."""
    from starlette.applications import Starlette

    pool = state.worker_pool()

    async def run_in_threadpool(func: Callable[..., T], *args: Any) -> T:
        """Run ``func`` on the emulator's worker threads (a plain executor: about 0.1 ms
        less per request than Starlette's anyio-based run_in_threadpool)."""
        return await asyncio.get_running_loop().run_in_executor(pool, func, *args)

    from starlette.datastructures import UploadFile
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    executor = state.executor = Executor(state.model)

    def refused(exc: RequestRefused) -> Response:
        return JSONResponse(error_body(exc.message, exc.code), status_code=exc.status)

    def door(request: Request, uploads: bool) -> Response | None:
        """Refuse what a browser page of another origin could send (see access.py)."""
        why = cross_site(request)
        if why is not None:
            return JSONResponse(
                error_body(f"Cross-origin requests are refused ({why}).", "FORBIDDEN"),
                status_code=403,
            )
        kind = unsafe_content_type(request, uploads) if request.method == "POST" else None
        if kind is not None:
            accepted = "application/json" + (" or multipart/form-data" if uploads else "")
            return JSONResponse(
                error_body(f"Unsupported content type {kind!r}: send {accepted}.", "BAD_REQUEST"),
                status_code=415,
            )
        return None

    def control(request: Request) -> Response | None:
        """Refuse a control request without the control token."""
        shut = door(request, uploads=False)
        if shut is not None:
            return shut
        if is_control(request, state.control_token):
            return None
        return JSONResponse(
            error_body(
                "The emulator's control routes need its control token "
                "(Authorization: Bearer <token>): printed by `labelbox-emulator serve`, "
                "Emulator.control_token in Python.",
                "AUTHENTICATION_ERROR",
            ),
            status_code=401,
        )

    async def graphql(request: Request) -> Response:
        shut = door(request, uploads=True)
        if shut is not None:
            return shut
        key = _bearer(request)
        if state.rate_limiter is not None:
            wait = state.rate_limiter.hit(key or request.client.host if request.client else "")
            if wait:
                return JSONResponse(
                    {
                        "message": "You have exceeded the rate limit of "
                        f"{state.rate_limiter.limit} requests per "
                        f"{state.rate_limiter.window:g} seconds. Please retry later."
                    },
                    status_code=429,
                    headers={"Retry-After": str(math.ceil(wait))},
                )
        who = (
            (state.known_key(key) or await run_in_threadpool(state.authenticate, key))
            if key
            else None
        )
        if who is None:
            return JSONResponse(
                error_body("Invalid or missing API key.", "AUTHENTICATION_ERROR"),
                status_code=401,
            )
        content_type = request.headers.get("content-type", "")
        base_url = f"{request.url.scheme}://{request.url.netloc}"
        ctx = Ctx(state, who[0], who[1], base_url)
        raw: bytes | None = None
        body: Any = None
        try:
            if content_type.startswith("multipart/form-data"):
                raw = await read_body(request, state.max_upload_bytes)
                body = await _multipart(request, raw, UploadFile)
                raw = None
            else:
                raw = await read_body(request, state.max_request_bytes)
        except RequestRefused as exc:
            return refused(exc)
        except Exception as exc:  # whatever a malformed multipart body raises
            return JSONResponse(
                error_body(f"Malformed multipart request: {exc}", "GRAPHQL_PARSE_FAILED"),
                status_code=400,
            )
        # parsing, execution and rendering leave the event loop free for other requests
        status, out = await run_in_threadpool(_answer, executor, raw, body, ctx)
        return Response(out, status_code=status, media_type="application/json")

    async def _multipart(request: Request, raw: bytes, upload_type: type[UploadFile]) -> Any:
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": raw, "more_body": False}

        from starlette.requests import Request as Replayed

        form = await Replayed(request.scope, replay).form(max_part_size=state.files.max_size + 1)
        try:
            operations = form.get("operations")
            if not isinstance(operations, str):
                raise BadUserInputError("The multipart field 'operations' is missing.")
            body = json.loads(operations)
            mapping = json.loads(str(form.get("map") or "{}"))
            if not isinstance(mapping, dict):
                raise BadUserInputError("The multipart field 'map' must be a JSON object.")
            for part, paths in mapping.items():
                upload = form.get(part)
                if not isinstance(upload, upload_type):
                    raise BadUserInputError(f"Multipart part {part!r} is not a file.")
                if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
                    raise BadUserInputError(f"The map of part {part!r} must list paths.")
                data = await upload.read()
                if len(data) > state.files.max_size:
                    raise BadUserInputError(f"File part {part!r} is larger than the size limit.")
                value = UploadValue(
                    data, upload.filename or part, upload.content_type or "application/octet-stream"
                )
                for path in paths:
                    _set_path(body, path, value)
            return body
        finally:
            await form.close()

    async def serve_file(request: Request) -> Response:
        file_id = request.path_params["file_id"]
        verdict = state.files.check(
            file_id, request.query_params.get("token"), request.query_params.get("expires")
        )
        if verdict != "ok":
            status = {"forbidden": 403, "expired": 410, "missing": 404}[verdict]
            return JSONResponse({"message": f"File {verdict}."}, status_code=status)
        stored = await run_in_threadpool(state.files.get, file_id)
        if stored is None:
            return JSONResponse({"message": "File missing."}, status_code=404)
        headers = {
            "Content-Disposition": f'inline; filename="{stored.filename}"',
            "Content-Length": str(len(stored.data)),
        }
        body = b"" if request.method == "HEAD" else stored.data
        return Response(body, media_type=stored.content_type, headers=headers)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def reset(request: Request) -> Response:
        shut = control(request)
        if shut is not None:
            return shut
        await run_in_threadpool(state.reset)
        return JSONResponse({"status": "reset"})

    async def organizations(request: Request) -> Response:
        shut = control(request)
        if shut is not None:
            return shut
        try:
            data = json.loads(await read_body(request, 64 * 1024) or b"{}")
            name = str(data.get("name") or "Emulated Organization")
        except RequestRefused as exc:
            return refused(exc)
        except (ValueError, AttributeError, RecursionError):
            return JSONResponse({"message": "Body must be JSON {name}."}, status_code=400)
        creds = await run_in_threadpool(state.create_organization, name)
        return JSONResponse(
            {
                "organization_id": creds.organization_id,
                "user_id": creds.user_id,
                "api_key": creds.api_key,
            }
        )

    async def deliveries(request: Request) -> Response:
        """All deliveries with the control token; an organization's own with its key."""
        shut = door(request, uploads=False)
        if shut is not None:
            return shut
        if is_control(request, state.control_token):
            return JSONResponse(state.webhooks.deliveries())
        key = _bearer(request)
        who = (
            (state.known_key(key) or await run_in_threadpool(state.authenticate, key))
            if key
            else None
        )
        if who is None:
            return control(request) or JSONResponse([])  # the 401 of control()
        return JSONResponse(state.webhooks.deliveries(organization_id=who[1]))

    async def advance(request: Request) -> Response:
        shut = control(request)
        if shut is not None:
            return shut
        n = await run_in_threadpool(state.jobs.advance)
        return JSONResponse({"finished": n})

    routes = [
        Route("/graphql", graphql, methods=["POST"]),
        Route("/_emulator/files/{file_id}", serve_file, methods=["GET", "HEAD"]),
        Route("/_emulator/health", health, methods=["GET"]),
        Route("/_emulator/reset", reset, methods=["POST"]),
        Route("/_emulator/organizations", organizations, methods=["POST"]),
        Route("/_emulator/webhook-deliveries", deliveries, methods=["GET"]),
        Route("/_emulator/advance", advance, methods=["POST"]),
    ]
    from .network import latency_middleware

    return Starlette(routes=routes, middleware=latency_middleware(state.latency))
