"""EmulatorConfig: one record of options shared by Emulator(...), the CLI and the state;
and the layering rule (state, store and domain never import the layers above them)."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest

from labelbox_emulator import Emulator, EmulatorConfig
from labelbox_emulator.cli import _parser, config_of

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "labelbox_emulator"


def test_keyword_options_and_config_give_the_same_emulator() -> None:
    by_keywords = Emulator(transitions="immediate", latency=0.5, control_token="t")
    by_config = Emulator(config=EmulatorConfig(transitions="immediate", latency=0.5))
    assert by_keywords.config == dataclasses.replace(by_config.config, control_token="t")
    assert by_config.control_token  # generated once, kept by the config
    assert by_config.config.control_token == by_config.control_token
    with pytest.raises(dataclasses.FrozenInstanceError):
        by_config.config.latency = 1.0  # type: ignore[misc]


def test_unknown_or_doubled_options_are_refused() -> None:
    with pytest.raises(TypeError):
        Emulator(transition="immediate")
    with pytest.raises(TypeError):
        Emulator(config=EmulatorConfig(), latency=1.0)
    with pytest.raises(ValueError, match="latency must not be negative"):
        EmulatorConfig(latency=-1.0)


def test_serve_defaults_are_the_config_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LABELBOX_EMULATOR_CONTROL_TOKEN", raising=False)
    assert config_of(_parser().parse_args(["serve"])) == EmulatorConfig(port=8080)


def test_serve_flags_convert_to_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABELBOX_EMULATOR_CONTROL_TOKEN", "from-env")
    args = ["serve", "--db", "x.sqlite", "--latency-ms", "150", "--complexity-limit", "0"]
    args += ["--max-string-bytes", "0", "--transitions", "polls:2", "--port", "0"]
    config = config_of(_parser().parse_args(args))
    assert (config.db_path, config.latency, config.complexity_limit) == ("x.sqlite", 0.15, None)
    assert (config.max_string_bytes, config.transitions, config.port) == (None, "polls:2", 0)
    assert config.control_token == "from-env"


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, as absolute names inside the package."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_lower_layers_never_import_upper_ones() -> None:
    upper = ("resolvers", "executor", "app", "wiring", "server", "cli")
    lower = [PACKAGE / "state.py", *sorted((PACKAGE / "store").glob("*.py"))]
    lower += sorted((PACKAGE / "domain").glob("*.py"))
    for path in lower:
        for module in _imports(path):
            parts = module.split(".")
            assert not (parts[0] == "labelbox_emulator" and len(parts) > 1 and parts[1] in upper), (
                f"{path.name} imports {module}"
            )
