"""Where the layers meet: the one place that registers the domain's job handlers on a
state's job runner and gives the state its executor (which binds the resolvers).

Below it, the state, store and domain never import resolvers, the executor or the app.
"""

from __future__ import annotations

from .config import EmulatorConfig
from .domain import data_rows, transfers
from .executor import Executor
from .model import Model
from .state import EmulatorState


def install_job_handlers(state: EmulatorState) -> None:
    """Register the finishing work of every job kind on ``state.jobs``."""
    jobs = state.jobs
    jobs.register(
        "append_rows",
        lambda job, items: data_rows.finish_append_rows(state, job, items),
        lambda job: data_rows.prepare_append_rows(state, job),
        lambda job, message: data_rows.fail_task(state, job, message),
    )
    jobs.register(
        "export_labels",
        lambda job, data: transfers.finish_export_labels(state, job, data),
        lambda job: transfers.prepare_export_labels(state, job),
    )
    jobs.register(
        "export_queued",
        lambda job, data: transfers.finish_export_queued(state, job, data),
        lambda job: transfers.prepare_export_queued(state, job),
    )
    jobs.register(
        "bulk_import",
        lambda job, checked: transfers.finish_bulk_import(state, job, checked),
        lambda job: transfers.prepare_bulk_import(state, job),
        lambda job, message: transfers.fail_bulk_import(state, job, message),
    )


def wire(state: EmulatorState) -> Executor:
    """Register the job handlers, take up the jobs a previous process left pending,
    and give ``state`` its executor (returned)."""
    install_job_handlers(state)
    state.jobs.resume()
    executor = Executor(state.model)
    state.executor = executor
    return executor


def open_state(config: EmulatorConfig, model: Model | None = None) -> EmulatorState:
    """A state of ``config``, wired and ready to serve (see :func:`wire`)."""
    state = EmulatorState(config, model)
    wire(state)
    return state
