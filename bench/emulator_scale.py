"""Emulator at scale: 100,000 data rows created and fully paginated through the SDK,
with the SERVER's own peak memory (it runs as a separate `labelbox-emulator serve`).

    .venv/bin/python bench/emulator_scale.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import time

from labelbox import Client


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    port, key = free_port(), "bench-key"
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "labelbox_emulator", "serve", "--port", str(port)),
            *("--api-key", key, "--transitions", "immediate"),  # measure work, not job timing
        ],
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        client = Client(api_key=key, endpoint=f"http://127.0.0.1:{port}/graphql")
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
        started = time.perf_counter()
        seen = sum(1 for _ in dataset.data_rows())
        paged = time.perf_counter() - started
        assert seen == args.rows, (seen, args.rows)
        print(
            f"{args.rows} data rows: created in {created:.1f} s (appendRowsToDataset task), "
            f"paginated in {paged:.1f} s ({paged / args.rows * 1e6:.0f} us/row, pages of 100)"
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
