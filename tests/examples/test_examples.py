"""Every workflow script in ``examples/`` runs, as a user runs it: a subprocess, against
its embedded emulator (no arguments) or against a server given by ``--endpoint`` /
``--api-key`` or the environment (an organization of the test's own, from the bundled
pytest plugin). Small data; each checks what the script prints and its exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from labelbox_emulator.pytest_plugin import EmulatedOrganization

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(
    script: str, *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Runs ``examples/<script>`` with ``args``; asserts exit status 0 and no traceback."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LABELBOX_")}
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_every_example_has_a_docstring_and_is_tested() -> None:
    tested = {
        "quickstart.py",
        "bulk_import_folder.py",
        "export_labels.py",
        "mal_import.py",
        "webhook_receiver.py",
        "schema_check.py",
        "distributed_upload.py",  # tests/faults/test_scale_out.py
    }
    scripts = {p.name for p in EXAMPLES.glob("*.py") if not p.name.startswith("_")}
    assert scripts == tested
    for name in scripts:
        assert (EXAMPLES / name).read_text().startswith('"""'), name


def test_quickstart(tmp_path: Path) -> None:
    out = run("quickstart.py", cwd=tmp_path).stdout
    assert "Started the emulator" in out and "Exported 1 label(s)" in out and "Done." in out


def test_bulk_import_folder_embedded(tmp_path: Path) -> None:
    result = run("bulk_import_folder.py", cwd=tmp_path)
    assert "Started an embedded emulator" in result.stdout
    assert "Imported 5 file(s); dataset 'Folder import' has 5 data row(s)" in result.stdout
    assert "Uploading files" in result.stderr and "Counting rows" in result.stderr  # bars


def test_bulk_import_folder_is_resumable_against_a_server(
    tmp_path: Path, labelbox_organization: EmulatedOrganization
) -> None:
    folder = tmp_path / "images"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.jpg", "b.jpg", "skip.txt", "sub/c.jpg"):
        (folder / name).write_bytes(b"\xff\xd8\xff" + name.encode())
    args = [str(folder), "--dataset", "photos", "--pattern", "*.jpg", "--recursive"]
    server = ["--endpoint", labelbox_organization.endpoint]
    key = {"LABELBOX_API_KEY": labelbox_organization.api_key}
    first = run("bulk_import_folder.py", *args, *server, cwd=tmp_path, env=key).stdout
    assert "Using the server at" in first and "0 already imported, 3 to import" in first
    assert "Imported 3 file(s); dataset 'photos' has 3 data row(s)" in first
    (folder / "d.jpg").write_bytes(b"\xff\xd8\xffd")
    second = run("bulk_import_folder.py", *args, *server, cwd=tmp_path, env=key).stdout
    assert "3 already imported, 1 to import" in second
    assert "dataset 'photos' has 4 data row(s)" in second
    with labelbox_organization.client() as client:
        [dataset] = list(client.get_datasets())
        assert sorted(Path(str(r.external_id)).name for r in dataset.data_rows()) == [
            "a.jpg",
            "b.jpg",
            "c.jpg",
            "d.jpg",
        ]


def test_export_labels_embedded(tmp_path: Path) -> None:
    target = tmp_path / "out" / "labels.json"
    target.parent.mkdir()
    result = run("export_labels.py", "-o", str(target), cwd=tmp_path)
    assert f"Wrote 3 label(s) of 'Export demo' to {target}" in result.stdout
    assert len(json.loads(target.read_text())) == 3
    assert "Labels of Export demo" in result.stderr  # the download's byte bar
    assert sorted(p.name for p in target.parent.iterdir()) == ["labels.json"]


def test_export_labels_of_a_named_project_from_the_environment(
    tmp_path: Path, labelbox_env: EmulatedOrganization
) -> None:
    with labelbox_env.client() as client:
        client.create_project(name="to export")
    env = {k: os.environ[k] for k in ("LABELBOX_API_KEY", "LABELBOX_ENDPOINT")}
    out = run("export_labels.py", "--project", "to export", cwd=tmp_path, env=env).stdout
    assert "Wrote 0 label(s) of 'to export' to labels.json" in out
    assert json.loads((tmp_path / "labels.json").read_text()) == []


def test_export_labels_needs_a_project_on_a_server(
    tmp_path: Path, labelbox_organization: EmulatedOrganization
) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "export_labels.py")],
        cwd=tmp_path,
        env={
            **os.environ,
            "LABELBOX_API_KEY": labelbox_organization.api_key,
            "LABELBOX_ENDPOINT": labelbox_organization.endpoint,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2 and "give --project-id or --project" in result.stderr


def test_mal_import(tmp_path: Path) -> None:
    result = run("mal_import.py", "--rows", "3", cwd=tmp_path)
    assert "Import FINISHED: {'SUCCESS': 6}; 0 error(s)" in result.stdout
    assert "Import model v1 predictions" in result.stderr  # the waiting bar


def test_webhook_receiver(tmp_path: Path) -> None:
    out = run("webhook_receiver.py", cwd=tmp_path).stdout
    assert "verified LABEL_CREATED delivery: project 'Webhook demo'" in out
    assert "rejected a delivery with a bad signature" in out
    assert "forged delivery answered HTTP 403" in out


def test_schema_check(tmp_path: Path) -> None:
    out = run("schema_check.py", cwd=tmp_path).stdout
    first, _, changed = out.partition("renamed summary")
    assert " 0 rejected" in first and "exit status 0" in first
    assert "REJECTED GetDataset" in changed and "sent by: Client.get_dataset" in changed
    assert "exit status 1" in changed


def test_an_endpoint_without_a_key_is_refused(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LABELBOX_")}
    script = EXAMPLES / "mal_import.py"
    result = subprocess.run(
        [sys.executable, str(script), "--endpoint", "http://127.0.0.1:9/graphql"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Give an endpoint and an API key" in result.stderr
