"""One organization cannot stall another (real HTTP): a query of organization A answers
while organization B runs the heaviest query the cost limit allows, A's writes go on
while B's wait, and the parse cache stays bounded."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from labelbox_emulator import Emulator
from labelbox_emulator.analysis import DEFAULT_COMPLEXITY_LIMIT
from labelbox_emulator.executor import CACHE_CHARS, CACHE_ENTRIES, CACHE_MAX_QUERY, MAX_TOKENS

from .conftest import Api

#: Per alias: 5 datasets x 100 rows x (dataset, createdBy, organization, id): the
#: slowest work per unit of cost we found (three to-one lookups per row).
HEAVY_SELECTION = "datasets(first:5){dataRows(first:100){dataset{createdBy{organization{id}}}}}"
HEAVY_ALIAS_COST = 1 + 5 * (1 + 100 * 4)


def heavy_query() -> str:
    n = DEFAULT_COMPLEXITY_LIMIT // HEAVY_ALIAS_COST
    return "{" + " ".join(f"a{i}:{HEAVY_SELECTION}" for i in range(n)) + "}"


@pytest.fixture(scope="module")
def two_orgs() -> Iterator[tuple[Emulator, Api, Api]]:
    with Emulator(transitions="immediate", organizations=1) as emu:
        a, b = Api(emu, emu.api_key), Api(emu, emu.extra_organizations[0][1])
        for d in range(5):
            ds = b.dataset(f"d{d}")
            items = [{"data": f"https://x/{d}/{i}.jpg"} for i in range(100)]
            url = b.upload(json.dumps(items).encode())
            b(
                "mutation($d:ID!,$u:String!){appendRowsToDataset(data:{datasetId:$d "
                "jsonFileUrl:$u}){taskId}}",
                {"d": ds, "u": url},
            )
        yield emu, a, b


def test_heaviest_allowed_query_is_allowed(two_orgs: tuple[Emulator, Api, Api]) -> None:
    _, _, b = two_orgs
    query = "{" + " ".join(f"a{i}:{HEAVY_SELECTION}" for i in range(2)) + "}"
    assert len(b(query)["a1"]) == 5
    over = (
        "{"
        + " ".join(
            f"a{i}:{HEAVY_SELECTION}"
            for i in range(DEFAULT_COMPLEXITY_LIMIT // HEAVY_ALIAS_COST + 1)
        )
        + "}"
    )
    refused = b.body(over)["errors"][0]
    assert refused["message"] == "Query complexity limit exceeded"


def test_a_answers_while_b_runs_the_heaviest_allowed_query(
    two_orgs: tuple[Emulator, Api, Api],
) -> None:
    emu, a, b = two_orgs
    done: dict[str, float] = {}
    answers: dict[str, Any] = {}

    def run_b() -> None:
        with httpx.Client(timeout=300) as http:
            r = http.post(
                emu.endpoint,
                json={"query": heavy_query()},
                headers={"Authorization": f"Bearer {b.key}"},
            )
        answers["b"] = r
        done["b"] = time.monotonic()

    started = time.monotonic()
    thread = threading.Thread(target=run_b)
    thread.start()
    time.sleep(0.3)  # B's request is being executed (it takes seconds)
    sent = time.monotonic()
    assert a("{user{email}}")["user"]["email"] == "admin@example.com"
    done["a"] = time.monotonic()
    thread.join(timeout=300)
    assert answers["b"].status_code == 200 and "errors" not in answers["b"].json()
    assert done["a"] < done["b"], "A waited for B's query to finish"
    print(
        f"\nA's {{user{{email}}}}: {(done['a'] - sent) * 1000:.0f} ms while B's heaviest allowed "
        f"query ran ({done['b'] - started:.1f} s, {len(answers['b'].content) / 1e6:.1f} MB)"
    )


def test_writes_of_one_organization_do_not_wait_for_another(
    two_orgs: tuple[Emulator, Api, Api],
) -> None:
    """B's writes run one at a time (its lock is held here, as by a long mutation or
    job); A's writes go on meanwhile."""
    emu, a, b = two_orgs
    b_org = emu.extra_organizations[0][0]
    finished = threading.Event()

    def b_writes() -> None:
        b.project("b-waits")
        finished.set()

    with emu.state.org_lock(b_org):
        thread = threading.Thread(target=b_writes)
        thread.start()
        a.project("a-goes-on")
        assert not finished.wait(0.3)
    thread.join(timeout=30)
    assert finished.is_set()
    assert {p["name"] for p in b("{projects{name}}")["projects"]} >= {"b-waits"}


def test_parse_cache_is_bounded(two_orgs: tuple[Emulator, Api, Api]) -> None:
    emu, a, _ = two_orgs
    executor = emu.state.executor
    assert executor is not None
    for i in range(CACHE_ENTRIES + 50):  # distinct small documents: the entry bound
        a(f"query Q{i} {{user{{id}}}}")
    assert len(executor._cache) <= CACHE_ENTRIES
    big = CACHE_MAX_QUERY - 100
    for i in range(CACHE_CHARS // big + 10):  # distinct large documents: the size bound
        a(f"query Big{i} {{user{{id}}}} #" + "x" * big)
    assert executor._cache_chars <= CACHE_CHARS
    assert len(executor._cache) <= CACHE_ENTRIES
    for i in range(5):  # larger ones are parsed each time, never kept
        a(f"query Huge{i} {{user{{id}}}} #" + "x" * 200_000)
    assert not any(len(q) > CACHE_MAX_QUERY for q in executor._cache)


def test_documents_have_a_token_limit(two_orgs: tuple[Emulator, Api, Api]) -> None:
    _, a, _ = two_orgs
    many = "{" + " ".join(f"a{i}:user{{id}}" for i in range(MAX_TOKENS // 6 + 10)) + "}"
    r = a.raw(many)
    assert r.status_code == 400
    error = r.json()["errors"][0]
    assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert f"more than {MAX_TOKENS} tokens" in error["message"]
