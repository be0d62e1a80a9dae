"""Import time of our packages (and of the classic SDK when its venv is given), and the
time to the first request: a fresh process imports, makes a ``Client()`` and gets a
project from an emulator (bench/side.py's ``first``, as in bench/run_all.py).

    .venv/bin/python bench/import_time.py [--classic-python .venv-classic/bin/python]
    .venv/bin/python bench/import_time.py --no-first-request   # imports only

Import figures are the median wall time of N fresh interpreter processes running
``import <module>`` minus the median of a bare interpreter start (``-c pass``); the floor
is ``import httpx, json``. The processes of the clients run interleaved (ours, classic,
floor, ours, ...), so a burst of load on the shared machine hits them alike. First-request
figures are measured from the first line of bench/side.py (start-up excluded), medians of
N processes pinned to CPU 0 (the emulator to CPU 1). Ratios are ours/classic and
ours/floor (the targets of issue 19: ``import labelbox`` <= 0.6x the classic; first
request <= 1.0x the classic and <= 1.3x the floor).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def wall_seconds(python: str, code: str) -> float:
    started = time.perf_counter()
    subprocess.run([python, "-c", code], check=True)
    return time.perf_counter() - started


def interleaved_medians(rows: list[tuple[str, str, str]], runs: int) -> dict[str, float]:
    """Median wall seconds per row name of ``runs`` processes, the rows interleaved."""
    samples: dict[str, list[float]] = {name: [] for name, _, _ in rows}
    for _ in range(runs):
        for name, python, code in rows:
            samples[name].append(wall_seconds(python, code))
    return {name: statistics.median(found) for name, found in samples.items()}


def ratio(a: float | None, b: float | None) -> str:
    return "" if a is None or not b else f"{a / b:.2f}"


def import_times(args: argparse.Namespace) -> None:
    classic = args.classic_python
    pythons = {"ours": sys.executable, **({"classic": classic} if classic else {})}
    rows = [(f"start:{n}", p, "pass") for n, p in pythons.items()]
    rows += [
        ("import labelbox_gen", sys.executable, "import labelbox_gen"),
        ("generated client ready", sys.executable, "import labelbox_gen.client"),
        ("import labelbox (ours)", sys.executable, "import labelbox"),
        ("from labelbox import Client", sys.executable, "from labelbox import Client"),
        ("import labelbox_emulator", sys.executable, "import labelbox_emulator"),
        ("floor: import httpx, json", sys.executable, "import httpx, json"),
    ]
    if classic:
        rows.append(("import labelbox (classic 2.6.0)", classic, "import labelbox"))
    found = interleaved_medians(rows, args.runs)
    print(f"bare interpreter start: {found['start:ours'] * 1000:.0f} ms (median of {args.runs})")
    net: dict[str, float] = {}
    for name, python, _ in rows:
        if not name.startswith("start:"):
            start = found["start:classic" if python == classic else "start:ours"]
            net[name] = found[name] - start
            print(f"{name:34s} {net[name] * 1000:7.1f} ms")
    ours, floor = net["import labelbox (ours)"], net["floor: import httpx, json"]
    print(
        f"import labelbox: ours/classic {ratio(ours, net.get('import labelbox (classic 2.6.0)'))}"
        f" (target <= 0.6), ours/floor {ratio(ours, floor)}"
    )


def first_request(args: argparse.Namespace) -> None:
    """bench/side.py ``first`` for ours, the classic and the floor against one emulator."""
    sys.path.insert(0, str(HERE))
    import run_all

    names = ["ours", "floor", *(["classic"] if args.classic_python else [])]
    bench_args = argparse.Namespace(no_pin=args.no_pin, classic_python=args.classic_python)
    bench = run_all.Bench(bench_args)
    port = run_all.free_port()
    serve = [sys.executable, "-m", "labelbox_emulator", "serve", "--port", str(port)]
    serve += ["--api-key", run_all.KEY, "--transitions", "immediate"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with run_all.server_process(serve, bench.server_cpu, env):
        run_all.wait_for_port(port)
        endpoint = f"http://127.0.0.1:{port}/graphql"
        project_id, _ = run_all.setup_data(endpoint, 1)
        tail = [endpoint, run_all.KEY, project_id]
        found = bench.run("first", names, tail, args.runs, run_all.env_with_ca(None))
    print(f"time to first request (import, Client(), get_project; median of {args.runs})")
    for key, label in (("wall_ms", "wall"), ("cpu_ms", "CPU")):
        shown = "  ".join(f"{name} {found[name][key]:6.1f} ms" for name in names)
        ours = found["ours"][key]
        classic = found["classic"][key] if "classic" in found else None
        print(
            f"  {label:4s}: {shown}  ours/classic {ratio(ours, classic)} (target <= 1.0)"
            f"  ours/floor {ratio(ours, found['floor'][key])} (target <= 1.3)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--classic-python", help="python of a venv with labelbox==2.6.0")
    parser.add_argument("--no-first-request", action="store_true", help="imports only")
    parser.add_argument("--no-imports", action="store_true", help="first request only")
    parser.add_argument("--no-pin", action="store_true", help="do not pin processes to CPUs")
    args = parser.parse_args()
    # Bytecode of our packages, as a pip install leaves it (see bench/run_all.py).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(HERE.parent / "src")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if not args.no_imports:
        import_times(args)
    if not args.no_first_request:
        first_request(args)


if __name__ == "__main__":
    main()
