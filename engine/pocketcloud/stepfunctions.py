"""Step Functions for a human: an execution drawn the way the console's execution view draws it.

:func:`show_execution` reads an execution through the same boto3-shaped calls a learner makes —
DescribeExecution, DescribeStateMachineForExecution (the definition *that execution* ran, even after an
UpdateStateMachine) and GetExecutionHistory, every page of it — and returns an :class:`ExecutionView`. In a
notebook, in JupyterLite and in the site's runner its ``_repr_html_`` is the state machine graph coloured by the
path taken (succeeded, failed, caught, retried, in progress, not reached), each state's input and output, and the
history table (:func:`pocketcloud.display.execution_html`). :func:`show_state_machine` and
:func:`show_definition` draw a definition alone. Nothing here replaces the API: the view only reads it, so what it
shows is exactly what the API answered.
https://docs.aws.amazon.com/step-functions/latest/dg/concepts-view-execution-details.html

Language: ``lang="ko"`` or ``"en"``. Left out, it is the ``POCKETCLOUD_LANG`` environment variable when that is
set (the site's runner sets it to the page's language, so one example file draws Korean labels on the Korean
page and English ones on the English page), else English.

Express workflows keep no execution history in the service, so there is nothing to draw for them
(DescribeExecution refuses their ARNs); draw their definition instead.

>>> import json, pocketcloud
>>> cloud = pocketcloud.Cloud(seed=0)
>>> sfn = cloud.client("stepfunctions")
>>> definition = {"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "End": True}}}
>>> arn = sfn.create_state_machine(name="hello", definition=json.dumps(definition),
...                                roleArn="arn:aws:iam::123456789012:role/sfn")["stateMachineArn"]
>>> execution = sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"]
>>> _ = cloud.run()
>>> view = pocketcloud.show_execution(cloud, execution)
>>> view.status, view.states["Hello"].status
('SUCCEEDED', 'succeeded')
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from .display import execution_html, state_machine_svg
from .display.execution import StateRun, summarize

#: The environment variable that chooses the labels' language when ``lang`` is not given.
LANG_VARIABLE = "POCKETCLOUD_LANG"


def default_lang() -> str:
    """``POCKETCLOUD_LANG`` when it names a language the labels exist in ("ko", "en"), else "en"."""
    value = os.environ.get(LANG_VARIABLE, "en").strip().lower()
    return value if value in ("ko", "en") else "en"


def _client(cloud_or_client: Any) -> Any:
    """A Step Functions client from a Cloud, or the client itself."""
    if hasattr(cloud_or_client, "get_execution_history"):
        return cloud_or_client
    return cloud_or_client.client("stepfunctions")


def _history(sfn: Any, execution_arn: str) -> list[dict[str, Any]]:
    """Every event of the execution, following ``nextToken`` (pages of at most 1,000 events)."""
    events: list[dict[str, Any]] = []
    params: dict[str, Any] = {"executionArn": execution_arn, "maxResults": 1000}
    while True:
        page = sfn.get_execution_history(**params)
        events.extend(page["events"])
        token = page.get("nextToken")
        if not token:
            return events
        params["nextToken"] = token


@dataclass
class StateMachineView:
    """A definition drawn as a graph (no execution: every state plain)."""

    definition: dict[str, Any]
    lang: str = "en"
    name: str | None = None

    def svg(self) -> str:
        return state_machine_svg(self.definition, lang=self.lang)

    def _repr_html_(self) -> str:
        return f'<div class="pc-exec">{self.svg()}</div>'

    def __repr__(self) -> str:
        states = self.definition.get("States", {})
        count = len(states) if isinstance(states, dict) else 0
        label = f" {self.name!r}" if self.name else ""
        return f"<StateMachineView{label}: {count} states, StartAt={self.definition.get('StartAt')!r}>"


@dataclass
class ExecutionView:
    """One execution as the API reports it: its description, the definition it ran and its whole history."""

    execution_arn: str
    description: dict[str, Any]
    definition: dict[str, Any]
    events: list[dict[str, Any]]
    lang: str = "en"
    _states: dict[str, StateRun] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return str(self.description.get("name", ""))

    @property
    def status(self) -> str:
        """RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE (DescribeExecution's ``status``)."""
        return str(self.description.get("status", ""))

    @property
    def output(self) -> Any:
        """The execution's output, parsed from JSON; None while it runs or when it failed."""
        text = self.description.get("output")
        return json.loads(text) if isinstance(text, str) else None

    @property
    def error(self) -> str | None:
        return self.description.get("error")

    @property
    def cause(self) -> str | None:
        return self.description.get("cause")

    @property
    def states(self) -> dict[str, StateRun]:
        """Each state that was entered: its status, visits, retries, last input and output, error."""
        if self._states is None:
            self._states = summarize(self.events).states
        return self._states

    @property
    def path(self) -> list[str]:
        """The names of the states entered, in the order of the history (a state entered twice appears twice)."""
        return [
            str(e["stateEnteredEventDetails"]["name"])
            for e in self.events
            if e.get("type", "").endswith("StateEntered") and "stateEnteredEventDetails" in e
        ]

    @property
    def state_transitions(self) -> int:
        """State transitions as Standard Workflows bill them: each state entered counts one ("Step Functions
        counts a state transition each time a step of your workflow is executed", retries included;
        https://aws.amazon.com/step-functions/pricing/). pocketcloud counts the history's ...StateEntered events
        and the retries of Task, Map and Parallel states."""
        return len(self.path) + sum(run.retries for run in self.states.values())

    def svg(self) -> str:
        """The graph alone, coloured by this execution."""
        return state_machine_svg(self.definition, self.events, lang=self.lang)

    def _repr_html_(self) -> str:
        return execution_html(self.definition, self.events, lang=self.lang)

    def __repr__(self) -> str:
        return f"<ExecutionView {self.name!r} {self.status}: {len(self.events)} events, path {' → '.join(self.path)}>"


def show_execution(cloud: Any, execution_arn: str, *, lang: str | None = None) -> ExecutionView:
    """Read an execution (a Standard workflow's, or a Distributed Map's child) and return it ready to display.

    ``cloud`` is a :class:`~pocketcloud.Cloud` or a Step Functions client. Call it again for a fresh picture: a
    view is a snapshot of the moment it was read.
    """
    sfn = _client(cloud)
    description = sfn.describe_execution(executionArn=execution_arn)
    machine = sfn.describe_state_machine_for_execution(executionArn=execution_arn)
    definition = json.loads(machine["definition"])
    events = _history(sfn, execution_arn)
    return ExecutionView(execution_arn, description, definition, events, lang or default_lang())


def show_state_machine(cloud: Any, state_machine_arn: str, *, lang: str | None = None) -> StateMachineView:
    """Draw a state machine's current definition (DescribeStateMachine)."""
    described = _client(cloud).describe_state_machine(stateMachineArn=state_machine_arn)
    return StateMachineView(json.loads(described["definition"]), lang or default_lang(), described.get("name"))


def show_definition(definition: dict[str, Any] | str, *, lang: str | None = None) -> StateMachineView:
    """Draw a definition that is not deployed (a dict, or its JSON text)."""
    parsed = json.loads(definition) if isinstance(definition, str) else definition
    return StateMachineView(parsed, lang or default_lang())
