"""Pytest fixtures for testing code that uses Labelbox, against the emulator.

Registered through the ``pytest11`` entry point, so installing ``labelbox-typed[emulator]``
makes them available in every test session (``-p labelbox_emulator.pytest_plugin``
loads them explicitly). The safe pattern: each test asks for ``labelbox_client`` (or
``labelbox_organization`` / ``labelbox_env``) and works in an organization of its own,
so nothing one test creates is visible to the next:

.. code-block:: python

    def test_creates_a_project(labelbox_client):
        labelbox_client.create_project(name="cars")

    def test_starts_empty(labelbox_client):
        assert list(labelbox_client.get_projects()) == []

Fixtures:

- ``labelbox_emulator`` (session): the one running :class:`Emulator` shared by the
  session (jobs finish at once; one extra organization, for ``extra_organizations``).
- ``labelbox_organization`` (function): a fresh organization of its own in that server:
  :class:`EmulatedOrganization` (``api_key``, ``endpoint``, ``organization_id``, ...).
- ``labelbox_client`` (function): a ``labelbox.Client`` of that organization, closed
  after the test.
- ``labelbox_async_client`` (function): a ``labelbox.AsyncClient`` of that
  organization, for ``async def`` tests (``@pytest.mark.anyio``, under asyncio or trio).
  The fixture itself is synchronous (it works with any async test runner); the test
  enters the client, which runs its background page fetches and closes its connections
  when the block ends:

  .. code-block:: python

      @pytest.mark.anyio
      async def test_creates_a_project(labelbox_async_client):
          async with labelbox_async_client as client:
              await client.create_project(name="cars")

- ``labelbox_env`` (function): that organization's ``LABELBOX_API_KEY`` and
  ``LABELBOX_ENDPOINT`` set in the environment for the test (for code that builds its
  own ``Client()``).
- ``labelbox_emulator_reset`` (function): the shared server wiped and re-seeded before
  the test (every organization's key stays valid); slower, and wrong under parallel use
  of one server: prefer the fixtures above.

Jobs (data row imports, exports, annotation imports) finish before their mutation
answers (``transitions="immediate"``). For timing like the real service's, mark a test
(or a module, with ``pytestmark``) ``@pytest.mark.labelbox_transitions("realistic")``
(any mode :class:`Emulator` accepts: ``"delay:0.5"``, ``"polls:3"``); such tests get
their organization from a second session server running that mode. The ini option
``labelbox_emulator_transitions`` changes the default for the whole suite.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from .server import Emulator

if TYPE_CHECKING:
    from labelbox import AsyncClient, Client

__all__ = ["EmulatedOrganization"]

_INI_TRANSITIONS = "labelbox_emulator_transitions"
_MARKER = "labelbox_transitions"
_DEFAULT_TRANSITIONS = "immediate"


@dataclass(frozen=True)
class EmulatedOrganization:
    """An organization of its own for one test, in a running emulator."""

    emulator: Emulator
    """The server holding the organization."""
    organization_id: str
    """The organization's id."""
    user_id: str
    """Its admin user's id (the user of ``api_key``)."""
    api_key: str
    """The admin user's API key."""

    @property
    def endpoint(self) -> str:
        """The GraphQL endpoint URL of the server (ends in ``/graphql``)."""
        return self.emulator.endpoint

    def client(self, **options: Any) -> Client:
        """A new ``labelbox.Client`` of this organization; ``options`` are passed on
        (``timeout``, ``max_retries``, ...). Close it (or use it in a ``with``)."""
        from labelbox import Client

        return Client(api_key=self.api_key, endpoint=self.endpoint, **options)

    def async_client(self, **options: Any) -> AsyncClient:
        """A new ``labelbox.AsyncClient`` of this organization; ``options`` are passed
        on. Use it in an ``async with`` block (or ``await client.close()``)."""
        from labelbox import AsyncClient

        return AsyncClient(api_key=self.api_key, endpoint=self.endpoint, **options)

    def __repr__(self) -> str:
        """Shows the organization and endpoint, never the API key."""
        return (
            f"EmulatedOrganization(organization_id={self.organization_id!r}, "
            f"endpoint={self.endpoint!r})"
        )


class _Emulators:
    """Session servers in other transition modes, started on first use."""

    def __init__(self) -> None:
        self._running: dict[str, Emulator] = {}

    def get(self, transitions: str) -> Emulator:
        """The running server of ``transitions`` (started now if needed)."""
        if transitions not in self._running:
            self._running[transitions] = Emulator(transitions=transitions).start()
        return self._running[transitions]

    def stop(self) -> None:
        """Stop every server started here."""
        for emu in self._running.values():
            emu.stop()
        self._running.clear()


def pytest_addoption(parser: pytest.Parser) -> None:
    """The ``labelbox_emulator_transitions`` ini option."""
    parser.addini(
        _INI_TRANSITIONS,
        "Job transitions of the labelbox_emulator fixture's server: immediate (default), "
        "realistic, delay:SECONDS or polls:N.",
        default=_DEFAULT_TRANSITIONS,
    )


def pytest_configure(config: pytest.Config) -> None:
    """Declare the ``labelbox_transitions`` marker."""
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(mode): run this test's labelbox_client/labelbox_organization in an "
        "emulator whose jobs move as MODE (realistic, delay:SECONDS, polls:N, immediate).",
    )


def _default_transitions(config: pytest.Config) -> str:
    value = config.getini(_INI_TRANSITIONS)
    return str(value).strip() or _DEFAULT_TRANSITIONS


@pytest.fixture(scope="session")
def labelbox_emulator(pytestconfig: pytest.Config) -> Iterator[Emulator]:
    """A started :class:`Emulator` shared by the test session (one extra organization).

    Jobs finish before their mutation answers (``transitions="immediate"``, or the
    ``labelbox_emulator_transitions`` ini option), so tests need not wait. Data created
    through ``emu.api_key`` stays for the whole session: give each test its own
    organization with ``labelbox_client`` / ``labelbox_organization`` instead.
    """
    with Emulator(organizations=1, transitions=_default_transitions(pytestconfig)) as emu:
        yield emu


@pytest.fixture(scope="session")
def _labelbox_emulators() -> Iterator[_Emulators]:
    emulators = _Emulators()
    yield emulators
    emulators.stop()


@pytest.fixture
def labelbox_emulator_reset(labelbox_emulator: Emulator) -> Emulator:
    """The session emulator, wiped and re-seeded before the test (keys stay valid)."""
    labelbox_emulator.reset()
    return labelbox_emulator


@pytest.fixture
def labelbox_organization(request: pytest.FixtureRequest) -> EmulatedOrganization:
    """A new organization (admin user, API key) for this test alone.

    It lives in the session's ``labelbox_emulator``, or, for a test marked
    ``@pytest.mark.labelbox_transitions(MODE)``, in a session server of that mode. Other
    tests' organizations (and their projects, datasets, ...) are invisible to it.
    """
    marker = request.node.get_closest_marker(_MARKER)
    emu: Emulator
    if marker is None:
        emu = request.getfixturevalue("labelbox_emulator")
    else:
        if len(marker.args) != 1 or not isinstance(marker.args[0], str) or marker.kwargs:
            raise pytest.UsageError(
                f'Use @pytest.mark.{_MARKER}("realistic") (one transition mode), '
                f"got args={marker.args!r} kwargs={marker.kwargs!r}"
            )
        emulators: _Emulators = request.getfixturevalue("_labelbox_emulators")
        emu = emulators.get(marker.args[0])
    creds = emu.create_organization(f"Test organization of {request.node.name}"[:200])
    return EmulatedOrganization(emu, creds.organization_id, creds.user_id, creds.api_key)


@pytest.fixture
def labelbox_client(labelbox_organization: EmulatedOrganization) -> Iterator[Client]:
    """A ``labelbox.Client`` of a fresh organization of this test's own, closed after it.

    Nothing another test created is visible through it.
    """
    with labelbox_organization.client() as client:
        yield client


@pytest.fixture
def labelbox_async_client(labelbox_organization: EmulatedOrganization) -> AsyncClient:
    """A ``labelbox.AsyncClient`` of a fresh organization of this test's own.

    A plain fixture, so it serves ``@pytest.mark.anyio`` tests under asyncio and trio
    alike (and any other async runner): the test uses it as ``async with
    labelbox_async_client as client:``, which runs the client's background page fetches
    and closes its connections at the end. Nothing another test created is visible
    through it.
    """
    return labelbox_organization.async_client()


@pytest.fixture
def labelbox_env(
    labelbox_organization: EmulatedOrganization, monkeypatch: pytest.MonkeyPatch
) -> EmulatedOrganization:
    """``LABELBOX_API_KEY`` and ``LABELBOX_ENDPOINT`` of a fresh organization set for this
    test (restored after), for code under test that builds its own ``Client()``."""
    monkeypatch.setenv("LABELBOX_API_KEY", labelbox_organization.api_key)
    monkeypatch.setenv("LABELBOX_ENDPOINT", labelbox_organization.endpoint)
    return labelbox_organization
