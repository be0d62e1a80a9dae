"""At scale, side by side with the classic labelbox==2.6.0 (and a raw httpx + json
floor) in one run: 100,000 data rows created, 100,000 labels exported to a file, a
million data rows iterated, and the emulator holding a million data rows.

    .venv/bin/python bench/scale.py --classic-python .venv-classic/bin/python
    .venv/bin/python bench/scale.py --smoke     # seconds: tiny sizes, no README

One emulator (``labelbox-emulator serve --db FILE``, pinned to CPU 1) serves every
client; each client runs in a fresh process (bench/scale_side.py, the same script in
either venv) pinned to CPU 0. The million rows and the labels are written straight into
the emulator's database (:mod:`labelbox_emulator.bench_seed`, bench-only) while it
runs; everything measured goes over HTTP. Memory is the client process's resident set
(VmHWM, the peak resident set): before the workload (``base``) and its peak. Without ``--smoke`` or
``--no-readme`` a dated table replaces the previous one in bench/README.md.

Measures:

* create: ``dataset.create_data_rows(--create-items URL items)`` and
  ``task.wait_till_done()``: wall, client CPU, peak memory (ours and the classic).
* export: ``project.export_labels()`` of --labels labels, the payload written to a file:
  ours ``download=`` (streamed), the classic's URL fetched with ``requests`` (it has no
  download), the floor a raw httpx stream.
* rows: every row of a --rows dataset, 4 fields read: client CPU and wall per row, and
  the peak memory after the first tenth of the rows and at the end (flat: equal). The
  classic iterates a dataset of --classic-rows: it keeps every row it fetched, so its
  memory grows with the rows (~1.5 KiB each: ~1.5 GB and minutes for a million).
* emulator: the latency of one page of 100 (raw httpx, medians of --list-samples) at
  skip 0 and at skip --deep-skip (default 90 % of --rows) asked cold, the database file
  size, the server's resident set now and at its peak.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run_all import (  # noqa: E402
    CLIENT_CPU,
    KEY,
    SERVER_CPU,
    fmt,
    free_port,
    load_average,
    pinned,
    ratio,
    replace_block,
    server_process,
    wait_for_port,
)

SIDE = HERE / "scale_side.py"
README = HERE / "README.md"
BEGIN, END = "<!-- scale: begin -->", "<!-- scale: end -->"
#: ``(measure, unit, {client: value})`` rows of the tables.
Rows = list[tuple[str, str, dict[str, float]]]


def parse_args() -> argparse.Namespace:
    """The command line (``--smoke``: tiny sizes, no README)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--classic-python", help="python of a venv with labelbox==2.6.0")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, no README")
    parser.add_argument("--create-items", type=int, default=100_000)
    parser.add_argument("--labels", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--classic-rows",
        type=int,
        default=200_000,
        help="rows the classic iterates (it keeps every row it fetched: ~1.5 KiB each)",
    )
    parser.add_argument("--deep-skip", type=int, help="default: 90 %% of --rows, by hundreds")
    parser.add_argument("--list-samples", type=int, default=7)
    parser.add_argument("--runs", type=int, default=1, help="processes per client figure")
    parser.add_argument("--no-pin", action="store_true", help="do not pin clients/server")
    parser.add_argument("--no-readme", action="store_true", help="do not write bench/README.md")
    args = parser.parse_args()
    if args.smoke:
        args.create_items, args.labels, args.rows, args.list_samples = 300, 200, 3000, 3
        args.classic_rows = 1000
        args.no_readme = True
    if args.deep_skip is None:
        args.deep_skip = args.rows * 9 // 10 // 100 * 100
    if args.classic_python is None and args.smoke:
        found = ROOT / ".venv-classic/bin/python"
        args.classic_python = str(found) if found.exists() else None
    return args


class Scale:
    """The run: which clients, where they are pinned, and the rows of the tables."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.cpu = None if args.no_pin else CLIENT_CPU
        self.server_cpu = None if args.no_pin else SERVER_CPU
        self.pythons = {"ours": sys.executable, "floor": sys.executable}
        if args.classic_python:
            self.pythons["classic"] = args.classic_python
        self.clients: Rows = []
        self.emulator: list[tuple[str, str, float]] = []

    def side(self, name: str, argv: list[str]) -> dict[str, Any]:
        """bench/scale_side.py as client ``name``: medians of ``--runs`` processes."""
        samples = []
        for _ in range(self.args.runs):
            sdk = "floor" if name == "floor" else "sdk"
            done = subprocess.run(
                [self.pythons[name], str(SIDE), argv[0], sdk, *argv[1:]],
                capture_output=True,
                text=True,
                preexec_fn=pinned(self.cpu),
                env={k: v for k, v in os.environ.items() if not k.startswith("LABELBOX_")},
                timeout=3600,
            )
            if done.returncode != 0:
                raise RuntimeError(f"{name} {argv[0]} failed:\n{done.stderr[-3000:]}")
            samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
        numeric = [k for k, v in samples[0].items() if isinstance(v, (int, float))]
        return {k: statistics.median(s[k] for s in samples) for k in numeric}

    def record(self, measure: str, unit: str, found: dict[str, dict[str, Any]], key: str) -> None:
        values = {name: float(result[key]) for name, result in found.items() if key in result}
        self.clients.append((measure, unit, values))
        shown = ", ".join(f"{n} {v:.4g}" for n, v in values.items())
        print(f"  {measure}: {shown}", flush=True)

    def note(self, measure: str, unit: str, value: float) -> None:
        self.emulator.append((measure, unit, value))
        print(f"  {measure}: {value:.4g} {unit}", flush=True)


def proc_status(pid: int, field: str) -> float:
    """A memory field (``VmRSS``, ``VmHWM``) of a Linux process, in MiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def setup(endpoint: str, db: Path, args: argparse.Namespace) -> dict[str, str]:
    """A project with --labels labels, a dataset of --rows rows (seeded into the
    database); their ids."""
    from labelbox import Client
    from labelbox_emulator.bench_seed import seed_data_rows, seed_labels
    from labelbox_emulator.model import default_model
    from labelbox_emulator.store import Store

    with Client(api_key=KEY, endpoint=endpoint) as client:
        project = client.create_project(name="scale labels")
        labelled = client.create_dataset(name="scale labelled", projects=project)
        big = client.create_dataset(name="scale rows")
        small = client.create_dataset(name="scale classic rows")
        ids = {"project": project.uid, "labelled": labelled.uid, "rows": big.uid}
        ids["classic_rows"] = small.uid
    store = Store(default_model(), str(db))
    try:
        started = time.perf_counter()
        seed_data_rows(store, ids["rows"], args.rows)
        if args.classic_python:
            seed_data_rows(store, ids["classic_rows"], args.classic_rows)
        seed_data_rows(store, ids["labelled"], args.labels)
        seed_labels(store, ids["project"], ids["labelled"], args.labels)
        print(f"seeded in {time.perf_counter() - started:.1f} s", flush=True)
    finally:
        store.close()
    return ids


def list_latency(scale: Scale, endpoint: str, dataset_id: str, skip: int) -> float:
    """Median wall time (ms) of one page of 100 at ``skip``, asked cold each time (no
    earlier page of this query ends there)."""
    import httpx
    from scale_side import DATA_ROWS

    times = []
    with httpx.Client(headers={"Authorization": "Bearer " + KEY}, timeout=600) as http:
        for _ in range(scale.args.list_samples):
            variables = {"id": dataset_id, "skip": skip, "first": 100}
            started = time.perf_counter()
            body = http.post(endpoint, json={"query": DATA_ROWS, "variables": variables})
            times.append((time.perf_counter() - started) * 1000)
            assert len(json.loads(body.content)["data"]["dataset"]["dataRows"]) == 100
    return statistics.median(times)


def measure_emulator(
    scale: Scale, endpoint: str, db: Path, ids: dict[str, str], server_pid: int
) -> None:
    args = scale.args
    print(f"emulator with {args.rows} rows in one dataset", flush=True)
    scale.note("list 100 rows at skip 0", "ms", list_latency(scale, endpoint, ids["rows"], 0))
    deep = args.deep_skip
    scale.note(
        f"list 100 rows at skip {deep:,} (cold)",
        "ms",
        list_latency(scale, endpoint, ids["rows"], deep),
    )
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    scale.note("database file (with WAL)", "MiB", size / 2**20)
    scale.note("server resident set", "MiB", proc_status(server_pid, "VmRSS"))


def measure_clients(scale: Scale, endpoint: str, ids: dict[str, str], tmp: Path) -> None:
    args = scale.args
    names = list(scale.pythons)
    print(f"rows: iterating {args.rows} data rows", flush=True)
    found = {
        n: scale.side(n, ["rows", endpoint, KEY, ids["rows"], str(args.rows)])
        for n in names
        if n != "classic"
    }
    if "classic" in names:  # the classic keeps every row: its own dataset of --classic-rows
        argv = ["rows", endpoint, KEY, ids["classic_rows"], str(args.classic_rows)]
        found["classic"] = scale.side("classic", argv)
    rows = f"{args.rows:,} rows (classic: {args.classic_rows:,})"
    scale.record(f"{rows}: client CPU", "us/row", found, "row_cpu_us")
    scale.record(f"{rows}: wall", "us/row", found, "row_wall_us")
    scale.record(f"{rows}: peak memory after 1/10 of the rows", "MiB", found, "mid_mib")
    scale.record(f"{rows}: peak memory at the end", "MiB", found, "peak_mib")
    print(f"export: {args.labels} labels to a file", flush=True)
    found = {
        n: scale.side(n, ["export", endpoint, KEY, ids["project"], str(tmp / f"{n}.json")])
        for n in names
    }
    sizes = {n: (tmp / f"{n}.json").stat().st_size for n in names}
    print(f"  payload sizes (bytes): {sizes}", flush=True)
    scale.record(f"export {args.labels:,} labels to a file: wall", "s", found, "wall_s")
    scale.record(f"export {args.labels:,} labels to a file: client CPU", "s", found, "cpu_s")
    scale.record(f"export {args.labels:,} labels: memory before", "MiB", found, "base_mib")
    scale.record(f"export {args.labels:,} labels: peak memory", "MiB", found, "peak_mib")
    print(f"create: {args.create_items} URL data rows to the task's completion", flush=True)
    sdks = [n for n in names if n != "floor"]
    found = {n: scale.side(n, ["create", endpoint, KEY, str(args.create_items)]) for n in sdks}
    measure = f"create_data_rows {args.create_items:,} URLs"
    scale.record(f"{measure}: wall", "s", found, "wall_s")
    scale.record(f"{measure}: client CPU", "s", found, "cpu_s")
    scale.record(f"{measure}: memory before", "MiB", found, "base_mib")
    scale.record(f"{measure}: peak memory", "MiB", found, "peak_mib")


def run(scale: Scale) -> None:
    """Starts the emulator on a database file, seeds it and records every figure."""
    args = scale.args
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "scale.sqlite3"
        port = free_port()
        serve = [sys.executable, "-m", "labelbox_emulator", "serve", "--port", str(port)]
        serve += ["--api-key", KEY, "--transitions", "immediate", "--db", str(db)]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        with server_process(serve, scale.server_cpu, env) as server:
            wait_for_port(port)
            endpoint = f"http://127.0.0.1:{port}/graphql"
            print(f"emulator at {endpoint}; seeding {args.rows} rows, {args.labels} labels")
            ids = setup(endpoint, db, args)
            measure_emulator(scale, endpoint, db, ids, server.pid)
            measure_clients(scale, endpoint, ids, tmp)
            scale.note("server peak resident set", "MiB", proc_status(server.pid, "VmHWM"))


def render(scale: Scale, seconds: float, load: tuple[float, float]) -> str:
    args = scale.args
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    command = "bench/scale.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    pins = "" if args.no_pin else "; clients pinned to CPU 0, emulator to CPU 1"
    lines = [
        f"### {now}",
        "",
        f"`{command}` ({seconds:.0f} s; Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.1f} before / {load[1]:.1f} after"
        f"{pins}). Medians of {args.runs} process(es) per client figure.",
        "",
        "| measure | unit | ours | classic 2.6.0 | floor (httpx+json) | ours/classic "
        "| ours/floor |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for measure, unit, values in scale.clients:
        ours, classic, floor = (values.get(n) for n in ("ours", "classic", "floor"))
        lines.append(
            f"| {measure} | {unit} | {fmt(ours)} | {fmt(classic)} | {fmt(floor)} "
            f"| {ratio(ours, classic)} | {ratio(ours, floor)} |"
        )
    lines += ["", "| emulator | unit | value |", "|---|---|---:|"]
    lines += [f"| {measure} | {unit} | {fmt(value)} |" for measure, unit, value in scale.emulator]
    return "\n".join(lines)


def write_readme(table: str) -> None:
    """Replaces the previous table in bench/README.md (or appends a section)."""
    replace_block(BEGIN, END, "At scale: bench/scale.py", table)


def main() -> None:
    """Every measurement: printed, and written to bench/README.md unless ``--smoke``."""
    scale = Scale(parse_args())
    started, load_before = time.perf_counter(), load_average()
    run(scale)
    table = render(scale, time.perf_counter() - started, (load_before, load_average()))
    print()
    print(table)
    if not scale.args.no_readme:
        write_readme(table)
        print(f"\nwritten to {README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
