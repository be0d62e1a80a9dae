"""``Emulator``: the emulator server running in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .access import DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_STRING_BYTES, DEFAULT_MAX_UPLOAD_BYTES
from .analysis import DEFAULT_COMPLEXITY_LIMIT
from .credentials import OrgCredentials
from .jobs import DEFAULT_TRANSITIONS
from .scalars import PAGE_SIZE_MAX

if TYPE_CHECKING:
    from .faults import FaultInjector
    from .state import EmulatorState


class Emulator:
    """A local Labelbox-compatible GraphQL server on a loopback port.

    >>> with Emulator() as emu:
    ...     client = labelbox.Client(api_key=emu.api_key, endpoint=emu.endpoint)

    Args:
        api_key: the default organization's API key (generated if None).
        db_path: SQLite file to keep data in (in memory if None).
        transitions: job state transitions: ``realistic`` (the default: a job takes time
            proportional to its size, like on the real service), ``delay:SECONDS``,
            ``immediate`` (finished before the mutation answers) or ``polls:N``.
        organizations: how many extra organizations (with their own keys) to create.
        rate_limit: ``"N/SECONDS"`` to answer HTTP 429 above N requests per window per key.
        host: interface to bind; port: port to bind (0 picks a free one).
        schema_sdl: SDL to serve instead of the packaged schema (e.g. an older or
            newer server's schema, to see how the SDK copes with it).
        faults: a fault-injection spec (``"all=0.2"``, see :mod:`labelbox_emulator.faults`):
            resets, gateway errors, 429s, truncated/malformed/gzip-broken answers, slow
            answers, before or after a write is applied. None: no fault layer.
        fault_seed: seed of the fault draws (same seed and request order, same faults).
        latency: seconds added to every API response (network realism; 0 = none).
        complexity_limit: the largest document cost served (None: unlimited); see
            :mod:`labelbox_emulator.analysis` for the cost model.
        control_token: the token of the control routes over HTTP (``/_emulator/reset``,
            ``/organizations``, ``/advance``, ``/webhook-deliveries``), sent as
            ``Authorization: Bearer <token>`` (see :attr:`control_headers`); generated if
            None. The Python methods (:meth:`reset`, ...) need none.
        max_request_bytes: largest JSON request body (HTTP 413 above; None: unlimited).
        max_upload_bytes: largest multipart (upload) request body.
        max_string_bytes: largest string in a request, in UTF-8 bytes (BAD_USER_INPUT).
        page_size_max: behaviour option: the largest page the ``PageSize`` scalar (the
            ``first`` argument of every list) accepts; a larger one is refused with
            GRAPHQL_VALIDATION_FAILED (default 100, see :mod:`labelbox_emulator.scalars`).
        deleted_projects_readable: behaviour option: whether a soft-deleted project
            still answers ``project(where: {id})`` (True, the real server's rule) or
            reads as null like other soft-deleted objects (False). Lists hide deleted
            projects either way.

    The behaviour options default to the real server's rules as the evidence shows
    them; change them to emulate a server that differs (e.g. the "live" side of a
    ``labelbox-emulator parity`` test).
    """

    def __init__(
        self,
        api_key: str | None = None,
        db_path: str | None = None,
        transitions: str = DEFAULT_TRANSITIONS,
        organizations: int = 0,
        rate_limit: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        schema_sdl: str | None = None,
        faults: str | None = None,
        fault_seed: int = 0,
        latency: float = 0.0,
        complexity_limit: int | None = DEFAULT_COMPLEXITY_LIMIT,
        control_token: str | None = None,
        max_request_bytes: int | None = DEFAULT_MAX_REQUEST_BYTES,
        max_upload_bytes: int | None = DEFAULT_MAX_UPLOAD_BYTES,
        max_string_bytes: int | None = DEFAULT_MAX_STRING_BYTES,
        page_size_max: int = PAGE_SIZE_MAX,
        deleted_projects_readable: bool = True,
    ) -> None:
        """Configure the emulator; nothing starts until :meth:`start`."""
        import secrets

        if isinstance(page_size_max, bool) or not isinstance(page_size_max, int):
            raise TypeError(f"page_size_max must be an int, got {page_size_max!r}.")
        if page_size_max < 0:
            raise ValueError(f"page_size_max must not be negative, got {page_size_max}.")
        self._page_size_max = page_size_max
        self._deleted_projects_readable = deleted_projects_readable

        self._control_token = control_token or secrets.token_urlsafe(32)
        self._limits = (max_request_bytes, max_upload_bytes, max_string_bytes)
        self._latency = latency
        self._complexity_limit = complexity_limit
        self._api_key = api_key
        self._db_path = db_path
        self._transitions = transitions
        self._n_orgs = organizations
        self._rate_limit = rate_limit
        self._schema_sdl = schema_sdl
        self.host = host
        self.port = port
        self._state: EmulatorState | None = None
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._extra: list[OrgCredentials] = []
        self._faults = faults
        self._fault_seed = fault_seed
        self._injector: FaultInjector | None = None
        if faults is not None:
            from .faults import FaultSpec

            FaultSpec.parse(faults)  # a bad spec fails here, not at start()

    # ----------------------------------------------------------- lifecycle
    def start(self) -> Emulator:
        """Start serving; returns once the server answers its health check."""
        if self._thread is not None:
            return self
        import httpx
        import uvicorn

        from .app import create_app
        from .model import build_model
        from .state import EmulatorState

        model = None  # the packaged schema's model, built once per process
        if self._schema_sdl is not None or self._page_size_max != PAGE_SIZE_MAX:
            model = build_model(self._schema_sdl, page_size_max=self._page_size_max)
        self._state = EmulatorState(
            self._api_key,
            self._db_path,
            self._transitions,
            self._rate_limit,
            model=model,
            latency=self._latency,
            complexity_limit=self._complexity_limit,
            control_token=self._control_token,
            max_request_bytes=self._limits[0],
            max_upload_bytes=self._limits[1],
            max_string_bytes=self._limits[2],
            deleted_projects_readable=self._deleted_projects_readable,
        )
        self._extra = self._state.extra_organizations(self._n_orgs)
        app: Any = create_app(self._state)
        if self._faults is not None:
            from .faults import FaultInjector

            self._injector = app = FaultInjector(app, self._faults, self._fault_seed)
        sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # inherited by connections
        sock.bind((self.host, self.port))
        sock.listen(128)
        self.port = int(sock.getsockname()[1])
        self._state.address = (self.host, self.port)
        config = uvicorn.Config(
            app, log_level="warning", lifespan="off", access_log=False, proxy_headers=False
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [sock]},
            daemon=True,
            name="labelbox-emulator",
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if getattr(self._server, "started", False):
                try:
                    if httpx.get(self.base_url + "/_emulator/health", timeout=1).status_code == 200:
                        return self
                except httpx.HTTPError:
                    pass
            time.sleep(0.005)
        self.stop()
        raise RuntimeError("The Labelbox emulator did not start within 10 seconds.")

    def stop(self) -> None:
        """Stop serving and release the database."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._thread = None
        self._server = None
        if self._state is not None:
            self._state.close()
            self._state = None

    def __enter__(self) -> Emulator:
        """Start and return the emulator."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the emulator."""
        self.stop()

    # ---------------------------------------------------------- properties
    @property
    def state(self) -> EmulatorState:
        """The running state (RuntimeError before start)."""
        if self._state is None:
            raise RuntimeError("The emulator is not running; call start() first.")
        return self._state

    @property
    def base_url(self) -> str:
        """``http://host:port`` of the server."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def endpoint(self) -> str:
        """The GraphQL endpoint URL (ends in ``/graphql``)."""
        return self.base_url + "/graphql"

    @property
    def api_key(self) -> str:
        """The default organization's API key."""
        return self.state.api_key

    @property
    def control_token(self) -> str:
        """The token of the control routes (``Authorization: Bearer <token>``)."""
        return self._control_token

    @property
    def control_headers(self) -> dict[str, str]:
        """Headers authorizing a request to the control routes."""
        return {"Authorization": f"Bearer {self._control_token}"}

    @property
    def organization_id(self) -> str:
        """The default organization's id."""
        return self.state.default_org.organization_id

    @property
    def extra_organizations(self) -> list[tuple[str, str]]:
        """``(organization_id, api_key)`` of the organizations created at start."""
        return [(c.organization_id, c.api_key) for c in self._extra]

    @property
    def faults(self) -> FaultInjector:
        """The fault-injection layer (statistics, ``configure``); RuntimeError when the
        emulator was started without ``faults``."""
        if self._injector is None:
            raise RuntimeError("The emulator runs without fault injection (faults=None).")
        return self._injector

    # ------------------------------------------------------------ controls
    def create_organization(self, name: str = "Emulated Organization") -> OrgCredentials:
        """Create another organization with an admin user and API key."""
        return self.state.create_organization(name)

    def reset(self) -> None:
        """Wipe all data and re-seed; every API key stays valid."""
        self.state.reset()

    def webhook_deliveries(self, wait: bool = True) -> list[dict[str, Any]]:
        """Every webhook delivery attempt (after pending ones finish if ``wait``)."""
        if wait:
            self.state.webhooks.wait_idle()
        return self.state.webhooks.deliveries()

    def advance(self) -> int:
        """Finish every pending job; returns how many."""
        return self.state.jobs.advance()
