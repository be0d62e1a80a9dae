"""Every client-side measurement in one command: our SDK beside the classic
labelbox==2.6.0 and beside a floor (raw keep-alive httpx + json), on one emulator, over
loopback HTTP and over TLS (+ added latency) through a local proxy.

    .venv/bin/python bench/run_all.py --classic-python .venv-classic/bin/python
    .venv/bin/python bench/run_all.py --smoke       # seconds: checks the harness runs

Each client runs in a fresh process (bench/side.py, the same script in either venv),
pinned to CPU 0; the emulator (``labelbox-emulator serve``) and the TLS proxies
(bench/tls_proxy.py, a self-signed certificate) run pinned to CPU 1 (``--no-pin`` to
not pin). Figures are medians over ``--runs`` processes (first request),
``--steady-runs`` (get_project, rows) or ``--upload-runs``; ratios are ours/classic and
ours/floor (below 1 = ours is faster / cheaper). Without ``--smoke`` or
``--no-readme`` a dated table replaces the previous one in bench/README.md.

Over TLS the clients trust a bundle of certifi's CAs plus the proxy's certificate
(``SSL_CERT_FILE`` for httpx, ``REQUESTS_CA_BUNDLE`` for the classic's requests), so
loading CAs costs what it costs against the real API.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIDE = HERE / "side.py"
PROXY = HERE / "tls_proxy.py"
README = HERE / "README.md"
BEGIN, END = "<!-- run_all: begin -->", "<!-- run_all: end -->"
KEY = "bench-key"
CLIENT_CPU, SERVER_CPU = 0, 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def pinned(cpu: int | None) -> Callable[[], None] | None:
    if cpu is None or not hasattr(os, "sched_setaffinity") or cpu >= (os.cpu_count() or 1):
        return None
    return lambda: os.sched_setaffinity(0, {cpu})


@contextmanager
def server_process(
    argv: list[str], cpu: int | None, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        preexec_fn=pinned(cpu),
        env=env,
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_port(port: int, seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


def side(
    python: str, argv: list[str], cpu: int | None, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Runs bench/side.py in a fresh process; its JSON result."""
    done = subprocess.run(
        [python, str(SIDE), *argv],
        capture_output=True,
        text=True,
        preexec_fn=pinned(cpu),
        env=env,
        timeout=1800,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{shlex.join([python, 'bench/side.py', *argv])} failed:\n{done.stderr[-3000:]}"
        )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def medians(samples: list[dict[str, Any]]) -> dict[str, float]:
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def fmt(value: float | None) -> str:
    """A figure of a table: 3 significant digits, whole numbers from 100 on."""
    return "" if value is None else f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"


def ratio(a: float | None, b: float | None) -> str:
    """``a / b`` with 2 decimals (empty when either is missing)."""
    return "" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def replace_block(begin: str, end: str, heading: str, table: str) -> None:
    """Writes ``table`` between the ``begin`` and ``end`` markers of bench/README.md,
    or appends them under ``## heading`` when the README has none yet."""
    text = README.read_text()
    block = f"{begin}\n{table}\n{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + f"\n\n## {heading}\n\n" + block + "\n"
    README.write_text(text)


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.cpu = None if args.no_pin else CLIENT_CPU
        self.server_cpu = None if args.no_pin else SERVER_CPU
        self.pythons: dict[str, str] = {"ours": sys.executable, "floor": sys.executable}
        if args.classic_python:
            self.pythons["classic"] = args.classic_python
        self.rows: list[tuple[str, str, dict[str, float | None]]] = []

    def sdk(self, name: str) -> str:
        return "floor" if name == "floor" else "sdk"

    def run(
        self, mode: str, names: list[str], tail: list[str], runs: int, env: dict[str, str]
    ) -> dict[str, dict[str, float]]:
        """``runs`` fresh processes per client, interleaved; medians per client."""
        samples: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
        for _ in range(runs):
            for name in names:
                python = self.pythons[name.split("/")[0]]
                argv = [mode, self.sdk(name), *tail]
                if name.endswith("/nofetch"):
                    argv.append("nofetch")
                samples[name].append(side(python, argv, self.cpu, env))
        return {name: medians(found) for name, found in samples.items()}

    def record(self, measure: str, unit: str, found: dict[str, dict[str, float]], key: str) -> None:
        values: dict[str, float | None] = {name: found[name][key] for name in found}
        values["_ours"] = found["ours"][key]
        self.rows.append((measure, unit, values))
        shown = ", ".join(
            f"{n} {v:.3f}" for n, v in values.items() if v is not None and n[0] != "_"
        )
        print(f"  {measure}: {shown}", flush=True)


def env_with_ca(bundle: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABELBOX_")}
    if bundle is not None:
        env["SSL_CERT_FILE"] = str(bundle)
        env["REQUESTS_CA_BUNDLE"] = str(bundle)
    return env


def setup_data(endpoint: str, rows: int) -> tuple[str, str]:
    """A project, and a dataset of ``rows`` URL data rows; their ids."""
    from labelbox import Client

    with Client(api_key=KEY, endpoint=endpoint) as client:
        project = client.create_project(name="bench")
        dataset = client.create_dataset(name="bench", projects=project)
        items = [
            {"row_data": f"https://example.com/{i}.jpg", "external_id": str(i)} for i in range(rows)
        ]
        dataset.create_data_rows(items).wait_till_done(timeout_seconds=1800)
        return project.uid, dataset.uid


def has_prefetch_option() -> bool:
    import inspect

    from labelbox import Client

    return "prefetch_pages" in inspect.signature(Client).parameters


def make_files(directory: Path, count: int, size: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (directory / f"file{i:05d}.bin").write_bytes(os.urandom(size))


def ca_bundle(directory: Path, cert: Path) -> Path:
    import certifi

    bundle = directory / "bundle.pem"
    bundle.write_text(Path(certifi.where()).read_text() + "\n" + cert.read_text())
    return bundle


def parse_args() -> argparse.Namespace:
    """The command line (``--smoke``: tiny sizes, one run, no README)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--classic-python", help="python of a venv with labelbox==2.6.0")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run, no README")
    parser.add_argument(
        "--runs", type=int, default=7, help="processes per first-request/upload figure"
    )
    parser.add_argument(
        "--steady-runs", type=int, default=3, help="processes per steady-state figure"
    )
    parser.add_argument("--upload-runs", type=int, default=3, help="processes per upload figure")
    parser.add_argument("--calls", type=int, default=1000, help="get_project calls per process")
    parser.add_argument("--rows", type=int, default=100_000, help="data rows paged over loopback")
    parser.add_argument(
        "--latency-rows", type=int, default=5_000, help="data rows paged over TLS + latency"
    )
    parser.add_argument(
        "--work-us", type=float, default=100.0, help="work per row of the 'work' loops"
    )
    parser.add_argument("--files", type=int, default=500, help="local files per upload run")
    parser.add_argument("--file-size", type=int, default=4096)
    parser.add_argument("--latency-ms", type=float, default=20.0, help="added round trip over TLS")
    parser.add_argument("--no-pin", action="store_true", help="do not pin clients/server to CPUs")
    parser.add_argument("--no-readme", action="store_true", help="do not write bench/README.md")
    args = parser.parse_args()
    if args.smoke:  # loopback first request and steady state; work and uploads over TLS
        args.runs, args.steady_runs, args.upload_runs, args.calls = 1, 1, 1, 10
        args.rows, args.latency_rows, args.files = 200, 200, 5
        args.latency_ms, args.work_us = 5.0, 20.0
        args.no_readme = True
    if args.classic_python is None and (ROOT / ".venv-classic/bin/python").exists() and args.smoke:
        args.classic_python = str(ROOT / ".venv-classic/bin/python")
    return args


def load_average() -> float:
    """The 1-minute load average (NaN where the platform has none)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def main() -> None:
    """Every measurement: printed, and written to bench/README.md unless ``--smoke`` or
    ``--no-readme``; with ``--smoke``, the smoke runs of bench/wire_cost.py,
    bench/scale.py and bench/async_bench.py follow."""
    args = parse_args()
    bench = Bench(args)
    names = [n for n in ("ours", "classic", "floor") if n in bench.pythons]
    # Bytecode of our packages, as a pip install leaves it (the others' is installed):
    # with PYTHONDONTWRITEBYTECODE set, every fresh process would compile src/ again.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    started = time.perf_counter()
    load_before = load_average()
    measure_all(bench, args, names)
    load_after = load_average()
    table = render(bench, args, time.perf_counter() - started, (load_before, load_after))
    print()
    print(table)
    if not args.no_readme:
        write_readme(table)
        print(f"\nwritten to {README.relative_to(ROOT)}")
    if args.smoke:  # the wire technique's cost harness (bench/wire_cost.py), tiny sizes
        print("\nbench/wire_cost.py --smoke", flush=True)
        wire = [sys.executable, str(HERE / "wire_cost.py"), "--smoke"]
        wire += ["--classic-python", args.classic_python] if args.classic_python else []
        subprocess.run([*wire, *(["--no-pin"] if args.no_pin else [])], check=True)
        print("\nbench/scale.py --smoke", flush=True)  # at scale (bench/scale.py), tiny sizes
        scale = [sys.executable, str(HERE / "scale.py"), "--smoke"]
        scale += ["--classic-python", args.classic_python] if args.classic_python else []
        subprocess.run([*scale, *(["--no-pin"] if args.no_pin else [])], check=True)
        print("\nbench/async_bench.py --smoke", flush=True)  # the async client, tiny sizes
        asynchronous = [sys.executable, str(HERE / "async_bench.py"), "--smoke"]
        subprocess.run([*asynchronous, *(["--no-pin"] if args.no_pin else [])], check=True)


@dataclass
class Targets:
    """What the clients run against: the endpoints, the data and each endpoint's env."""

    endpoint: str  # loopback HTTP
    tls_endpoint: str  # TLS through a proxy
    slow_endpoint: str  # TLS through a proxy adding --latency-ms
    project_id: str
    dataset_id: str  # --rows rows
    small_dataset_id: str  # --latency-rows rows
    files: Path
    plain: dict[str, str]  # env for loopback HTTP
    secure: dict[str, str]  # env trusting the proxies' certificate
    lat: str  # "TLS+20ms"


def measure_all(bench: Bench, args: argparse.Namespace, names: list[str]) -> None:
    """Starts the emulator and the TLS proxies, sets up the data, and records every figure
    in ``bench``."""
    port = free_port()
    serve = [sys.executable, "-m", "labelbox_emulator", "serve", "--port", str(port)]
    serve += ["--api-key", KEY, "--transitions", "immediate"]
    with (
        tempfile.TemporaryDirectory() as tmp,
        server_process(serve, bench.server_cpu, {**os.environ, "PYTHONUNBUFFERED": "1"}),
    ):
        wait_for_port(port)
        endpoint = f"http://127.0.0.1:{port}/graphql"
        print(f"emulator at {endpoint}; setting up {args.rows} data rows", flush=True)
        project_id, dataset_id = setup_data(endpoint, args.rows)
        _, small_dataset_id = setup_data(endpoint, args.latency_rows)
        files = Path(tmp) / "files"
        make_files(files, args.files, args.file_size)
        sys.path.insert(0, str(HERE))
        from tls_proxy import make_certificate

        cert, key = make_certificate(Path(tmp))
        bundle = ca_bundle(Path(tmp), cert)
        proxy = [sys.executable, str(PROXY), "--target", f"127.0.0.1:{port}"]
        proxy += ["--cert", str(cert), "--key", str(key)]
        with (
            server_process(proxy, bench.server_cpu) as tls,
            server_process(
                [*proxy, "--latency-ms", str(args.latency_ms)], bench.server_cpu
            ) as slow,
        ):
            tls_port = json.loads(tls.stdout.readline())["port"]  # type: ignore[union-attr]
            slow_port = json.loads(slow.stdout.readline())["port"]  # type: ignore[union-attr]
            targets = Targets(
                endpoint,
                f"https://127.0.0.1:{tls_port}/graphql",
                f"https://127.0.0.1:{slow_port}/graphql",
                project_id,
                dataset_id,
                small_dataset_id,
                files,
                env_with_ca(None),
                env_with_ca(bundle),
                f"TLS+{args.latency_ms:g}ms",
            )
            first_request(bench, args, names, targets)
            steady_state(bench, args, names, targets)
            uploads(bench, args, names, targets)


def first_request(bench: Bench, args: argparse.Namespace, names: list[str], t: Targets) -> None:
    """Time to first request: a fresh process imports, makes a client, gets a project."""
    print("time to first request (fresh process: import, client, get_project)", flush=True)
    found = bench.run("first", names, [t.endpoint, KEY, t.project_id], args.runs, t.plain)
    bench.record("first request, loopback: wall", "ms", found, "wall_ms")
    bench.record("first request, loopback: CPU", "ms", found, "cpu_ms")
    if not args.smoke:
        tail = [t.tls_endpoint, KEY, t.project_id]
        found = bench.run("first", names, tail, args.runs, t.secure)
        bench.record("first request, TLS: wall", "ms", found, "wall_ms")


def steady_state(bench: Bench, args: argparse.Namespace, names: list[str], t: Targets) -> None:
    """Steady state: get_project x calls; every row (4 fields read); rows with work."""
    print("steady state (get_project x calls; every row, 4 fields read)", flush=True)
    lat = t.lat
    steady_names = [*names, "ours/nofetch"] if has_prefetch_option() else names
    tail = [t.endpoint, KEY, t.project_id, t.dataset_id, str(args.calls)]
    found = bench.run("steady", steady_names, tail, args.steady_runs, t.plain)
    bench.record("get_project, loopback: CPU", "ms/call", found, "get_project_cpu_ms")
    bench.record("get_project, loopback: wall", "ms/call", found, "get_project_wall_ms")
    bench.record(f"{args.rows} rows, loopback: CPU", "us/row", found, "row_cpu_us")
    bench.record(f"{args.rows} rows, loopback: wall", "us/row", found, "row_wall_us")
    if not args.smoke:
        calls = str(max(args.calls // 50, 5))
        tail = [t.slow_endpoint, KEY, t.project_id, t.small_dataset_id, calls]
        found = bench.run("steady", steady_names, tail, args.steady_runs, t.secure)
        bench.record(f"get_project, {lat}: wall", "ms/call", found, "get_project_wall_ms")
        measure = f"{args.latency_rows} rows, {lat}"
        bench.record(f"{measure}: wall", "us/row", found, "row_wall_us")
        bench.record(f"{measure}: CPU", "us/row", found, "row_cpu_us")
    for kind, what in (("io", "waiting"), ("cpu", "Python CPU")):
        if args.smoke and kind == "cpu":
            continue
        tail = [t.slow_endpoint, KEY, t.small_dataset_id, str(args.work_us), kind]
        found = bench.run("work", steady_names, tail, args.steady_runs, t.secure)
        measure = f"{args.latency_rows} rows + {args.work_us:g} us {what}/row, {lat}"
        bench.record(f"{measure}: wall", "us/row", found, "work_row_wall_us")


def uploads(bench: Bench, args: argparse.Namespace, names: list[str], t: Targets) -> None:
    """create_data_rows from local files, over loopback and over TLS + latency."""
    print(f"create_data_rows from {args.files} local files of {args.file_size} B", flush=True)
    if not args.smoke:
        found = bench.run(
            "upload", names, [t.endpoint, KEY, str(t.files)], args.upload_runs, t.plain
        )
        bench.record("upload, loopback: wall", "ms", found, "upload_wall_ms")
        bench.record("upload, loopback: CPU", "ms", found, "upload_cpu_ms")
    tail = [t.slow_endpoint, KEY, str(t.files)]
    found = bench.run("upload", names, tail, args.upload_runs, t.secure)
    bench.record(f"upload, {t.lat}: wall", "ms", found, "upload_wall_ms")
    bench.record(f"upload, {t.lat}: CPU", "ms", found, "upload_cpu_ms")


TARGETS = {
    "first request, loopback: wall": "ours/floor <= 1.3",
    "first request, TLS: wall": "ours/floor <= 1.3",
    "rows, loopback: CPU": "ours/floor <= 1.2",
    "upload, loopback: wall": "ours/classic <= 0.5",
    "upload, TLS: wall": "ours/classic <= 0.2",
}


def target_of(measure: str) -> str:
    """The issue's target of a measure (row counts and the latency left out)."""
    generic = re.sub(r"^\d+ ", "", measure)
    generic = re.sub(r"TLS\+[\d.]+ms", "TLS", generic)
    return TARGETS.get(generic, "")


def render(
    bench: Bench, args: argparse.Namespace, seconds: float, load: tuple[float, float]
) -> str:
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    command = "bench/run_all.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    lines = [
        f"### {now}",
        "",
        f"`{command}` ({seconds:.0f} s; Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.1f} before / {load[1]:.1f} after"
        f"{'' if args.no_pin else '; clients pinned to CPU 0, emulator and proxies to CPU 1'}).",
        f"Medians of {args.runs} processes (first request), {args.steady_runs} "
        f"(get_project x{args.calls}, rows) and {args.upload_runs} (uploads of {args.files} "
        f"files of {args.file_size} B). `ours (no prefetch)`: "
        "`Client(prefetch_pages=False)`.",
        "",
        "| measure | unit | ours | ours (no prefetch) | classic 2.6.0 | floor (httpx+json) "
        "| ours/classic | ours/floor | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for measure, unit, values in bench.rows:
        ours = values["_ours"]
        lines.append(
            f"| {measure} | {unit} | {fmt(ours)} | {fmt(values.get('ours/nofetch'))} "
            f"| {fmt(values.get('classic'))} | {fmt(values.get('floor'))} "
            f"| {ratio(ours, values.get('classic'))} | {ratio(ours, values.get('floor'))} "
            f"| {target_of(measure)} |"
        )
    return "\n".join(lines)


def write_readme(table: str) -> None:
    """Replaces the previous table in bench/README.md (made with a header if absent)."""
    if not README.exists():
        README.write_text(
            "# Benchmarks\n\n"
            "Client-side figures of our SDK beside the classic labelbox==2.6.0 and a floor "
            "(raw keep-alive httpx + json), written by `bench/run_all.py` (see its docstring "
            "for the method).\n"
        )
    replace_block(BEGIN, END, "Latest run of bench/run_all.py", table)


if __name__ == "__main__":
    main()
