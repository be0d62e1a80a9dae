"""Bad input, generated: every public method called with arbitrary values raises only
documented exceptions (``labelbox.exceptions`` types, ValueError, TypeError) or succeeds,
and a call refused locally sends no request (real HTTP to the emulator; the requests are
counted by an httpx event hook on the caller's own http client)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labelbox import Client, DataRow, Dataset, Project, Webhook
from labelbox import exceptions as lbx
from labelbox_emulator import Emulator

#: What a user can pass by mistake.
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.just(math.nan),
    st.text(max_size=6),
    st.binary(max_size=4),
    st.lists(st.one_of(st.integers(), st.text(max_size=3), st.none()), max_size=3),
    st.dictionaries(st.text(max_size=4), st.one_of(st.integers(), st.none()), max_size=2),
)
ALLOWED = (lbx.LabelboxError, ValueError, TypeError)
#: Errors raised by a local check, before anything is sent.
LOCAL = (ValueError, TypeError, lbx.InvalidAttributeError)


class Counting:
    """A client whose requests are counted."""

    def __init__(self, emu: Emulator) -> None:
        self.sent = 0
        http = httpx.Client(event_hooks={"request": [self._count]}, timeout=30)
        self.client = Client(emu.api_key, emu.endpoint, http_client=http, max_retries=0)

    def _count(self, request: httpx.Request) -> None:
        self.sent += 1


@pytest.fixture(scope="module")
def world(labelbox_emulator: Emulator) -> Iterator[tuple[Counting, Project, Dataset, DataRow]]:
    counting = Counting(labelbox_emulator)
    client = counting.client
    project = client.create_project(name="bad input")
    dataset = client.create_dataset(name="bad input")
    data_row = dataset.create_data_row(row_data="https://example.com/a.jpg")
    yield counting, project, dataset, data_row
    client.close()


Call = Callable[[Client, Project, Dataset, DataRow, Any], object]
CALLS: dict[str, Call] = {
    "get_project": lambda c, p, d, r, x: c.get_project(x),
    "get_dataset": lambda c, p, d, r, x: c.get_dataset(x),
    "get_projects(where)": lambda c, p, d, r, x: list(c.get_projects(where=x)),
    "create_project(name)": lambda c, p, d, r, x: c.create_project(name=x),
    "create_project(setup_complete)": lambda c, p, d, r, x: c.create_project(
        name="n", setup_complete=x
    ),
    "create_dataset(projects)": lambda c, p, d, r, x: c.create_dataset(name="n", projects=x),
    "project.update(name)": lambda c, p, d, r, x: p.update(name=x),
    "project.update(auto_audit_percentage)": lambda c, p, d, r, x: p.update(
        auto_audit_percentage=x
    ),
    "dataset.update(description)": lambda c, p, d, r, x: d.update(description=x),
    "dataset.create_data_row(row_data)": lambda c, p, d, r, x: d.create_data_row(row_data=x),
    "dataset.create_data_rows([row])": lambda c, p, d, r, x: d.create_data_rows([{"row_data": x}]),
    "dataset.create_data_rows(items)": lambda c, p, d, r, x: d.create_data_rows(x),
    "data_rows_for_external_id": lambda c, p, d, r, x: d.data_rows_for_external_id(x),
    "set_labeling_parameter_overrides": lambda c, p, d, r, x: p.set_labeling_parameter_overrides(
        [(r, x, 1)]
    ),
    "upsert_review_queue": lambda c, p, d, r, x: p.upsert_review_queue(x),
    "extend_reservations": lambda c, p, d, r, x: p.extend_reservations(x),
    "export_issues": lambda c, p, d, r, x: p.export_issues(x),
    "review_metrics": lambda c, p, d, r, x: p.review_metrics(x),
    "enable_model_assisted_labeling": lambda c, p, d, r, x: p.enable_model_assisted_labeling(x),
    "labels(datasets)": lambda c, p, d, r, x: list(p.labels(datasets=x)),
    "create_attachment": lambda c, p, d, r, x: r.create_attachment(x, "v"),
    "create_attachment(value)": lambda c, p, d, r, x: r.create_attachment("TEXT", x),
    "Webhook.create(topics)": lambda c, p, d, r, x: Webhook.create(c, x, "https://h", "s", p),
    "Webhook.create(url)": lambda c, p, d, r, x: Webhook.create(c, ["LABEL_CREATED"], x, "s", None),
    "upload_data": lambda c, p, d, r, x: c.upload_data(x),
    "execute(query)": lambda c, p, d, r, x: c.execute(x),
}


@pytest.mark.parametrize("name", sorted(CALLS))
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(value=JUNK)
def test_only_documented_errors_and_no_request_when_refused_locally(
    world: tuple[Counting, Project, Dataset, DataRow], name: str, value: Any
) -> None:
    counting, project, dataset, data_row = world
    before = counting.sent
    try:
        CALLS[name](counting.client, project, dataset, data_row, value)
    except LOCAL as exc:
        if not isinstance(exc, lbx.LabelboxError) or isinstance(exc, lbx.InvalidAttributeError):
            assert counting.sent == before, f"{name}({value!r}) sent a request, then {exc!r}"
    except ALLOWED:
        pass


# -- single arguments checked locally: refused naming the value, nothing sent ------------
@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("not a url", ValueError),
        ("example.com/hook", ValueError),
        ("/hook", ValueError),
        ("ftp://example.com/hook", ValueError),
        ("https://", ValueError),
        ("https:///hook", ValueError),
        ("http://[::1/hook", ValueError),
        (b"https://example.com/hook", TypeError),
        (5, TypeError),
    ],
)
def test_webhook_url_must_be_absolute_http(
    world: tuple[Counting, Project, Dataset, DataRow], url: Any, error: type[Exception]
) -> None:
    counting, project, _, _ = world
    client = counting.client
    topics = [Webhook.LABEL_CREATED]
    webhook = Webhook.create(client, topics, "http://hooks.example.com/a", "s", None)
    before = counting.sent
    for call in (
        lambda: Webhook.create(client, topics, url, "s", project),
        lambda: Webhook.create(client, topics, url, "s", None),
        lambda: webhook.update(url=url),
    ):
        with pytest.raises(error, match="url") as info:
            call()
        assert repr(url) in str(info.value)
    assert counting.sent == before
    webhook.update(url="https://hooks.example.com/b?x=1")
    assert webhook.url == "https://hooks.example.com/b?x=1"


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (-5, ValueError),
        (-0.5, ValueError),
        (math.nan, ValueError),
        (-math.inf, ValueError),
        (True, TypeError),
        ("60", TypeError),
        (None, TypeError),
        ([60], TypeError),
    ],
)
def test_export_labels_timeout_must_be_a_number_of_seconds(
    world: tuple[Counting, Project, Dataset, DataRow], value: Any, error: type[Exception]
) -> None:
    counting, project, _, _ = world
    before = counting.sent
    with pytest.raises(error, match="timeout_seconds") as info:
        project.export_labels(timeout_seconds=value)
    assert repr(value) in str(info.value)
    assert counting.sent == before
    # 0 asks once without waiting (as the classic client did): valid.
    url = project.export_labels(timeout_seconds=0)
    assert url is None or url.startswith("http")
    assert counting.sent > before
