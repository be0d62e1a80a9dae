"""Every name documented in the classic API reference exists at its documented path.

The names are extracted mechanically from the reference text (the contract of the
facade, see DESIGN.md), not from a hand list:

- body: class headers (``class labelbox.schema.project.Project (...)``, nested
  ``class NetScore(value)``), member entries (``**name**``, ``**name** (args)``,
  ``static name (args)``, and the bare names of the code-block parts of the PDF
  conversion), module functions (``labelbox.schema.bulk_import_request.get_mal_schemas(
  ontology)``), ``exception labelbox.exceptions.X`` entries, and the relationship kind and
  target documented under an attribute (``ToMany relationship to Dataset``);
- the index: ``name (labelbox.x.Y attribute|method|static method)``, ``X (class in m)``,
  ``f() (in module m)``, the exception names and the Python module index.

Each name must resolve at its documented path in our ``labelbox`` package: modules
import, classes are classes, methods are callable, documented relationships are
``ToMany``/``ToOne`` descriptors to the documented target. Names that are known to be
missing are listed in KNOWN_GAPS, and the test asserts they are *still* missing, so
closing a gap forces updating the list.

The reference is ../shared/reference/labelbox-python-api-reference.md beside the repo
(or the path in $LABELBOX_REFERENCE); the tests skip only if it is absent.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

_REFERENCE_NAME = "labelbox-python-api-reference.md"

#: Documented names the facade does not provide yet, each with its reason, e.g.
#: ``"labelbox.schema.bulk_import_request.get_mal_schemas": "MAL validation (issue N)"``.
#: Empty: get_mal_schemas and parse_classification (the last gaps) have landed.
KNOWN_GAPS: dict[str, str] = {}


def _reference_path() -> Path | None:
    candidates = [Path(p) for p in [os.environ.get("LABELBOX_REFERENCE", "")] if p]
    here = Path(__file__).resolve()
    candidates += [parent / "shared" / "reference" / _REFERENCE_NAME for parent in here.parents]
    return next((path for path in candidates if path.is_file()), None)


@dataclass(frozen=True)
class Documented:
    """One documented name: ``kind`` is module, class, exception, function, method,
    attribute or relationship; ``target`` is the related class of a relationship."""

    path: str
    kind: str
    relationship: str | None = None
    target: str | None = None

    @property
    def owner(self) -> str:
        return self.path.rsplit(".", 1)[0]

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[1]


# -- extraction ---------------------------------------------------------------------------
def _plain(line: str) -> str:
    """A line without markdown: no bold/italics markers, backticks, escapes or links."""
    line = re.sub(r"\\+([_*()\[\]])", r"\1", line)
    line = re.sub(r"\[([^\]]*)\]\(#[^)]*\)", r"\1", line)
    line = line.replace("**", "").replace("`", "")
    return line.rstrip()


_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_CLASS = re.compile(rf"^\s*class\s+((?:{_IDENT}\.)*{_IDENT})\s*\(")
_EXCEPTION = re.compile(rf"^\s*exception\s+(labelbox\.exceptions\.{_IDENT})")
_MODULE_FUNCTION = re.compile(rf"^\s*(labelbox(?:\.{_IDENT})+)\.({_IDENT})\s*\(")
_MEMBER = re.compile(rf"^\s*(static\s+)?({_IDENT})\s*(\(.*\)\s*(→.*)?)?$")
_ATTRIBUTE_DIRECTIVE = re.compile(rf"attribute::\s*({_IDENT})\s*$")
_RELATIONSHIP = re.compile(rf"^\s*\*?(ToMany|ToOne)\*?\s+relationship\s+to\s+({_IDENT})")
#: Words of the prose that the PDF conversion leaves alone on a line.
_NOT_MEMBERS = {"module", "static"}


def _body_lines(text: str) -> list[tuple[str, bool, bool]]:
    """(plain line, starts with bold, is a code fence) for the body, i.e. up to the
    Python module index."""
    body = text.split("## PYTHON MODULE INDEX", 1)[0]
    return [
        (_plain(line), line.lstrip().startswith("**"), line.lstrip().startswith("```"))
        for line in body.splitlines()
    ]


def _from_body(text: str) -> list[Documented]:
    found: list[Documented] = []
    current: str | None = None  # the documented class whose members follow
    last_member: Documented | None = None
    in_code = False
    for raw, bold, fence in _body_lines(text):
        if fence:
            in_code = not in_code
            continue
        if raw.startswith("## "):
            current, last_member = None, None
            continue
        if m := _EXCEPTION.match(raw):
            found.append(Documented(m.group(1), "exception"))
            current, last_member = None, None
            continue
        if m := _CLASS.match(raw):
            name = m.group(1)
            if "." in name:
                current = name
                found.append(Documented(name, "class"))
            elif current is not None:  # a nested class (enumeration) of the current one
                found.append(Documented(f"{current}.{name}", "class"))
            last_member = None
            continue
        if m := _MODULE_FUNCTION.match(raw):
            found.append(Documented(f"{m.group(1)}.{m.group(2)}", "function"))
            last_member = None
            continue
        if current is None:
            continue
        if m := _RELATIONSHIP.match(raw):
            if last_member is not None and last_member.kind == "attribute":
                found.remove(last_member)
                last_member = Documented(last_member.path, "relationship", m.group(1), m.group(2))
                found.append(last_member)
            continue
        if m := _ATTRIBUTE_DIRECTIVE.search(raw):
            last_member = Documented(f"{current}.{m.group(1)}", "attribute")
            found.append(last_member)
            continue
        # Member entries: bold at the start of a line in the markdown parts, or a bare
        # name (with its signature, for methods) on its own line in the code-block parts.
        if not (bold or in_code):
            continue
        if m := _MEMBER.match(raw):
            static, name, signature = m.group(1), m.group(2), m.group(3)
            if name in _NOT_MEMBERS or name[0].isupper():
                continue
            kind = "method" if (signature or static) else "attribute"
            last_member = Documented(f"{current}.{name}", kind)
            found.append(last_member)
    return found


_INDEX_MEMBER = re.compile(
    rf"({_IDENT})(\(\))?\s*\((labelbox(?:\.{_IDENT})+)\s+(attribute|method|static method)\)"
)
_INDEX_CLASS = re.compile(rf"({_IDENT}(?:\.{_IDENT})?)\s*\(class in (labelbox(?:\.{_IDENT})*)\)")
_INDEX_FUNCTION = re.compile(rf"({_IDENT})\(\)\s*\(in module (labelbox(?:\.{_IDENT})*)\)")
_INDEX_EXCEPTION = re.compile(rf"(?:^|\s)({_IDENT}(?:Error|Exception)),\s*\d+")
_MODULE_INDEX_ENTRY = re.compile(rf"^\s*-\s*(labelbox(?:\.{_IDENT})*),\s*\d+\s*$")


def _from_index(text: str) -> list[Documented]:
    index = text.split("## PYTHON MODULE INDEX", 1)[1]
    modules_part, _, entries_part = index.partition("## Symbols")
    found = [
        Documented(m.group(1), "module")
        for line in modules_part.splitlines()
        if (m := _MODULE_INDEX_ENTRY.match(_plain(line)))
    ]
    # Entries wrap over lines (and list markers) in the conversion: join them first.
    flat = " ".join(
        re.sub(r"^\s*-\s*", "", _plain(line)).replace("*", "") for line in entries_part.splitlines()
    )
    flat = re.sub(r"\s+", " ", flat)
    for m in _INDEX_MEMBER.finditer(flat):
        kind = "attribute" if m.group(4) == "attribute" else "method"
        found.append(Documented(f"{m.group(3)}.{m.group(1)}", kind))
    for m in _INDEX_CLASS.finditer(flat):
        found.append(Documented(f"{m.group(2)}.{m.group(1)}", "class"))
    for m in _INDEX_FUNCTION.finditer(flat):
        found.append(Documented(f"{m.group(2)}.{m.group(1)}", "function"))
    for m in _INDEX_EXCEPTION.finditer(flat):
        found.append(Documented(f"labelbox.exceptions.{m.group(1)}", "exception"))
    return found


@cache
def documented() -> tuple[Documented, ...]:
    """Every documented name, once (a body relationship wins over an index attribute)."""
    path = _reference_path()
    if path is None:
        return ()
    text = path.read_text(encoding="utf-8")
    by_path: dict[str, Documented] = {}
    for item in _from_index(text) + _from_body(text):
        known = by_path.get(item.path)
        if known is None or item.kind == "relationship":
            by_path[item.path] = item
    modules = {item.owner for item in by_path.values() if item.kind in ("class", "exception")}
    for module in modules:  # a nested class's owner is a class, not a module
        if module.count(".") and not _looks_like_class(module):
            by_path.setdefault(module, Documented(module, "module"))
    return tuple(sorted(by_path.values(), key=lambda item: item.path))


def _looks_like_class(path: str) -> bool:
    return path.rsplit(".", 1)[-1][:1].isupper()


def _require_reference() -> None:
    if _reference_path() is None:
        pytest.skip(f"{_REFERENCE_NAME} not found (set LABELBOX_REFERENCE)")


# -- resolution ---------------------------------------------------------------------------
_MISSING = object()


def _resolve(path: str) -> Any:
    """The object at a dotted path: the longest importable module, then attributes
    (dataclass fields without a class-level default count as attributes)."""
    parts = path.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for part in parts[split:]:
            value = inspect.getattr_static(obj, part, _MISSING)
            if value is _MISSING and dataclasses.is_dataclass(obj):
                fields = {f.name: f for f in dataclasses.fields(obj)}
                value = fields.get(part, _MISSING)
            if value is _MISSING:
                return _MISSING
            obj = getattr(obj, part) if not isinstance(value, dataclasses.Field) else value
        return obj
    return _MISSING


def _problem(item: Documented) -> str | None:
    """Why ``item`` is not provided as documented, or None."""
    from labelbox.orm.model import ToMany, ToOne

    obj = _resolve(item.path)
    if obj is _MISSING:
        return "missing"
    if item.kind == "module" and not isinstance(obj, ModuleType):
        return f"not a module: {obj!r}"
    if item.kind == "class" and not inspect.isclass(obj):
        return f"not a class: {obj!r}"
    if item.kind == "exception" and not (inspect.isclass(obj) and issubclass(obj, Exception)):
        return f"not an exception class: {obj!r}"
    if item.kind in ("method", "function") and not callable(obj):
        return f"not callable: {obj!r}"
    if item.kind == "relationship":
        expected = {"ToMany": ToMany, "ToOne": ToOne}[item.relationship or ""]
        if not isinstance(obj, expected):
            return f"not a {item.relationship}: {obj!r}"
        if obj.target_name != item.target:
            return f"leads to {obj.target_name}, documented {item.target}"
    return None


# -- tests --------------------------------------------------------------------------------
def _ids() -> list[Documented]:
    return list(documented())


def test_reference_is_parsed_thoroughly() -> None:
    """The extraction finds the whole reference (guards the parser itself)."""
    _require_reference()
    items = documented()
    kinds = {kind: sum(item.kind == kind for item in items) for kind in {i.kind for i in items}}
    # The counts of the reference as published (Release 2.4); a parser regression
    # changes them.
    assert kinds == {
        "module": 19,
        "class": 26,
        "exception": 15,
        "function": 2,
        "method": 45,
        "attribute": 82,
        "relationship": 54,
    }, kinds
    paths = {item.path for item in items}
    for sample in (
        "labelbox.client.Client.get_project",
        "labelbox.client.Client.__init__",
        "labelbox.schema.project.Project.upsert_review_queue",
        "labelbox.schema.project.LabelingParameterOverride.priority",
        "labelbox.exceptions.UuidError",
        "labelbox.schema.enums.BulkImportRequestState",
        "labelbox.schema.bulk_import_request.get_mal_schemas",
        "labelbox.schema.review.Review.NetScore",
        "labelbox.schema.webhook.Webhook.Topic",
        "labelbox.schema.asset_metadata.AssetMetadata.MetaType",
        "labelbox.schema.ontology.Ontology.name",
        "labelbox.schema.ontology.OntologyBuilder.tools",
        "labelbox.schema.label.Label.bulk_delete",
        "labelbox.schema.prediction.Prediction.updated_at",
        "labelbox.pagination.PaginatedCollection.__init__",
    ):
        assert sample in paths, sample
    relationships = {item.path: item for item in items if item.kind == "relationship"}
    assert relationships["labelbox.schema.project.Project.datasets"].target == "Dataset"
    assert relationships["labelbox.schema.user.User.created_tasks"].relationship == "ToMany"


@pytest.mark.parametrize("item", _ids(), ids=lambda item: f"{item.kind}:{item.path}")
def test_documented_name_exists(item: Documented) -> None:
    _require_reference()
    if item.path in KNOWN_GAPS:
        pytest.skip(f"known gap: {KNOWN_GAPS[item.path]}")
    problem = _problem(item)
    assert problem is None, f"{item.path} ({item.kind}): {problem}"


def test_known_gaps_are_still_gaps() -> None:
    """Closing a gap must remove it from KNOWN_GAPS (and each gap is documented)."""
    _require_reference()
    paths = {item.path for item in documented()}
    for path in KNOWN_GAPS:
        assert path in paths, f"{path} is not documented: drop it from KNOWN_GAPS"
        assert _resolve(path) is _MISSING, f"{path} exists now: drop it from KNOWN_GAPS"


def test_top_level_exports() -> None:
    """``from labelbox import ...`` of the design contract gives the documented classes."""
    import labelbox

    for item in documented():
        if (
            item.kind == "class"
            and item.owner.startswith("labelbox.")
            and item.name
            in (
                "Client",
                "Project",
                "Dataset",
                "DataRow",
                "Label",
                "Review",
                "User",
                "Organization",
                "Task",
                "LabelingFrontend",
                "AssetMetadata",
                "Webhook",
                "Benchmark",
                "Prediction",
                "PredictionModel",
                "Ontology",
                "OntologyBuilder",
                "BulkImportRequest",
            )
        ):
            assert getattr(labelbox, item.name) is _resolve(item.path), item.path
