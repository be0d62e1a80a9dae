"""Cases that MUST fail type checking: calls of deprecated methods (issue 16).

The methods the classic 2.6.0 marks deprecated carry ``typing_extensions.deprecated``,
so both checkers flag each call once it is enabled: mypy with
``enable_error_code = deprecated`` (here the inline ``# mypy:`` line below), pyright
with ``reportDeprecated`` (on in strict mode). Each line carries the mypy error code it
must raise and the pyright rule; tests/typing/test_typing.py checks both, exactly."""
# mypy: enable-error-code="deprecated"
# pyright: strict, reportUnnecessaryTypeIgnoreComment=error

from __future__ import annotations

from labelbox import Client, DataRow, Project


def legacy_editor(client: Client, project: Project, data_row: DataRow) -> None:
    project.create_label(data_row=data_row, label="{}")  # type: ignore[deprecated]  # pyright-expect[reportDeprecated]
    model = project.create_prediction_model("model", 1)  # type: ignore[deprecated]  # pyright-expect[reportDeprecated]
    project.create_prediction("{}", data_row, model)  # type: ignore[deprecated]  # pyright-expect[reportDeprecated]
    data_row.create_metadata("TEXT", "a note")  # type: ignore[deprecated]  # pyright-expect[reportDeprecated]
    create = project.create_label  # type: ignore[deprecated]  # pyright-expect[reportDeprecated]
    create(data_row=data_row, label="{}")
