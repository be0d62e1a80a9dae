"""One client's half of bench/run_all.py, run in a fresh process. The same script runs
under our venv's python (our ``labelbox``, or the ``floor``: raw httpx + json) and under
the classic venv's python (labelbox==2.6.0: same documented API).

    python bench/side.py first  SDK ENDPOINT API_KEY PROJECT_ID
    python bench/side.py steady SDK ENDPOINT API_KEY PROJECT_ID DATASET_ID CALLS [nofetch]
    python bench/side.py work   SDK ENDPOINT API_KEY DATASET_ID WORK_US io|cpu [nofetch]
    python bench/side.py upload SDK ENDPOINT API_KEY FILES_DIR

SDK is ``sdk`` (whichever ``labelbox`` this python imports) or ``floor``. Prints one
JSON object of measurements (milliseconds, microseconds) on its last line.

* ``first``: time to the first answer in a fresh interpreter: import + client + one
  ``get_project`` (floor: ``import httpx`` + ``httpx.Client()`` + one POST + json).
  Measured from the first line of this script (interpreter start-up excluded).
* ``steady``: ``get_project`` x CALLS after a warm-up; then every data row of the
  dataset, reading 4 fields of each (uid, external_id, row_data, created_at).
  ``nofetch``: our SDK without fetching the next page ahead.
* ``work``: every data row of the dataset with WORK_US microseconds of work per row: a
  wait (``io``: 10 rows' worth of sleep every 10 rows, like writing them somewhere) or
  a busy loop (``cpu``: Python that holds the GIL); wall time per row.
* ``upload``: ``dataset.create_data_rows([paths of every file in FILES_DIR])`` on a
  new dataset: the uploads, the descriptor and the append (not the server's import).
"""

import time

_WALL0, _CPU0 = time.perf_counter(), time.process_time()

import json  # noqa: E402
import sys  # noqa: E402


def _since_start() -> dict:
    return {
        "wall_ms": (time.perf_counter() - _WALL0) * 1000,
        "cpu_ms": (time.process_time() - _CPU0) * 1000,
    }


def first(sdk, endpoint, key, project_id):
    if sdk == "floor":
        import httpx

        http = httpx.Client()
        response = http.post(
            endpoint,
            json={"query": GET_PROJECT, "variables": {"id": project_id}},
            headers={"Authorization": "Bearer " + key},
        )
        assert json.loads(response.content)["data"]["project"]["id"] == project_id
    else:
        from labelbox import Client

        client = Client(api_key=key, endpoint=endpoint)
        assert client.get_project(project_id).uid == project_id
    return _since_start()


def steady(sdk, endpoint, key, project_id, dataset_id, calls, nofetch=False):
    calls = int(calls)
    out = {}
    get_project, rows, read = _clients(sdk, endpoint, key, project_id, dataset_id, nofetch)
    get_project()  # warm-up: connection, models built
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(calls):
        get_project()
    out["get_project_cpu_ms"] = (time.process_time() - cpu) / calls * 1000
    out["get_project_wall_ms"] = (time.perf_counter() - wall) / calls * 1000
    cpu, wall = time.process_time(), time.perf_counter()
    count = 0
    for row in rows():
        read(row)
        count += 1
    out["rows"] = count
    out["row_cpu_us"] = (time.process_time() - cpu) / max(count, 1) * 1e6
    out["row_wall_us"] = (time.perf_counter() - wall) / max(count, 1) * 1e6
    return out


def work(sdk, endpoint, key, dataset_id, work_us, kind, nofetch=False):
    _get_project, rows, read = _clients(sdk, endpoint, key, "", dataset_id, nofetch)
    seconds = float(work_us) / 1e6
    for _ in rows():  # warm-up: connections, models built
        break
    wall = time.perf_counter()
    count = 0
    for row in rows():
        read(row)
        count += 1
        if kind == "io":
            if count % 10 == 0:
                time.sleep(10 * seconds)
        else:
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                pass
    return {"work_row_wall_us": (time.perf_counter() - wall) / max(count, 1) * 1e6, "rows": count}


def _clients(sdk, endpoint, key, project_id, dataset_id, nofetch):
    """``get_project()``, ``rows()`` and ``read(row)`` of one client kind."""
    if sdk == "floor":
        import httpx

        http = httpx.Client(headers={"Authorization": "Bearer " + key})

        def get_project():
            body = json.loads(
                http.post(
                    endpoint, json={"query": GET_PROJECT, "variables": {"id": project_id}}
                ).content
            )
            return body["data"]["project"]

        def rows():
            skip = 0
            while True:
                variables = {"id": dataset_id, "skip": skip, "first": 100}
                body = json.loads(
                    http.post(endpoint, json={"query": DATA_ROWS, "variables": variables}).content
                )
                page = body["data"]["dataset"]["dataRows"]
                yield from page
                if len(page) < 100:
                    return
                skip += len(page)

        def read(row):
            return (row["id"], row["externalId"], row["rowData"], row["createdAt"])

    else:
        from labelbox import Client

        options = {"prefetch_pages": False} if nofetch else {}
        client = Client(api_key=key, endpoint=endpoint, **options)

        def get_project():
            return client.get_project(project_id)

        def rows():
            return client.get_dataset(dataset_id).data_rows()

        def read(row):
            return (row.uid, row.external_id, row.row_data, row.created_at)

    return get_project, rows, read


def upload(sdk, endpoint, key, files_dir):
    import os

    paths = sorted(os.path.join(files_dir, name) for name in os.listdir(files_dir))
    if sdk == "floor":
        from concurrent.futures import ThreadPoolExecutor

        import httpx

        http = httpx.Client(headers={"Authorization": "Bearer " + key})

        def call(query, variables):
            body = http.post(endpoint, json={"query": query, "variables": variables}).json()
            return body["data"]

        dataset_id = call(
            "mutation($n: String!){createDataset(data:{name:$n}){id}}", {"n": "floor"}
        )["createDataset"]["id"]

        def send(path):
            with open(path, "rb") as stream:
                data = stream.read()
            operations = {"query": UPLOAD, "variables": {"file": None, "contentLength": len(data)}}
            response = http.post(
                endpoint,
                data={"operations": json.dumps(operations), "map": '{"0": ["variables.file"]}'},
                files={"0": (os.path.basename(path), data, "application/octet-stream")},
            )
            return response.json()["data"]["uploadFile"]["url"]

        cpu, wall = time.process_time(), time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            urls = list(pool.map(send, paths))
        rows = [{"externalId": path, "data": url} for path, url in zip(paths, urls, strict=True)]
        descriptor = json.dumps(rows).encode()
        operations = {
            "query": UPLOAD,
            "variables": {"file": None, "contentLength": len(descriptor)},
        }
        url = http.post(
            endpoint,
            data={"operations": json.dumps(operations), "map": '{"0": ["variables.file"]}'},
            files={"0": ("descriptor.json", descriptor, "application/json")},
        ).json()["data"]["uploadFile"]["url"]
        call(APPEND, {"d": dataset_id, "u": url})
    else:
        from labelbox import Client

        client = Client(api_key=key, endpoint=endpoint)
        dataset = client.create_dataset(name="upload bench")
        cpu, wall = time.process_time(), time.perf_counter()
        dataset.create_data_rows(paths)
    return {
        "upload_wall_ms": (time.perf_counter() - wall) * 1000,
        "upload_cpu_ms": (time.process_time() - cpu) * 1000,
        "files": len(paths),
    }


GET_PROJECT = (
    "query GetProject($id: ID!) {project(where: {id: $id}) {id name description updatedAt "
    "createdAt setupComplete lastActivityTime autoAuditNumberOfLabels autoAuditPercentage "
    "showingPredictionsToLabelers}}"
)
DATA_ROWS = (
    "query DatasetDataRows($id: ID!, $skip: Int!, $first: PageSize!) {dataset(where: {id: $id}) "
    "{id dataRows(skip: $skip, first: $first) {id externalId rowData updatedAt createdAt "
    "mediaAttributes}}}"
)
UPLOAD = (
    "mutation UploadFile($file: Upload!, $contentLength: Int!, $sign: Boolean) "
    "{uploadFile(file: $file, contentLength: $contentLength, sign: $sign) {url filename}}"
)
APPEND = (
    "mutation($d: ID!, $u: String!) {appendRowsToDataset(data: {datasetId: $d, "
    "jsonFileUrl: $u}) {taskId accepted}}"
)


def main():
    mode, *args = sys.argv[1:]
    result = {"first": first, "steady": steady, "work": work, "upload": upload}[mode](*args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
