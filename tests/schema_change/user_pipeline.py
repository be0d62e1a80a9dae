"""A user's pipeline, as it would be written against the facade: the worked example of
tests/schema_change/test_schema_change.py renames the server field Dataset.description
and checks that mypy and pyright flag every line marked as using it.
It is type-checked as is by that test too (no error before the rename)."""

from __future__ import annotations

from labelbox import Client, Dataset


def describe(client: Client) -> list[str]:
    dataset = client.create_dataset(name="cars", description="street scenes")
    summaries = [dataset.description or ""]  # uses Dataset.description
    for other in client.get_datasets(where=Dataset.description == "x"):  # uses Dataset.description
        summaries.append(str(other.description))  # uses Dataset.description
    by_text = Dataset.description.asc  # uses Dataset.description
    newest = client.get_datasets(order_by=by_text).get_one()
    if newest is not None and newest.description:  # uses Dataset.description
        summaries.append(newest.name)
    return summaries


def prioritised(client: Client) -> int:
    """Reads ``Project.priority``, which the second example adds to the schema; before
    that step it is (correctly) not type-checked: see the test."""
    return 0
