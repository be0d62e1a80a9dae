"""Emulator at scale: 100,000 data rows created and paginated through the SDK, with the
SERVER's own CPU time per row served, rows/s for 1 and 4 concurrent clients, and the
server's peak memory (it runs as a separate `labelbox-emulator serve`).

    .venv/bin/python bench/emulator_scale.py [--rows 100000] [--clients 1,4] [--client sdk|http]

Every client pages through the whole dataset (pages of 100) in its own process, so K
clients are served K x rows rows; "server CPU" is the user+system time of the server
process during the paging, divided by the rows served.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import signal
import socket
import subprocess
import sys
import time
from typing import Any

from labelbox import Client

PAGE_QUERY = (
    "query($d:ID!,$s:Int!){dataset(where:{id:$d}){dataRows(skip:$s first:100)"
    "{id externalId rowData updatedAt createdAt mediaAttributes}}}"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def peak_rss_mib(pid: int) -> float:
    """VmHWM (peak resident set size) of a Linux process, in MiB."""
    with open(f"/proc/{pid}/status") as status:
        match = re.search(r"VmHWM:\s+(\d+) kB", status.read())
    return int(match.group(1)) / 1024 if match else float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a Linux process so far, in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def page_all(args: tuple[str, str, str, str, Any]) -> int:
    """One client: every row of the dataset, page by page (SDK or raw HTTP)."""
    endpoint, key, dataset_id, mode, start = args
    start.wait()
    if mode == "http":
        import httpx

        seen = 0
        with httpx.Client(headers={"Authorization": f"Bearer {key}"}, timeout=60) as http:
            while True:
                body = http.post(
                    endpoint, json={"query": PAGE_QUERY, "variables": {"d": dataset_id, "s": seen}}
                ).json()
                page = body["data"]["dataset"]["dataRows"]
                if not page:
                    return seen
                seen += len(page)
    client = Client(api_key=key, endpoint=endpoint)
    try:
        return sum(1 for _ in client.get_dataset(dataset_id).data_rows())
    finally:
        client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--clients", default="1,4", help="comma-separated client counts")
    parser.add_argument("--client", choices=("sdk", "http"), default="sdk")
    args = parser.parse_args()
    port, key = free_port(), "bench-key"
    endpoint = f"http://127.0.0.1:{port}/graphql"
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "labelbox_emulator", "serve", "--port", str(port)),
            *("--api-key", key, "--transitions", "immediate"),  # measure work, not job timing
        ],
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        client = Client(api_key=key, endpoint=endpoint)
        for _ in range(100):
            try:
                client.get_user()
                break
            except Exception:
                time.sleep(0.1)
        idle = peak_rss_mib(server.pid)
        dataset = client.create_dataset(name="scale")
        rows = [
            {"row_data": f"https://example.com/{i}.jpg", "external_id": str(i)}
            for i in range(args.rows)
        ]
        started = time.perf_counter()
        dataset.create_data_rows(rows).wait_till_done(timeout_seconds=900)
        created = time.perf_counter() - started
        print(f"{args.rows} data rows: created in {created:.1f} s (appendRowsToDataset task)")
        ctx = multiprocessing.get_context("spawn")
        for n in (int(c) for c in args.clients.split(",")):
            start = ctx.Manager().Event()
            with ctx.Pool(n) as pool:
                pending = pool.map_async(
                    page_all, [(endpoint, key, dataset.uid, args.client, start)] * n
                )
                time.sleep(1.0)  # let the workers import and wait at the start line
                cpu0, t0 = cpu_seconds(server.pid), time.perf_counter()
                start.set()
                seen = pending.get(timeout=3600)
                wall, cpu = time.perf_counter() - t0, cpu_seconds(server.pid) - cpu0
            assert seen == [args.rows] * n, (seen, args.rows)
            served = args.rows * n
            print(
                f"{n} {args.client} client(s), pages of 100: {served} rows served in "
                f"{wall:.1f} s = {served / wall:,.0f} rows/s; server CPU "
                f"{cpu / served * 1e6:.1f} us/row"
            )
        print(
            f"server peak RSS: {peak_rss_mib(server.pid):.0f} MiB (idle after start: {idle:.0f} MiB)"
        )
        client.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
