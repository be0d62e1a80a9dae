"""schema.provenance.toml grades every named type and root field of schema.graphql, is fresh,
and each `recorded` grade is confirmed by the recorded documents (tests/fidelity/provenance.py).

Freshness needs the unmodified classic labelbox==2.6.0 source (its venv's python in
``LABELBOX_CLASSIC_PYTHON``, else ``.venv-classic``): skipped locally when it is missing,
failed when ``CI=true`` (as tests/compat does), so CI never silently skips it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from graphql import GraphQLSchema, is_enum_type, is_input_object_type, is_scalar_type, parse


def _load_provenance() -> ModuleType:
    # By path: tests/ is not a package, and this must not depend on pytest's import mode.
    spec = importlib.util.spec_from_file_location(
        "_fidelity_provenance", Path(__file__).with_name("provenance.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


prov = _load_provenance()
LOCATION = re.compile(rf"^{re.escape(prov.CLASSIC_PREFIX)}/labelbox/[\w/]+\.py:[1-9][0-9]*$")
SECTIONS = ("types", "query", "mutation")


def _read_table(text: str) -> dict[str, Any]:
    """The generated file, read as TOML."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(text)


@cache
def _checked_in() -> dict[str, Any]:
    assert prov.TABLE_PATH.is_file(), "run: .venv/bin/python -m tests.fidelity.provenance --write"
    return _read_table(prov.TABLE_PATH.read_text())


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return prov.load_schema()


@pytest.fixture(scope="module")
def classic_package() -> Path:
    package = prov.find_classic_package()
    if package is None:
        hint = (
            f"the classic labelbox=={prov.CLASSIC_VERSION} source is missing: create "
            f".venv-classic with `scripts/classic-venv` or set {prov.CLASSIC_ENV} to the python "
            "of a venv that has it"
        )
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{hint} (required when CI=true).", pytrace=False)
        pytest.skip(hint + ".")
    return package


@pytest.fixture(scope="module")
def provenance(classic_package: Path) -> Any:
    return prov.build(classic_package)


def test_every_named_type_and_root_field_has_an_entry(schema: GraphQLSchema) -> None:
    table = _checked_in()
    types = {
        name
        for name, type_ in schema.type_map.items()
        if not name.startswith("__") and name not in {"ID", "String", "Int", "Float", "Boolean"}
    }
    assert set(table["types"]) == types
    assert schema.query_type is not None and schema.mutation_type is not None
    assert set(table["query"]) == set(schema.query_type.fields)
    assert set(table["mutation"]) == set(schema.mutation_type.fields)
    for section in SECTIONS:
        for name, entry in table[section].items():
            assert entry["evidence"] in prov.LEVELS, (section, name)
            assert entry["source"], (section, name)
            if entry["evidence"] == prov.CLASSIC_SOURCE:
                assert LOCATION.match(entry["source"]), (section, name, entry["source"])
    for name, entry in table["types"].items():
        type_ = schema.type_map[name]
        assert ("fields_attested" in entry) == is_input_object_type(type_), name
        assert ("values_attested" in entry) == is_enum_type(type_), name


def test_table_is_fresh(provenance: Any) -> None:
    expected = prov.render(provenance.table(), provenance.differences)
    assert prov.TABLE_PATH.read_text() == expected, (
        "schema.provenance.toml is stale: run .venv/bin/python -m tests.fidelity.provenance --write"
    )


def test_every_recorded_entry_is_confirmed_by_a_recorded_document(schema: GraphQLSchema) -> None:
    documents: dict[str, list[Any]] = {}
    for record in json.loads(prov.RECORDED_PATH.read_text()):
        if record["method"] not in prov.CALLER_WRITTEN_METHODS:
            documents.setdefault(record["operation_name"], []).append(record)
    assert schema.query_type is not None and schema.mutation_type is not None
    roots = {"query": schema.query_type.name, "mutation": schema.mutation_type.name}
    unconfirmed = []
    for section in SECTIONS:
        for name, entry in _checked_in()[section].items():
            if entry["evidence"] != prov.RECORDED:
                continue
            if section == "types":
                type_ = schema.type_map[name]
                by_name = (
                    is_input_object_type(type_) or is_enum_type(type_) or is_scalar_type(type_)
                )
                keys = {("name", name)} if by_name else {("type", name), ("name", name)}
            else:
                keys = {("field", roots[section], name)}
            for operation in entry["source"].split(", "):
                facts = prov.Facts()
                for record in documents.get(operation, []):
                    prov.walk(
                        schema, parse(record["query"]), lambda _n: 0, facts, record["variables"]
                    )
                if not keys & set(facts.seen):
                    unconfirmed.append(f"{section}.{name} <- {operation}")
    assert not unconfirmed


def test_every_sdk_operation_is_graded(provenance: Any) -> None:
    documents = prov.operation_documents()
    reports = prov.operation_reports(provenance, documents)
    assert [r.name for r in reports] == sorted(documents)
    for report in reports:
        for category, element in report.inferred:
            assert category in prov.CATEGORIES, (report.name, category, element)


def test_every_outside_fact_that_differs_has_a_ruling() -> None:
    unruled = [d for d in _checked_in().get("difference", []) if d["ruling"] == prov.UNRULED]
    assert not unruled, "add a [[ruling]] to tests/fidelity/evidence/rulings.toml for:\n" + (
        "\n".join(fact for d in unruled for fact in d["facts"])
    )


def test_every_outside_element_cites_its_sources_by_class_url_and_era() -> None:
    outside = _checked_in()["outside"]
    assert outside, "no outside evidence in schema.provenance.toml"
    classes = {prov.OFFICIAL_LATER, prov.PUBLISHED, prov.OUTSIDE}
    for element, entry in outside.items():
        counts = {k: v for k, v in entry.items() if k.endswith("-sources")}
        by_class = {k: v for k, v in entry.items() if k not in counts}
        assert set(by_class) <= classes, element
        assert {k.removesuffix("-sources") for k in counts} <= set(by_class), element
        for labels in by_class.values():
            for label in labels:
                assert re.match(r"^https?://\S+.* \(.+\)$", label), (element, label)
