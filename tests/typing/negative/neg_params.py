"""Cases that MUST fail type checking: a misspelt or mistyped key in a keyword TypedDict
of ``labelbox.params`` built ahead of a call.

Each line carries the mypy error code(s) it must raise (``# type: ignore[...]``) and the
pyright rule(s) (``# pyright-expect[...]``); tests/typing/test_typing.py checks both,
exactly."""
# pyright: strict, reportUnnecessaryTypeIgnoreComment=error

from __future__ import annotations

from labelbox.params import ProjectCreateParams


def build() -> None:
    misspelt: ProjectCreateParams = {"name": "cars", "descriptoin": "x"}  # type: ignore[typeddict-unknown-key]  # pyright-expect[reportAssignmentType]
    mistyped: ProjectCreateParams = {"name": 3}  # type: ignore[typeddict-item]  # pyright-expect[reportAssignmentType]
    print(misspelt, mistyped)
