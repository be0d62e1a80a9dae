"""Every option of an emulator, with its default, in one immutable record.

``Emulator(**options)`` and ``Emulator(config=EmulatorConfig(...))`` take it, the
``serve`` command line derives its flags from it (each field's :class:`Flag`), and the
state reads it. Nothing here starts a server or imports one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from .access import DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_STRING_BYTES, DEFAULT_MAX_UPLOAD_BYTES
from .analysis import DEFAULT_COMPLEXITY_LIMIT, DEFAULT_INTROSPECTION_LIMIT
from .jobs import DEFAULT_TRANSITIONS
from .scalars import PAGE_SIZE_MAX

#: Environment variable giving ``serve`` its control token (instead of a random one).
CONTROL_TOKEN_ENV = "LABELBOX_EMULATOR_CONTROL_TOKEN"


def _fault_spec(text: str) -> str:
    """A valid fault spec (ValueError naming the problem otherwise)."""
    from .faults import FaultSpec

    FaultSpec.parse(text)
    return text


@dataclass(frozen=True)
class Flag:
    """How an option appears on the ``labelbox-emulator serve`` command line."""

    #: The option string (its argparse ``dest`` is derived from it: ``--db`` → ``db``).
    name: str
    help: str | None = None
    metavar: str | None = None
    #: Parses (and checks) the given text; by default the type of the field's default.
    parse: Callable[[str], Any] | None = None
    #: The command line's own default when it differs from the option's (the port);
    #: None: the option's.
    default: Any = None
    #: Flag units per option unit (``--latency-ms``: 1000 milliseconds a second).
    scale: float = 1.0
    #: 0 on the command line means None (unlimited) for the option.
    zero_is_none: bool = False
    #: Environment variable read when the flag is not given.
    env: str | None = None
    #: ``--x/--no-x`` for a boolean option.
    boolean: bool = False


def _option(default: Any, flag: Flag | None = None) -> Any:
    return field(default=default, metadata={"flag": flag} if flag else {})


def _unlimited(name: str, what: str, default: int) -> Flag:
    """The flag of a size limit (0 = unlimited)."""
    return Flag(name, f"{what}, 0 = unlimited (default {default})", "N", zero_is_none=True)


@dataclass(frozen=True)
class EmulatorConfig:
    """The options of one emulator (immutable; :func:`dataclasses.replace` makes a
    changed copy). The behaviour options (``page_size_max``,
    ``deleted_projects_readable``) default to the real server's rules as the evidence
    shows them; change them to emulate a server that differs (e.g. the "live" side of a
    ``labelbox-emulator parity`` test)."""

    #: The default organization's API key (generated if None).
    api_key: str | None = _option(
        None,
        Flag("--api-key", "API key of the default organization (default: a random one)", "KEY"),
    )
    #: SQLite file to keep data in (a private temporary file if None).
    db_path: str | None = _option(
        None, Flag("--db", "SQLite file to keep the data in (default: in memory)", "FILE")
    )
    #: Job state transitions: ``realistic`` (a job takes time proportional to its size,
    #: like on the real service), ``delay:SECONDS``, ``immediate`` (finished before the
    #: mutation answers) or ``polls:N`` (see :mod:`labelbox_emulator.jobs`).
    transitions: str = _option(
        DEFAULT_TRANSITIONS,
        Flag(
            "--transitions",
            "how jobs finish: realistic[:FLOOR[:PER_ITEM]] (default; seconds) | "
            "delay:SECONDS | immediate | polls:N",
            "MODE",
        ),
    )
    #: How many extra organizations (with their own keys) to create at start.
    organizations: int = 0
    #: ``"N/SECONDS"``: answer HTTP 429 above N requests per window per key.
    rate_limit: str | None = _option(
        None,
        Flag(
            "--rate-limit",
            "answer HTTP 429 above N requests per SECONDS per API key (default: no limit)",
            "N/SECONDS",
        ),
    )
    #: Interface to bind.
    host: str = _option(
        "127.0.0.1",
        Flag("--host", "interface to listen on (default 127.0.0.1, this machine only)", "HOST"),
    )
    #: Port to bind (0 picks a free one).
    port: int = _option(
        0, Flag("--port", "port to listen on, 0 = a free one (default 8080)", "PORT", default=8080)
    )
    #: SDL to serve instead of the packaged schema (e.g. an older or newer server's
    #: schema, to see how the SDK copes with it).
    schema_sdl: str | None = None
    #: A fault-injection spec (``"all=0.2"``, see :mod:`labelbox_emulator.faults`):
    #: resets, gateway errors, 429s, truncated/malformed/gzip-broken answers, slow
    #: answers, before or after a write is applied. None: no fault layer.
    faults: str | None = _option(
        None,
        Flag(
            "--faults",
            "inject faults, e.g. all=0.2 or reset@after=0.1,502=0.05 "
            "(see labelbox_emulator.faults)",
            "SPEC",
            parse=_fault_spec,
        ),
    )
    #: Seed of the fault draws (same seed and request order, same faults).
    fault_seed: int = _option(
        0, Flag("--fault-seed", "seed of the faults: same seed, same faults (default 0)", "N")
    )
    #: Seconds added to every API response (network realism; 0 = none). On the command
    #: line it is given in milliseconds: ``--latency-ms 150`` is ``latency=0.15``.
    latency: float = _option(
        0.0,
        Flag(
            "--latency-ms",
            "milliseconds added to every API response (default 0; in Python: "
            "Emulator(latency=SECONDS))",
            "MS",
            scale=1000,
        ),
    )
    #: The largest document cost served (None: unlimited); see
    #: :mod:`labelbox_emulator.analysis` for the cost model.
    complexity_limit: int | None = _option(
        DEFAULT_COMPLEXITY_LIMIT,
        Flag(
            "--complexity-limit",
            f"largest query cost served, 0 = unlimited (default {DEFAULT_COMPLEXITY_LIMIT})",
            "N",
            zero_is_none=True,
        ),
    )
    #: The introspection budget of a document (None: unlimited).
    introspection_limit: int | None = DEFAULT_INTROSPECTION_LIMIT
    #: The token of the control routes over HTTP (``/_emulator/reset``,
    #: ``/organizations``, ``/advance``, ``/webhook-deliveries``), sent as
    #: ``Authorization: Bearer <token>``; generated if None. The Python methods
    #: (``Emulator.reset``, ...) need none.
    control_token: str | None = _option(
        None,
        Flag(
            "--control-token",
            "token of the /_emulator/ control routes (Authorization: Bearer TOKEN); "
            f"default: ${CONTROL_TOKEN_ENV} or a random one, printed at start",
            "TOKEN",
            env=CONTROL_TOKEN_ENV,
        ),
    )
    #: Largest JSON request body in bytes (HTTP 413 above; None: unlimited).
    max_request_bytes: int | None = _option(
        DEFAULT_MAX_REQUEST_BYTES,
        _unlimited("--max-request-bytes", "largest JSON request body", DEFAULT_MAX_REQUEST_BYTES),
    )
    #: Largest multipart (upload) request body in bytes (None: unlimited).
    max_upload_bytes: int | None = _option(
        DEFAULT_MAX_UPLOAD_BYTES,
        _unlimited(
            "--max-upload-bytes", "largest multipart (upload) body", DEFAULT_MAX_UPLOAD_BYTES
        ),
    )
    #: Largest string in a request, in UTF-8 bytes (BAD_USER_INPUT; None: unlimited).
    max_string_bytes: int | None = _option(
        DEFAULT_MAX_STRING_BYTES,
        _unlimited("--max-string-bytes", "largest string in a request", DEFAULT_MAX_STRING_BYTES),
    )
    #: Seconds a signed file URL stays valid.
    file_expiry_seconds: float = 3600.0
    #: Behaviour option: the largest page the ``PageSize`` scalar (the ``first``
    #: argument of every list) accepts; a larger one is refused with
    #: GRAPHQL_VALIDATION_FAILED (see :mod:`labelbox_emulator.scalars`).
    page_size_max: int = _option(
        PAGE_SIZE_MAX,
        Flag(
            "--page-size-max",
            "behaviour: largest page (first:) the PageSize scalar accepts "
            f"(default {PAGE_SIZE_MAX})",
            "N",
        ),
    )
    #: Behaviour option: whether a soft-deleted project still answers
    #: ``project(where: {id})`` (True, the real server's rule) or reads as null like
    #: other soft-deleted objects (False). Lists hide deleted projects either way.
    deleted_projects_readable: bool = _option(
        True,
        Flag(
            "--deleted-projects-readable",
            "behaviour: a soft-deleted project still answers a lookup by id (default: yes)",
            boolean=True,
        ),
    )

    def __post_init__(self) -> None:
        """Refuse values no emulator can run with (ValueError, TypeError)."""
        size = self.page_size_max
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError(f"page_size_max must be an int, got {size!r}.")
        if size < 0:
            raise ValueError(f"page_size_max must not be negative, got {size}.")
        if self.latency < 0:
            raise ValueError(f"latency must not be negative, got {self.latency!r}.")
        if self.faults is not None:
            _fault_spec(self.faults)  # a bad spec fails here, not when the server starts


def flags() -> list[tuple[str, Any, Flag]]:
    """``(option name, option default, flag)`` of every option ``serve`` takes."""
    return [
        (f.name, f.default, f.metadata["flag"])
        for f in fields(EmulatorConfig)
        if "flag" in f.metadata
    ]
