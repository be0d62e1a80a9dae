"""Griffe extension of the documentation build: the reStructuredText bits of the SDK's
docstrings rendered as Markdown.

The docstrings are Google style (what IDEs show), but some use Sphinx roles
(``:class:`~labelbox.orm.model.Field```) and ``::`` before a literal block. In the site a
role becomes inline code (the last dotted component when the target starts with ``~``),
a paragraph's closing ``::`` a single ``:`` (the indented block after it is already
code in Markdown), and ``Example:`` the ``Examples:`` section. The source docstrings
are left as they are.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|meth|func|data|mod|attr|exc|obj):`(~?)([^`]+)`")
_LITERAL = re.compile(r"::\n(\s*\n)", re.MULTILINE)
_EXAMPLE = re.compile(r"^(\s*)Example:[ \t]*$", re.MULTILINE)


def _role(match: re.Match[str]) -> str:
    short, target = match.group(1), match.group(2)
    return f"`{target.rsplit('.', 1)[-1] if short else target}`"


def convert(text: str) -> str:
    """A docstring with Sphinx roles as inline code, ``::`` as ``:``, and Napoleon's
    ``Example:`` section as ``Examples:`` (griffe's name of the section that renders
    ``>>>`` lines as code; it reads ``Example:`` as an admonition)."""
    text = _EXAMPLE.sub(r"\1Examples:", text)
    return _LITERAL.sub(r":\n\1", _ROLE.sub(_role, text))


class RstToMarkdown(griffe.Extension):
    """Rewrites each loaded object's docstring with :func:`convert`."""

    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = convert(obj.docstring.value)
