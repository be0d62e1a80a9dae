"""What ``import labelbox`` and the first call load, pinned so the cost cannot creep back
(issue 19: "pay for what you use at import"; see ARCHITECTURE.md, "Lazy imports").

Each case runs in a fresh interpreter and reports ``sys.modules``. Timings are measured
by ``bench/import_time.py``, never asserted here: module sets are what can be pinned.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

from labelbox_emulator.pytest_plugin import EmulatedOrganization

ROOT = Path(__file__).resolve().parents[2]

#: Prints the top-level packages outside the standard library that are loaded, and the
#: labelbox modules, after the program given as argv[1] ran.
_REPORT = """
import json, sys
exec(sys.argv[1])
loaded = sorted(name for name, module in sys.modules.items() if module is not None)
stdlib = sys.stdlib_module_names | set(sys.builtin_module_names)
print(json.dumps({
    "third_party": sorted({n.split(".")[0] for n in loaded} - stdlib),
    "modules": loaded,
    "result": globals().get("result"),
}))
"""

#: Top-level packages nobody may load before they are needed.
_HEAVY = {"pydantic", "pydantic_core", "httpx", "httpcore", "h11", "anyio", "certifi", "idna"}
#: Heavy standard-library modules ``import labelbox`` must not load either.
_HEAVY_STDLIB = {"ssl", "socket", "email", "http", "asyncio", "json", "logging", "inspect"}


#: The generated client's own modules (not an operation's).
_GENERATED_RUNTIME = {
    "labelbox_gen.base_client",
    "labelbox_gen.base_model",
    "labelbox_gen.client",
    "labelbox_gen.enums",
    "labelbox_gen.fragments",
    "labelbox_gen.open_enum",
    "labelbox_gen.operations",
    "labelbox_gen.wire",
    "labelbox_gen.wire_plan",
}


def _loaded(program: str) -> dict[str, object]:
    """``sys.modules`` of a fresh interpreter after ``program`` ran, minus what the bare
    interpreter (its site packages' hooks) loads anyway."""

    def run(code: str) -> dict[str, object]:
        done = subprocess.run(
            [sys.executable, "-c", _REPORT, code],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
        return found

    bare, found = run("pass"), run(program)
    for key in ("third_party", "modules"):
        found[key] = sorted(set(found[key]) - set(bare[key]))  # type: ignore[call-overload]
    return found


def _labelbox_modules(found: dict[str, object]) -> list[str]:
    return [m for m in found["modules"] if m.split(".")[0] in ("labelbox", "labelbox_gen")]  # type: ignore[attr-defined]


def test_import_labelbox_loads_nothing_but_the_package() -> None:
    found = _loaded("import labelbox")
    assert found["third_party"] == ["labelbox"]  # no pydantic, httpx, labelbox_gen, ...
    assert _labelbox_modules(found) == ["labelbox"]
    assert not _HEAVY_STDLIB & {m.split(".")[0] for m in found["modules"]}  # type: ignore[attr-defined]


def test_import_labelbox_schema_loads_no_entity_module() -> None:
    found = _loaded("import labelbox.schema")
    assert _labelbox_modules(found) == ["labelbox", "labelbox.schema"]
    assert found["third_party"] == ["labelbox"]


def test_from_labelbox_import_client_loads_only_what_client_needs() -> None:
    found = _loaded("from labelbox import Client")
    assert found["third_party"] == ["labelbox"]  # httpx at Client(), pydantic at the first call
    modules = _labelbox_modules(found)
    assert not [m for m in modules if m.startswith(("labelbox.schema", "labelbox._generated"))]
    assert len(modules) <= 6, modules


def test_an_entity_name_loads_its_module_and_no_generated_operation() -> None:
    found = _loaded("from labelbox import Project")
    # An entity wraps its generated (pydantic) model; the transport waits for a Client.
    assert not {"httpx", "httpcore", "h11", "certifi"} & set(found["third_party"])  # type: ignore[arg-type]
    modules = _labelbox_modules(found)
    assert "labelbox.schema.project" in modules
    assert "labelbox.schema.ontology" not in modules  # not used by Project's module
    assert not [m for m in modules if m.startswith("labelbox_gen.get_")]
    assert "labelbox_gen.input_types" not in modules


def test_public_names_resolve_and_are_listed() -> None:
    found = _loaded(
        "import labelbox\n"
        "missing = [n for n in labelbox.__all__ if not hasattr(labelbox, n)]\n"
        "listed = set(labelbox.__all__) <= set(dir(labelbox))\n"
        "from labelbox import Project, Dataset\n"
        "import labelbox.schema\n"
        "result = [missing, listed, labelbox.Project is Project,\n"
        "          labelbox.schema.dataset.Dataset is Dataset,\n"
        "          'project' in dir(labelbox.schema)]\n"
    )
    assert found["result"] == [[], True, True, True, True]


def test_misspelt_names_raise_attribute_error() -> None:
    found = _loaded(
        "import labelbox, labelbox.schema\n"
        "result = []\n"
        "for module, name in ((labelbox, 'Projekt'), (labelbox.schema, 'projekt')):\n"
        "    try:\n"
        "        getattr(module, name)\n"
        "    except AttributeError as exc:\n"
        "        result.append(str(exc))\n"
    )
    assert found["result"] == [
        "module 'labelbox' has no attribute 'Projekt'",
        "module 'labelbox.schema' has no attribute 'projekt'",
    ]


def test_first_call_in_a_fresh_process_loads_only_its_operation(
    labelbox_organization: EmulatedOrganization,
) -> None:
    org = labelbox_organization
    found = _loaded(
        "from labelbox import Client\n"
        f"client = Client(api_key={org.api_key!r}, endpoint={org.endpoint!r})\n"
        "result = client.get_user().uid\n"
    )
    assert found["result"] == org.user_id
    modules = _labelbox_modules(found)
    generated = [m for m in modules if m.startswith("labelbox_gen.")]
    fragments = [m for m in generated if m.startswith("labelbox_gen.fragments.")]
    operations = sorted(set(generated) - set(fragments) - _GENERATED_RUNTIME)
    assert operations == ["labelbox_gen.get_current_user"]
    # The fragment models of the entity modules imported, not all of them.
    assert "labelbox_gen.fragments.user_fields" in fragments
    assert "labelbox_gen.fragments.ontology_fields" not in fragments
    assert len(fragments) <= 8, fragments
    assert "labelbox_gen.input_types" not in modules  # no where-clause compiled
    assert "labelbox.schema.ontology" not in modules


def test_an_entity_pickled_here_unpickles_in_a_fresh_process(
    labelbox_organization: EmulatedOrganization,
) -> None:
    with labelbox_organization.client() as client:
        project = client.create_project(name="pickled")
        data = pickle.dumps(project)
    found = _loaded(
        "import pickle\n"
        f"project = pickle.loads({data!r})\n"
        "result = [type(project).__module__, project.name, project.client.get_user().uid]\n"
    )
    assert found["result"] == [
        "labelbox.schema.project",
        "pickled",
        labelbox_organization.user_id,
    ]
