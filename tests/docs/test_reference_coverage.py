"""Every name the classic API reference documents appears in the built documentation site.

The site is built once for this module (``mkdocs build --strict`` into a temporary
directory, as ``scripts/docs`` does) and every documented name of the classic reference,
extracted by the parser of ``tests/facade/test_reference_names.py``, must be the anchor
(``id``) of a section mkdocstrings rendered: ``labelbox.schema.project.Project.datasets``,
``labelbox.exceptions.UuidError``, ``labelbox.schema.enums.BulkImportRequestState``, ...
The built site also works opened from disk (every link between pages reaches a file).
A documented ``__init__`` is rendered inside its class (``merge_init_into_class``), so
its class's anchor stands for it. A documented relationship's section must also say
``ToMany relationship to Dataset`` (the schema's description, rendered as the docstring).
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
_ID = re.compile(r'\sid="(labelbox[A-Za-z0-9_.]*)"')


def _reference_names() -> ModuleType:
    """tests/facade/test_reference_names.py, loaded by path (its parser is reused)."""
    name = "_classic_reference_names"
    if name in sys.modules:
        return sys.modules[name]
    path = ROOT / "tests" / "facade" / "test_reference_names.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation site, built as scripts/docs builds it (strict)."""
    pytest.importorskip("mkdocs", reason="the docs tools come with the dev extra")
    pytest.importorskip("mkdocstrings_handlers.python")
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=240,
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="module")
def sections(site: Path) -> dict[str, str]:
    """Anchor id -> the HTML of its section (up to the next rendered object's anchor)."""
    found: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        matches = list(_ID.finditer(html))
        if not matches:
            continue
        for match, following in zip(matches, [*matches[1:], None], strict=True):
            end = following.start() if following is not None else len(html)
            found.setdefault(match.group(1), html[match.end() : end])
    return found


def _anchor(item: Any) -> str:
    return item.owner if item.name == "__init__" else item.path


def test_every_documented_name_is_in_the_site(sections: dict[str, str]) -> None:
    reference = _reference_names()
    items = reference.documented()
    if not items:
        pytest.skip("the classic reference is not available (set LABELBOX_REFERENCE)")
    missing = sorted(f"{item.kind}: {item.path}" for item in items if _anchor(item) not in sections)
    assert not missing, "documented in the classic reference, absent from the site:\n" + "\n".join(
        missing
    )


def test_relationships_are_described(sections: dict[str, str]) -> None:
    items = [item for item in _reference_names().documented() if item.kind == "relationship"]
    if not items:
        pytest.skip("the classic reference is not available (set LABELBOX_REFERENCE)")
    wrong = []
    for item in items:
        text = re.sub(r"<[^>]+>", "", sections.get(item.path, ""))
        if f"{item.relationship} relationship to {item.target}" not in text:
            wrong.append(item.path)
    assert not wrong, "relationships without their 'ToMany relationship to X' text:\n" + "\n".join(
        wrong
    )


def test_schema_page_lists_every_operation(site: Path) -> None:
    """The generated API schema page shows every operation the SDK sends."""
    from graphql import OperationDefinitionNode, parse

    page = (site / "reference" / "api-schema.html").read_text(encoding="utf-8")
    operations = parse((ROOT / "src" / "labelbox_gen" / "operations.graphql").read_text())
    names = [
        d.name.value
        for d in operations.definitions
        if isinstance(d, OperationDefinitionNode) and d.name is not None
    ]
    assert names
    absent = [name for name in names if f'id="op-{name.lower()}"' not in page]
    assert not absent, absent


_HREF = re.compile(r'(?:href|src)="([^"#?]+)(?:[#?][^"]*)?"')


def test_the_site_works_from_disk(site: Path) -> None:
    """Opened as files (no web server), every link between its pages reaches a file."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":  # served by a web server only, for unknown paths
            continue
        for target in _HREF.findall(page.read_text(encoding="utf-8")):
            if "://" in target or target.startswith(("mailto:", "data:", "javascript:")):
                continue
            resolved = (page.parent / target).resolve()
            if not resolved.is_file():
                broken.append(f"{page.relative_to(site)} -> {target}")
    assert broken == []


def test_fields_are_shown_on_their_public_class(sections: dict[str, str]) -> None:
    """``Dataset.name`` reads ``Field[Dataset, str]``, as a type checker sees it, not the
    generated base's ``Field[DatasetBase, str]``."""
    text = re.sub(r"<[^>]+>", "", sections["labelbox.schema.dataset.Dataset.name"])
    assert "Field[Dataset, str]" in html.unescape(text)
    assert "DatasetBase" not in text
