"""``first`` is a ``PageSize`` (published docs and outside clients declare ``$first:
PageSize!``; the official client writes ``first: 100`` inline): both forms are taken, up to
the limit, and what the real server refuses is refused (src/labelbox_emulator/scalars.py)."""

from __future__ import annotations

import pytest

from labelbox_emulator.scalars import PAGE_SIZE_MAX

from .conftest import Api

LITERAL = "{projects(first: %s) {id}}"
VARIABLE = "query($f: PageSize!) {projects(first: $f) {id}}"


def _names(api: Api, n: int) -> None:
    for i in range(n):
        api("mutation($n: String!) {createProject(data: {name: $n}) {id}}", {"n": f"p{i}"})


def test_literal_and_variable_pages_are_the_same(api: Api) -> None:
    _names(api, 7)
    literal = api(LITERAL % 5)["projects"]
    variable = api(VARIABLE, {"f": 5})["projects"]
    assert len(literal) == 5 and literal == variable
    assert (
        api(LITERAL % PAGE_SIZE_MAX)["projects"] == api(VARIABLE, {"f": PAGE_SIZE_MAX})["projects"]
    )
    assert api(LITERAL % 0)["projects"] == []


@pytest.mark.parametrize("value", [PAGE_SIZE_MAX + 1, -1, 1000])
def test_a_page_beyond_the_limit_is_refused_in_both_forms(api: Api, value: int) -> None:
    literal = api.body(LITERAL % value)["errors"][0]
    assert literal["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert literal["message"].startswith(f'Expected value of type "PageSize", found {value}; ')
    variable = api.body(VARIABLE, {"f": value})["errors"][0]
    assert variable["extensions"]["code"] == "BAD_USER_INPUT"
    assert variable["message"].startswith(f'Variable "$f" got invalid value {value}; ')


@pytest.mark.parametrize("value", ['"5"', "5.5", "true"])
def test_a_page_size_that_is_no_whole_number_is_refused(api: Api, value: str) -> None:
    error = api.body(LITERAL % value)["errors"][0]
    assert "PageSize must be a whole number" in error["message"]


def test_first_declared_int_is_refused_as_the_real_server_refuses_it(api: Api) -> None:
    error = api.body("query($f: Int!) {projects(first: $f) {id}}", {"f": 5})["errors"][0]
    assert error["message"] == (
        'Variable "$f" of type "Int!" used in position expecting type "PageSize".'
    )
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
