"""Griffe extension of the documentation build: fields shown on their public class.

The generator declares ``Dataset``'s fields on its generated base, as
``name: Field[DatasetBase, str]``; a type checker reads ``Dataset.name`` as
``Field[Dataset, str]`` (the descriptor binds the owner), and that is what the reference
shows: in the generated entity layer, ``Field[<X>Base, T]`` is rendered ``Field[<X>, T]``.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_GENERATED = "labelbox._generated.entities"
_OWNER = re.compile(r"\b(Field|ToMany|ToOne)\[(\w+)Base\b")


def public_owner(annotation: str) -> str:
    """``Field[DatasetBase, str]`` → ``Field[Dataset, str]``."""
    return _OWNER.sub(r"\1[\2", annotation)


class PublicFieldOwners(griffe.Extension):
    """Rewrites the annotations of the generated bases' attributes with :func:`public_owner`."""

    def on_attribute_instance(
        self, *, node: Any, attr: griffe.Attribute, agent: Any, **kwargs: Any
    ) -> None:
        if attr.module.path == _GENERATED and attr.annotation is not None:
            text = str(attr.annotation)
            renamed = public_owner(text)
            if renamed != text:
                attr.annotation = renamed
