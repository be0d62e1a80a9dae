"""The outside evidence (tests/fidelity/evidence/*.toml) is well formed, every fact that does
not hold in schema.graphql has a ruling, every correction made for it holds, and no ruling
is left over once its facts hold (tests/fidelity/outside_evidence.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from graphql import GraphQLSchema, build_schema


def _load() -> ModuleType:
    # By path: tests/ is not a package, and this must not depend on pytest's import mode.
    spec = importlib.util.spec_from_file_location(
        "_fidelity_outside_evidence", Path(__file__).with_name("outside_evidence.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


oe = _load()


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema((oe.ROOT / "schema.graphql").read_text())


def test_sources_are_well_formed() -> None:
    sources = oe.load_sources()
    assert len(sources) >= 60
    classes = {source.cls for source in sources}
    assert classes <= {"official-client", "published-docs", "outside-client"}
    assert {"published-docs", "outside-client"} <= classes
    for source in sources:
        assert source.url.startswith(("https://", "http://")), source.id
        assert source.era.strip(), source.id
        assert source.facts, source.id


def test_every_differing_fact_has_a_ruling(schema: GraphQLSchema) -> None:
    rulings = oe.load_rulings()
    unruled = [
        f"{source.id}: {resolution.fact} ({resolution.problem})"
        for source, resolution in oe.resolutions(schema, oe.load_sources())
        if not resolution.holds and oe.ruling_for(rulings, source, resolution.fact) is None
    ]
    assert not unruled, "\n".join(unruled)


def test_corrections_hold_and_are_stated_by_a_source(schema: GraphQLSchema) -> None:
    stated = {fact for source in oe.load_sources() for fact in source.facts}
    corrections = oe.load_corrections()
    assert corrections
    for correction in corrections:
        for fact in correction.facts:
            assert fact in stated, f"{fact!r} ({correction.change}) is stated by no source"
            resolution = oe.resolve(schema, fact)
            assert resolution.holds, f"{fact!r}: {resolution.problem} ({correction.change})"


def test_every_ruling_still_covers_a_differing_fact(schema: GraphQLSchema) -> None:
    differing = [
        (source, resolution.fact)
        for source, resolution in oe.resolutions(schema, oe.load_sources())
        if not resolution.holds
    ]
    for ruling in oe.load_rulings():
        assert any(ruling.covers(source, fact) for source, fact in differing), (
            f"stale ruling (its facts hold now or no source states them): {ruling.why}"
        )


@pytest.mark.parametrize(
    ("fact", "holds", "problem"),
    [
        ("Query.bulkImportRequests(first:): PageSize", True, None),
        ("Query.project.labels(first:): Int", False, "the schema types this PageSize, not Int"),
        ("Query.project.labels.type.name", True, None),
        ("Query.bulkImportRequest.state = FINISHED", True, None),
        (
            "Query.bulkImportRequest.state = DONE",
            False,
            "enum BulkImportRequestState has no value DONE",
        ),
        ("Query.nope", False, "Query has no field nope"),
        ("Query.project(nope:)", False, "Query.project has no argument nope"),
        ("type LabelCreateInput", True, None),
    ],
)
def test_path_language(schema: GraphQLSchema, fact: str, holds: bool, problem: str | None) -> None:
    resolution = oe.resolve(schema, fact)
    assert resolution.holds is holds
    assert resolution.problem == problem
