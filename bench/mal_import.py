"""Validating and uploading 100,000 MAL annotations from a local NDJSON file: our SDK
beside the classic labelbox==2.6.0, same file, same emulator, one run.

    .venv/bin/python bench/mal_import.py --classic-python /work/venvs/classic/bin/python \
        [--annotations 100000] [--rows 1000]

Starts an emulator (in this process), sets up a project with an ontology of every tool
and classification kind, creates data rows, writes one NDJSON file of mixed annotations
(all valid: boxes with nested classifications, polygons, lines, points, entities, masks,
radio/checklist with frames, text), then runs bench/mal_side.py under each SDK's
python in a subprocess: ``project.upload_annotations(name, Path(file))`` (validation on)
and ``wait_until_done``. Reports wall/CPU time of the call, the wait for the server's
processing, and the client's peak memory growth (RSS, and tracemalloc in a second pass).
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from labelbox import Client, LabelingFrontend
from labelbox.schema.ontology import Classification, OntologyBuilder, Option, Tool
from labelbox_emulator import Emulator

HERE = Path(__file__).resolve().parent
SIDE = HERE / "mal_side.py"
MEMORY_BUDGET_MIB = 100.0
TOOL_KEY = {
    "rectangle": "bbox",
    "polygon": "polygon",
    "line": "line",
    "point": "point",
    "named-entity": "location",
    "superpixel": "mask",
}


def ontology() -> OntologyBuilder:
    """Every tool kind (the box with nested classifications) and classification type."""
    box = Tool(tool=Tool.Type.BBOX, name="car")
    box.add_classification(
        Classification(
            Classification.Type.CHECKLIST, "damage", options=[Option("dent"), Option("scratch")]
        )
    )
    box.add_classification(
        Classification(Classification.Type.RADIO, "moving", options=[Option("yes"), Option("no")])
    )
    box.add_classification(Classification(Classification.Type.TEXT, "plate"))
    return OntologyBuilder(
        tools=[
            box,
            Tool(tool=Tool.Type.POLYGON, name="road"),
            Tool(tool=Tool.Type.LINE, name="lane"),
            Tool(tool=Tool.Type.POINT, name="sign"),
            Tool(tool=Tool.Type.NER, name="person"),
            Tool(tool=Tool.Type.SEGMENTATION, name="sky"),
        ],
        classifications=[
            Classification(
                Classification.Type.RADIO, "weather", options=[Option("sunny"), Option("rainy")]
            ),
            Classification(
                Classification.Type.CHECKLIST, "tags", options=[Option("a"), Option("b")]
            ),
            Classification(Classification.Type.TEXT, "notes"),
        ],
    )


def _answer(node: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    options = [o["featureSchemaId"] for o in node["options"]]
    if node["type"] == "text":
        return {"answer": f"note {rng.randint(0, 10**6)}"}
    if node["type"] == "radio":
        return {"answer": {"schemaId": rng.choice(options)}}
    return {"answers": [{"schemaId": s} for s in rng.sample(options, rng.randint(1, 2))]}


def _point(rng: random.Random) -> dict[str, float]:
    return {"x": round(rng.uniform(0, 1000), 1), "y": round(rng.uniform(0, 1000), 1)}


def _geometry(kind: str, rng: random.Random) -> Any:
    if kind == "rectangle":
        return {k: rng.randint(0, 500) for k in ("top", "left", "height", "width")}
    if kind == "polygon":
        return [_point(rng) for _ in range(rng.randint(3, 6))]
    if kind == "line":
        return [_point(rng) for _ in range(rng.randint(2, 4))]
    if kind == "point":
        return _point(rng)
    if kind == "named-entity":
        start = rng.randint(0, 500)
        return {"start": start, "end": start + rng.randint(0, 40)}
    return {"instanceURI": "https://storage.example.com/mask.png", "colorRGB": [255, 0, 0]}


def write_annotations(
    path: Path, normalized: dict[str, Any], rows: list[str], count: int, seed: int = 0
) -> None:
    """``count`` valid annotations cycling through every node, one JSON per line."""
    rng = random.Random(seed)
    nodes = [*normalized["tools"], *normalized["classifications"]]
    with path.open("w") as f:
        for i in range(count):
            node = nodes[i % len(nodes)]
            line: dict[str, Any] = {
                "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "schemaId": node["featureSchemaId"],
                "dataRow": {"id": rows[i % len(rows)]},
            }
            if "tool" in node:
                line[TOOL_KEY[node["tool"]]] = _geometry(node["tool"], rng)
                if node["classifications"] and i % 2 == 0:
                    nested = node["classifications"][i % len(node["classifications"])]
                    line["classifications"] = [
                        {"schemaId": nested["featureSchemaId"], **_answer(nested, rng)}
                    ]
            else:
                line.update(_answer(node, rng))
                if node["type"] != "text" and i % 5 == 0:
                    line["frames"] = [{"start": 1, "end": rng.randint(1, 100)}]
            f.write(json.dumps(line) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--classic-python", required=True)
    parser.add_argument("--annotations", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    command = shlex.join([sys.executable, *sys.argv])
    # The file and its status file stay below the emulator's 64 MB file limit.
    with (
        tempfile.TemporaryDirectory() as tmp,
        Emulator(transitions="polls:2") as emu,
        Client(api_key=emu.api_key, endpoint=emu.endpoint) as client,
    ):
        project = client.create_project(name="mal bench")
        editor = client.get_labeling_frontends(where=LabelingFrontend.name == "Editor").get_one()
        assert editor is not None
        project.setup(editor, ontology().asdict())
        dataset = client.create_dataset(name="mal bench", projects=project)
        dataset.create_data_rows(
            [{"row_data": f"https://example.com/{i}.jpg"} for i in range(args.rows)]
        ).wait_till_done(timeout_seconds=600)
        rows = [r.uid for r in dataset.data_rows()]
        found = project.ontology()
        assert found is not None and isinstance(found.normalized, dict)
        path = Path(tmp) / "annotations.ndjson"
        write_annotations(path, found.normalized, rows, args.annotations)
        size = path.stat().st_size
        results = {}
        for name, python in (("ours", sys.executable), ("classic", args.classic_python)):
            started = time.perf_counter()
            out = subprocess.run(
                [python, str(SIDE), emu.endpoint, emu.api_key, project.uid, str(path)],
                check=True,
                capture_output=True,
                text=True,
            )
            results[name] = json.loads(out.stdout.strip().splitlines()[-1])
            results[name]["process_s"] = time.perf_counter() - started
    print(f"$ {command}")
    print(
        f"{args.annotations} annotations ({size / 2**20:.1f} MiB NDJSON file), {args.rows} data "
        "rows, same emulator; upload_annotations(name, Path(file), validate=True)\n"
    )
    print(f"{'measure':34s} {'ours':>10s} {'classic':>10s} {'classic/ours':>13s}")
    for key, label in (
        ("upload_wall_s", "upload_annotations wall (s)"),
        ("upload_cpu_s", "upload_annotations CPU (s)"),
        ("wait_wall_s", "wait_until_done wall (s)"),
        ("rss_growth_mib", "peak RSS growth (MiB)"),
        ("tracemalloc_peak_mib", "tracemalloc peak (MiB)"),
    ):
        ours, classic = results["ours"][key], results["classic"][key]
        ratio = classic / ours if ours else float("inf")
        print(f"{label:34s} {ours:10.2f} {classic:10.2f} {ratio:12.2f}x")
    print(f"{'final state':34s} {results['ours']['state']:>10s} {results['classic']['state']:>10s}")
    ours_peak = max(results["ours"]["rss_growth_mib"], results["ours"]["tracemalloc_peak_mib"])
    verdict = "within" if ours_peak < MEMORY_BUDGET_MIB else "OVER"
    print(
        f"\nours: peak memory growth {ours_peak:.1f} MiB, {verdict} the {MEMORY_BUDGET_MIB:.0f} MiB budget"
    )


if __name__ == "__main__":
    main()
