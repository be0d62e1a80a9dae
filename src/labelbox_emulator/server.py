"""``Emulator``: the emulator server running in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import replace
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .config import EmulatorConfig
from .credentials import OrgCredentials
from .scalars import PAGE_SIZE_MAX

if TYPE_CHECKING:
    from .faults import FaultInjector
    from .state import EmulatorState
    from .webhooks import WebhookDelivery

#: Seconds :meth:`Emulator.start` waits for the server to answer its health check.
START_TIMEOUT = 10.0


class Emulator:
    """A local Labelbox-compatible GraphQL server on a loopback port.

    >>> with Emulator() as emu:
    ...     client = labelbox.Client(api_key=emu.api_key, endpoint=emu.endpoint)

    Options are keyword arguments named like the fields of :class:`EmulatorConfig`
    (``transitions``, ``db_path``, ``organizations``, ``latency``, ``faults``, ...; the
    defaults and meaning of each are documented there), or a whole ``config``.
    """

    def __init__(self, config: EmulatorConfig | None = None, **options: Any) -> None:
        """Configure the emulator (``config``, or ``options`` to build one: TypeError
        for an unknown option, ValueError for an unusable value); nothing starts until
        :meth:`start`."""
        from labelbox_emulator.state import new_secret

        if config is not None and options:
            raise TypeError("Give either config or keyword options, not both.")
        config = config if config is not None else EmulatorConfig(**options)
        if config.control_token is None:
            config = replace(config, control_token=new_secret())
        #: The options this emulator runs with.
        self.config = config
        self.host = config.host
        self.port = config.port
        self._state: EmulatorState | None = None
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._extra: list[OrgCredentials] = []
        self._injector: FaultInjector | None = None

    # ----------------------------------------------------------- lifecycle
    def start(self) -> Emulator:
        """Start serving; returns once the server answers its health check."""
        if self._thread is not None:
            return self
        import uvicorn

        app = self._open()
        sock = socket.socket(socket.AF_INET6 if ":" in self.host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # inherited by connections
        sock.bind((self.host, self.port))
        sock.listen(128)
        self.port = int(sock.getsockname()[1])
        self.state.address = (self.host, self.port)
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
        if not self._wait_healthy():
            self.stop()
            raise RuntimeError("The Labelbox emulator did not start within 10 seconds.")
        return self

    def _open(self) -> Any:
        """Open the wired state and build the app serving it (behind the fault layer
        if asked for)."""
        from .app import create_app
        from .model import build_model
        from .wiring import open_state

        config = self.config
        model = None  # the packaged schema's model, built once per process
        if config.schema_sdl is not None or config.page_size_max != PAGE_SIZE_MAX:
            model = build_model(config.schema_sdl, page_size_max=config.page_size_max)
        self._state = open_state(config, model)
        self._extra = self._state.extra_organizations(config.organizations)
        app: Any = create_app(self._state)
        if config.faults is not None:
            from .faults import FaultInjector

            self._injector = app = FaultInjector(app, config.faults, config.fault_seed)
        return app

    def _wait_healthy(self) -> bool:
        """Whether the server answered its health check within :data:`START_TIMEOUT`."""
        import httpx

        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if getattr(self._server, "started", False):
                try:
                    if httpx.get(self.base_url + "/_emulator/health", timeout=1).status_code == 200:
                        return True
                except httpx.HTTPError:
                    pass
            time.sleep(0.005)
        return False

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
        return str(self.config.control_token)

    @property
    def control_headers(self) -> dict[str, str]:
        """Headers authorizing a request to the control routes."""
        return {"Authorization": f"Bearer {self.control_token}"}

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

    def webhook_deliveries(self, wait: bool = True) -> list[WebhookDelivery]:
        """Every webhook delivery attempt (after pending ones finish if ``wait``), oldest
        first: each a ``WebhookDelivery`` (``url``, ``topic``, ``webhook_id``,
        ``organization_id``, ``attempt``, ``body``, ``signature``, ``status_code``,
        ``error``, ``time``; see :class:`labelbox_emulator.webhooks.WebhookDelivery`)."""
        if wait:
            self.state.webhooks.wait_idle()
        return self.state.webhooks.deliveries()

    def advance(self) -> int:
        """Finish every pending job; returns how many."""
        return self.state.jobs.advance()
