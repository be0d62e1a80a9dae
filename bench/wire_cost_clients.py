"""The client processes of bench/wire_cost.py: ``python bench/wire_cost.py MODE ...`` runs
one of these in a fresh process (our venv or the classic labelbox==2.6.0's) and prints its
JSON result. Nothing but the standard library is imported at module level.
"""

from __future__ import annotations

import functools
import json
import statistics
import time
from pathlib import Path
from typing import Any

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
#: The classic's operation names -> ours.
CLASSIC_OPERATIONS = {
    "GetProjectsPyApi": "GetProjects",
    "GetDatasetDataRowsPyApi": "DatasetDataRows",
    "CreateDataRowPyApi": "CreateDataRow",
    "CreateProjectPyApi": "CreateProject",
    "CreateDatasetPyApi": "CreateDataset",
    "createBulkImportRequestFromFilePyApi": "CreateBulkImportRequest",
}
ANNOTATION = {
    "uuid": "9fd9a92e-2560-4e77-81d4-b2e955800092",
    "schemaId": "ckappz7d700gn0zbocmqkwd9i",
    "dataRow": {"id": "ck1s02fqxm8fi0757f0e6qtdc"},
    "bbox": {"top": 48, "left": 58, "height": 865, "width": 1512},
}


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


def _capture_ours(
    endpoint: str, key: str, pulled: str
) -> tuple[dict[str, tuple[str, dict[str, Any]]], dict[str, dict[str, int]]]:
    """The calls under both policies: the (query, variables) each operation hands the wire
    policy, and the request bytes each policy sends."""
    from labelbox import Client, _transport
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
    return captured, sizes


def micro_ours(endpoint: str, key: str, pulled: str, iterations: str) -> dict[str, Any]:
    """Rewrite CPU and request bytes of our SDK under both policies."""
    from labelbox import _retry
    from labelbox_gen import wire

    captured, sizes = _capture_ours(endpoint, key, pulled)
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
