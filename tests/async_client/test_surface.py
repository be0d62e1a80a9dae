"""The async facade and the sync facade offer the same API, name for name.

``labelbox.Client`` vs ``labelbox.AsyncClient``, ``PaginatedCollection`` vs
``AsyncPaginatedCollection``, the relationship managers, and every entity class the
sync top level exports vs its ``Async`` twin: the same public names (fields,
relationships, constants, methods, properties; the protocol methods under their async
names), and for each method the same parameter names, kinds, defaults and annotations
once the async spellings are normalised (``AsyncX`` → ``X``, ``Awaitable[X]`` → ``X``,
``AsyncIterator`` → ``Iterator``, a coroutine's return → its result). A method that is
not a coroutine function in the async facade returns what the sync one returns, never
an awaitable. Each test fails listing every gap it found, not only the first.
"""

from __future__ import annotations

import functools
import inspect
import re
import typing
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import labelbox
from labelbox.orm.db_object import DbObject
from labelbox.orm.model import Field, Relationship

#: Sync protocol methods and their async names.
_PROTOCOL = {
    "__enter__": "__aenter__",
    "__exit__": "__aexit__",
    "__iter__": "__aiter__",
    "__next__": "__anext__",
}
_NAME_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(_?)Async(?=[A-Z])"), r"\1"),
    (re.compile(r"\blabelbox\._async\b"), "labelbox"),
    (re.compile(r"\bStopAsyncIteration\b"), "StopIteration"),
)
_WRAPPERS = ("Awaitable", "Coroutine")


def _sync_entities() -> list[str]:
    """The entity classes (DbObject subclasses) of the sync top level."""
    names = []
    for name in labelbox.__all__:
        if name.startswith("Async") or name == "__version__":
            continue
        value = getattr(labelbox, name)
        if isinstance(value, type) and issubclass(value, DbObject):
            names.append(name)
    return sorted(names)


ENTITIES = _sync_entities()


def _pairs() -> list[tuple[str, Callable[[], tuple[type[Any], type[Any]]]]]:
    def top(sync: str, asynchronous: str) -> Callable[[], tuple[type[Any], type[Any]]]:
        return lambda: (getattr(labelbox, sync), getattr(labelbox, asynchronous))

    def managers(name: str) -> Callable[[], tuple[type[Any], type[Any]]]:
        def load() -> tuple[type[Any], type[Any]]:
            from labelbox._async.orm import relationships as asynchronous
            from labelbox.orm import relationships as sync

            return getattr(sync, name), getattr(asynchronous, f"Async{name}")

        return load

    pairs = [("Client", top("Client", "AsyncClient"))]
    pairs.append(("PaginatedCollection", top("PaginatedCollection", "AsyncPaginatedCollection")))
    pairs += [(name, managers(name)) for name in ("ToManyManager", "ToOneManager")]
    pairs += [(name, top(name, f"Async{name}")) for name in ENTITIES]
    return pairs


PAIRS = dict(_pairs())


def test_every_sync_entity_has_an_exported_async_twin() -> None:
    """The sync top level's entity classes (DbObject subclasses) each have an
    ``Async<Name>`` in ``labelbox.__all__``, importable, of the same entity."""
    assert len(ENTITIES) >= 20, ENTITIES
    gaps = []
    for name in ENTITIES:
        twin = f"Async{name}"
        if twin not in labelbox.__all__:
            gaps.append(f"{twin} is not in labelbox.__all__")
            continue
        try:
            cls = getattr(labelbox, twin)
        except Exception as exc:  # an import error of the async module
            gaps.append(f"labelbox.{twin}: {type(exc).__name__}: {exc}")
            continue
        if cls.__name__ != twin:
            gaps.append(f"labelbox.{twin} is {cls!r}")
    for name in ("AsyncClient", "AsyncPaginatedCollection"):
        if name not in labelbox.__all__:
            gaps.append(f"{name} is not in labelbox.__all__")
    assert not gaps, "\n".join(gaps)


# -- normalising annotations -----------------------------------------------------------
def _unwrap(text: str, wrapper: str, replace: Callable[[str], str]) -> str:
    """Replaces each ``wrapper[ARGS]`` (brackets balanced) by ``replace(ARGS)``."""
    pattern = re.compile(rf"\b(?:[\w.]+\.)?{wrapper}\[")
    position = 0
    while found := pattern.search(text, position):
        depth, end = 1, found.end()
        while depth and end < len(text):
            depth += {"[": 1, "]": -1}.get(text[end], 0)
            end += 1
        replaced = replace(text[found.end() : end - 1])
        text = text[: found.start()] + replaced + text[end:]
        position = found.start() + (len(replaced) if replaced.startswith(wrapper) else 0)
    return text


def _split_top(args: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in args:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()]


def normalise(annotation: object) -> str:
    """The sync spelling of an async annotation (a string, as the modules use
    ``from __future__ import annotations``)."""
    if annotation is inspect.Parameter.empty:
        return "<none>"
    text = annotation if isinstance(annotation, str) else repr(annotation)
    for pattern, replacement in _NAME_RULES:
        text = pattern.sub(replacement, text)
    text = _unwrap(text, "Awaitable", lambda args: args)
    text = _unwrap(text, "Coroutine", lambda args: _split_top(args)[-1])
    text = _unwrap(
        text, "Generator", lambda args: f"Generator[{', '.join([*_split_top(args), 'None'][:3])}]"
    )
    return re.sub(r"\s+", " ", text).strip()


def test_normalise() -> None:
    assert normalise("AsyncPaginatedCollection[AsyncProject]") == "PaginatedCollection[Project]"
    assert normalise("Callable[..., Awaitable[Sequence[Any]]]") == "Callable[..., Sequence[Any]]"
    assert normalise("AsyncIterator[AsyncDataRow]") == "Iterator[DataRow]"
    assert normalise("httpx.AsyncClient | None") == "httpx.Client | None"
    assert normalise("Coroutine[Any, Any, AsyncUser | None]") == "User | None"
    assert normalise("AsyncGenerator[T, None]") == "Generator[T, None, None]"


# -- comparing one pair ----------------------------------------------------------------
def _public(cls: type[Any], protocol: dict[str, str]) -> dict[str, str]:
    """Public attribute names (and protocol methods), keyed by their sync name."""
    names = {name: name for name in dir(cls) if not name.startswith("_")}
    for sync, asynchronous in protocol.items():
        if hasattr(cls, asynchronous):
            names[sync] = asynchronous
    return names


def _kind(value: object) -> str:
    if isinstance(value, staticmethod):
        return "staticmethod"
    if isinstance(value, classmethod):
        return "classmethod"
    if isinstance(value, property | functools.cached_property):
        return type(value).__name__
    if inspect.isfunction(value):
        return "function"
    return normalise(type(value).__name__)


def _function(value: object) -> Callable[..., Any] | None:
    if isinstance(value, functools.cached_property):
        return value.func  # type: ignore[no-any-return]
    if isinstance(value, staticmethod | classmethod):
        return value.__func__  # type: ignore[no-any-return]
    if isinstance(value, property):
        return value.fget
    return value if inspect.isfunction(value) else None  # type: ignore[return-value]


def _signature_gaps(
    where: str, sync: Callable[..., Any], asynchronous: Callable[..., Any]
) -> list[str]:
    gaps = []
    left = inspect.signature(sync, eval_str=False)
    right = inspect.signature(asynchronous, eval_str=False)
    if list(left.parameters) != list(right.parameters):
        return [f"{where}: parameters {list(left.parameters)} vs {list(right.parameters)}"]
    for name, one in left.parameters.items():
        other = right.parameters[name]
        if one.kind != other.kind:
            gaps.append(f"{where}({name}): kind {one.kind} vs {other.kind}")
        if one.default is not other.default and not _same_value(one.default, other.default):
            gaps.append(f"{where}({name}): default {one.default!r} vs {other.default!r}")
        if normalise(one.annotation) != normalise(other.annotation):
            gaps.append(f"{where}({name}): annotation {one.annotation!r} vs {other.annotation!r}")
    if normalise(left.return_annotation) != normalise(right.return_annotation):
        gaps.append(f"{where}: returns {left.return_annotation!r} vs {right.return_annotation!r}")
    return gaps


def _same_value(one: object, other: object) -> bool:
    try:
        return bool(one == other) and type(one) is type(other)
    except Exception:
        return repr(one) == repr(other)


def _coroutine_gaps(
    where: str, sync: Callable[..., Any], asynchronous: Callable[..., Any]
) -> list[str]:
    """A coroutine function where the sync twin is a plain function; otherwise a plain
    function returning the same, non-awaitable kind of value."""
    if inspect.iscoroutinefunction(sync) or inspect.isasyncgenfunction(sync):
        return [f"{where}: the sync facade's method is async"]
    if inspect.iscoroutinefunction(asynchronous):
        if inspect.isgeneratorfunction(sync):
            return [f"{where}: a coroutine, but the sync method is a generator"]
        return []
    returned = inspect.signature(asynchronous, eval_str=False).return_annotation
    text = returned if isinstance(returned, str) else repr(returned)
    if any(re.search(rf"^\s*(?:[\w.]+\.)?{w}\[", text) for w in _WRAPPERS):
        return [f"{where}: not a coroutine function, but returns an awaitable ({text})"]
    wanted = normalise(inspect.signature(sync, eval_str=False).return_annotation)
    if normalise(returned) != wanted:
        return [f"{where}: not a coroutine function and returns {text}, the sync one {wanted}"]
    return []


def _overload_gaps(
    where: str, sync: Callable[..., Any], asynchronous: Callable[..., Any]
) -> list[str]:
    left, right = typing.get_overloads(sync), typing.get_overloads(asynchronous)
    if len(left) != len(right):
        return [f"{where}: {len(left)} overloads vs {len(right)}"]
    gaps = []
    for index, (one, other) in enumerate(zip(left, right, strict=True)):
        gaps += _signature_gaps(f"{where} overload {index}", one, other)
    return gaps


def _attribute_gaps(where: str, sync: object, asynchronous: object) -> list[str]:
    """Fields, relationships and constants: the same declaration."""
    if inspect.ismemberdescriptor(sync) or inspect.isgetsetdescriptor(sync):
        return []  # an instance attribute (slots): its kind was compared
    if isinstance(sync, Field):
        same = isinstance(asynchronous, Field) and repr(sync) == normalise(repr(asynchronous))
        return [] if same else [f"{where}: field {sync!r} vs {asynchronous!r}"]
    if isinstance(sync, Relationship):
        keys = ("target_name", "graphql_name", "filterable", "sortable")
        one = {k: getattr(sync, k, None) for k in keys}
        other = {k: getattr(asynchronous, k, None) for k in keys}
        return [] if one == other else [f"{where}: relationship {one} vs {other}"]
    if not callable(sync) and not _same_value(sync, asynchronous):
        return [f"{where}: value {sync!r} vs {asynchronous!r}"]
    return []


def surface_gaps(sync_cls: type[Any], async_cls: type[Any]) -> list[str]:
    """Every difference between the public surfaces of a sync class and its twin."""
    protocol = {k: v for k, v in _PROTOCOL.items() if hasattr(sync_cls, k)}
    sync_names = _public(sync_cls, {k: k for k in protocol})
    async_names = _public(async_cls, protocol)
    prefix = sync_cls.__name__
    gaps = [
        f"{prefix}.{n}: missing in {async_cls.__name__}"
        for n in sorted(set(sync_names) - set(async_names))
    ]
    gaps += [
        f"{async_cls.__name__}.{n}: not in {prefix}"
        for n in sorted(set(async_names) - set(sync_names))
    ]
    for name in sorted(set(sync_names) & set(async_names)):
        where = f"{prefix}.{name}"
        sync = inspect.getattr_static(sync_cls, sync_names[name])
        asynchronous = inspect.getattr_static(async_cls, async_names[name])
        if _kind(sync) != _kind(asynchronous):
            gaps.append(f"{where}: a {_kind(sync)} vs a {_kind(asynchronous)}")
            continue
        one, other = _function(sync), _function(asynchronous)
        if one is None or other is None:
            gaps += _attribute_gaps(where, sync, asynchronous)
            continue
        gaps += _signature_gaps(where, one, other)
        gaps += _overload_gaps(where, one, other)
        if not isinstance(sync, property | functools.cached_property) and name not in protocol:
            gaps += _coroutine_gaps(where, one, other)
    return gaps


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_same_surface(name: str) -> None:
    try:
        sync_cls, async_cls = PAIRS[name]()
    except Exception as exc:
        pytest.fail(f"{name}: the async twin cannot be loaded: {type(exc).__name__}: {exc}")
    gaps = surface_gaps(sync_cls, async_cls)
    assert not gaps, f"{len(gaps)} gap(s):\n" + "\n".join(gaps)


def test_async_protocols_are_async() -> None:
    """The async facade's context managers and iterators are the async protocols."""
    gaps = []
    for name, cls in _async_classes():
        for sync, asynchronous in _PROTOCOL.items():
            if asynchronous == "__aiter__":
                continue  # returns an async iterator, a plain method
            method = getattr(cls, asynchronous, None)
            if method is not None and not inspect.iscoroutinefunction(method):
                gaps.append(f"{name}.{asynchronous} is not a coroutine function")
            if getattr(cls, sync, None) is not None:
                gaps.append(f"{name}.{sync} exists: the async facade has no sync protocol")
    assert not gaps, "\n".join(gaps)


def _async_classes() -> Iterator[tuple[str, type[Any]]]:
    for name in ("AsyncClient", "AsyncPaginatedCollection", *(f"Async{n}" for n in ENTITIES)):
        try:
            yield name, getattr(labelbox, name)
        except Exception:  # reported by test_every_sync_entity_has_an_exported_async_twin
            continue


def test_the_comparison_sees_a_difference() -> None:
    """The comparison itself: a renamed parameter, a lost default, a sync method left
    sync, an awaitable-returning plain method and a missing method are all reported."""

    class Sync:
        def get(self, uid: str, timeout: float = 1.0) -> Sync:
            return self

        def fetch(self) -> int:
            return 1

        def listed(self) -> list[int]:
            return []

        def gone(self) -> None:
            return None

    class AsyncSync:
        async def get(self, id: str, timeout: float = 2.0) -> AsyncSync:
            return self

        def fetch(self) -> typing.Awaitable[int]:
            raise NotImplementedError

        def listed(self) -> list[str]:
            return []

    gaps = "\n".join(surface_gaps(Sync, AsyncSync))
    assert "Sync.gone: missing" in gaps
    assert "Sync.get: parameters" in gaps
    assert "Sync.fetch: not a coroutine function, but returns an awaitable" in gaps
    assert "Sync.listed: returns" in gaps
