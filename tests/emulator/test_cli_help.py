"""Issue 16: ``labelbox-emulator --help`` reads as plain text (no reStructuredText), every
option of every command says what it does, and a duration names its unit; every answer
of the emulator carries an ``x-request-id`` header."""

from __future__ import annotations

import argparse
import re

import httpx
import pytest

from labelbox_emulator import Emulator
from labelbox_emulator.cli import _parser, main
from labelbox_emulator.config import EmulatorConfig, flags

#: reStructuredText a terminal shows raw: roles (:class:`X`), literals (``x``).
_RST = re.compile(r":[a-z]+:`|``")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {"": parser, **sub.choices}


@pytest.mark.parametrize("command", ["", "serve", "coverage", "parity"])
def test_help_is_plain_text(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"] if command else ["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert not _RST.search(text), text
    assert "usage: labelbox-emulator" in text


@pytest.mark.parametrize("command", ["serve", "coverage", "parity"])
def test_every_option_has_help(command: str) -> None:
    parser = _commands()[command]
    for action in parser._actions:
        assert action.help and action.help.strip(), f"{command} {action.option_strings}"


def test_top_level_help_describes_the_tool(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "Labelbox-compatible GraphQL server" in text
    for command in ("serve", "coverage", "parity"):
        assert re.search(rf"^\s+{command}\s+\S", text, re.MULTILINE), command


def test_latency_names_its_unit_on_both_sides(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--latency-ms MS milliseconds added to every API response" in text
    assert "Emulator(latency=SECONDS)" in text
    [latency] = [flag for name, _, flag in flags() if name == "latency"]
    assert latency.name == "--latency-ms" and latency.scale == 1000
    assert EmulatorConfig(latency=0.15).latency == 0.15  # seconds in Python, unchanged


# -- x-request-id on every answer ------------------------------------------------------
def _answers(emu: Emulator) -> dict[str, httpx.Response]:
    key = {"Authorization": f"Bearer {emu.api_key}"}
    control = {"Authorization": f"Bearer {emu.control_token}"}
    base = emu.base_url
    with httpx.Client(timeout=10) as http:
        ok = http.post(emu.endpoint, json={"query": "{ user { id } }"}, headers=key)
        url = http.post(
            emu.endpoint,
            json={"query": 'mutation { exportLabels(data: {projectId: "nope"}) { downloadUrl } }'},
            headers=key,
        )
        return {
            "graphql": ok,
            "graphql error": url,
            "bad key": http.post(emu.endpoint, json={"query": "{ user { id } }"}),
            "bad content type": http.post(emu.endpoint, content=b"x", headers=key),
            "trailing slash": http.post(emu.endpoint + "/", json={"query": "{ user { id } }"}),
            "unknown route": http.get(base + "/nope"),
            "file": http.get(base + "/_emulator/files/nope?token=x&expires=1"),
            "health": http.get(base + "/_emulator/health"),
            "control refused": http.post(base + "/_emulator/advance"),
            "control": http.post(base + "/_emulator/advance", headers=control),
        }


def test_every_answer_carries_a_request_id() -> None:
    with Emulator(transitions="immediate") as emu:
        answers = _answers(emu)
    assert answers["graphql"].status_code == 200 and answers["bad key"].status_code == 401
    ids = set()
    for what, response in answers.items():
        values = response.headers.get_list("x-request-id")
        assert len(values) == 1 and values[0].startswith("emu-"), (what, response.headers)
        ids.add(values[0])
    assert len(ids) == len(answers)  # one per answer


def test_the_fault_layer_sets_the_one_request_id() -> None:
    with Emulator(transitions="immediate", faults="502=0") as emu:
        answers = _answers(emu)
        stats = httpx.get(emu.base_url + "/_emulator/faults", timeout=10)
    for what, response in [*answers.items(), ("faults", stats)]:
        assert len(response.headers.get_list("x-request-id")) == 1, what
    assert re.fullmatch(r"emu-\d+", answers["graphql"].headers["x-request-id"])
