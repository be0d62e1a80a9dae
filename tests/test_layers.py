"""The generated client is a one-way layer: ``labelbox_gen`` never imports ``labelbox``.

Everything generated that builds on the facade (the entity bases on ``labelbox.orm``)
is generated into the facade's own area, ``labelbox._generated``. Checked twice:
statically (no import statement of any ``labelbox_gen`` module names ``labelbox``, not
even under ``TYPE_CHECKING``) and at run time (every ``labelbox_gen`` module imports,
lazy attributes included, with ``labelbox`` made unimportable).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
GENERATED = SRC / "labelbox_gen"
MODULES = sorted(GENERATED.rglob("*.py"))
#: Module-loading calls whose first argument, a constant, names a module.
IMPORT_CALLS = {"import_module", "__import__"}


def _imports_labelbox(name: str) -> bool:
    return name == "labelbox" or name.startswith("labelbox.")


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in IMPORT_CALLS and isinstance(first, ast.Constant):
                names = [str(first.value)]
        found += [f"{path.name}:{node.lineno}: imports {n}" for n in names if _imports_labelbox(n)]
    return found


def test_every_generated_module_is_scanned() -> None:
    names = {path.name for path in MODULES}
    assert {"__init__.py", "client.py", "operations.py", "base_client.py"} <= names
    assert "entities.py" not in names  # generated into labelbox/_generated/


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(GENERATED)))
def test_no_generated_module_imports_the_facade(path: Path) -> None:
    assert _violations(path) == []


def test_the_scan_catches_what_it_should(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import labelbox\n"
        "import labelbox.client as c\n"
        "from labelbox.orm.model import Field\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from labelbox import Client\n"
        "def f():\n"
        "    import importlib\n"
        "    importlib.import_module('labelbox.schema.project')\n"
        # Neither is the facade:
        "import labelbox_gen.client\n"
        "from labelbox_emulator import server\n"
        "from .fragments import ProjectFields\n",
        encoding="utf-8",
    )
    assert len(_violations(probe)) == 5


IMPORT_EVERYTHING = """
import importlib, pkgutil, sys

sys.modules["labelbox"] = None  # any import of labelbox (or labelbox.x) raises ImportError
import labelbox_gen

imported = []
for info in pkgutil.walk_packages(labelbox_gen.__path__, "labelbox_gen."):
    importlib.import_module(info.name)
    imported.append(info.name)
for name in labelbox_gen.__all__:  # lazy attributes import their modules on access
    getattr(labelbox_gen, name)
facade = sorted(m for m in sys.modules if m.startswith("labelbox.") and sys.modules[m])
assert not facade, facade
print(len(imported))
"""


def test_labelbox_gen_imports_with_labelbox_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=SRC.parent,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= len(MODULES) - 1  # all but __init__
