"""The Starlette application: /graphql, file serving and /_emulator control endpoints."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from .errors import BadUserInputError
from .executor import Executor, error_body
from .resolvers.context import Ctx, UploadValue

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from .state import EmulatorState


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


def create_app(state: EmulatorState) -> Starlette:
    """Build the ASGI app serving ``state``."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.datastructures import UploadFile
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    executor = Executor(state.model)

    async def graphql(request: Request) -> Response:
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
        who = await run_in_threadpool(state.authenticate, key) if key else None
        if who is None:
            return JSONResponse(
                error_body("Invalid or missing API key.", "AUTHENTICATION_ERROR"),
                status_code=401,
            )
        content_type = request.headers.get("content-type", "")
        try:
            if content_type.startswith("multipart/form-data"):
                body = await _multipart(request, UploadFile)
            else:
                body = json.loads(await request.body())
        except (ValueError, KeyError, IndexError, TypeError, BadUserInputError) as exc:
            return JSONResponse(
                error_body(f"Malformed request: {exc}", "GRAPHQL_PARSE_FAILED"), status_code=400
            )
        base_url = f"{request.url.scheme}://{request.url.netloc}"
        ctx = Ctx(state, who[0], who[1], base_url)
        status, out = await run_in_threadpool(executor.run, body, ctx)
        return JSONResponse(out, status_code=status)

    async def _multipart(request: Request, upload_type: type[UploadFile]) -> Any:
        form = await request.form(max_part_size=state.files.max_size + 1)
        body = json.loads(str(form["operations"]))
        mapping = json.loads(str(form.get("map") or "{}"))
        for part, paths in mapping.items():
            upload = form[part]
            if not isinstance(upload, upload_type):
                raise BadUserInputError(f"Multipart part {part!r} is not a file.")
            data = await upload.read()
            if len(data) > state.files.max_size:
                raise BadUserInputError(f"File part {part!r} is larger than the size limit.")
            value = UploadValue(
                data, upload.filename or part, upload.content_type or "application/octet-stream"
            )
            for path in paths:
                _set_path(body, path, value)
        return body

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
        await run_in_threadpool(state.reset)
        return JSONResponse({"status": "reset"})

    async def organizations(request: Request) -> Response:
        try:
            data = json.loads(await request.body() or b"{}")
            name = str(data.get("name") or "Emulated Organization")
        except (ValueError, AttributeError):
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
        return JSONResponse(state.webhooks.deliveries())

    async def advance(request: Request) -> Response:
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
