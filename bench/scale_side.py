"""One client's half of bench/scale.py, run in a fresh process by our venv's python
(our ``labelbox``, or the ``floor``: raw httpx + json) or the classic venv's python
(labelbox==2.6.0: same documented API).

    python bench/scale_side.py create SDK ENDPOINT API_KEY ITEMS
    python bench/scale_side.py export SDK ENDPOINT API_KEY PROJECT_ID OUT_FILE
    python bench/scale_side.py rows   SDK ENDPOINT API_KEY DATASET_ID EXPECTED_ROWS

SDK is ``sdk`` (whichever ``labelbox`` this python imports) or ``floor``. Prints one
JSON object on its last line: wall and CPU seconds of the workload, and memory as
resident set sizes in MiB: ``base_mib`` before the workload (interpreter, imports,
client), ``peak_mib`` the process's peak (VmHWM) at its end.

* ``create``: ``dataset.create_data_rows(ITEMS URL items)`` on a new dataset, then
  ``task.wait_till_done()``: the descriptor's upload, the append, and the server's
  import job to its completion. The items list is built inside the measured span (it is
  the caller's, but it is in the peak either way).
* ``export``: ``project.export_labels()`` and the payload written to OUT_FILE: ours with
  ``download=`` (streamed); the classic has no download, so its URL is fetched the way
  its users do (``requests.get(url).content``, written out); the floor streams it with
  httpx (64 KiB chunks).
* ``rows``: every data row of the dataset, reading 4 fields of each; ``mid_mib`` is the
  peak RSS after the first tenth of EXPECTED_ROWS, so ``peak_mib - mid_mib`` is what the other
  nine tenths added (flat memory: ~0).
"""

import time

_WALL0 = time.perf_counter()

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

EXPORT = (
    "mutation ExportLabels($id: ID!) {exportLabels(data: {projectId: $id}) "
    "{downloadUrl createdAt shouldPoll}}"
)
DATA_ROWS = (
    "query DatasetDataRows($id: ID!, $skip: Int!, $first: PageSize!) {dataset(where: {id: $id}) "
    "{id dataRows(skip: $skip, first: $first) {id externalId rowData updatedAt createdAt "
    "mediaAttributes}}}"
)


def peak_mib() -> float:
    """The process's peak resident set size so far, in MiB: VmHWM (``ru_maxrss``
    keeps the peak of the parent process across fork and exec, so it would show the
    driver's)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _span(work):
    """Runs ``work()``; its wall and CPU seconds and the memory figures."""
    base = peak_mib()
    cpu, wall = time.process_time(), time.perf_counter()
    out = work() or {}
    out.update(
        wall_s=time.perf_counter() - wall,
        cpu_s=time.process_time() - cpu,
        base_mib=base,
        peak_mib=peak_mib(),
    )
    return out


def create(sdk, endpoint, key, items):
    from labelbox import Client

    client = Client(api_key=key, endpoint=endpoint)
    dataset = client.create_dataset(name="scale create")
    count = int(items)

    def work():
        rows = [
            {"row_data": f"https://example.com/{i}.jpg", "external_id": str(i)}
            for i in range(count)
        ]
        task = dataset.create_data_rows(rows)
        del rows
        task.wait_till_done(timeout_seconds=1800)
        task.refresh()
        return {"status": task.status, "items": count}

    return _span(work)


def export(sdk, endpoint, key, project_id, out_file):
    if sdk == "floor":
        import httpx

        http = httpx.Client(headers={"Authorization": "Bearer " + key}, timeout=600)

        def work():
            while True:
                body = http.post(endpoint, json={"query": EXPORT, "variables": {"id": project_id}})
                result = json.loads(body.content)["data"]["exportLabels"]
                if not result["shouldPoll"]:
                    break
                time.sleep(0.5)
            with (
                httpx.stream("GET", result["downloadUrl"], timeout=600) as response,
                open(out_file, "wb") as out,
            ):
                for chunk in response.iter_bytes(1 << 16):
                    out.write(chunk)
            return {}

        return _span(work)
    from labelbox import Client

    client = Client(api_key=key, endpoint=endpoint)
    project = client.get_project(project_id)

    def work():
        try:
            url = project.export_labels(timeout_seconds=1800, download=out_file)
        except TypeError:  # the classic 2.6.0: no download
            import requests

            url = project.export_labels(timeout_seconds=1800)
            with open(out_file, "wb") as out:
                out.write(requests.get(url, timeout=600).content)
        return {"ready": url is not None}

    return _span(work)


def rows(sdk, endpoint, key, dataset_id, expected):
    if sdk == "floor":
        import httpx

        http = httpx.Client(headers={"Authorization": "Bearer " + key}, timeout=600)

        def every():
            skip = 0
            while True:
                variables = {"id": dataset_id, "skip": skip, "first": 100}
                body = http.post(endpoint, json={"query": DATA_ROWS, "variables": variables})
                page = json.loads(body.content)["data"]["dataset"]["dataRows"]
                for row in page:
                    yield (row["id"], row["externalId"], row["rowData"], row["createdAt"])
                if len(page) < 100:
                    return
                skip += len(page)

    else:
        from labelbox import Client

        client = Client(api_key=key, endpoint=endpoint)
        dataset = client.get_dataset(dataset_id)

        def every():
            for row in dataset.data_rows():
                yield (row.uid, row.external_id, row.row_data, row.created_at)

    mark = max(int(expected) // 10, 1)

    def work():
        count, mid = 0, None
        for _ in every():
            count += 1
            if count == mark:
                mid = peak_mib()
        return {"rows": count, "mid_mib": mid if mid is not None else peak_mib()}

    out = _span(work)
    out["row_cpu_us"] = out["cpu_s"] / max(out["rows"], 1) * 1e6
    out["row_wall_us"] = out["wall_s"] / max(out["rows"], 1) * 1e6
    return out


def main():
    mode, *args = sys.argv[1:]
    result = {"create": create, "export": export, "rows": rows}[mode](*args)
    result["process_wall_s"] = time.perf_counter() - _WALL0
    print(json.dumps(result))


if __name__ == "__main__":
    main()
