"""Deterministic generators of MAL annotations for a normalized ontology (end-to-end
tests): every kind, nested classifications and video frames, in a seeded random mix."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from typing import Any

TOOL_KEY = {
    "rectangle": "bbox",
    "polygon": "polygon",
    "line": "line",
    "point": "point",
    "named-entity": "location",
    "superpixel": "mask",
}


def _point(rng: random.Random) -> dict[str, float]:
    return {"x": round(rng.uniform(0, 1000), 2), "y": round(rng.uniform(0, 1000), 2)}


def geometry(kind: str, rng: random.Random) -> Any:
    """A valid value of a ``kind`` tool annotation."""
    if kind == "rectangle":
        return {
            "top": rng.randint(0, 500),
            "left": rng.randint(0, 500),
            "height": rng.uniform(1, 200),
            "width": rng.randint(1, 200),
        }
    if kind == "polygon":
        return [_point(rng) for _ in range(rng.randint(3, 7))]
    if kind == "line":
        return [_point(rng) for _ in range(rng.randint(2, 5))]
    if kind == "point":
        return _point(rng)
    if kind == "named-entity":
        start = rng.randint(0, 500)
        return {"start": start, "end": start + rng.randint(0, 50)}
    return {
        "instanceURI": f"https://storage.example.com/masks/{rng.randint(0, 99)}.png",
        "colorRGB": [rng.randint(0, 255) for _ in range(3)],
    }


def answer(node: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The answer key of a radio, checklist or text classification node."""
    options = [o["featureSchemaId"] for o in node["options"]]
    if node["type"] == "text":
        return {"answer": f"text {rng.randint(0, 10**6)}"}
    if node["type"] == "radio":
        return {"answer": {"schemaId": rng.choice(options)}}
    chosen = rng.sample(options, rng.randint(1, len(options)))
    return {"answers": [{"schemaId": s} for s in chosen]}


def annotation(node: dict[str, Any], row_id: str, rng: random.Random) -> dict[str, Any]:
    """A valid annotation of a tool or a radio/checklist/text classification node."""
    out: dict[str, Any] = {
        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "schemaId": node["featureSchemaId"],
        "dataRow": {"id": row_id},
    }
    if "tool" in node:
        out[TOOL_KEY[node["tool"]]] = geometry(node["tool"], rng)
        nested = [c for c in node["classifications"] if c["type"] != "dropdown"]
        if nested and rng.random() < 0.5:
            out["classifications"] = [
                {"schemaId": c["featureSchemaId"], **answer(c, rng)}
                for c in rng.sample(nested, rng.randint(1, len(nested)))
            ]
    else:
        out.update(answer(node, rng))
        if node["type"] != "text" and rng.random() < 0.2:
            start = rng.randint(1, 100)
            out["frames"] = [{"start": start, "end": start + rng.randint(0, 30)}]
    return out


def mixed(
    normalized: dict[str, Any], row_ids: list[str], count: int, seed: int = 0
) -> Iterator[dict[str, Any]]:
    """``count`` valid annotations cycling through every annotatable node."""
    rng = random.Random(seed)
    nodes = [*normalized["tools"]] + [
        c for c in normalized["classifications"] if c["type"] in ("radio", "checklist", "text")
    ]
    for i in range(count):
        yield annotation(nodes[i % len(nodes)], row_ids[i % len(row_ids)], rng)
