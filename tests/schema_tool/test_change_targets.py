"""Every graphql-core change type is read back into the schema coordinate it is about."""

from __future__ import annotations

from graphql import (
    BreakingChangeType,
    DangerousChangeType,
    build_schema,
    find_breaking_changes,
    find_dangerous_changes,
)

from labelbox.schema_tool.diff import Target, change_target

OLD = """
directive @d(a: Int, b: Int) repeatable on FIELD | QUERY
directive @gone on FIELD
type Query { a(x: Int, y: Int, z: Int = 1): A  u: U  u2: U2  e: E  i: I  k: K  g: Gone }
interface I { id: ID }
type A implements I { id: ID  f: String  g: String }
type B { id: ID }
union U = A | B
union U2 = A
enum E { ONE TWO }
input In { p: Int  q: Int }
scalar K
type Gone { id: ID }
"""

NEW = """
directive @d(b: Int, c: Int!) on FIELD
type Query { a(y: String, z: Int = 2, w: Int!, v: Int): A  u: U  u2: U2  e: E  i: I  k: K }
interface I { id: ID }
type A { id: ID  g: Int }
type B implements I { id: ID }
union U = A
union U2 = A | B
enum E { ONE THREE }
input In { p: Int  r: Int!  s: Int }
type K { id: ID }
"""

EXPECTED = {
    "TYPE_REMOVED": Target(type="Gone", scope="type"),
    "TYPE_CHANGED_KIND": Target(type="K", scope="type"),
    "TYPE_REMOVED_FROM_UNION": Target(type="U", scope="type"),
    "VALUE_REMOVED_FROM_ENUM": Target(type="E", scope="type"),
    "REQUIRED_INPUT_FIELD_ADDED": Target(type="In", field="r", scope="type"),
    "IMPLEMENTED_INTERFACE_REMOVED": Target(type="A", scope="type"),
    "FIELD_CHANGED_KIND": Target(type="A", field="g", scope="field"),
    "REQUIRED_ARG_ADDED": Target(type="Query", field="a", argument="w", scope="field"),
    "ARG_REMOVED": Target(type="Query", field="a", argument="x", scope="argument"),
    "ARG_CHANGED_KIND": Target(type="Query", field="a", argument="y", scope="argument"),
    "DIRECTIVE_REMOVED": Target(directive="gone", scope="directive"),
    "DIRECTIVE_ARG_REMOVED": Target(directive="d", scope="directive"),
    "REQUIRED_DIRECTIVE_ARG_ADDED": Target(directive="d", scope="directive"),
    "DIRECTIVE_REPEATABLE_REMOVED": Target(directive="d", scope="directive"),
    "DIRECTIVE_LOCATION_REMOVED": Target(directive="d", scope="directive"),
    "VALUE_ADDED_TO_ENUM": Target(type="E", scope="type"),
    "TYPE_ADDED_TO_UNION": Target(type="U2", scope="type"),
    "OPTIONAL_INPUT_FIELD_ADDED": Target(type="In", field="s", scope="type"),
    "OPTIONAL_ARG_ADDED": Target(type="Query", field="a", argument="v", scope="field"),
    "IMPLEMENTED_INTERFACE_ADDED": Target(type="B", scope="type"),
    "ARG_DEFAULT_VALUE_CHANGE": Target(type="Query", field="a", argument="z", scope="field"),
}


def test_every_change_type_is_parsed() -> None:
    old, new = build_schema(OLD), build_schema(NEW)
    changes = [*find_breaking_changes(old, new), *find_dangerous_changes(old, new)]
    seen = {c.type.name for c in changes}
    assert seen == {t.name for t in (*BreakingChangeType, *DangerousChangeType)}
    field_removed = set()
    for change in changes:
        target = change_target(change.type.name, change.description, old)
        assert target.scope != "none", change.description
        if change.type.name == "FIELD_REMOVED":
            field_removed.add(target)
        else:
            assert target == EXPECTED[change.type.name], change.description
    # An output field is matched by selection; an input field by its (input) type.
    assert field_removed == {
        Target(type="A", field="f", scope="field"),
        Target(type="Query", field="g", scope="field"),
        Target(type="In", field="q", scope="type"),
    }


def test_unknown_change_touches_nothing() -> None:
    assert change_target("SOMETHING_NEW", "x", build_schema(OLD)) == Target()
