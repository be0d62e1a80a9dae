"""100,000 data rows through appendRowsToDataset, paginated 100 at a time."""

from __future__ import annotations

import json
import resource
import time

import pytest

from labelbox_emulator import Emulator

from .conftest import Api


@pytest.mark.slow
def test_100k_rows_append_and_paginate() -> None:
    n = 100_000
    with Emulator(transitions="immediate") as emu:
        api = Api(emu, emu.api_key)
        t0 = time.perf_counter()
        ds = api.dataset("big")
        items = [{"data": f"https://x/{i}.jpg", "externalId": str(i)} for i in range(n)]
        url = api.upload(json.dumps(items).encode())
        task = api(
            "mutation($d:ID!,$u:String!){appendRowsToDataset(data:{datasetId:$d "
            "jsonFileUrl:$u}){taskId}}",
            {"d": ds, "u": url},
        )["appendRowsToDataset"]["taskId"]
        status = api("query($t:ID!){user{createdTasks(where:{id:$t}){status}}}", {"t": task})
        assert status["user"]["createdTasks"][0]["status"] == "COMPLETE"
        t1 = time.perf_counter()
        q = (
            "query($d:ID!,$s:Int!){dataset(where:{id:$d}){dataRows(where:{deleted:false} "
            "skip:$s first:100){id externalId}}}"
        )
        seen = 0
        last = -1
        while True:
            page = api(q, {"d": ds, "s": seen})["dataset"]["dataRows"]
            if not page:
                break
            for row in page:
                assert int(row["externalId"]) == last + 1
                last += 1
            seen += len(page)
        t2 = time.perf_counter()
        assert seen == n
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n100k rows: append {t1 - t0:.1f}s, paginate {t2 - t1:.1f}s "
        f"({n // 100} pages), peak RSS {rss_mib:.0f} MiB"
    )
