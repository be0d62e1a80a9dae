"""The async client side by side, in one run, with a raw ``httpx.AsyncClient`` floor and
with our sync client (sequential, and with threads), over loopback HTTP and over TLS +
added latency through a local proxy (bench/tls_proxy.py).

    .venv/bin/python bench/async_bench.py
    .venv/bin/python bench/async_bench.py --smoke     # seconds: tiny sizes, no README

Workloads (bench/async_side.py has the details of each client's half):

* 1,000 ``get_project`` calls with 50 in flight;
* 2,000 file uploads (``create_data_rows`` of local files) with 32 in flight;
* iterating 100,000 data rows with ``async for`` while the consumer awaits other work.

One emulator (``labelbox-emulator serve --db FILE``, its rows seeded straight into the
database by :mod:`labelbox_emulator.bench_seed`) and the TLS proxies run pinned to CPU 1;
each client runs in a fresh process pinned to CPU 0 (``--no-pin`` to not pin). Figures
are medians over ``--runs`` processes (``--rows-runs`` for the row loops); ratios are
async/floor (ours against raw httpx as it comes, and against raw httpx over the sharded
pool ours uses: what the SDK itself adds) and sync/async (what concurrency buys).
Without ``--smoke`` or ``--no-readme`` a dated table replaces the previous one in
bench/README.md.
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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run_all import (  # noqa: E402
    CLIENT_CPU,
    KEY,
    PROXY,
    SERVER_CPU,
    ca_bundle,
    env_with_ca,
    fmt,
    free_port,
    load_average,
    make_files,
    pinned,
    ratio,
    replace_block,
    server_process,
    wait_for_port,
)

SIDE = HERE / "async_side.py"
README = HERE / "README.md"
BEGIN, END = "<!-- async_bench: begin -->", "<!-- async_bench: end -->"
#: Every client of bench/async_side.py; the row loops hold one connection at a time, so
#: the sharded floor (a pool of many connections) is left out there.
CLIENTS = ("async", "floor", "sharded", "sync", "threads")
ROW_CLIENTS = ("async", "floor", "sync", "threads")
#: ``(measure, unit, {client: value})`` rows of the table.
Rows = list[tuple[str, str, dict[str, float]]]


def parse_args() -> argparse.Namespace:
    """The command line (``--smoke``: tiny sizes, one run, no README)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run, no README")
    parser.add_argument("--calls", type=int, default=1000, help="get_project calls")
    parser.add_argument("--calls-in-flight", type=int, default=50)
    parser.add_argument("--files", type=int, default=2000, help="files uploaded")
    parser.add_argument("--file-size", type=int, default=4096, help="bytes per file")
    parser.add_argument("--uploads-in-flight", type=int, default=32)
    parser.add_argument("--rows", type=int, default=100_000, help="data rows iterated")
    parser.add_argument(
        "--work-us", type=float, default=100.0, help="the consumer's wait per row (us)"
    )
    parser.add_argument("--latency-ms", type=float, default=20.0, help="added round trip")
    parser.add_argument("--runs", type=int, default=5, help="processes per calls/uploads figure")
    parser.add_argument("--rows-runs", type=int, default=1, help="processes per rows figure")
    parser.add_argument("--no-pin", action="store_true", help="do not pin clients/server")
    parser.add_argument("--no-readme", action="store_true", help="do not write bench/README.md")
    args = parser.parse_args()
    if args.smoke:
        args.calls, args.calls_in_flight, args.files, args.uploads_in_flight = 20, 5, 10, 4
        args.rows, args.latency_ms = 300, 5.0
        args.runs, args.rows_runs, args.no_readme = 1, 1, True
    return args


class Run:
    """Where the clients run, and the rows of the table."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.cpu = None if args.no_pin else CLIENT_CPU
        self.server_cpu = None if args.no_pin else SERVER_CPU
        self.rows: Rows = []
        self.resent = 0  # requests the floors sent again (bench/async_side.py floor_send)

    def side(
        self, argv: list[str], runs: int, env: dict[str, str], clients: tuple[str, ...] = CLIENTS
    ) -> dict[str, dict[str, float]]:
        """bench/async_side.py for each of ``clients``, ``runs`` times interleaved; the
        medians per client."""
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in clients}
        for _ in range(runs):
            for name in clients:
                command = [sys.executable, str(SIDE), argv[0], name, *argv[1:]]
                done = subprocess.run(
                    command,
                    capture_output=True,
                    text=True,
                    preexec_fn=pinned(self.cpu),
                    env=env,
                    timeout=3600,
                )
                if done.returncode != 0:
                    shown = shlex.join(["bench/async_side.py", *command[2:]])
                    raise RuntimeError(f"{shown} failed:\n{done.stderr[-3000:]}")
                found = json.loads(done.stdout.strip().splitlines()[-1])
                self.resent += int(found.pop("resent", 0))
                samples[name].append(found)
        return {
            name: {key: statistics.median(s[key] for s in found) for key in found[0]}
            for name, found in samples.items()
        }

    def record(self, measure: str, unit: str, found: dict[str, dict[str, float]], key: str) -> None:
        values = {name: result[key] for name, result in found.items()}
        self.rows.append((measure, unit, values))
        print(f"  {measure}: " + ", ".join(f"{n} {v:.4g}" for n, v in values.items()), flush=True)


def seed(endpoint: str, db: Path, rows: int) -> tuple[str, str]:
    """A project, and a dataset of ``rows`` data rows seeded into the database."""
    from labelbox import Client
    from labelbox_emulator.bench_seed import seed_data_rows
    from labelbox_emulator.model import default_model
    from labelbox_emulator.store import Store

    with Client(api_key=KEY, endpoint=endpoint) as client:
        project_id = client.create_project(name="async bench").uid
        dataset_id = client.create_dataset(name="async bench rows").uid
    store = Store(default_model(), str(db))
    try:
        seed_data_rows(store, dataset_id, rows)
    finally:
        store.close()
    return project_id, dataset_id


def measure(
    run: Run, link: str, endpoint: str, env: dict[str, str], ids: tuple[str, str], files: Path
) -> None:
    """Every workload over one link (``loopback`` or ``TLS+20ms``)."""
    args = run.args
    project_id, dataset_id = ids
    width = args.calls_in_flight
    print(f"{link}: {args.calls} get_project, {width} in flight", flush=True)
    argv = ["calls", endpoint, KEY, project_id, str(args.calls), str(width)]
    found = run.side(argv, args.runs, env)
    what = f"{link}: {args.calls:,} get_project, {width} in flight"
    run.record(f"{what}: wall", "ms/call", found, "wall_ms")
    run.record(f"{what}: client CPU", "ms/call", found, "cpu_ms")
    width = args.uploads_in_flight
    print(f"{link}: {args.files} file uploads, {width} in flight", flush=True)
    found = run.side(["uploads", endpoint, KEY, str(files), str(width)], args.runs, env)
    what = f"{link}: {args.files:,} file uploads, {width} in flight"
    run.record(f"{what}: wall", "ms/file", found, "wall_ms")
    run.record(f"{what}: client CPU", "ms/file", found, "cpu_ms")
    print(f"{link}: {args.rows} data rows, {args.work_us:g} us of awaited work per row", flush=True)
    argv = ["rows", endpoint, KEY, dataset_id, str(args.work_us)]
    found = run.side(argv, args.rows_runs, env, ROW_CLIENTS)
    what = f"{link}: {args.rows:,} rows, {args.work_us:g} us awaited per row"
    run.record(f"{what}: wall", "us/row", found, "wall_us")
    run.record(f"{what}: client CPU", "us/row", found, "cpu_us")


def run_all(run: Run) -> None:
    """Starts the emulator and the TLS proxy, seeds the data and records every figure."""
    args = run.args
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db, port = tmp / "async.sqlite3", free_port()
        serve = [sys.executable, "-m", "labelbox_emulator", "serve", "--port", str(port)]
        serve += ["--api-key", KEY, "--transitions", "immediate", "--db", str(db)]
        with server_process(serve, run.server_cpu, {**os.environ, "PYTHONUNBUFFERED": "1"}):
            wait_for_port(port)
            endpoint = f"http://127.0.0.1:{port}/graphql"
            print(f"emulator at {endpoint}; seeding {args.rows} rows", flush=True)
            ids = seed(endpoint, db, args.rows)
            files = tmp / "files"
            make_files(files, args.files, args.file_size)
            from tls_proxy import make_certificate

            cert, key = make_certificate(tmp)
            bundle = ca_bundle(tmp, cert)
            proxy = [sys.executable, str(PROXY), "--target", f"127.0.0.1:{port}"]
            proxy += ["--cert", str(cert), "--key", str(key), "--latency-ms", str(args.latency_ms)]
            with server_process(proxy, run.server_cpu) as slow:
                slow_port = json.loads(slow.stdout.readline())["port"]  # type: ignore[union-attr]
                measure(run, "loopback", endpoint, env_with_ca(None), ids, files)
                slow_endpoint = f"https://127.0.0.1:{slow_port}/graphql"
                lat = f"TLS+{args.latency_ms:g}ms"
                measure(run, lat, slow_endpoint, env_with_ca(bundle), ids, files)


def render(run: Run, seconds: float, load: tuple[float, float]) -> str:
    """The dated markdown table of every figure."""

    args = run.args
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    command = "bench/async_bench.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    pins = "" if args.no_pin else "; clients pinned to CPU 0, emulator and proxy to CPU 1"
    lines = [
        f"### {now}",
        "",
        f"`{command.strip()}` ({seconds:.0f} s; Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.1f} before / {load[1]:.1f} after"
        f"{pins}). Medians of {args.runs} process(es) per calls/uploads figure, "
        f"{args.rows_runs} per rows figure. Requests the raw floors sent again after a "
        f"server closed a kept-alive connection: {run.resent}.",
        "",
        "| measure | unit | async (ours) | floor: httpx.AsyncClient | floor: sharded pool "
        "| sync, sequential | sync, threads | async/floor | async/sharded floor "
        "| sync sequential/async | sync threads/async |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for what, unit, values in run.rows:
        ours, floor, shards, sync, threads = (values.get(n) for n in CLIENTS)
        lines.append(
            f"| {what} | {unit} | {fmt(ours)} | {fmt(floor)} | {fmt(shards)} | {fmt(sync)} "
            f"| {fmt(threads)} | {ratio(ours, floor)} | {ratio(ours, shards)} "
            f"| {ratio(sync, ours)} | {ratio(threads, ours)} |"
        )
    return "\n".join(lines)


def write_readme(table: str) -> None:
    """Replaces the previous table in bench/README.md (or appends a section)."""
    replace_block(BEGIN, END, "Async client: bench/async_bench.py", table)


def main() -> None:
    """Every measurement: printed, and written to bench/README.md unless ``--smoke``."""
    run = Run(parse_args())
    started, load_before = time.perf_counter(), load_average()
    run_all(run)
    table = render(run, time.perf_counter() - started, (load_before, load_average()))
    print()
    print(table)
    if not run.args.no_readme:
        write_readme(table)
        print(f"\nwritten to {README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
