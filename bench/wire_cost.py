"""What writing values inline costs (the wire policy of ``labelbox_gen.wire``), side by
side in one run: **inline** (``WirePolicy.default()``: every variable of an unattested
type name is written into the document as its structure, each leaf a variable of a built-in
or attested type), **variables** (``Client(pulled_schema=...)`` of
our own schema: every name attested, nothing inlined) and the **classic** labelbox==2.6.0
(its own venv, like bench/run_all.py).

    .venv/bin/python bench/wire_cost.py --classic-python .venv-classic/bin/python
    .venv/bin/python bench/wire_cost.py --smoke     # seconds: checks the harness runs
    # optional: graphql-js's parse+validate of the same documents (a real server's cost)
    npm install --prefix /tmp/gqljs graphql@16
    .venv/bin/python bench/wire_cost.py --classic-python .venv-classic/bin/python \
        --graphql-js /tmp/gqljs/node_modules

Method. One emulator (``labelbox_emulator.Emulator(transitions="immediate")``) runs in
this process, pinned to CPU 1; every client runs in a fresh process pinned to CPU 0
(``--no-pin``: no pinning). The emulator's ``Executor._document`` (the parse+validate
cache, keyed by query text) is wrapped to count the documents it was asked for, the
misses and the CPU (thread time) of parsing and validating each miss; its ``_answer`` is
wrapped to record each JSON request body's size. The cache is emptied before each client
process, so every process starts cold. Server CPU is this process's CPU time while a
client process runs (the emulator is all that runs here then), divided by requests.

1. ``rewrite``: ``WirePolicy.prepare(operation, query, variables)`` with the inputs the
   facade really passes (captured from calls against the emulator: ``get_projects`` with
   a where and an order_by, ``dataset.data_rows()``, ``create_data_row``,
   ``create_project``, ``create_dataset``, ``upload_annotations`` of objects, whose file
   rides in the data). First call: a fresh policy (its inline list and the template
   compile), median of several; steady: median over repeats of a tight loop. Also the
   transport's operation-kind scan (``labelbox._retry``, cached by text), which a new
   text pays once. Classic: the document its ``orm/query.py`` builds for the same call
   (it builds every document from scratch; for scale).
2. ``bytes``: the body of each of those requests as sent (HTTP Content-Length; for the
   bulk import a multipart body, its small NDJSON file included, the same both ways).
3. end to end over loopback: ``get_projects(where=Project.name == f"p{i}")`` x N with
   distinct values, and with one value; every row of a dataset of ``--rows`` rows; and
   ``create_dataset(name=...)`` x N. Client wall and CPU (process time, the measured loop
   only, after one warm-up call), server CPU per request, parse+validate misses, request
   bytes. Medians of ``--runs`` processes per figure, interleaved. Control (distinct,
   create): ``variables`` again with each answer delayed by inline's extra wall time per
   call, so that waiting costs the client the same in both. With ``--graphql-js``,
   ``node`` also parses and validates (graphql-js, against the same schema) the documents
   the emulator missed on, after a warm-up: per miss, and per request (x the miss rate).

Without ``--smoke`` or ``--no-readme`` the table replaces the previous one in
bench/README.md (section "Wire technique: cost of inline values"). No figure is asserted.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wire_cost_clients import client_run, micro_classic, micro_ours
from wire_cost_render import KINDS, README, WORKLOADS, render, write_readme

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


# -- the orchestrator ----------------------------------------------------------------


class ServerStats:
    """What the emulator did for one client process (see the module docstring)."""

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.documents = 0
        self.misses = 0
        self.parse_cpu = 0.0
        self.bodies: list[int] = []
        self.texts: list[str] = []
        self.delay = 0.0


def instrument(stats: ServerStats) -> None:
    """Wraps the emulator's document cache and request entry point to fill ``stats``."""
    from labelbox_emulator import app
    from labelbox_emulator.executor import Executor

    document, answer = Executor._document, app._answer

    def counted(self: Executor, query: str) -> Any:
        with self._lock:
            cached = query in self._cache
        started = time.thread_time()
        found = document(self, query)
        spent = time.thread_time() - started
        with stats.lock:
            stats.documents += 1
            if not cached:
                stats.misses += 1
                stats.parse_cpu += spent
                if len(stats.texts) < 500:
                    stats.texts.append(query)
        return found

    def sized(executor: Executor, raw: bytes | None, body: Any, ctx: Any) -> Any:
        if raw is not None:
            with stats.lock:
                stats.bodies.append(len(raw))
        if stats.delay:  # the control runs' wait (a worker thread sleeps: no CPU)
            time.sleep(stats.delay)
        return answer(executor, raw, body, ctx)

    Executor._document = counted  # type: ignore[method-assign]
    app._answer = sized


def run_process(python: str, argv: list[str], cpu: int | None) -> dict[str, Any]:
    """Runs this script's ``argv`` mode in a fresh process; its JSON result."""
    import shlex
    import subprocess

    from run_all import env_with_ca, pinned

    done = subprocess.run(
        [python, __file__, *argv],
        capture_output=True,
        text=True,
        preexec_fn=pinned(cpu),
        env=env_with_ca(None),
        timeout=900,
    )
    if done.returncode != 0:
        command = shlex.join([python, "bench/wire_cost.py", *argv])
        raise RuntimeError(f"{command} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def parse_args() -> Any:
    """The command line (``--smoke``: tiny sizes, one run, no README)."""
    import argparse

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--classic-python", help="python of a venv with labelbox==2.6.0")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run, no README")
    parser.add_argument("--runs", type=int, default=3, help="client processes per figure")
    parser.add_argument("--calls", type=int, default=500, help="N: calls per loop")
    parser.add_argument("--rows", type=int, default=3000, help="data rows of the dataset")
    parser.add_argument("--iterations", type=int, default=2000, help="calls per timing loop")
    parser.add_argument(
        "--graphql-js",
        metavar="DIR",
        help="node_modules holding graphql (npm install graphql@16): time graphql-js too",
    )
    parser.add_argument("--no-pin", action="store_true", help="do not pin client/server")
    parser.add_argument("--no-readme", action="store_true", help="do not write bench/README.md")
    args = parser.parse_args()
    if args.smoke:
        args.runs, args.calls, args.rows, args.iterations = 1, 10, 150, 20
        args.no_readme = True
    if args.classic_python is None and (ROOT / ".venv-classic/bin/python").exists() and args.smoke:
        args.classic_python = str(ROOT / ".venv-classic/bin/python")
    return args


def main() -> None:
    """Every figure in one run: printed, and written to bench/README.md unless
    ``--smoke`` or ``--no-readme``."""
    import tempfile

    sys.path.insert(0, str(HERE))
    from run_all import CLIENT_CPU, KEY, SERVER_CPU

    args = parse_args()
    kinds = [k for k in KINDS if k != "classic" or args.classic_python]
    pythons = {"inline": sys.executable, "variables": sys.executable}
    pythons["classic"] = args.classic_python or ""
    client_cpu = None if args.no_pin else CLIENT_CPU
    if not args.no_pin and hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > SERVER_CPU:
        os.sched_setaffinity(0, {SERVER_CPU})  # the emulator's threads inherit it

    from labelbox.schema_tool.lock import write_pulled
    from labelbox.schema_tool.sdk import bundled_schema_sdl
    from labelbox_emulator import Emulator

    stats = ServerStats()
    instrument(stats)
    started = time.perf_counter()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    with (
        tempfile.TemporaryDirectory() as tmp,
        Emulator(api_key=KEY, transitions="immediate") as emu,
    ):
        endpoint = emu.endpoint
        pulled = Path(tmp) / "schema.graphql"
        write_pulled(bundled_schema_sdl(), pulled, endpoint)
        dataset_id = set_up(endpoint, KEY, args)
        micro = measure_micro([endpoint, KEY, str(pulled), str(args.iterations)], args, client_cpu)
        tail = [endpoint, KEY, str(pulled), dataset_id]
        runs = EndToEnd(emu.state.executor, stats, pythons, client_cpu, tail)
        runs.run(args, kinds)
    js = None
    if args.graphql_js:
        print("graphql-js: parse+validate of the same documents", flush=True)
        js = graphql_js(args.graphql_js, bundled_schema_sdl(), runs.texts, client_cpu)
    ended = time.perf_counter()
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    e2e = {
        key: {name: statistics.median(s[name] for s in found) for name in found[0]}
        for key, found in runs.samples.items()
    }
    header = run_header(args, ended - started, load_before, load_after)
    text = render(header, micro, e2e, js, args)
    print()
    print(text)
    if not args.no_readme:
        write_readme(text)
        print(f"\nwritten to {README.relative_to(ROOT)}")


def set_up(endpoint: str, key: str, args: Any) -> str:
    """A dataset of ``--rows`` rows (its id) and ``--calls`` projects p0, p1, ..."""
    from run_all import setup_data

    print(f"emulator at {endpoint}; setting up {args.rows} rows, {args.calls} projects")
    _, dataset_id = setup_data(endpoint, args.rows)
    from labelbox import Client

    with Client(api_key=key, endpoint=endpoint) as client:
        for i in range(args.calls):
            client.create_project(name=f"p{i}")
    return dataset_id


def measure_micro(tail: list[str], args: Any, client_cpu: int | None) -> dict[str, Any]:
    """Sections 1 and 2: one process per client (ours, then the classic's if given)."""
    print("rewrite CPU and request bytes (one process per client)", flush=True)
    micro: dict[str, Any] = {
        "sizes": {},
        "first_us": {},
        "steady_us": {},
        "inlined": {},
        "scan_us": {},
        "varies": {},
    }
    for name, python in (("ours", sys.executable), ("classic", args.classic_python)):
        if python:
            found = run_process(python, [f"micro-{name}", *tail], client_cpu)
            for part, values in found.items():
                micro[part].update(values)
    return micro


@dataclass
class EndToEnd:
    """Section 3: client processes, interleaved, against the instrumented emulator."""

    executor: Any
    stats: ServerStats
    pythons: dict[str, str]
    client_cpu: int | None
    #: endpoint, key, pulled schema, dataset id (the client mode's arguments after the
    #: workload)
    tail: list[str] = field(default_factory=list)
    samples: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    #: the documents the emulator missed on, by "<kind> <workload>" (for graphql-js)
    texts: dict[str, list[str]] = field(default_factory=dict)

    def one(self, kind: str, workload: str, calls: int, delay: float = 0.0) -> dict[str, Any]:
        """One client process on a cold document cache; its figures and the server's."""
        executor, stats = self.executor, self.stats
        with executor._lock:
            executor._cache.clear()
            executor._cache_chars = 0
        stats.reset()
        stats.delay = delay
        cpu = time.process_time()
        argv = ["client", kind, workload, *self.tail, str(calls)]
        result = run_process(self.pythons[kind], argv, self.client_cpu)
        result["server_cpu_ms"] = (time.process_time() - cpu) * 1000
        result["requests"] = stats.documents
        result["misses"] = stats.misses
        result["parse_cpu_ms"] = stats.parse_cpu * 1000
        result["body_bytes"] = statistics.median(stats.bodies or [0])
        stats.delay = 0.0
        print(f"  {workload} {kind}: {json.dumps(result)}", flush=True)
        return result

    def run(self, args: Any, kinds: list[str]) -> None:
        """``--runs`` rounds of every workload and kind, with the controls."""
        print(f"end to end: {', '.join(WORKLOADS)} x {args.runs} runs", flush=True)
        samples, texts, stats = self.samples, self.texts, self.stats
        for _ in range(args.runs):
            for workload in WORKLOADS:
                for kind in kinds:
                    samples.setdefault((kind, workload), []).append(
                        self.one(kind, workload, args.calls)
                    )
                    if workload in ("distinct", "create"):
                        texts[f"{kind} {workload}"] = list(stats.texts)
                if workload in ("distinct", "create"):
                    # Control: variables with the server slowed to inline's wall time, to
                    # tell the client CPU inline values cost from the CPU of waiting longer.
                    gap = samples[("inline", workload)][-1]["wall_ms"]
                    gap -= samples[("variables", workload)][-1]["wall_ms"]
                    delay = max(gap / args.calls / 1000, 0.0)
                    control = self.one("variables", workload, max(args.calls // 2, 1), delay)
                    control["delay_ms"] = delay * 1000
                    samples.setdefault(("control", workload), []).append(control)


def run_header(args: Any, seconds: float, load_before: float, load_after: float) -> str:
    """The dated first paragraph of the table: command, machine, sizes."""
    import datetime
    import platform

    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    command = "bench/wire_cost.py " + " ".join(sys.argv[1:])
    header = (
        f"### {now}\n\n`{command.strip()}` ({seconds:.0f} s; Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, load average {load_before:.1f} "
        f"before / {load_after:.1f} after"
        f"{'' if args.no_pin else '; clients pinned to CPU 0, emulator to CPU 1'}). "
        f"N = {args.calls}, {args.rows} rows, medians of {args.runs} processes per figure; "
        f"rewrite loops of {args.iterations} calls."
    )
    return header


GRAPHQL_JS = r"""
const graphql = require("graphql");
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { sdl, groups } = JSON.parse(input);
  const schema = graphql.buildSchema(sdl);
  const us = {};
  for (const [label, texts] of Object.entries(groups)) {
    for (let i = 0; i < 300; i++) graphql.validate(schema, graphql.parse(texts[i % texts.length]));
  }
  // Rounds over the groups in turn; per group the lowest of its rounds' medians (the
  // machine is shared: the least disturbed round).
  for (let round = 0; round < 5; round++) {
    for (const [label, texts] of Object.entries(groups)) {
      const times = [];
      for (let rep = 0; rep < Math.ceil(200 / texts.length); rep++) {
        for (const text of texts) {
          const start = process.hrtime.bigint();
          const errors = graphql.validate(schema, graphql.parse(text));
          times.push(Number(process.hrtime.bigint() - start) / 1000);
          if (errors.length) throw new Error(label + ": " + errors[0].message);
        }
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      us[label] = Math.min(us[label] ?? Infinity, median);
    }
  }
  console.log(JSON.stringify({ node: process.version, graphql: graphql.version, us }));
});
"""


def graphql_js(directory: str, sdl: str, groups: dict[str, list[str]], cpu: int | None) -> Any:
    """graphql-js's parse+validate time per document (median of each group, after a
    warm-up of the same texts), run by ``node`` with ``directory`` on NODE_PATH."""
    import shutil
    import subprocess

    from run_all import pinned

    node = shutil.which("node")
    if node is None:
        raise RuntimeError("--graphql-js needs node on PATH")
    done = subprocess.run(
        [node, "-e", GRAPHQL_JS],
        input=json.dumps({"sdl": sdl, "groups": groups}),
        capture_output=True,
        text=True,
        preexec_fn=pinned(cpu),
        env={**os.environ, "NODE_PATH": directory},
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"node (graphql-js) failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


MODES = {"micro-ours": micro_ours, "micro-classic": micro_classic, "client": client_run}

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in MODES:
        print(json.dumps(MODES[sys.argv[1]](*sys.argv[2:])))
    else:
        main()
