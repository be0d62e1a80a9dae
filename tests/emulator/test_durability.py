"""A database file outlives its emulator (real HTTP): jobs interrupted by a crash finish
(COMPLETE or FAILED) when the database is opened again, file URLs stored in objects keep
working across restarts and expiry, and reopening reuses organizations and keys."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from labelbox_emulator import Emulator
from labelbox_emulator.jobs import MAX_ATTEMPTS

from .conftest import Api

SRC = str(Path(__file__).resolve().parents[2] / "src")
APPEND = (
    "mutation($d:ID!,$u:String!){appendRowsToDataset(data:{datasetId:$d jsonFileUrl:$u}){taskId}}"
)
TASK = "query($t:ID!){user{createdTasks(where:{id:$t}){status errors}}}"
ROWS = "query($d:ID!){dataset(where:{id:$d}){dataRows(first:100){externalId}}}"


class SimulatedCrash(BaseException):
    """The process dying in the middle of a job's work."""


def start_append(api: Api, n: int) -> tuple[str, str]:
    """A dataset and the task appending ``n`` rows to it (not finished yet)."""
    ds = api.dataset("durable")
    items = [{"data": f"https://x/{i}.jpg", "externalId": str(i)} for i in range(n)]
    url = api.upload(json.dumps(items).encode())
    task = api(APPEND, {"d": ds, "u": url})["appendRowsToDataset"]["taskId"]
    return ds, task


def task_status(api: Api, task: str) -> dict[str, Any]:
    tasks = api(TASK, {"t": task})["user"]["createdTasks"]
    assert len(tasks) == 1
    return tasks[0]  # type: ignore[no-any-return]


def test_a_job_cut_short_by_a_crash_finishes_on_reopen(tmp_path: Path) -> None:
    db = str(tmp_path / "crash.sqlite")
    with Emulator(db_path=db, transitions="polls:1000") as emu:
        api = Api(emu, emu.api_key)
        ds, task = start_append(api, 50)
        store = emu.state.store
        insert_many = store.insert_many

        def crash_after_inserting(type_name: str, rows: Any) -> int:
            insert_many(type_name, rows)  # the rows are written...
            raise SimulatedCrash  # ...and the process dies before the job is done

        store.insert_many = crash_after_inserting  # type: ignore[method-assign]
        with pytest.raises(SimulatedCrash):
            emu.advance()
        store.insert_many = insert_many  # type: ignore[method-assign]
        assert task_status(api, task)["status"] == "IN_PROGRESS"
        assert api(ROWS, {"d": ds})["dataset"]["dataRows"] == []  # nothing half-written
    with Emulator(db_path=db, transitions="immediate") as emu:
        api = Api(emu, emu.api_key)
        assert task_status(api, task)["status"] == "COMPLETE"
        rows = api(ROWS, {"d": ds})["dataset"]["dataRows"]
        assert sorted(int(r["externalId"]) for r in rows) == list(range(50))  # exactly once


def test_a_job_that_keeps_crashing_ends_failed(tmp_path: Path) -> None:
    db = str(tmp_path / "failing.sqlite")
    with Emulator(db_path=db, transitions="polls:1000") as emu:
        api = Api(emu, emu.api_key)
        _, task = start_append(api, 5)
        emu.state.store.execute("UPDATE _jobs SET attempts = ?", [MAX_ATTEMPTS])
    with Emulator(db_path=db, transitions="immediate") as emu:
        status = task_status(Api(emu, emu.api_key), task)
        assert status["status"] == "FAILED"
        assert "interrupted" in json.dumps(status["errors"])


@pytest.mark.parametrize("mode", ["delay:0.2", "polls:3", "realistic"])
def test_pending_jobs_resume_in_every_mode(tmp_path: Path, mode: str) -> None:
    db = str(tmp_path / "pending.sqlite")
    with Emulator(db_path=db, transitions="delay:3600") as emu:
        _, task = start_append(Api(emu, emu.api_key), 3)
    with Emulator(db_path=db, transitions=mode) as emu:
        api = Api(emu, emu.api_key)
        deadline = time.monotonic() + 30
        status = task_status(api, task)["status"]
        while status == "IN_PROGRESS" and time.monotonic() < deadline:
            time.sleep(0.05)
            status = task_status(api, task)["status"]
        assert status == "COMPLETE"  # not an hour later, as the first run had it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: str, *args: str) -> tuple[subprocess.Popen[str], str, str]:
    """``labelbox-emulator serve --db db``: the process, its endpoint and API key."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "labelbox_emulator", "serve", "--port", str(port), "--db", db,
         *args],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )  # fmt: skip
    assert proc.stdout is not None
    endpoint = proc.stdout.readline().split(": ", 1)[1].strip()
    key = proc.stdout.readline().split(": ", 1)[1].strip()
    return proc, endpoint, key


def _post(endpoint: str, key: str, query: str, variables: dict[str, Any] | None = None) -> Any:
    r = httpx.post(
        endpoint,
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {key}"},
        timeout=30,
    )
    body = r.json()
    assert "errors" not in body, body
    return body["data"]


def test_sigkill_during_a_job_then_serve_again(tmp_path: Path) -> None:
    """A real crash (SIGKILL) with a job pending; ``serve --db`` without ``--api-key``
    then reuses the database's key and organization, and the task completes."""
    db = str(tmp_path / "killed.sqlite")
    proc, endpoint, key = _serve(db, "--transitions", "delay:30")
    try:
        emu_like = type("E", (), {"endpoint": endpoint})()
        api = Api(emu_like, key)  # type: ignore[arg-type]
        ds, task = start_append(api, 20)
        assert task_status(api, task)["status"] == "IN_PROGRESS"
        org = _post(endpoint, key, "{organization{id}}")["organization"]["id"]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    proc, endpoint, again = _serve(db, "--transitions", "immediate")
    try:
        assert again == key
        assert _post(endpoint, key, "{organization{id}}")["organization"]["id"] == org
        status = _post(endpoint, key, TASK, {"t": task})["user"]["createdTasks"][0]["status"]
        assert status == "COMPLETE"
        rows = _post(endpoint, key, ROWS, {"d": ds})["dataset"]["dataRows"]
        assert len(rows) == 20
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


def test_reopening_never_duplicates_and_keeps_organizations(tmp_path: Path) -> None:
    db = str(tmp_path / "orgs.sqlite")

    def shared(emu: Emulator) -> tuple[int, int]:
        store = emu.state.store
        return (
            store.count("Role"),
            store.count("LabelingFrontend"),
        )

    with Emulator(db_path=db, organizations=1) as emu:
        first = (emu.api_key, emu.organization_id, emu.extra_organizations, shared(emu))
        created = emu.create_organization("Later")
    with Emulator(db_path=db, organizations=1) as emu:
        assert (emu.api_key, emu.organization_id, emu.extra_organizations, shared(emu)) == first
        assert [o.api_key for o in emu.state.organizations()][-1] == created.api_key
        api = Api(emu, emu.api_key)
        assert len(api("{labelingFrontends{id}}")["labelingFrontends"]) == first[3][1]
        emu.reset()  # a reset re-seeds every organization of the database
        assert Api(emu, created.api_key)("{organization{name}}")["organization"]["name"] == "Later"
    with Emulator(db_path=db, api_key="another-key") as emu:  # a new key: a new organization
        assert emu.api_key == "another-key" and emu.organization_id != first[1]
        assert shared(emu) == first[3]
        assert Api(emu, first[0])("{organization{id}}")["organization"]["id"] == first[1]


def test_file_urls_in_rows_survive_restarts_and_expiry(tmp_path: Path) -> None:
    db = str(tmp_path / "files.sqlite")
    with Emulator(db_path=db, transitions="immediate") as emu:
        api = Api(emu, emu.api_key)
        uploaded = api.upload(b"pixels", "img.png", "image/png")
        ds = api.dataset("files")
        row = api.data_row(ds, uploaded)
        api(
            "mutation($r:ID!,$v:String!){createDataRowAttachment(data:{dataRowId:$r "
            "type:IMAGE value:$v}){id}}",
            {"r": row, "v": uploaded},
        )
        # an hour later, the stored URL has expired; reading the row signs it anew
        files = emu.state.files
        expiry = files.expiry_seconds
        files.expiry_seconds = -5
        expired = files.url(emu.base_url, urlsplit(uploaded).path.rsplit("/", 1)[1])
        files.expiry_seconds = expiry
        assert httpx.get(expired).status_code == 410
        emu.state.store.update("DataRow", row, {"rowData": expired})
        query = "query($d:ID!){dataset(where:{id:$d}){dataRows{rowData attachments{value}}}}"
        read = api(query, {"d": ds})["dataset"]["dataRows"][0]["rowData"]
        assert read != expired and httpx.get(read).content == b"pixels"
        single = api("query($r:ID!){dataRow(where:{id:$r}){rowData}}", {"r": row})
        assert httpx.get(single["dataRow"]["rowData"]).content == b"pixels"
        old_port = emu.port
    with Emulator(db_path=db, transitions="immediate") as emu:  # another port
        assert emu.port != old_port
        api = Api(emu, emu.api_key)
        data = api(query, {"d": ds})["dataset"]["dataRows"][0]
        for url in (data["rowData"], data["attachments"][0]["value"]):
            assert url.startswith(emu.base_url)
            assert httpx.get(url).content == b"pixels"
        # the signature of a URL handed out before the restart still holds
        parts = urlsplit(uploaded)
        assert httpx.get(f"{emu.base_url}{parts.path}?{parts.query}").content == b"pixels"


@pytest.mark.skipif(os.name != "posix", reason="process liveness via os.kill(pid, 0)")
def test_temporary_databases_of_killed_emulators_are_reaped(tmp_path: Path) -> None:
    import tempfile

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = Path(tempfile.gettempdir()) / f"labelbox-emulator-{dead.pid}-abc"
    left.mkdir()
    (left / "emulator.sqlite3").write_bytes(b"")
    mine = Path(tempfile.gettempdir()) / f"labelbox-emulator-{os.getpid()}-abc"
    mine.mkdir()
    try:
        with Emulator() as emu:
            temp = Path(emu.state.store._file).parent
            assert temp.name.startswith(f"labelbox-emulator-{os.getpid()}-")
            assert not left.exists()  # its process is gone
            assert mine.exists()  # this process is alive
        assert not temp.exists()  # stop() deletes its own
    finally:
        import shutil

        shutil.rmtree(left, ignore_errors=True)
        shutil.rmtree(mine, ignore_errors=True)
