"""The real server's behaviour the emulator reproduces, with the evidence for each (in the
official ``labelbox==2.6.0`` client's sources and its own integration tests, GitHub tag
V2.6.0) and the tests that pin it; rendered into IMPLEMENTATION_COVERAGE.md."""

from __future__ import annotations

from .analysis import DEFAULT_COMPLEXITY_LIMIT, DEFAULT_INTROSPECTION_LIMIT, DEFAULT_PAGE_SIZE
from .jobs import DEFAULT_TRANSITIONS, REALISTIC_FLOOR, REALISTIC_PER_ITEM

_EMU = "tests/emulator/test_server_behaviour.py::"
_COMPAT = "tests/compat/test_classic_server_behaviour.py::test_classic_client_sees"

#: ``(behaviour, evidence, tests)`` rows of the behaviour table.
BEHAVIOURS: tuple[tuple[str, str, str], ...] = (
    (
        "`first` of every list field is a `PageSize`: a whole number from 0 to 100, taken "
        "as a literal (`first: 100`) or a variable declared `PageSize` (`$first: Int!` is "
        'refused: `Variable "$first" of type "Int!" used in position expecting type '
        '"PageSize".`); a larger page is refused in both forms',
        "the scalar: docs.labelbox.com/reference/labels and /bulk-import-requests (2021), "
        "support.labelbox.com/docs/data-export (2018-2019), labelbox 3.20+ "
        "(`$first: PageSize`); literal form: recorded 2.6.0 traffic (`skip: 0 first: 100`). "
        "The limit 100 is inferred: the official client and the docs' export loop page by "
        "100 and Labelbox's 2018 docs script moved from 1000 to 100 per page; no source "
        "states it (`labelbox-emulator parity` checks it against a live server)",
        "`tests/emulator/test_page_size.py`, `tests/fidelity/test_wire.py`",
    ),
    (
        "String filters (`=`, `_not`, `_in`, `_not_in`, `_lt`/`_gt`/`_lte`/`_gte`, "
        "`_contains`, `_not_contains`, `_starts_with`, `_ends_with`) and `orderBy` on string "
        "fields are case-insensitive, like the server's database collation",
        "2.6.0 `tests/integration/test_project.py::test_attach_instructions` takes "
        '`get_labeling_frontends(where=LabelingFrontend.name == "editor")[0]` and sets the '
        'project up with it: the frontend is named "Editor"',
        f"`{_EMU}test_string_filters_are_case_insensitive`, "
        f"`{_EMU}test_string_ordering_is_case_insensitive`, "
        f"`{_COMPAT}[string_filters_are_case_insensitive]`",
    ),
    (
        "Where filters take AND only: conditions on different fields (also in nested `AND` "
        "lists) work; two conditions on the same field in one conjunction, any `OR` and any "
        "`NOT` are refused (`GRAPHQL_VALIDATION_FAILED`, HTTP 400); `deleted` is exempt",
        '2.6.0 `labelbox/orm/query.py::check_where_clause` ("only AND logical operations '
        'are supported server-side", "multiple comparisons for the same field", the '
        "`deleted` field special-cased); `tests/integration/test_filtering.py::test_where` "
        "(name AND created_at) and `::test_unsupported_where`",
        f"`{_EMU}test_and_of_conditions_on_different_fields_is_accepted`, "
        f"`{_EMU}test_same_field_and_or_and_not_are_refused`, "
        f"`{_COMPAT}[and_across_fields_works_but_same_field_or_and_not_are_refused]`",
    ),
    (
        "Parse, validation and variable errors in graphql-js wording: "
        '`Cannot query field "bbb" on type "Query".`, `Syntax Error: Unexpected Name "asda".`, '
        "values printed as graphql-js prints them",
        "2.6.0 `tests/integration/test_client_errors.py::test_semantic_error` "
        "(`startswith('Cannot query field \"bbb\"')`) and `::test_syntax_error`",
        f"`{_EMU}test_error_messages_use_graphql_js_wording`, "
        f"`{_COMPAT}[error_messages_use_graphql_js_wording]`",
    ),
    (
        "A query complexity limit: `{projects {datasets {dataRows {labels {id}}}}}` is refused "
        "with `GRAPHQL_VALIDATION_FAILED` `Query complexity limit exceeded` (cost model below)",
        "2.6.0 `tests/integration/test_client_errors.py::test_query_complexity_error`; "
        "`labelbox/client.py::Client.execute` maps exactly that message to "
        "ValidationFailedError",
        f"`{_EMU}test_query_complexity_limit`, "
        f"`{_EMU}test_sdk_and_classic_documents_stay_under_the_complexity_limit`, "
        f"`{_EMU}test_complexity_limit_is_an_option`, `{_COMPAT}[query_complexity_limit]`",
    ),
    (
        "Network latency on demand (`Emulator(latency=SECONDS)`, `serve --latency-ms N`): "
        "a client timeout shorter than it raises `labelbox.exceptions.TimeoutError`",
        "2.6.0 `tests/integration/test_client_errors.py::test_timeout_error` "
        "(`execute(..., timeout=0.01)` raises TimeoutError against the remote service)",
        f"`{_EMU}test_latency_makes_short_client_timeouts_fail`, "
        f"`{_COMPAT}[latency_makes_short_timeouts_fail]`",
    ),
    (
        "Jobs take time by default (`realistic`): a Task is `IN_PROGRESS` right after "
        "`create_data_rows` of 5,000 rows and completes later; `delay:S` is a real timer",
        "2.6.0 `tests/integration/test_data_rows.py::test_data_row_large_bulk_creation` "
        '(4,500 URLs + 500 files: `task.status == "IN_PROGRESS"`, then COMPLETE after '
        "`wait_till_done`); `labelbox/schema/task.py::wait_till_done` polls every 2 s",
        f"`{_EMU}test_jobs_take_time_like_real_jobs`, `{_EMU}test_delay_mode_is_a_real_timer`, "
        f"`{_EMU}test_small_jobs_finish_after_the_realistic_floor`, "
        f"`{_COMPAT}[jobs_take_time_like_real_jobs]`",
    ),
    (
        "A soft-deleted project stays readable by id (`project(where: {id})`); every list "
        "hides it. A deleted dataset is not readable",
        '2.6.0 `tests/integration/test_project.py::test_project` ("TODO this should raise '
        "ResourceNotFoundError, but it doesn't\"); `test_dataset.py::test_dataset` expects "
        "ResourceNotFoundError for a deleted dataset",
        f"`{_EMU}test_deleted_project_stays_readable_by_id`, "
        f"`{_COMPAT}[deleted_project_stays_readable_by_id]`",
    ),
    (
        "Every project has an ontology from creation, empty until set up "
        '(`normalized` = `{"tools": [], "classifications": []}`)',
        "2.6.0 `tests/integration/test_ontology.py::test_from_project_ontology` reads "
        "`project.ontology().normalized` of a fresh (never set up) project",
        f"`{_EMU}test_every_project_has_an_ontology_from_creation`, "
        f"`{_COMPAT}[every_project_has_an_ontology_from_creation]`",
    ),
    (
        "`issueExportUrl(where: {status})` returns a URL carrying the filter (`…?status=Open`)",
        "2.6.0 `tests/integration/test_issues.py::test_issues_export` "
        '(`"?status=Open" in url`); `labelbox/schema/project.py::export_issues`',
        f"`{_EMU}test_issue_export_url_carries_status_filter`, "
        f"`{_COMPAT}[issue_export_url_carries_status_filter]`",
    ),
    (
        "Labeling frontends and roles are shared by every organization and read-only to "
        "customers: a write that changes them is refused (`AUTHORIZATION_ERROR`); writing "
        "back their current values is accepted and changes nothing",
        "2.6.0 `labelbox/schema/project.py::upsert_instructions` sends "
        "`updateLabelingFrontend` with the frontend's own name and the Editor's description "
        "and `test_project.py::test_attach_instructions` passes, so such a write is "
        "accepted; the refusal of a changing write is inferred (no 2.6.0 test changes a "
        "frontend; `labeling_frontend.py` calls the Editor the default of every organization)",
        f"`{_EMU}test_shared_frontends_are_read_only_to_customers`, "
        f"`{_COMPAT}[shared_frontends_are_read_only_to_customers]`",
    ),
    (
        "What the real server does not offer fails here too (`GRAPHQL_VALIDATION_FAILED`): "
        "no `task(where: {id})` root (a Task's relationships are not expandable; the SDK "
        "reads tasks through `user.createdTasks`), no `labelingFrontendOptions(where: {id})` "
        "root, no `projects` in `DatasetUpdateInput` (connect from the project's side)",
        "the issue's survey of 2.6.0: its ORM builds `GetTaskCreatedByPyApi`, "
        "`GetLabelingFrontendOptions*PyApi` and `dataset.projects.connect` generically while "
        "its integration tests never use them; 2.6.0 `labelbox/schema/task.py::refresh` "
        "reads a task through `user { createdTasks(where: {id}) }`; "
        "`test_project.py` connects datasets from the project",
        "`tests/fidelity/test_recorded_documents.py::REFUSED_BY_THE_SERVER`, "
        "`tests/emulator/test_recorded_documents.py`, "
        "`tests/facade/test_entities.py::test_connect_and_disconnect_many`, "
        "`tests/facade/test_project.py::test_setup_with_ontology_builder`",
    ),
    (
        "Classic code keeps working on the SDK's facade: `next(collection)`, naive "
        "datetimes as local time, `override.data_row()`, `label.reviews(where=...)` refused "
        "with the classic's message, the classic's error messages, the 2.6.0 names "
        "(`enable_experimental`, `client.api_key`, `export_issues`, `AssetAttachment`, "
        "`_validate_ndjson`), enum values printing as their value",
        "2.6.0 `labelbox/pagination.py` (`__next__`), `orm/query.py::format_param` "
        "(naive datetimes), `schema/project.py`, `schema/label.py` / `schema/data_row.py` "
        "(`supports_filtering = False`), `schema/webhook.py`, `client.py`, "
        "`schema/bulk_import_request.py`",
        "`tests/compat/test_client_behaviour.py` (the same script under 2.6.0 and this SDK)",
    ),
    (
        "User management (issue 16): roles `NONE LABELER REVIEWER TEAM_MANAGER ADMIN`; an "
        "organization role other than NONE makes a user a member of every project with it, "
        "NONE makes them project-based (members only where `setProjectMembership` put them; "
        "the role NONE removes them; memberships outlive org-role changes); "
        "`updateUser(data: {deleted: true})` removes a member; invites use the invite "
        "limit (members + pending invites) until cancelled; `/_gql` serves the same API",
        "2.6.0 `schema/user.py`, `schema/organization.py`, `schema/role.py`, `client.py` "
        "(`experimental=True` posts to `/_gql`) and `tests/integration/test_user_management.py` "
        "with its conftest (admin is a project member as ADMIN, a removed user leaves "
        "`organization.users()`, invite limit back after `cancelInvite`); the default limit "
        "(100) and refusing an admin's removal of themselves are inferred",
        "`tests/emulator/test_members.py`, `tests/facade/test_members.py`, "
        "`tests/compat/test_user_management.py` (2.6.0's own tests under the classic)",
    ),
    (
        'Refused invites answer `INTERNAL_SERVER_ERROR` "Invite(s) cannot be sent: …" '
        "(the classic's InvalidQueryError): an existing member, an unknown role or project "
        '("invalid foreign key"), project roles with an org role other than NONE, over '
        "the invite limit; another organization's id is `AUTHORIZATION_ERROR`, its users "
        "and invites `RESOURCE_NOT_FOUND`; project roles for an org-role user `BAD_USER_INPUT`",
        '2.6.0 `client.py` maps INTERNAL_SERVER_ERROR messages starting "Invite(s) cannot be '
        "sent\" to InvalidQueryError and `Organization.invite_user`'s notes name the "
        '"invalid foreign keys" error; which cases the server refuses and their codes are '
        "inferred (2.6.0 notes that repeated invites of one email are accepted: kept)",
        "`tests/emulator/test_members.py::test_refused_invites`, "
        "`tests/emulator/test_members.py::test_organizations_are_isolated`",
    ),
)


def behaviour_markdown() -> list[str]:
    """The behaviour table and the notes on collation, cost model and job timing."""
    lines = [
        "## Behaviour of the real server",
        "",
        "| Behaviour | Evidence | Test |",
        "|---|---|---|",
    ]
    for behaviour, evidence, test in BEHAVIOURS:
        lines.append(f"| {behaviour} | {evidence} | {test} |")
    lines += [
        "",
        "### Collation",
        "",
        "String comparisons and string ordering use the SQLite collation `LABELBOX_CI` "
        "(Python `str.casefold`, so Unicode-aware: `Ä` = `ä`, `ß` = `ss`); ids are compared "
        "exactly. Unlike MySQL's `_ci` collations it keeps accents apart (`ä` ≠ `a`) and "
        "does not ignore trailing spaces.",
        "",
        "### Query complexity",
        "",
        "Cost model: every field costs 1; a list field of objects multiplies the cost of its "
        f"selection by its page size, its `first` argument (literal or variable), "
        f"{DEFAULT_PAGE_SIZE} when absent or null or when the field has none; fragments are "
        "expanded where they are spread; aliases count separately. "
        f"Default limit: {DEFAULT_COMPLEXITY_LIMIT:,} (`Emulator(complexity_limit=N)`, "
        "`serve --complexity-limit N`, None / 0: unlimited). The SDK's own operations "
        "(`labelbox_gen.operations`) and the official client's recorded documents cost at "
        "most about 1,700; `{projects {datasets {dataRows {id}}}}` costs 1,010,101 and the "
        "official client's test query about 10^8. Introspection (`__schema`, `__type`) has "
        f"its own budget of {DEFAULT_INTROSPECTION_LIMIT:,} (every field inside costs 1; the "
        "standard introspection query, also with the schema description, costs about 220).",
        "",
        "### Job timing",
        "",
        f"Default transition mode `{DEFAULT_TRANSITIONS}`: a job takes "
        f"max({REALISTIC_FLOOR:g} s, {REALISTIC_PER_ITEM * 1000:g} ms x items) (items: rows "
        "of a data row import, lines of an annotation import, labels of an export) and is "
        "finished by a timer thread when its time is up; a Task's `completionPercentage` "
        "grows meanwhile. `realistic:FLOOR:PER_ITEM`, `delay:S`, `immediate` and `polls:N` "
        "are the other modes; the pytest plugin's and the test suites' emulators use "
        "`immediate`.",
        "",
    ]
    return lines
