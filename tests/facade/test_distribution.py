"""The distribution has a name of its own (``labelbox`` on the package index is the
official client) and installs the three import packages under it."""

from __future__ import annotations

import importlib.metadata

import labelbox


def test_the_distribution_is_labelbox_typed_with_the_packages_version() -> None:
    assert importlib.metadata.version("labelbox-typed") == labelbox.__version__


def test_it_provides_the_import_packages_and_the_pytest_plugin() -> None:
    distribution = importlib.metadata.distribution("labelbox-typed")
    assert distribution.metadata["Name"] == "labelbox-typed"
    plugins = [e for e in distribution.entry_points if e.group == "pytest11"]
    assert [e.value for e in plugins] == ["labelbox_emulator.pytest_plugin"]
    scripts = {e.name for e in distribution.entry_points if e.group == "console_scripts"}
    assert {"labelbox-emulator", "labelbox-schema"} <= scripts
