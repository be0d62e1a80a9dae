"""The Markdown of bench/wire_cost.py: the tables of one run (``render``) and their
section of bench/README.md (``write_readme``). Only the standard library is imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wire_cost_clients import OPERATIONS

README = Path(__file__).resolve().parent / "README.md"
BEGIN, END = "<!-- wire_cost: begin -->", "<!-- wire_cost: end -->"
SECTION = "## Wire technique: cost of inline values"
KINDS = ("inline", "variables", "classic")
#: A table row: measure, unit, value per kind.
Row = tuple[str, str, dict[str, Any]]
SHOWN = {
    "GetProjects": "GetProjects (where name + deleted, orderBy)",
    "DatasetDataRows": "DatasetDataRows (no where/orderBy)",
    "CreateDataRow": "CreateDataRow (rowData, externalId, dataset)",
    "CreateProject": "CreateProject (name, description)",
    "CreateDataset": "CreateDataset (name)",
    "CreateBulkImportRequest": "CreateBulkImportRequest (file in the data)",
}
WORKLOADS = {
    "distinct": "get_projects(where=Project.name == f'p{i}') x N, distinct values",
    "same": "get_projects(where=Project.name == 'p0') x N, one value",
    "rows": "dataset.data_rows(): every row",
    "create": "create_dataset(name=f'wire {i}') x N",
}


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
    """The Markdown of one run: the header, the three sections, and what they mean."""
    rewrite, size_rows = _micro_rows(micro)
    merged = _e2e_rows(e2e, js, args)
    distinct = e2e.get(("inline", "distinct"))
    per_miss = distinct["parse_cpu_ms"] / max(distinct["misses"], 1) * 1e3 if distinct else 0.0
    lines = [
        header,
        "",
        *_rewrite_section(micro, rewrite, size_rows),
        *_e2e_section(micro, e2e, merged, args),
        "",
        *_meaning(per_miss, _js_text(js)),
    ]
    return "\n".join(lines)


def _micro_rows(micro: dict[str, Any]) -> tuple[list[Row], list[Row]]:
    """The rows of sections 1 (rewrite CPU) and 2 (request bytes)."""
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
    return rewrite, size_rows


def _e2e_rows(
    e2e: dict[tuple[str, str], dict[str, float]], js: dict[str, Any] | None, args: Any
) -> dict[tuple[str, str], dict[str, float | None]]:
    """The rows of section 3 (end to end), graphql-js's merged into one row per workload."""
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
    return merged


def _js_text(js: dict[str, Any] | None) -> str:
    """What a miss costs graphql-js (measured with --graphql-js, else said in words)."""
    js_miss = (js or {}).get("us", {}).get("inline distinct")
    return (
        f"graphql-js {js['graphql']} (node {js['node']}) parses and validates the same "
        f"document in ~{js_miss:.0f} us, the price of each miss (a new shape) on a "
        f"graphql-js server"
        if js and js_miss
        else "graphql-js does the same work several times faster (run with --graphql-js "
        "to measure it)"
    )


def _rewrite_section(micro: dict[str, Any], rewrite: list[Row], size_rows: list[Row]) -> list[str]:
    """Sections 1 (client CPU of the rewrite) and 2 (request body)."""
    inlined = micro["inlined"].get("inline", {})
    return [
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
    ]


def _e2e_section(
    micro: dict[str, Any],
    e2e: dict[tuple[str, str], dict[str, float]],
    merged: dict[tuple[str, str], dict[str, float | None]],
    args: Any,
) -> list[str]:
    """Section 3 (end to end): its table, the client's share and the misses per workload."""
    steady = micro["steady_us"]
    counts = "; ".join(
        f"{workload}: "
        + ", ".join(
            f"{k} {int(v['misses'])}/{int(v['requests'])}"
            for (k, w), v in e2e.items()
            if w == workload and k != "control"
        )
        for workload in WORKLOADS
    )
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
    return [
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
    ]


def _meaning(per_miss: float, js_text: str) -> list[str]:
    """What the figures mean for a real server."""
    return [
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
