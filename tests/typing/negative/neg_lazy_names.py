"""Cases that MUST fail type checking: misspelt names of the lazily imported package
namespaces (``labelbox``, ``labelbox.schema``). Their module ``__getattr__`` is hidden
from checkers, so a misspelt name is an error, not an ``object``.

Each line carries the mypy error code(s) it must raise (``# type: ignore[...]``) and the
pyright rule(s) (``# pyright-expect[...]``); tests/typing/test_typing.py checks both,
exactly. See tests/typing/README.md."""
# pyright: strict, reportUnnecessaryTypeIgnoreComment=error
# Errors that only follow from an earlier one on the line (an Unknown result) are off:
# pyright: reportUnknownMemberType=false, reportUnknownVariableType=false, reportUnknownArgumentType=false

# Bare attribute reads are the cases themselves:
# ruff: noqa: B018

from __future__ import annotations

import labelbox
import labelbox.schema


def misspelt_names() -> None:
    labelbox.Clinet  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
    labelbox.schema.projekt  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
    labelbox.schema.Project  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
    labelbox._LAZY_NAMES  # type: ignore[attr-defined]  # pyright-expect[reportAttributeAccessIssue]
