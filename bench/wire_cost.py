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

import functools
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
README = HERE / "README.md"
BEGIN, END = "<!-- wire_cost: begin -->", "<!-- wire_cost: end -->"
SECTION = "## Wire technique: cost of inline values"
KINDS = ("inline", "variables", "classic")
#: A table row: measure, unit, value per kind.
Row = tuple[str, str, dict[str, Any]]
#: The operations of the rewrite and size figures, in table order.
OPERATIONS = (
    "GetProjects",
    "DatasetDataRows",
    "CreateDataRow",
    "CreateProject",
    "CreateDataset",
    "CreateBulkImportRequest",
)
SHOWN = {
    "GetProjects": "GetProjects (where name + deleted, orderBy)",
    "DatasetDataRows": "DatasetDataRows (no where/orderBy)",
    "CreateDataRow": "CreateDataRow (rowData, externalId, dataset)",
    "CreateProject": "CreateProject (name, description)",
    "CreateDataset": "CreateDataset (name)",
    "CreateBulkImportRequest": "CreateBulkImportRequest (file in the data)",
}
#: The classic's operation names -> ours.
CLASSIC_OPERATIONS = {
    "GetProjectsPyApi": "GetProjects",
    "GetDatasetDataRowsPyApi": "DatasetDataRows",
    "CreateDataRowPyApi": "CreateDataRow",
    "CreateProjectPyApi": "CreateProject",
    "CreateDatasetPyApi": "CreateDataset",
    "createBulkImportRequestFromFilePyApi": "CreateBulkImportRequest",
}
WORKLOADS = {
    "distinct": "get_projects(where=Project.name == f'p{i}') x N, distinct values",
    "same": "get_projects(where=Project.name == 'p0') x N, one value",
    "rows": "dataset.data_rows(): every row",
    "create": "create_dataset(name=f'wire {i}') x N",
}
ANNOTATION = {
    "uuid": "9fd9a92e-2560-4e77-81d4-b2e955800092",
    "schemaId": "ckappz7d700gn0zbocmqkwd9i",
    "dataRow": {"id": "ck1s02fqxm8fi0757f0e6qtdc"},
    "bbox": {"top": 48, "left": 58, "height": 865, "width": 1512},
}


# -- client processes (run under either venv: nothing but the stdlib at module level) --


def _calls(client: Any, classic: bool) -> None:
    """The calls of the rewrite and size figures, once each."""
    from labelbox import Project

    project = client.create_project(name="wire bench", description="wire cost benchmark")
    dataset = client.create_dataset(name="wire bench")
    dataset.create_data_row(row_data="https://example.com/wire/0.jpg", external_id="row-0")
    if classic:  # 2.6.0's get_projects takes no order_by
        list(client.get_projects(where=Project.name == "wire bench"))
        from labelbox.schema.bulk_import_request import BulkImportRequest

        BulkImportRequest.create_from_objects(
            client, project.uid, "wire-bench", [ANNOTATION], validate=False
        )
    else:
        list(client.get_projects(where=Project.name == "wire bench", order_by=Project.name.asc))
        project.upload_annotations("wire-bench", [ANNOTATION], validate=False)
    list(dataset.data_rows())


def _loop(function: Any, iterations: int, repeats: int) -> float:
    """Median over ``repeats`` of the CPU seconds per call of ``function``."""
    samples = []
    for _ in range(repeats):
        started = time.process_time()
        for _ in range(iterations):
            function()
        samples.append((time.process_time() - started) / iterations)
    return statistics.median(samples)


def micro_ours(endpoint: str, key: str, pulled: str, iterations: str) -> dict[str, Any]:
    """Rewrite CPU and request bytes of our SDK under both policies."""
    from labelbox import Client, _retry, _transport
    from labelbox_gen import wire

    captured: dict[str, tuple[str, dict[str, Any]]] = {}
    sizes: dict[str, dict[str, int]] = {"inline": {}, "variables": {}}
    current = {"policy": "", "operation": ""}
    prepare, send = wire.WirePolicy.prepare, _transport._send

    def capturing(self: Any, operation: Any, query: str, variables: dict[str, Any]) -> Any:
        captured.setdefault(operation, (query, variables))
        current["operation"] = operation
        return prepare(self, operation, query, variables)

    def measuring(http: Any, request: Any, **options: Any) -> Any:
        size = int(request.headers.get("content-length", len(request.read())))
        sizes[current["policy"]].setdefault(current["operation"], size)
        return send(http, request, **options)

    wire.WirePolicy.prepare = capturing  # type: ignore[method-assign]
    _transport._send = measuring
    try:
        for policy, options in (("inline", {}), ("variables", {"pulled_schema": pulled})):
            current["policy"] = policy
            with Client(api_key=key, endpoint=endpoint, **options) as client:
                _calls(client, classic=False)
    finally:
        wire.WirePolicy.prepare = prepare  # type: ignore[method-assign]
        _transport._send = send
    sdl = Path(pulled).read_text(encoding="utf-8")
    makers = {
        "inline": wire.WirePolicy.default,
        "variables": lambda: wire.WirePolicy.from_pulled_schema(sdl),
    }
    count = int(iterations)
    out: dict[str, Any] = {"sizes": sizes, "first_us": {}, "steady_us": {}, "inlined": {}}
    out["scan_us"], out["varies"] = {}, {}
    for policy, make in makers.items():
        for name in ("first_us", "steady_us", "inlined", "scan_us"):
            out[name][policy] = {}
        for operation in OPERATIONS:
            query, variables = captured[operation]
            firsts = []
            for _ in range(max(count // 100, 5)):
                fresh = make()
                started = time.process_time()
                fresh.prepare(operation, query, variables)
                firsts.append(time.process_time() - started)
            policy_object = make()
            policy_object.prepare(operation, query, variables)
            call = functools.partial(policy_object.prepare, operation, query, variables)
            steady = _loop(call, count, 5)
            out["first_us"][policy][operation] = statistics.median(firsts) * 1e6
            out["steady_us"][policy][operation] = steady * 1e6
            out["inlined"][policy][operation] = list(policy_object.inlined(operation))
            # The transport's operation-kind scan, cached by text (labelbox._retry): a text
            # that carries values is new for each distinct value and scanned; a fixed one
            # (variables, or inline with only null/absent values) is a cache hit.
            text = call()[0]
            varies = any(
                variables.get(name) is not None for name in policy_object.inlined(operation)
            )
            if policy == "inline":
                out["varies"][operation] = varies
            if varies:
                scan = functools.partial(_retry._operations.__wrapped__, text)
            else:
                scan = functools.partial(_retry.operation_kind, text, operation)
            out["scan_us"][policy][operation] = _loop(scan, count, 5) * 1e6
    return out


def micro_classic(endpoint: str, key: str, _pulled: str, iterations: str) -> dict[str, Any]:
    """Document building CPU and request bytes of labelbox==2.6.0."""
    import re

    import requests

    from labelbox import Client, DataRow, Dataset, Project
    from labelbox.orm import query
    from labelbox.orm.db_object import DbObject
    from labelbox.schema import bulk_import_request

    sizes: dict[str, int] = {}
    post = requests.post

    def measuring(url: str, **options: Any) -> Any:
        fields = {k: v for k, v in options.items() if k in ("data", "files", "headers")}
        prepared = requests.Request("POST", url, **fields).prepare()
        operations = options["data"]
        text = operations["operations"] if isinstance(operations, dict) else operations
        found = re.search(r"(?:query|mutation)\s+(\w+)", json.loads(text)["query"])
        name = CLASSIC_OPERATIONS.get(found.group(1) if found else "", "")
        sizes.setdefault(name, len(prepared.body or b""))
        return post(url, **options)

    requests.post = measuring  # type: ignore[assignment]
    try:
        client = Client(api_key=key, endpoint=endpoint)
        _calls(client, classic=True)
    finally:
        requests.post = post  # type: ignore[assignment]
    sizes.pop("", None)
    project = client.create_project(name="wire bench")
    dataset = client.create_dataset(name="wire bench")

    def create(entity: Any, values: dict[str, Any]) -> Any:  # Client._create's building
        data = {
            entity.attribute(k): v.uid if isinstance(v, DbObject) else v for k, v in values.items()
        }
        return query.create(entity, data)

    row = {"row_data": "https://example.com/wire/0.jpg", "external_id": "row-0"}
    builders = {
        "GetProjects": lambda: (
            client.get_projects(where=Project.name == "wire bench").paginator.query % (0, 100)
        ),
        "DatasetDataRows": lambda: dataset.data_rows().paginator.query % (0, 100),
        "CreateDataRow": lambda: create(DataRow, {**row, "dataset": dataset}),
        "CreateProject": lambda: create(
            Project, {"name": "wire bench", "description": "wire cost benchmark"}
        ),
        "CreateDataset": lambda: create(Dataset, {"name": "wire bench"}),
        "CreateBulkImportRequest": lambda: bulk_import_request._make_request_data(
            project.uid, "wire-bench", 200, f"{project.uid}__wire-bench.ndjson"
        ),
    }
    count = int(iterations)
    steady = {name: _loop(build, count, 5) * 1e6 for name, build in builders.items()}
    return {"sizes": {"classic": sizes}, "steady_us": {"classic": steady}}


def client_run(
    kind: str, workload: str, endpoint: str, key: str, pulled: str, dataset_id: str, calls: str
) -> dict[str, Any]:
    """One workload in one client process; the measured loop's wall and CPU."""
    from labelbox import Client, Project

    options = {"pulled_schema": pulled} if kind == "variables" else {}
    client = Client(api_key=key, endpoint=endpoint, **options)
    count = int(calls)
    if workload in ("distinct", "same"):
        names = [f"p{i}" if workload == "distinct" else "p0" for i in range(count)]
        list(
            client.get_projects(
                where=Project.name == ("warm-up" if workload == "distinct" else "p0")
            )
        )

        def loop() -> int:
            found = 0
            for name in names:
                found += len(list(client.get_projects(where=Project.name == name)))
            return found

    elif workload == "rows":
        dataset = client.get_dataset(dataset_id)
        next(iter(dataset.data_rows()))

        def loop() -> int:
            return sum(1 for row in dataset.data_rows() if row.uid)

    else:
        client.create_dataset(name="wire warm-up")

        def loop() -> int:
            for i in range(count):
                client.create_dataset(name=f"wire {i}")
            return count

    cpu, wall = time.process_time(), time.perf_counter()
    items = loop()
    return {
        "wall_ms": (time.perf_counter() - wall) * 1000,
        "cpu_ms": (time.process_time() - cpu) * 1000,
        "items": items,
    }


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


def main() -> None:
    import argparse
    import datetime
    import platform
    import tempfile

    sys.path.insert(0, str(HERE))
    from run_all import CLIENT_CPU, KEY, SERVER_CPU, setup_data

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
        print(f"emulator at {endpoint}; setting up {args.rows} rows, {args.calls} projects")
        _, dataset_id = setup_data(endpoint, args.rows)
        from labelbox import Client

        with Client(api_key=KEY, endpoint=endpoint) as client:
            for i in range(args.calls):
                client.create_project(name=f"p{i}")

        print("rewrite CPU and request bytes (one process per client)", flush=True)
        micro: dict[str, Any] = {
            "sizes": {},
            "first_us": {},
            "steady_us": {},
            "inlined": {},
            "scan_us": {},
            "varies": {},
        }
        tail = [endpoint, KEY, str(pulled), str(args.iterations)]
        for name, python in (("ours", sys.executable), ("classic", args.classic_python)):
            if python:
                found = run_process(python, [f"micro-{name}", *tail], client_cpu)
                for part, values in found.items():
                    micro[part].update(values)

        print(f"end to end: {', '.join(WORKLOADS)} x {args.runs} runs", flush=True)
        executor = emu.state.executor
        samples: dict[tuple[str, str], list[dict[str, Any]]] = {}
        texts: dict[str, list[str]] = {}

        def one(kind: str, workload: str, calls: int, delay: float = 0.0) -> dict[str, Any]:
            with executor._lock:
                executor._cache.clear()
                executor._cache_chars = 0
            stats.reset()
            stats.delay = delay
            cpu = time.process_time()
            argv = ["client", kind, workload, endpoint, KEY, str(pulled), dataset_id, str(calls)]
            result = run_process(pythons[kind], argv, client_cpu)
            result["server_cpu_ms"] = (time.process_time() - cpu) * 1000
            result["requests"] = stats.documents
            result["misses"] = stats.misses
            result["parse_cpu_ms"] = stats.parse_cpu * 1000
            result["body_bytes"] = statistics.median(stats.bodies or [0])
            stats.delay = 0.0
            print(f"  {workload} {kind}: {json.dumps(result)}", flush=True)
            return result

        for _ in range(args.runs):
            for workload in WORKLOADS:
                for kind in kinds:
                    samples.setdefault((kind, workload), []).append(one(kind, workload, args.calls))
                    if workload in ("distinct", "create"):
                        texts[f"{kind} {workload}"] = list(stats.texts)
                if workload in ("distinct", "create"):
                    # Control: variables with the server slowed to inline's wall time, to
                    # tell the client CPU inline values cost from the CPU of waiting longer.
                    gap = samples[("inline", workload)][-1]["wall_ms"]
                    gap -= samples[("variables", workload)][-1]["wall_ms"]
                    delay = max(gap / args.calls / 1000, 0.0)
                    control = one("variables", workload, max(args.calls // 2, 1), delay)
                    control["delay_ms"] = delay * 1000
                    samples.setdefault(("control", workload), []).append(control)
    js = None
    if args.graphql_js:
        print("graphql-js: parse+validate of the same documents", flush=True)
        js = graphql_js(args.graphql_js, bundled_schema_sdl(), texts, client_cpu)
    ended = time.perf_counter()
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    e2e = {
        key: {name: statistics.median(s[name] for s in found) for name in found[0]}
        for key, found in samples.items()
    }
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    command = "bench/wire_cost.py " + " ".join(sys.argv[1:])
    header = (
        f"### {now}\n\n`{command.strip()}` ({ended - started:.0f} s; Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, load average {load_before:.1f} "
        f"before / {load_after:.1f} after"
        f"{'' if args.no_pin else '; clients pinned to CPU 0, emulator to CPU 1'}). "
        f"N = {args.calls}, {args.rows} rows, medians of {args.runs} processes per figure; "
        f"rewrite loops of {args.iterations} calls."
    )
    text = render(header, micro, e2e, js, args)
    print()
    print(text)
    if not args.no_readme:
        write_readme(text)
        print(f"\nwritten to {README.relative_to(ROOT)}")


def fmt(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 100 or value == int(value):
        return f"{value:.0f}"
    return f"{value:.3g}"


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return ""
    value = a / b
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| measure | unit | inline | variables | classic 2.6.0 | inline/variables "
        "| inline/classic |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for measure, unit, values in rows:
        inline, variables, classic = (values.get(k) for k in KINDS)
        lines.append(
            f"| {measure} | {unit} | {fmt(inline)} | {fmt(variables)} | {fmt(classic)} "
            f"| {ratio(inline, variables)} | {ratio(inline, classic)} |"
        )
    return lines


def _e2e_figures(
    found: dict[str, dict[str, float]], items: float, scale: float, unit: str
) -> list[Row]:
    """The end-to-end rows of one workload (``items``: calls or rows)."""
    rows = unit == "us/row"
    figures = [
        ("client wall", unit, {k: v["wall_ms"] / items * scale for k, v in found.items()}),
        ("client CPU", unit, {k: v["cpu_ms"] / items * scale for k, v in found.items()}),
    ]
    if rows:
        server = {k: v["server_cpu_ms"] / items * scale for k, v in found.items()}
        figures.append(("server CPU", unit, server))
    per_request = {k: v["server_cpu_ms"] / v["requests"] * 1e3 for k, v in found.items()}
    figures.append(("server CPU per request", "us", per_request))
    misses = {k: 100 * v["misses"] / v["requests"] for k, v in found.items()}
    figures.append(("parse+validate misses / requests", "%", misses))
    parse = {k: v["parse_cpu_ms"] / v["requests"] * 1e3 for k, v in found.items()}
    figures.append(("parse+validate CPU per request", "us", parse))
    figures.append(("request body (median)", "B", {k: v["body_bytes"] for k, v in found.items()}))
    return figures


def render(
    header: str,
    micro: dict[str, Any],
    e2e: dict[tuple[str, str], dict[str, float]],
    js: dict[str, Any] | None,
    args: Any,
) -> str:
    first, steady, sizes = micro["first_us"], micro["steady_us"], micro["sizes"]
    rewrite: list[Row] = []
    size_rows: list[Row] = []
    for operation in OPERATIONS:
        shown = SHOWN[operation]
        pick = {k: first.get(k, {}).get(operation) for k in ("inline", "variables")}
        rewrite.append((f"{shown}: first call", "us", pick))
        pick = {k: steady.get(k, {}).get(operation) for k in KINDS}
        rewrite.append((f"{shown}: steady", "us/call", pick))
        pick = {k: micro["scan_us"].get(k, {}).get(operation) for k in ("inline", "variables")}
        rewrite.append((f"{shown}: transport's scan of the text", "us/call", pick))
        size_rows.append((shown, "B", {k: sizes.get(k, {}).get(operation) for k in KINDS}))
    e2e_rows: list[Row] = []
    for workload in WORKLOADS:
        found = {k: v for (k, w), v in e2e.items() if w == workload}
        rows = workload == "rows"
        items = next(iter(found.values()))["items"] if rows else args.calls
        label = f"rows ({int(items)})" if rows else workload
        scale, unit = (1e3, "us/row") if rows else (1.0, "ms/call")

        control = found.pop("control", None)
        for measure, unit_of, values in _e2e_figures(found, items, scale, unit):
            e2e_rows.append((f"{label}: {measure}", unit_of, values))
            if control and measure in ("client wall", "client CPU"):
                key = "wall_ms" if measure == "client wall" else "cpu_ms"
                shown = (
                    f"{label}: {measure}, control: variables + {control['delay_ms']:.2g} ms wait"
                )
                value = control[key] / control["items"] * scale
                e2e_rows.append((shown, unit_of, {"inline": values["inline"], "variables": value}))
        for key, value in sorted((js or {}).get("us", {}).items()):
            kind, _, of = key.partition(" ")
            if of == workload and kind in found:
                run = found[kind]
                per_request = value * run["misses"] / run["requests"]
                measure = f"{label}: graphql-js parse+validate per miss"
                e2e_rows.append((measure, "us", {kind: value}))
                measure = f"{label}: graphql-js parse+validate per request (x misses)"
                e2e_rows.append((measure, "us", {kind: per_request}))
    merged: dict[tuple[str, str], dict[str, float | None]] = {}
    for measure, unit, values in e2e_rows:  # graphql-js: one row per workload
        merged.setdefault((measure, unit), {}).update(values)
    counts = "; ".join(
        f"{workload}: "
        + ", ".join(
            f"{k} {int(v['misses'])}/{int(v['requests'])}"
            for (k, w), v in e2e.items()
            if w == workload and k != "control"
        )
        for workload in WORKLOADS
    )
    distinct = e2e.get(("inline", "distinct"))
    per_miss = distinct["parse_cpu_ms"] / max(distinct["misses"], 1) * 1e3 if distinct else 0.0
    js_miss = (js or {}).get("us", {}).get("inline distinct")
    js_text = (
        f"graphql-js {js['graphql']} (node {js['node']}) parses and validates the same "
        f"document in ~{js_miss:.0f} us, the price of each miss (a new shape) on a "
        f"graphql-js server"
        if js and js_miss
        else "graphql-js does the same work several times faster (run with --graphql-js "
        "to measure it)"
    )
    inlined = micro["inlined"].get("inline", {})
    client_us = [
        steady.get("inline", {}).get(op, 0.0) + micro["scan_us"].get("inline", {}).get(op, 0.0)
        for op in OPERATIONS
        if micro["varies"].get(op)
    ] or [0.0]
    client_text = (
        f"**On the client** inline values cost {min(client_us):.0f}-{max(client_us):.0f} us "
        "of CPU per call (the rewrite, plus the transport's scan of a text it has not seen: "
        "once per shape); the rest of any client CPU gap in section 3 is the longer wait "
        "(see the control rows)."
    )
    lines = [
        header,
        "",
        "**1. Client CPU of the rewrite** (`WirePolicy.prepare`: first call of a fresh policy "
        "and steady state; classic: building the same call's document with its "
        "`orm/query.py`, for scale). The transport's scan of the text (the operation kind "
        "for the retry decision, `labelbox._retry`) is cached by text: the inline text depends "
        "on the value's shape (which fields are set), not its values, so a new shape pays "
        "the scan once (the figure below) and a new value of a known shape hits the "
        "cache. Written inline by the default policy: "
        + "; ".join(f"{op} `{', '.join(inlined.get(op, [])) or '-'}`" for op in OPERATIONS)
        + ".",
        "",
        *table(rewrite),
        "",
        "**2. Request body** (bytes as sent: HTTP Content-Length; the bulk import is a "
        "multipart body with its one-line NDJSON file).",
        "",
        *table(size_rows),
        "",
        f"**3. End to end over loopback** (N = {args.calls}; the emulator's document cache "
        "emptied before each process; server CPU: the emulator's process CPU, all of it: "
        "HTTP, auth, parse+validate, execution, rendering). A client's CPU per call grows "
        "with the time it waits for the answer, whatever it sends; the *control* rows run "
        "`variables` with the server slowed (a sleep per request) to inline's wall time: "
        "inline's client CPU against the control is what its values cost the client. "
        + "; ".join(f"{name}: `{what}`" for name, what in WORKLOADS.items())
        + ".",
        "",
        *table([(m, u, v) for (m, u), v in merged.items()]),
        "",
        client_text,
        "",
        "Parse+validate misses / requests (medians; requests include one warm-up call, and "
        f"`get_dataset` for rows): {counts}.",
        "",
        "**What this means for a real server.** The inline form carries the *structure* of "
        "a value (which filter or data fields are set, how many objects an AND list has) "
        "in the document and its leaves (strings, ids, numbers, dates, lists of ids, files) "
        "in variables of built-in or attested types (`$wire0: String!`), as the classic "
        "2.6.0 did (`$param_0: String!`). So the document text depends on the shape of a "
        "call, not on its values: lookups with new values, creates and updates reuse one "
        "parsed document per shape, and a server that caches parsed and validated "
        "documents by their text (graphql-js servers with a document cache, Apollo's "
        "automatic persisted queries keyed by a hash of the text) keeps hitting it. What "
        "costs: one miss per new shape (a filter on other fields, an AND list of another "
        "length), and values of unattested enums (an orderBy) are part of the text. Here "
        f"a miss cost ~{per_miss:.0f} us of graphql-core (Python) parse+validate on the "
        f"emulator; {js_text}. The classic 2.6.0 also writes page numbers into the text "
        "(`skip: 200 first: 100`), so each page of its listings is a new document; this "
        "SDK keeps `skip` and `first` (`Int`, `PageSize`: attested) as variables.",
    ]
    return "\n".join(lines)


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


def write_readme(text: str) -> None:
    current = README.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in current and END in current:
        current = current[: current.index(BEGIN)] + block + current[current.index(END) + len(END) :]
    else:
        intro = (
            "Written by `bench/wire_cost.py` (see its docstring for the method): what the "
            "wire policy's inline values (`labelbox_gen.wire`) cost the client and the "
            "server, beside the same calls with every value a variable "
            "(`Client(pulled_schema=...)` of our own schema) and beside the classic 2.6.0. "
            "The graphql-js rows need node and `npm install --prefix /tmp/gqljs graphql@16`; "
            "without `--graphql-js` they are left out."
        )
        current = current.rstrip("\n") + f"\n\n{SECTION}\n\n{intro}\n\n{block}\n"
    README.write_text(current, encoding="utf-8")


MODES = {"micro-ours": micro_ours, "micro-classic": micro_classic, "client": client_run}

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in MODES:
        print(json.dumps(MODES[sys.argv[1]](*sys.argv[2:])))
    else:
        main()
