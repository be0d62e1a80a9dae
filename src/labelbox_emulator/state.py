"""Everything one emulator instance holds: storage, files, jobs, webhooks, credentials."""

from __future__ import annotations

import contextlib
import secrets
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .access import points_at_self
from .config import EmulatorConfig
from .credentials import OrgCredentials
from .files import FileStore
from .jobs import JobRunner
from .model import Model, default_model
from .store import Store, new_id, queries, utc_now
from .webhooks import WebhookDispatcher

if TYPE_CHECKING:
    from .domain.context import Ctx


def new_secret() -> str:
    """A new API key or control token: 64 hex characters. Never begins with ``-``,
    which a command line would read as an option (``--api-key -x...`` fails), as a
    ``token_urlsafe`` did about one time in 64."""
    return secrets.token_hex(32)


class RequestRunner(Protocol):
    """What serves the GraphQL requests of a state (the executor, set by the wiring)."""

    def run(self, body: Any, ctx: Ctx) -> tuple[int, dict[str, Any]]:
        """Execute a request body; returns (HTTP status, JSON response)."""
        ...


ROLE_NAMES = ("NONE", "LABELER", "REVIEWER", "TEAM_MANAGER", "ADMIN")
#: The label types (published docs and outside clients connect a label's type by name).
LABEL_TYPE_NAMES = ("Any", "Skip")
FRONTENDS = (
    ("Editor", "Video, image, and text annotation", "https://editor.labelbox.com"),
    ("Legacy Editor", "Legacy image annotation", "https://legacy-editor.labelbox.com"),
)
DEFAULT_ORG_NAME = "Emulated Organization"
#: Threads running requests (each with its own database connection).
WORKER_THREADS = 32


@dataclass(frozen=True)
class _Org:
    name: str
    email: str
    creds: OrgCredentials


class RateLimiter:
    """At most ``limit`` requests per ``window`` seconds for each API key."""

    def __init__(self, limit: int, window: float) -> None:
        """Allow ``limit`` requests per sliding ``window`` seconds."""
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    @classmethod
    def parse(cls, text: str) -> RateLimiter:
        """Parse ``N/SECONDS`` (ValueError otherwise)."""
        n, _, seconds = text.partition("/")
        try:
            limit, window = int(n), float(seconds or "1")
        except ValueError as exc:
            raise ValueError(f"Invalid rate limit {text!r}: use N/SECONDS.") from exc
        if limit < 1 or window <= 0:
            raise ValueError(f"Invalid rate limit {text!r}: use N/SECONDS.")
        return cls(limit, window)

    def hit(self, key: str) -> float:
        """Record a request; returns 0 if allowed, else seconds until one is allowed."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(hits[0] + self.window - now, 0.001)
            hits.append(now)
            return 0.0


class EmulatorState:
    """The shared state behind one emulator server."""

    def __init__(self, config: EmulatorConfig | None = None, model: Model | None = None) -> None:
        """Open storage and seed the default organization (keeping existing file data).

        ``config`` gives every option (see :class:`EmulatorConfig`); ``model`` the
        schema's storage model (by default the packaged schema's). Jobs stay pending
        until the wiring registers their handlers and resumes them
        (:func:`labelbox_emulator.wiring.open_state`)."""
        config = config or EmulatorConfig()
        self.config = config
        # The options read per request, as attributes (tests may change them live).
        self.latency = config.latency
        #: Whether the types readable when deleted (``EntityFacts.readable_when_deleted``)
        #: answer a lookup by id once soft-deleted (False: null, like others).
        self.deleted_projects_readable = config.deleted_projects_readable
        self.control_token = config.control_token or new_secret()
        self.max_request_bytes = config.max_request_bytes
        self.max_upload_bytes = config.max_upload_bytes
        self.max_string_bytes = config.max_string_bytes
        self.complexity_limit = config.complexity_limit
        self.introspection_limit = config.introspection_limit
        #: ``(host, port)`` the server is bound to, once it is (webhooks never lead there).
        self.address: tuple[str, int] | None = None
        self._keys: dict[str, tuple[str, str]] = {}
        #: What serves this state's GraphQL requests (set by the wiring).
        self.executor: RequestRunner | None = None
        self.model = model or default_model()
        self._org_locks: dict[str, threading.RLock] = {}
        self._org_locks_guard = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        # guards the list of organizations (no thread inside a transaction takes it)
        self._orgs_lock = threading.Lock()
        self.store = Store(self.model, config.db_path)
        self.files = FileStore(self.store, expiry_seconds=config.file_expiry_seconds)
        self.jobs = JobRunner(self.store, config.transitions, lock_for=self.org_lock)
        self.webhooks = WebhookDispatcher(refuse=self.is_self)
        self.rate_limiter = RateLimiter.parse(config.rate_limit) if config.rate_limit else None
        self._orgs: list[_Org] = []
        self.role_ids: dict[str, str] = {}
        self.api_key = self._open_orgs(config.api_key)

    def _open_orgs(self, api_key: str | None) -> str:
        """Load (or seed) globals and organizations; the default organization's key."""
        with self.store.transaction():
            self._load_globals()  # seeds them in a new database, never twice
            self._orgs = self._load_orgs()
            # An existing database keeps its default organization and key unless
            # another key is asked for (which then gets an organization of its own).
            key = api_key or self.store.meta("default_api_key") or new_secret()
            known = next((o for o in self._orgs if o.creds.api_key == key), None)
            if known is None:
                known = self._seed_org(DEFAULT_ORG_NAME, "admin@example.com", key)
            else:
                self._orgs.remove(known)
            self._orgs.insert(0, known)
            self.store.set_meta("default_api_key", key)
        return key

    def worker_pool(self) -> ThreadPoolExecutor:
        """The threads requests run on (created on first use, shut down by close())."""
        with self._org_locks_guard:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    max_workers=WORKER_THREADS, thread_name_prefix="emulator-worker"
                )
            return self._pool

    def org_lock(self, org_id: str) -> threading.RLock:
        """The lock serializing the writes (mutations, jobs) of one organization."""
        with self._org_locks_guard:
            lock = self._org_locks.get(org_id)
            if lock is None:
                lock = self._org_locks[org_id] = threading.RLock()
            return lock

    @property
    def default_org(self) -> OrgCredentials:
        """Credentials of the default organization."""
        return self._orgs[0].creds

    def _load_globals(self) -> None:
        for row in self.store.select("Role"):
            self.role_ids[str(row["name"])] = str(row["id"])
        if not self.role_ids:
            self._seed_globals()
        elif "LabelType" in self.model.entities and not self.store.select("LabelType"):
            self._seed_label_types()  # a database made before label types existed

    def _load_orgs(self) -> list[_Org]:
        """The organizations of an existing database, oldest first."""
        return [
            _Org(name, email, OrgCredentials(org_id, user_id, key))
            for key, user_id, org_id, name, email in queries.api_keys(self.store)
        ]

    def _seed_label_types(self) -> None:
        if "LabelType" in self.model.entities:  # a schema given to the emulator may lack it
            for name in LABEL_TYPE_NAMES:
                self.store.insert("LabelType", {"id": new_id(), "name": name})

    def _seed_globals(self) -> None:
        self._seed_label_types()
        for name in ROLE_NAMES:
            role = self.store.insert("Role", {"id": new_id(), "name": name})
            self.role_ids[name] = str(role["id"])
        for name, description, url in FRONTENDS:
            self.store.insert(
                "LabelingFrontend",
                {"id": new_id(), "name": name, "description": description, "iframeUrlPath": url},
            )

    def _seed_org(
        self, name: str, email: str, api_key: str, creds: OrgCredentials | None = None
    ) -> _Org:
        now = utc_now()
        org_id = creds.organization_id if creds else new_id()
        user_id = creds.user_id if creds else new_id()
        with self.store.transaction():
            self.store.insert(
                "Organization",
                {"id": org_id, "org_id": org_id, "name": name, "createdAt": now, "updatedAt": now},
            )
            self.store.insert(
                "User",
                {
                    "id": user_id,
                    "org_id": org_id,
                    "email": email,
                    "name": email.split("@")[0],
                    "nickname": email.split("@")[0],
                    "isViewer": False,
                    "isExternalUser": False,
                    "createdAt": now,
                    "updatedAt": now,
                    "orgRole_id": self.role_ids["ADMIN"],
                },
            )
            queries.add_api_key(self.store, api_key, user_id, org_id)
        return _Org(name, email, OrgCredentials(org_id, user_id, api_key))

    def create_organization(self, name: str) -> OrgCredentials:
        """Create an organization with an admin user and a fresh API key."""
        with self._orgs_lock:
            n = len(self._orgs)
            self._orgs.append(self._seed_org(name, f"admin{n}@example.com", new_secret()))
            return self._orgs[-1].creds

    def extra_organizations(self, n: int) -> list[OrgCredentials]:
        """``n`` organizations besides the default one: those the database has (oldest
        first), then new ones."""
        have = [o.creds for o in self._orgs[1 : n + 1]]
        return have + [
            self.create_organization(f"Emulated Organization {i + 2}") for i in range(len(have), n)
        ]

    def organizations(self) -> list[OrgCredentials]:
        """Credentials of every organization, the default one first."""
        return [o.creds for o in self._orgs]

    def reset(self) -> None:
        """Wipe all data and re-seed every known organization with the same credentials
        (waits for the writes in progress of every organization)."""
        with contextlib.ExitStack() as stack:
            for org_id in sorted(o.creds.organization_id for o in self._orgs):
                stack.enter_context(self.org_lock(org_id))
            with self.store.transaction():
                self.store.wipe()
                self.role_ids.clear()
                self._seed_globals()
                for org in self._orgs:
                    self._seed_org(org.name, org.email, org.creds.api_key, org.creds)
        self.webhooks.clear()

    def authenticate(self, api_key: str) -> tuple[str, str] | None:
        """``(user_id, org_id)`` of ``api_key``, or None if unknown."""
        known = self.known_key(api_key)
        if known is not None:
            return known
        who = queries.key_owner(self.store, api_key)
        if who is not None:
            self._keys[api_key] = who
        return who

    def known_key(self, api_key: str) -> tuple[str, str] | None:
        """``(user_id, org_id)`` of an API key already seen (keys are never revoked:
        a reset keeps them), without asking the database."""
        return self._keys.get(api_key)

    def is_self(self, url: str) -> bool:
        """Whether ``url`` leads back to this emulator's own server."""
        return self.address is not None and points_at_self(url, *self.address)

    def close(self) -> None:
        """Stop background work and close the database."""
        self.jobs.close()
        self.webhooks.close()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self.store.close()
