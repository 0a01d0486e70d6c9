"""The state machine graph: layout sanity, statuses read from AWS-shaped histories, escaping and size.

Histories are written by hand from the event types and detail members of AWS's HistoryEvent
(https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html, and botocore 1.44.5's
stepfunctions model, which the first test checks them against): ``ExecutionStarted``, ``TaskStateEntered``,
``TaskScheduled``, ``TaskStarted``, ``TaskFailed``/``TaskSucceeded``, ``TaskStateExited``, ``ChoiceStateEntered``,
``MapIterationStarted`` and the rest, each with the ``previousEventId`` chain AWS gives (an event points at the one
that caused it, https://docs.aws.amazon.com/step-functions/latest/dg/concepts-view-execution-details.html).
"""

from __future__ import annotations

import copy
import itertools
import math
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from typing import Any

import botocore.session
import pytest

from pocketcloud.display import execution_html, state_machine_svg
from pocketcloud.display.layout import Node, layered_layout

SVG = "{http://www.w3.org/2000/svg}"
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:work"
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

ORDER = {
    "StartAt": "Validate",
    "States": {
        "Validate": {"Type": "Pass", "Next": "Charge"},
        "Charge": {
            "Type": "Task",
            "Resource": LAMBDA,
            "Retry": [{"ErrorEquals": ["Throttled"], "MaxAttempts": 2}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Refund"}],
            "Next": "Route",
        },
        "Route": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Ship"}],
            "Default": "Done",
        },
        "Ship": {
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "Pack", "States": {"Pack": {"Type": "Pass", "End": True}}},
                {"StartAt": "Label", "States": {"Label": {"Type": "Pass", "End": True}}},
            ],
            "Next": "Notify",
        },
        "Notify": {
            "Type": "Map",
            "ItemProcessor": {"StartAt": "Send", "States": {"Send": {"Type": "Pass", "End": True}}},
            "Next": "Done",
        },
        "Refund": {"Type": "Fail", "Error": "PaymentFailed"},
        "Done": {"Type": "Succeed"},
    },
}
TOP_EDGES = 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1  # start, Next x4, rule, default, catch, Refund->End, Done->End


class History:
    """Builds GetExecutionHistory events one by one, each pointing at the previous one unless told otherwise."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def add(self, kind: str, after: int | None = None, seconds: float = 0.0, **details: Any) -> int:
        event_id = len(self.events) + 1
        event: dict[str, Any] = {"timestamp": T0 + timedelta(seconds=seconds), "type": kind, "id": event_id}
        event["previousEventId"] = (event_id - 1) if after is None else after
        for member, value in details.items():
            event[member] = value
        self.events.append(event)
        return event_id

    def enter(self, kind: str, name: str, value: str = "{}", **options: Any) -> int:
        return self.add(f"{kind}StateEntered", stateEnteredEventDetails={"name": name, "input": value}, **options)

    def exit(self, kind: str, name: str, value: str = "{}", **options: Any) -> int:
        return self.add(f"{kind}StateExited", stateExitedEventDetails={"name": name, "output": value}, **options)


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def nodes(svg: str) -> dict[str, str]:
    """State name -> the status class of its node (the first line of each node's <title> is the name)."""
    found: dict[str, str] = {}
    for group in parse(svg).iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        classes = group.get("class", "").split()
        if "n" in classes and title is not None and title.text:
            name = title.text.split("\n")[0]
            assert name not in found, f"{name} drawn twice"
            found[name] = next((c for c in classes if c in {"ok", "bad", "cgt", "rty", "run", "nr"}), "")
    return found


def test_synthetic_events_fit_the_botocore_history_event_shape() -> None:
    """Every event type and detail member used below exists in botocore's HistoryEvent shape."""
    shape = botocore.session.get_session().get_service_model("stepfunctions").shape_for("HistoryEvent")
    for history in (success_history(), caught_history(), retried_history(), map_history()):
        for event in history.events:
            assert event["type"] in shape.members["type"].enum
            assert set(event) <= set(shape.members), set(event) - set(shape.members)


def test_every_state_and_every_transition_is_drawn_once() -> None:
    """States of nested branches and the Map's processor are drawn inside their boxes; Start and End once."""
    svg = state_machine_svg(ORDER)
    names = set(nodes(svg))
    assert names == {"Validate", "Charge", "Route", "Ship", "Pack", "Label", "Notify", "Send", "Refund", "Done"}
    assert svg.count('class="n se"') == 2
    edges = parse(svg).findall(f".//{SVG}path[@class]")
    drawn = [e for e in edges if e.get("class", "").startswith("e")]
    assert len(drawn) == TOP_EDGES  # branches and the processor are single states: no inner edges
    assert sum(1 for e in drawn if "k" in e.get("class", "").split()) == 1  # the catcher, dashed


def test_choice_rules_and_default_are_labelled() -> None:
    svg = state_machine_svg(ORDER)
    labels = [t.text for t in parse(svg).iter(f"{SVG}text") if t.get("class") == "lb"]
    assert labels == ["States.ALL", "$.total > 100", "Default"]
    assert "기본" in state_machine_svg(ORDER, lang="ko")


def test_coordinates_are_finite_and_the_output_is_deterministic() -> None:
    svg = state_machine_svg(ORDER)
    assert svg == state_machine_svg(copy.deepcopy(ORDER))
    assert not re.search(r"nan|inf", svg.split("</style>", 1)[1], re.IGNORECASE)
    for element in parse(svg).iter():
        for attribute in ("x", "y", "width", "height"):
            if attribute in element.attrib and element.tag != f"{SVG}svg":
                assert math.isfinite(float(element.attrib[attribute]))
    root = parse(svg)
    assert root.get("width") == "100%" and root.get("viewBox", "").startswith("0 0 ")
    assert root.get("style", "").startswith("max-width:")


def test_the_layout_keeps_layers_apart_and_nodes_from_overlapping() -> None:
    """Longest-path layering: every forward edge goes down; nodes of one layer never overlap."""
    names = [f"N{i}" for i in range(8)]
    edges = [("N0", "N1"), ("N1", "N2"), ("N1", "N3"), ("N2", "N4"), ("N3", "N4"), ("N4", "N1"), ("N0", "N5")]
    edges += [("N5", "N6"), ("N6", "N7"), ("N0", "N7"), ("N4", "N7")]
    layout = layered_layout([Node(n, 100, 40) for n in names], edges)
    assert layout.back_edges == [e == ("N4", "N1") for e in edges]
    for (source, target), back, route in zip(edges, layout.back_edges, layout.routes, strict=True):
        assert all(math.isfinite(v) for point in route for v in point)
        if not back:
            assert layout.layers[target] > layout.layers[source]
            assert route[0][1] == layout.positions[source][1] + 40 and route[-1][1] == layout.positions[target][1]
            for (x1, y1), (x2, y2) in itertools.pairwise(route):
                assert x1 == x2 or y1 == y2  # orthogonal
    by_layer: dict[int, list[float]] = {}
    for name in names:
        by_layer.setdefault(layout.layers[name], []).append(layout.positions[name][0])
    for xs in by_layer.values():
        xs.sort()
        assert all(b - a >= 100 for a, b in itertools.pairwise(xs))


def success_history() -> History:
    h = History()
    h.add("ExecutionStarted", after=0, executionStartedEventDetails={"input": '{"total": 5}', "roleArn": "r"})
    h.enter("Pass", "Validate", '{"total": 5}', seconds=0.01)
    h.exit("Pass", "Validate", '{"total": 5}', seconds=0.02)
    h.enter("Task", "Charge", '{"total": 5}', seconds=0.03)
    h.add(
        "TaskScheduled",
        seconds=0.04,
        taskScheduledEventDetails={
            "resourceType": "lambda",
            "resource": "invoke",
            "region": "us-east-1",
            "parameters": "{}",
        },
    )
    h.add("TaskStarted", seconds=0.05, taskStartedEventDetails={"resourceType": "lambda", "resource": "invoke"})
    h.add(
        "TaskSucceeded",
        seconds=0.85,
        taskSucceededEventDetails={"resourceType": "lambda", "resource": "invoke", "output": '{"paid": true}'},
    )
    h.exit("Task", "Charge", '{"paid": true}', seconds=0.86)
    h.enter("Choice", "Route", seconds=0.87)
    h.exit("Choice", "Route", seconds=0.88)
    h.enter("Succeed", "Done", seconds=0.89)
    h.exit("Succeed", "Done", seconds=0.9)
    h.add("ExecutionSucceeded", seconds=0.91, executionSucceededEventDetails={"output": "{}"})
    return h


def caught_history() -> History:
    h = History()
    h.add("ExecutionStarted", after=0, executionStartedEventDetails={"input": "{}", "roleArn": "r"})
    h.enter("Pass", "Validate")
    h.exit("Pass", "Validate")
    h.enter("Task", "Charge")
    h.add(
        "TaskScheduled",
        taskScheduledEventDetails={
            "resourceType": "lambda",
            "resource": "invoke",
            "region": "us-east-1",
            "parameters": "{}",
        },
    )
    h.add("TaskStarted", taskStartedEventDetails={"resourceType": "lambda", "resource": "invoke"})
    failed = h.add(
        "TaskFailed",
        seconds=1,
        taskFailedEventDetails={
            "resourceType": "lambda",
            "resource": "invoke",
            "error": "CardDeclined",
            "cause": "no funds",
        },
    )
    h.enter("Fail", "Refund", after=failed, seconds=1.1)
    h.add("ExecutionFailed", seconds=1.2, executionFailedEventDetails={"error": "PaymentFailed"})
    return h


def retried_history() -> History:
    h = History()
    h.add("ExecutionStarted", after=0, executionStartedEventDetails={"input": "{}", "roleArn": "r"})
    h.enter("Pass", "Validate")
    h.exit("Pass", "Validate")
    h.enter("Task", "Charge", seconds=0.1)
    h.add(
        "TaskScheduled",
        seconds=0.1,
        taskScheduledEventDetails={
            "resourceType": "lambda",
            "resource": "invoke",
            "region": "us-east-1",
            "parameters": "{}",
        },
    )
    h.add("TaskStarted", seconds=0.1, taskStartedEventDetails={"resourceType": "lambda", "resource": "invoke"})
    h.add(
        "TaskFailed",
        seconds=0.2,
        taskFailedEventDetails={"resourceType": "lambda", "resource": "invoke", "error": "Throttled"},
    )
    h.add(
        "TaskScheduled",
        seconds=1.2,
        taskScheduledEventDetails={
            "resourceType": "lambda",
            "resource": "invoke",
            "region": "us-east-1",
            "parameters": "{}",
        },
    )
    h.add("TaskStarted", seconds=1.3, taskStartedEventDetails={"resourceType": "lambda", "resource": "invoke"})
    h.add(
        "TaskSucceeded",
        seconds=1.5,
        taskSucceededEventDetails={"resourceType": "lambda", "resource": "invoke", "output": '{"total": 500}'},
    )
    h.exit("Task", "Charge", '{"total": 500}', seconds=1.5)
    h.enter("Choice", "Route", '{"total": 500}', seconds=1.6)
    h.exit("Choice", "Route", '{"total": 500}', seconds=1.6)
    h.enter("Parallel", "Ship", seconds=1.7)
    h.add("ParallelStateStarted", seconds=1.7)
    started = len(h.events)
    h.enter("Pass", "Pack", seconds=1.8, after=started)
    h.exit("Pass", "Pack", seconds=1.8)
    h.enter("Pass", "Label", seconds=1.9, after=started)
    return h  # still running: Label has not left


def map_history() -> History:
    h = retried_history()
    h.exit("Pass", "Label", seconds=2.0)
    h.add("ParallelStateSucceeded", seconds=2.0)
    h.exit("Parallel", "Ship", seconds=2.0)
    h.enter("Map", "Notify", "[1, 2]", seconds=2.1)
    h.add("MapStateStarted", seconds=2.1, mapStateStartedEventDetails={"length": 2})
    h.add("MapIterationStarted", seconds=2.2, mapIterationStartedEventDetails={"name": "Notify", "index": 0})
    h.enter("Pass", "Send", "1", seconds=2.2)
    h.exit("Pass", "Send", "1", seconds=2.3)
    h.add("MapIterationSucceeded", seconds=2.3, mapIterationSucceededEventDetails={"name": "Notify", "index": 0})
    h.add("MapIterationStarted", seconds=2.4, mapIterationStartedEventDetails={"name": "Notify", "index": 1})
    h.add("MapIterationFailed", seconds=2.5, mapIterationFailedEventDetails={"name": "Notify", "index": 1})
    h.add("MapStateFailed", seconds=2.5)
    h.add("ExecutionFailed", seconds=2.6, executionFailedEventDetails={"error": "States.BranchFailed"})
    return h


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        pytest.param(
            success_history,
            {"Validate": "ok", "Charge": "ok", "Route": "ok", "Done": "ok", "Ship": "nr", "Refund": "nr"},
            id="succeeded",
        ),
        pytest.param(
            caught_history,
            {"Validate": "ok", "Charge": "cgt", "Refund": "bad", "Route": "nr", "Done": "nr"},
            id="caught",
        ),
        pytest.param(
            retried_history,
            {"Charge": "rty", "Ship": "run", "Pack": "ok", "Label": "run", "Notify": "nr", "Send": "nr"},
            id="retried-running",
        ),
        pytest.param(
            map_history, {"Ship": "ok", "Label": "ok", "Notify": "bad", "Send": "ok", "Done": "nr"}, id="map-failed"
        ),
    ],
)
def test_statuses_follow_the_history(history: Any, expected: dict[str, str]) -> None:
    """Succeeded, caught (a catcher's Next entered after TaskFailed), failed (Fail state; MapStateFailed then
    ExecutionFailed), retried (TaskScheduled again after TaskFailed, then TaskSucceeded), in progress, not reached."""
    drawn = nodes(state_machine_svg(ORDER, history().events))
    assert {name: drawn[name] for name in expected} == expected


def test_status_is_said_in_words_and_symbols_not_colour_alone() -> None:
    svg = state_machine_svg(ORDER, caught_history().events)
    texts = "".join(t.text or "" for t in parse(svg).iter(f"{SVG}text"))
    for words in ("Task · Caught error", "Fail · Failed", "Not reached", "↪", "✗", "✓"):
        assert words in texts
    korean = state_machine_svg(ORDER, caught_history().events, lang="ko")
    for words in ("오류 처리됨", "실패", "성공", "도달하지 않음", "진행 중", "재시도 후 성공"):
        assert words in korean  # the legend names every status


def test_inputs_outputs_and_errors_are_in_the_tooltips() -> None:
    svg = state_machine_svg(ORDER, retried_history().events)
    titles = {t.text.split("\n")[0]: t.text for t in parse(svg).iter(f"{SVG}title") if t.text}
    assert 'Output: {"total": 500}' in titles["Charge"] and "Retries: 1" in titles["Charge"]
    assert "Error: Throttled" in titles["Charge"]
    mapped = {
        t.text.split("\n")[0]: t.text
        for t in parse(state_machine_svg(ORDER, map_history().events)).iter(f"{SVG}title")
        if t.text
    }
    assert "Iterations: failed 1, started 2, succeeded 1" in mapped["Notify"]


HOSTILE = ["<script>alert(1)</script>", "\"&'", "]]></svg><img src=x onerror=alert(1)>"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_inputs_and_errors_are_escaped(name: str) -> None:
    definition = {
        "StartAt": name,
        "States": {
            name: {"Type": "Task", "Resource": LAMBDA, "Catch": [{"ErrorEquals": [name], "Next": "Oops"}], "End": True},
            "Oops": {"Type": "Fail"},
        },
    }
    h = History()
    h.add("ExecutionStarted", after=0, executionStartedEventDetails={"input": name, "roleArn": "r"})
    h.enter("Task", name, name)
    h.add("TaskFailed", taskFailedEventDetails={"error": name, "cause": name})
    h.add("ExecutionFailed", executionFailedEventDetails={"error": name})
    for markup in (state_machine_svg(definition, h.events), execution_html(definition, h.events, lang="ko")):
        assert "<script" not in markup and "<img" not in markup
        root = parse(markup)
        texts = [e.text or "" for e in root.iter()]
        assert any(t.startswith(name) for t in texts)  # shown as the characters it is


def test_execution_html_lists_the_history_and_the_state_data() -> None:
    """The console's event table: id, type, state, elapsed time; the fragment is well-formed markup."""
    events = retried_history().events
    markup = execution_html(ORDER, events, lang="en")
    root = parse(markup)
    tables = root.findall(".//table")
    history_rows = tables[-1].findall("./tbody/tr")
    assert len(history_rows) == len(events)
    first, charge = history_rows[0].findall("td"), history_rows[3].findall("td")
    assert [c.text for c in first] == ["1", "ExecutionStarted", None, "0"]
    assert [c.text for c in charge] == ["4", "TaskStateEntered", "Charge", "100"]
    assert history_rows[7].findall("td")[2].text == "Charge"  # TaskScheduled, found through previousEventId
    assert root.find(".//details/summary").text == "State input and output"
    korean = parse(execution_html(ORDER, events, lang="ko"))
    assert [th.text for th in korean.findall(".//table")[-1].findall("./thead/tr/th")] == [
        "ID",
        "유형",
        "상태",
        "경과 시간(ms)",
    ]


def test_styles_are_scoped_theme_aware_and_the_output_small() -> None:
    """One class-scoped <style> using the page's colours with fallbacks and prefers-color-scheme; a 20-state
    machine stays a few kilobytes."""
    svg = state_machine_svg(ORDER)
    style = parse(svg).find(f"{SVG}style").text or ""
    assert "var(--md-default-fg-color," in style and "prefers-color-scheme:dark" in style
    selectors = [s for s in re.findall(r"([^{}]+)\{", style) if not s.startswith("@media")]
    assert selectors and all(".pc-sfn" in selector for selector in selectors)
    assert "font-face" not in style and "px" in style
    states = {f"Step{i}": {"Type": "Pass", "Next": f"Step{i + 1}"} for i in range(19)}
    states["Step19"] = {"Type": "Succeed"}
    twenty = state_machine_svg({"StartAt": "Step0", "States": states})
    assert len(twenty.encode()) < 12_000, len(twenty.encode())


def test_timestamps_may_be_datetimes_epoch_seconds_or_iso_strings() -> None:
    events = success_history().events
    as_numbers = [{**e, "timestamp": e["timestamp"].timestamp()} for e in events]
    as_text = [{**e, "timestamp": e["timestamp"].isoformat()} for e in events]
    assert execution_html(ORDER, events) == execution_html(ORDER, as_numbers) == execution_html(ORDER, as_text)
