"""``labelbox-emulator parity``: a second emulator plays the live endpoint, with planted
schema and behaviour differences; the command must report exactly those.

Every run talks to real emulators over loopback HTTP. The "live" key is distinctive so
that its absence from every output can be checked.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from graphql import parse, validate

import labelbox
from labelbox.schema_tool.references import collect_references
from labelbox.schema_tool.sdk import sdk_operations
from labelbox_emulator import Emulator
from labelbox_emulator.cli import main
from labelbox_emulator.parity.discovery import FINDERS
from labelbox_emulator.parity.operations import query_operations, sdk_schema
from labelbox_emulator.parity.probes import PROBES
from labelbox_emulator.parity.scenario import SCRATCH_PREFIX, Scenario, seed
from labelbox_emulator.parity.side import Side
from labelbox_emulator.schema_source import schema_text

from .conftest import Api

SRC = str(Path(__file__).resolve().parents[2] / "src")
#: The planted page-size limit of the "live" emulator (the emulator's is 100). Above 100:
#: the facade pages by 100, so a smaller limit would also break every facade list.
LIVE_PAGE_SIZE_MAX = 200
#: The enum value removed from the "live" schema.
REMOVED_ENUM_VALUE = ("WebhookStatus", "REVOKED")

Pair = tuple[str, str]


# ------------------------------------------------------------------ planted schemas
def _rename_field(sdl: str, type_name: str, field: str, new: str) -> str:
    """``sdl`` with ``type_name.field`` renamed to ``new`` (the type's block only)."""
    start = sdl.index(f"type {type_name} {{")
    end = sdl.index("\n}", start)
    block = sdl[start:end]
    assert f"\n  {field}:" in block
    return sdl[:start] + block.replace(f"\n  {field}:", f"\n  {new}:", 1) + sdl[end:]


def _remove_enum_value(sdl: str, enum: str, value: str) -> str:
    start = sdl.index(f"enum {enum} {{")
    end = sdl.index("\n}", start)
    block = sdl[start:end]
    assert f"\n  {value}\n" in block + "\n"
    return sdl[:start] + block.replace(f"\n  {value}", "", 1) + sdl[end:]


def live_schema(renamed_type: str) -> str:
    """The packaged schema with ``<renamed_type>.description`` renamed to ``summary``
    and :data:`REMOVED_ENUM_VALUE` removed."""
    sdl = _rename_field(schema_text(), renamed_type, "description", "summary")
    return _remove_enum_value(sdl, *REMOVED_ENUM_VALUE)


def schema_plants(renamed_type: str) -> set[Pair]:
    """The schema differences the planted schema must produce."""
    enum, value = REMOVED_ENUM_VALUE
    return {
        ("schema", f"{renamed_type}.description"),
        ("schema", f"{renamed_type}.summary"),
        ("schema", f"{enum}.{value}"),
    }


def operations_selecting(type_name: str, field: str) -> set[Pair]:
    """The SDK query operations refused by a server without ``type_name.field``."""
    names = {op.name for op in query_operations()}
    return {
        ("operation", op.name)
        for op in sdk_operations()
        if op.name in names
        and (type_name, field) in collect_references(sdk_schema(), op.document).fields
    }


# ------------------------------------------------------------------------- helpers
def secret_key() -> str:
    return "parity-secret-" + secrets.token_hex(12)


def seed_raw(api: Api) -> None:
    """The parity seed, written as raw GraphQL (the facade's CreateDataset selects
    Dataset.description, which the planted schema lacks)."""
    project = api.project(SCRATCH_PREFIX + "seed")
    dataset = api.dataset(SCRATCH_PREFIX + "seed", project=project)
    rows = [api.data_row(dataset, f"https://example.com/parity/{i}.jpg") for i in (1, 2)]
    label = api.label(project, rows[0])
    review = (
        "mutation($l:ID!,$p:ID!){createReview(data:{score:1 "
        "label:{connect:{id:$l}} project:{connect:{id:$p}}}){id}}"
    )
    api(review, {"l": label, "p": project})
    api("mutation($l:ID!){createBenchmark(data:{labelId:$l}){id}}", {"l": label})


def seed_facade(emu: Emulator) -> None:
    """The parity seed through the facade (as the command seeds its emulator)."""
    side = Side("live", emu.endpoint, emu.api_key)
    try:
        scenario = Scenario(side, SCRATCH_PREFIX + "seed")
        seed(scenario)
        assert set(scenario.outcomes.values()) == {"ok"}, scenario.outcomes
    finally:
        side.close()


def run_parity(
    emu: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, dict[str, Any]]:
    """Runs ``main(["parity", ...])`` in-process (key from the environment) and checks
    that the key is nowhere in what it printed or wrote; returns the exit status and
    the JSON report."""
    out = tmp_path / "report.json"
    argv = ["parity", "--endpoint", emu.endpoint, "--format", "json", "-o", str(out), *extra]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LABELBOX_API_KEY", emu.api_key)
        status = main(argv)
    printed = capsys.readouterr()
    text = out.read_text(encoding="utf-8")
    assert emu.api_key not in printed.out + printed.err + text
    return status, json.loads(text)


def pairs(report: dict[str, Any]) -> set[Pair]:
    return {(d["kind"], d["subject"]) for d in report["differences"]}


def by_subject(report: dict[str, Any], subject: str) -> dict[str, Any]:
    (found,) = [d for d in report["differences"] if d["subject"] == subject]
    return found  # type: ignore[no-any-return]


@pytest.fixture
def identical_live() -> Iterator[Emulator]:
    with Emulator(api_key=secret_key()) as emu:
        yield emu


# --------------------------------------------------------------------------- tests
def test_every_finder_and_probe_fits_the_sdk_schema() -> None:
    schema = sdk_schema()
    for finder in FINDERS:
        assert validate(schema, parse(finder.query)) == [], finder
    valid = [p for p in PROBES if p.subject not in ("syntax error", "unknown field")]
    for probe in valid:
        assert validate(schema, parse(probe.query)) == [], probe
    ops = query_operations()
    assert {"GetProject", "GetDatasets", "GetCurrentUser"} <= {op.name for op in ops}
    assert all(op.unfillable is None for op in ops)


def test_identical_emulators_read_only_have_no_difference(
    identical_live: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_facade(identical_live)
    status, report = run_parity(identical_live, tmp_path, capsys)
    assert report["differences"] == []
    assert status == 0
    assert report["tool"] == "labelbox-emulator parity" and report["mode"] == "read-only"
    assert report["endpoint"] == identical_live.endpoint
    assert report["sdk_version"] == labelbox.__version__
    checked = report["checked"]
    assert checked["introspection"] == 1 and checked["schema"] > 1000
    assert checked["operation"] >= 50 and checked["shape"] == checked["operation"]
    assert checked["error"] == len(PROBES) and checked["behaviour"] == 0


def test_identical_emulators_write_scratch_have_no_difference_and_clean_up(
    identical_live: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, report = run_parity(identical_live, tmp_path, capsys, "--write-scratch")
    assert (status, report["differences"], report["cleanup_failures"]) == (0, [], [])
    assert report["mode"] == "write-scratch" and report["checked"]["behaviour"] == 9
    # The live emulator started empty: anything listed now would be a leftover.
    client = labelbox.Client(api_key=identical_live.api_key, endpoint=identical_live.endpoint)
    assert [p.name for p in client.get_projects()] == []
    assert [d.name for d in client.get_datasets()] == []


def test_planted_schema_and_page_limit_read_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sdl = live_schema("Dataset")
    with Emulator(api_key=secret_key(), schema_sdl=sdl, page_size_max=LIVE_PAGE_SIZE_MAX) as live:
        seed_raw(Api(live, live.api_key))
        status, report = run_parity(live, tmp_path, capsys)
    refused = operations_selecting("Dataset", "description")
    assert ("operation", "GetDataset") in refused and len(refused) >= 3
    expected = schema_plants("Dataset") | refused | {("error", "page larger than the limit")}
    assert pairs(report) == expected
    assert status == 1
    assert not {s["subject"] for s in report["skipped"]} & {name for _, name in refused}
    description = by_subject(report, "Dataset.description")
    assert (description["live"], description["emulator"]) == (None, "String")
    get_dataset = by_subject(report, "GetDataset")
    assert get_dataset["live"]["codes"] == ["GRAPHQL_VALIDATION_FAILED"]
    assert 'field "description" on type "Dataset"' in get_dataset["live"]["message"]
    assert get_dataset["emulator"] == {"accepted": True}
    page = by_subject(report, "page larger than the limit")
    assert (page["live"]["status"], page["live"]["codes"]) == (200, [])
    assert page["live"]["data"] == {"projects": "array"}
    assert page["emulator"]["codes"] == ["GRAPHQL_VALIDATION_FAILED"]
    assert "between 0 and 100, got 101" in page["emulator"]["messages"][0]


def test_all_plants_with_write_scratch_through_the_console_script(tmp_path: Path) -> None:
    sdl = live_schema("LabelingFrontend")
    planted = Emulator(
        api_key=secret_key(),
        schema_sdl=sdl,
        page_size_max=LIVE_PAGE_SIZE_MAX,
        deleted_projects_readable=False,
    )
    with planted as live:
        out = tmp_path / "report.json"
        script = Path(sys.executable).with_name("labelbox-emulator")
        assert script.exists(), "the console script is installed next to the interpreter"
        env = {**os.environ, "LABELBOX_API_KEY": live.api_key, "PYTHONPATH": SRC}
        argv = ["parity", "--endpoint", live.endpoint, "--write-scratch", "--format", "json"]
        done = subprocess.run(
            [str(script), *argv, "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        text = out.read_text(encoding="utf-8")
        assert live.api_key not in done.stdout + done.stderr + text
        report = json.loads(text)
    assert done.returncode == 1, done.stderr
    deleted = "a soft-deleted project is readable by id"
    expected = (
        schema_plants("LabelingFrontend")
        | operations_selecting("LabelingFrontend", "description")
        | {("error", "page larger than the limit"), ("behaviour", deleted)}
    )
    assert ("operation", "GetLabelingFrontends") in expected
    assert pairs(report) == expected
    readable = by_subject(report, deleted)
    assert readable["live"].startswith("refused: ResourceNotFoundError")
    assert readable["emulator"] == "readable"
    assert report["cleanup_failures"] == []
    assert done.stdout.startswith(f"{len(expected)} difference(s) between {live.endpoint}")


def test_introspection_refused_is_one_difference(
    identical_live: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_facade(identical_live)
    identical_live.state.introspection_limit = 10
    status, report = run_parity(identical_live, tmp_path, capsys)
    assert pairs(report) == {("introspection", "introspection")}
    assert status == 1 and report["checked"]["schema"] == 0
    refused = report["differences"][0]
    assert (refused["live"], refused["emulator"]) == ("refused", "allowed")


def test_text_format_one_line_per_difference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = secret_key()
    with Emulator(api_key=key, page_size_max=LIVE_PAGE_SIZE_MAX) as live:
        seed_facade(live)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("LABELBOX_API_KEY", key)
            status = main(["parity", "--endpoint", live.endpoint])
        printed = capsys.readouterr()
    assert status == 1 and key not in printed.out + printed.err
    lines = printed.out.splitlines()
    assert lines[0].startswith("[error] page larger than the limit: different status, codes, ")
    assert lines[-1].startswith("1 difference(s) between ")
    assert all(line.startswith("[skipped] ") for line in lines[1:-1])


def test_usage_and_connection_errors_exit_2(
    identical_live: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("LABELBOX_API_KEY", raising=False)
        assert main(["parity", "--endpoint", identical_live.endpoint]) == 2
    assert "no API key" in capsys.readouterr().err
    key = secret_key()
    assert main(["parity", "--endpoint", identical_live.endpoint, "--api-key", key]) == 2
    err = capsys.readouterr().err
    assert "refused the API key" in err and key not in err and len(err.splitlines()) == 1
    closed = "http://127.0.0.1:9/graphql"  # the discard port: nothing listens
    assert main(["parity", "--endpoint", closed, "--api-key", key, "--timeout", "5"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach" in err and key not in err and len(err.splitlines()) == 1


def test_serve_flags_reach_the_behaviour_options() -> None:
    from labelbox_emulator.cli import _parser

    args = _parser().parse_args(["serve", "--page-size-max", "7", "--no-deleted-projects-readable"])
    assert (args.page_size_max, args.deleted_projects_readable) == (7, False)
    defaults = _parser().parse_args(["serve"])
    assert (defaults.page_size_max, defaults.deleted_projects_readable) == (100, True)
    with pytest.raises(ValueError, match="page_size_max must not be negative"):
        Emulator(page_size_max=-1)
