"""Conformance of the ASL interpreter: definitions x inputs with the status, output, error, cause and sequence
of history event types AWS documents or recorded.

Each case names its source: a page of the Step Functions developer guide (``dg/<page>.html``), the ASL spec
(https://states-language.net), or a LocalStack snapshot recorded against real AWS
(``localstack:<path>`` under tests/aws/services/stepfunctions/v2/). The definitions are written here from what
those sources state; none is copied from them.
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud

from .sfn_support import run

DG = "https://docs.aws.amazon.com/step-functions/latest/dg/"
START = ["ExecutionStarted"]
OK = ["ExecutionSucceeded"]
FAILED = ["ExecutionFailed"]


def one(state: dict[str, Any], name: str = "S", **top: Any) -> dict[str, Any]:
    """A machine of one state named ``name`` (S by default). State names are unique in the whole machine,
    branches and iterations included ("State names MUST be unique within the scope of the whole state
    machine", states-language.net), so nested machines name their state otherwise."""
    state = dict(state)
    if state["Type"] not in ("Choice", "Succeed", "Fail") and "Next" not in state:
        state["End"] = True
    return {"StartAt": name, "States": {name: state}, **top}


def pass_(extra: dict[str, Any] | None = None, name: str = "S") -> dict[str, Any]:
    return one({"Type": "Pass", **(extra or {})}, name)


def intrinsic(expression: str) -> dict[str, Any]:
    return pass_({"Parameters": {"value.$": expression}})


PASS = ["PassStateEntered", "PassStateExited"]


def prefix(state: str, text: str, event: int = 2) -> str:
    return f"An error occurred while executing the state '{state}' (entered at the event id #{event}). {text}"


PRODUCT = {
    "comment": "Example for Parameters.",
    "product": {
        "details": {"color": "blue", "size": "small", "material": "cotton"},
        "availability": "in stock",
        "sku": "2317",
        "cost": "$23",
    },
}

CASES: list[tuple[str, str, dict[str, Any], Any, dict[str, Any]]] = [
    # -- Pass and the input/output fields -------------------------------------------------------------------
    ("pass-identity", DG + "state-pass.html", pass_(), {"a": 1}, {"output": {"a": 1}, "types": START + PASS + OK}),
    (
        "pass-result-resultpath",
        DG + "state-pass.html",
        pass_({"Result": {"x-datum": 0.381018, "y-datum": 622.2269926397355}, "ResultPath": "$.coords"}),
        {"georefOf": "Home"},
        {"output": {"georefOf": "Home", "coords": {"x-datum": 0.381018, "y-datum": 622.2269926397355}}},
    ),
    (
        "resultpath-replace-default",
        DG + "input-output-resultpath.html",
        pass_({"Result": "Hello, Step Functions!"}),
        {"comment": "This is a test"},
        {"output": "Hello, Step Functions!"},
    ),
    (
        "resultpath-null-discards",
        DG + "input-output-resultpath.html",
        pass_({"Result": "Hello", "ResultPath": None}),
        {"comment": "This is a test"},
        {"output": {"comment": "This is a test"}},
    ),
    (
        "resultpath-nested-creates-objects",
        DG + "input-output-resultpath.html",
        pass_({"Result": 5, "ResultPath": "$.a.b.c"}),
        {"x": 1},
        {"output": {"x": 1, "a": {"b": {"c": 5}}}},
    ),
    (
        "inputpath-outputpath",
        DG + "input-output-inputpath-params.html",
        pass_({"InputPath": "$.data", "OutputPath": "$.val1"}),
        {"data": {"val1": 23, "val2": 17}},
        {"output": 23},
    ),
    (
        "inputpath-null-gives-empty-object",
        DG + "input-output-inputpath-params.html",
        pass_({"InputPath": None}),
        {"a": 1},
        {"output": {}},
    ),
    (
        "outputpath-null-gives-empty-object",
        DG + "input-output-example.html",
        pass_({"OutputPath": None}),
        {"a": 1},
        {"output": {}},
    ),
    (
        "parameters-docs-example",
        DG + "input-output-inputpath-params.html",
        pass_(
            {
                "Parameters": {
                    "comment": "Selecting what I care about.",
                    "MyDetails": {
                        "size.$": "$.product.details.size",
                        "exists.$": "$.product.availability",
                        "StaticValue": "foo",
                    },
                }
            }
        ),
        PRODUCT,
        {
            "output": {
                "comment": "Selecting what I care about.",
                "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"},
            }
        },
    ),
    (
        "parameters-definite-vs-indefinite-path",
        DG + "amazon-states-language-paths.html",
        pass_({"Parameters": {"one.$": "$.a[0].b", "all.$": "$.a[*].b", "deep.$": "$..b"}}),
        {"a": [{"b": 1}, {"b": 2}, {"c": 3}]},
        {"output": {"one": 1, "all": [1, 2], "deep": [1, 2]}},
    ),
    (
        "parameters-filter-expression",
        DG + "amazon-states-language-paths.html",
        pass_({"Parameters": {"cheap.$": "$.items[?(@.price < 10)].name"}}),
        {"items": [{"name": "a", "price": 5}, {"name": "b", "price": 50}, {"name": "c", "price": 7}]},
        {"output": {"cheap": ["a", "c"]}},
    ),
    (
        "indefinite-path-without-matches-is-empty",
        "Jayway JsonPath semantics, " + DG + "amazon-states-language-paths.html",
        pass_({"Parameters": {"none.$": "$.a[*].zzz"}}),
        {"a": [{"b": 1}]},
        {"output": {"none": []}},
    ),
    (
        "inputpath-missing-fails-runtime",
        "localstack:scenarios (recorded 'Invalid path ... : No results for path'), "
        + DG
        + "concepts-error-handling.html",
        pass_({"InputPath": "$.missing"}),
        {"a": 1},
        {
            "status": "FAILED",
            "error": "States.Runtime",
            "cause": prefix("S", "Invalid path '$.missing' : No results for path: $['missing']"),
            "types": [*START, "PassStateEntered", *FAILED],
        },
    ),
    (
        "outputpath-missing-fails-runtime",
        "recorded AWS cause (public blog quoting an execution): Invalid path '$.Payload' : No results for path",
        pass_({"OutputPath": "$.Payload"}),
        {"a": 1},
        {
            "status": "FAILED",
            "error": "States.Runtime",
            "cause": prefix("S", "Invalid path '$.Payload' : No results for path: $['Payload']"),
        },
    ),
    (
        "parameters-missing-path-fails-runtime",
        "recorded AWS execution history (ExecutionFailed for 'JobName.$')",
        pass_({"Parameters": {"JobName.$": "$.JobName"}}),
        {},
        {
            "status": "FAILED",
            "error": "States.Runtime",
            "cause": prefix(
                "S", "The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'"
            ),
            "types": [*START, "PassStateEntered", *FAILED],
        },
    ),
    # -- the context object -----------------------------------------------------------------------------
    (
        "context-object-state-and-machine",
        DG + "input-output-contextobject.html",
        pass_(
            {
                "Parameters": {
                    "state.$": "$$.State.Name",
                    "machine.$": "$$.StateMachine.Name",
                    "in.$": "$$.Execution.Input",
                }
            }
        ),
        {"k": "v"},
        {"output": {"state": "S", "machine": "machine", "in": {"k": "v"}}},
    ),
    (
        "context-object-retry-count-zero",
        DG + "input-output-contextobject.html",
        one({"Type": "Parallel", "Branches": [pass_(name="B")], "ResultSelector": {"n.$": "$$.State.RetryCount"}}),
        {},
        {"output": {"n": 0}},
    ),
    # -- intrinsic functions (examples of dg/intrinsic-functions.html) ----------------------------------
    (
        "States.Format",
        DG + "intrinsic-functions.html",
        intrinsic("States.Format('Hello, my name is {}.', $.name)"),
        {"name": "Arnav"},
        {"output": {"value": "Hello, my name is Arnav."}},
    ),
    (
        "States.Format-template-from-input",
        DG + "intrinsic-functions.html",
        intrinsic("States.Format($.template, $.name)"),
        {"name": "Arnav", "template": "Hello, my name is {}."},
        {"output": {"value": "Hello, my name is Arnav."}},
    ),
    (
        "States.Format-escapes",
        DG + "intrinsic-functions.html",
        intrinsic("States.Format('\\{\\} it\\'s {}', $.n)"),
        {"n": 3},
        {"output": {"value": "{} it's 3"}},
    ),
    (
        "States.StringToJson",
        DG + "intrinsic-functions.html",
        intrinsic("States.StringToJson($.escapedJsonString)"),
        {"escapedJsonString": '{"foo": "bar"}'},
        {"output": {"value": {"foo": "bar"}}},
    ),
    (
        "States.JsonToString",
        DG + "intrinsic-functions.html",
        intrinsic("States.JsonToString($.unescapedJson)"),
        {"unescapedJson": {"foo": "bar"}},
        {"output": {"value": '{"foo":"bar"}'}},
    ),
    (
        "States.Array",
        DG + "intrinsic-functions.html",
        intrinsic("States.Array('Foo', 2020, $.someJson, null)"),
        {"someJson": {"random": "abcdefg"}},
        {"output": {"value": ["Foo", 2020, {"random": "abcdefg"}, None]}},
    ),
    (
        "States.ArrayPartition",
        DG + "intrinsic-functions.html",
        intrinsic("States.ArrayPartition($.inputArray, 4)"),
        {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]},
        {"output": {"value": [[1, 2, 3, 4], [5, 6, 7, 8], [9]]}},
    ),
    (
        "States.ArrayContains",
        DG + "intrinsic-functions.html",
        intrinsic("States.ArrayContains($.inputArray, $.lookingFor)"),
        {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "lookingFor": 5},
        {"output": {"value": True}},
    ),
    (
        "States.ArrayRange",
        DG + "intrinsic-functions.html",
        intrinsic("States.ArrayRange(1, 9, 2)"),
        {},
        {"output": {"value": [1, 3, 5, 7, 9]}},
    ),
    (
        "States.ArrayGetItem",
        DG + "intrinsic-functions.html",
        intrinsic("States.ArrayGetItem($.inputArray, $.index)"),
        {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "index": 5},
        {"output": {"value": 6}},
    ),
    (
        "States.ArrayLength",
        DG + "intrinsic-functions.html",
        intrinsic("States.ArrayLength($.inputArray)"),
        {"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]},
        {"output": {"value": 9}},
    ),
    (
        "States.ArrayUnique",
        DG + "intrinsic-functions.html",
        intrinsic("States.ArrayUnique($.inputArray)"),
        {"inputArray": [1, 2, 3, 3, 3, 3, 3, 3, 4]},
        {"output": {"value": [1, 2, 3, 4]}},
    ),
    (
        "States.Base64Encode",
        DG + "intrinsic-functions.html",
        intrinsic("States.Base64Encode($.input)"),
        {"input": "Data to encode"},
        {"output": {"value": "RGF0YSB0byBlbmNvZGU="}},
    ),
    (
        "States.Base64Decode",
        DG + "intrinsic-functions.html",
        intrinsic("States.Base64Decode($.base64)"),
        {"base64": "RGF0YSB0byBlbmNvZGU="},
        {"output": {"value": "Data to encode"}},
    ),
    (
        "States.Hash",
        DG + "intrinsic-functions.html",
        intrinsic("States.Hash($.Data, $.Algorithm)"),
        {"Data": "input data", "Algorithm": "SHA-1"},
        {"output": {"value": "aaff4a450a104cd177d28d18d74485e8cae074b7"}},
    ),
    (
        "States.JsonMerge",
        DG + "intrinsic-functions.html",
        intrinsic("States.JsonMerge($.json1, $.json2, false)"),
        {"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}},
        {"output": {"value": {"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3}}},
    ),
    (
        "States.MathAdd",
        DG + "intrinsic-functions.html",
        intrinsic("States.MathAdd($.value1, $.step)"),
        {"value1": 111, "step": -1},
        {"output": {"value": 110}},
    ),
    (
        "States.StringSplit",
        DG + "intrinsic-functions.html",
        intrinsic("States.StringSplit($.inputString, $.splitter)"),
        {"inputString": "1,2,3,4,5", "splitter": ","},
        {"output": {"value": ["1", "2", "3", "4", "5"]}},
    ),
    (
        "States.StringSplit-character-set",
        DG + "intrinsic-functions.html",
        intrinsic("States.StringSplit($.inputString, $.splitter)"),
        {"inputString": "This.is+a,test=string", "splitter": ".+,="},
        {"output": {"value": ["This", "is", "a", "test", "string"]}},
    ),
    (
        "States.nested-calls",
        DG + "intrinsic-functions.html",
        intrinsic("States.ArrayLength(States.ArrayUnique(States.Array(1, 1, 2)))"),
        {},
        {"output": {"value": 2}},
    ),
    (
        "States.ArrayGetItem-out-of-range-fails",
        DG + "intrinsic-functions.html",
        intrinsic("States.ArrayGetItem($.a, 5)"),
        {"a": [1]},
        {"status": "FAILED", "error": "States.Runtime", "types": [*START, "PassStateEntered", *FAILED]},
    ),
    # -- Choice -----------------------------------------------------------------------------------------
    *[
        (
            f"choice-{op}-{expected}",
            DG + "state-choice.html",
            {
                "StartAt": "C",
                "States": {
                    "C": {
                        "Type": "Choice",
                        "Choices": [{"Variable": "$.v", op: operand, "Next": "Yes"}],
                        "Default": "No",
                    },
                    "Yes": {"Type": "Pass", "Result": "yes", "End": True},
                    "No": {"Type": "Pass", "Result": "no", "End": True},
                },
            },
            {"v": value},
            {"output": expected, "types": [*START, "ChoiceStateEntered", "ChoiceStateExited", *PASS, *OK]},
        )
        for op, operand, value, expected in [
            ("StringEquals", "a", "a", "yes"),
            ("StringEquals", "a", 1, "no"),
            ("StringLessThan", "b", "a", "yes"),
            ("StringGreaterThanEquals", "b", "b", "yes"),
            ("StringMatches", "log-*.txt", "log-2024.txt", "yes"),
            ("StringMatches", "log-\\*.txt", "log-*.txt", "yes"),
            ("StringMatches", "log-\\*.txt", "log-1.txt", "no"),
            ("NumericEquals", 1, 1.0, "yes"),
            ("NumericLessThan", 10, 9.5, "yes"),
            ("NumericGreaterThan", 10, "11", "no"),
            ("NumericLessThanEquals", 3, 3, "yes"),
            ("BooleanEquals", True, True, "yes"),
            ("BooleanEquals", True, "true", "no"),
            ("TimestampEquals", "2016-03-14T01:59:00Z", "2016-03-14T01:59:00.000Z", "yes"),
            ("TimestampLessThan", "2016-03-14T01:59:00Z", "2016-03-14T01:58:00+00:00", "yes"),
            ("TimestampGreaterThan", "2016-03-14T01:59:00Z", "not a time", "no"),
            ("IsNull", True, None, "yes"),
            ("IsNumeric", True, "12", "no"),
            ("IsString", True, "12", "yes"),
            ("IsBoolean", False, 1, "yes"),
            ("IsTimestamp", True, "2016-03-14T01:59:00Z", "yes"),
            ("IsTimestamp", True, "2016-03-14", "no"),
        ]
    ],
    (
        "choice-IsPresent-missing",
        DG + "state-choice.html",
        {
            "StartAt": "C",
            "States": {
                "C": {"Type": "Choice", "Choices": [{"Variable": "$.nope", "IsPresent": False, "Next": "Yes"}]},
                "Yes": {"Type": "Succeed"},
            },
        },
        {},
        {
            "output": {},
            "types": [
                *START,
                "ChoiceStateEntered",
                "ChoiceStateExited",
                "SucceedStateEntered",
                "SucceedStateExited",
                *OK,
            ],
        },
    ),
    (
        "choice-and-or-not",
        DG + "state-choice.html",
        {
            "StartAt": "C",
            "States": {
                "C": {
                    "Type": "Choice",
                    "Choices": [
                        {
                            "And": [
                                {"Variable": "$.value", "IsPresent": True},
                                {"Variable": "$.value", "IsNumeric": True},
                                {"Variable": "$.value", "NumericGreaterThanEquals": 20},
                                {"Not": {"Variable": "$.value", "NumericEquals": 30}},
                                {
                                    "Or": [
                                        {"Variable": "$.type", "StringEquals": "Private"},
                                        {"Variable": "$.x", "IsNull": True},
                                    ]
                                },
                            ],
                            "Next": "Yes",
                        }
                    ],
                    "Default": "No",
                },
                "Yes": {"Type": "Pass", "Result": "yes", "End": True},
                "No": {"Type": "Pass", "Result": "no", "End": True},
            },
        },
        {"value": 25, "type": "Private"},
        {"output": "yes"},
    ),
    (
        "choice-path-operator",
        DG + "state-choice.html",
        {
            "StartAt": "C",
            "States": {
                "C": {
                    "Type": "Choice",
                    "Choices": [{"Variable": "$.a", "NumericLessThanPath": "$.b", "Next": "Y"}],
                    "Default": "N",
                },
                "Y": {"Type": "Pass", "Result": "less", "End": True},
                "N": {"Type": "Pass", "Result": "not", "End": True},
            },
        },
        {"a": 1, "b": 2},
        {"output": "less"},
    ),
    (
        "choice-no-match-fails",
        DG + "state-choice.html (States.NoChoiceMatched)",
        {
            "StartAt": "C",
            "States": {
                "C": {"Type": "Choice", "Choices": [{"Variable": "$.v", "NumericEquals": 1, "Next": "Y"}]},
                "Y": {"Type": "Succeed"},
            },
        },
        {"v": 2},
        {"status": "FAILED", "error": "States.NoChoiceMatched", "types": [*START, "ChoiceStateEntered", *FAILED]},
    ),
    (
        "choice-missing-variable-fails-runtime",
        "recorded AWS cause: \"Invalid path '$.x': The choice state's condition path references an invalid value.\"",
        {
            "StartAt": "C",
            "States": {
                "C": {
                    "Type": "Choice",
                    "Choices": [{"Variable": "$.x", "StringEquals": "a", "Next": "Y"}],
                    "Default": "Y",
                },
                "Y": {"Type": "Succeed"},
            },
        },
        {},
        {
            "status": "FAILED",
            "error": "States.Runtime",
            "cause": prefix("C", "Invalid path '$.x': The choice state's condition path references an invalid value."),
            "types": [*START, "ChoiceStateEntered", *FAILED],
        },
    ),
    # -- Wait, Succeed, Fail ---------------------------------------------------------------------------
    (
        "wait-seconds",
        DG + "state-wait.html",
        one({"Type": "Wait", "Seconds": 10}),
        {"a": 1},
        {"output": {"a": 1}, "types": [*START, "WaitStateEntered", "WaitStateExited", *OK]},
    ),
    (
        "wait-seconds-path",
        DG + "state-wait.html",
        one({"Type": "Wait", "SecondsPath": "$.s"}),
        {"s": 3},
        {"output": {"s": 3}},
    ),
    (
        "wait-timestamp-past",
        DG + "state-wait.html",
        one({"Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z"}),
        {},
        {"output": {}},
    ),
    (
        "succeed-outputpath",
        DG + "state-succeed.html",
        one({"Type": "Succeed", "OutputPath": "$.a"}),
        {"a": [1]},
        {"output": [1], "types": [*START, "SucceedStateEntered", "SucceedStateExited", *OK]},
    ),
    (
        "fail-error-cause",
        DG + "state-fail.html",
        one({"Type": "Fail", "Error": "ErrorA", "Cause": "Kaiju attack"}),
        {},
        {
            "status": "FAILED",
            "error": "ErrorA",
            "cause": "Kaiju attack",
            "types": [*START, "FailStateEntered", *FAILED],
        },
    ),
    (
        "fail-errorpath-causepath",
        DG + "state-fail.html",
        one({"Type": "Fail", "ErrorPath": "$.e", "CausePath": "States.Format('cause: {}', $.c)"}),
        {"e": "Custom", "c": "x"},
        {"status": "FAILED", "error": "Custom", "cause": "cause: x"},
    ),
    # -- Parallel and Map ------------------------------------------------------------------------------
    (
        "parallel-outputs-in-branch-order",
        DG + "state-parallel.html",
        one({"Type": "Parallel", "Branches": [pass_({"Result": 1}, "B1"), pass_({"Result": 2}, "B2")]}),
        {},
        {
            "output": [1, 2],
            "types": [
                *START,
                "ParallelStateEntered",
                "ParallelStateStarted",
                *PASS,
                *PASS,
                "ParallelStateSucceeded",
                "ParallelStateExited",
                *OK,
            ],
        },
    ),
    (
        "parallel-branch-failure-caught",
        DG + "state-parallel.html",
        {
            "StartAt": "P",
            "States": {
                "P": {
                    "Type": "Parallel",
                    "Branches": [pass_(name="B1"), one({"Type": "Fail", "Error": "Boom", "Cause": "branch 2"}, "B2")],
                    "Catch": [{"ErrorEquals": ["Boom"], "Next": "H", "ResultPath": "$.error"}],
                    "Next": "Done",
                },
                "H": {"Type": "Pass", "End": True},
                "Done": {"Type": "Succeed"},
            },
        },
        {"in": 1},
        {
            "output": {"in": 1, "error": {"Error": "Boom", "Cause": "branch 2"}},
            "types": [
                *START,
                "ParallelStateEntered",
                "ParallelStateStarted",
                *PASS,
                "FailStateEntered",
                "ParallelStateFailed",
                "ParallelStateExited",
                *PASS,
                *OK,
            ],
        },
    ),
    (
        "map-items-path-and-selector",
        DG + "state-map-inline.html",
        one(
            {
                "Type": "Map",
                "ItemsPath": "$.detail.shipped",
                "ItemSelector": {
                    "parcel.$": "$$.Map.Item.Value",
                    "index.$": "$$.Map.Item.Index",
                    "id.$": "$.detail.id",
                },
                "ItemProcessor": pass_(name="I"),
            }
        ),
        {"detail": {"id": 7, "shipped": [{"prod": "R31"}, {"prod": "S39"}]}},
        {
            "output": [
                {"parcel": {"prod": "R31"}, "index": 0, "id": 7},
                {"parcel": {"prod": "S39"}, "index": 1, "id": 7},
            ],
            "types": START
            + ["MapStateEntered", "MapStateStarted"]
            + (["MapIterationStarted", *PASS, "MapIterationSucceeded"]) * 2
            + ["MapStateSucceeded", "MapStateExited"]
            + OK,
        },
    ),
    (
        "map-empty-array",
        DG + "state-map-inline.html",
        one({"Type": "Map", "ItemProcessor": pass_(name="I")}),
        [],
        {
            "output": [],
            "types": [*START, "MapStateEntered", "MapStateStarted", "MapStateSucceeded", "MapStateExited", *OK],
        },
    ),
    (
        "map-iteration-failure",
        DG + "state-map-inline.html",
        one({"Type": "Map", "ItemProcessor": one({"Type": "Fail", "Error": "E"}, "I")}),
        [1],
        {
            "status": "FAILED",
            "error": "E",
            "types": [
                *START,
                "MapStateEntered",
                "MapStateStarted",
                "MapIterationStarted",
                "FailStateEntered",
                "MapIterationFailed",
                "MapStateFailed",
                *FAILED,
            ],
        },
    ),
    (
        "map-legacy-iterator-and-parameters",
        DG + "state-map-inline.html (Iterator/Parameters are the older names)",
        one(
            {
                "Type": "Map",
                "Parameters": {"v.$": "$$.Map.Item.Value"},
                "Iterator": pass_(name="I"),
                "MaxConcurrency": 1,
            }
        ),
        [1, 2],
        {"output": [{"v": 1}, {"v": 2}]},
    ),
    # -- Retry and Catch -------------------------------------------------------------------------------
    (
        "catch-states-all-default-resultpath",
        DG + "concepts-error-handling.html",
        {
            "StartAt": "P",
            "States": {
                "P": {
                    "Type": "Parallel",
                    "Branches": [one({"Type": "Fail", "Error": "X", "Cause": "y"})],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}],
                    "End": True,
                },
                "H": {"Type": "Pass", "End": True},
            },
        },
        {"a": 1},
        {"output": {"Error": "X", "Cause": "y"}},
    ),
    (
        "catch-does-not-catch-runtime",
        DG + "concepts-error-handling.html (States.Runtime is never retried or caught)",
        {
            "StartAt": "P",
            "States": {
                "P": {
                    "Type": "Parallel",
                    "Branches": [pass_({"InputPath": "$.nope"})],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}],
                    "End": True,
                },
                "H": {"Type": "Pass", "End": True},
            },
        },
        {},
        {"status": "FAILED", "error": "States.Runtime"},
    ),
    (
        "retry-parallel-reruns-branches",
        DG + "concepts-error-handling.html",
        {
            "StartAt": "P",
            "States": {
                "P": {
                    "Type": "Parallel",
                    "Branches": [one({"Type": "Fail", "Error": "E"})],
                    "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1, "IntervalSeconds": 1}],
                    "End": True,
                }
            },
        },
        {},
        {
            "status": "FAILED",
            "error": "E",
            "types": [
                *START,
                "ParallelStateEntered",
                "ParallelStateStarted",
                "FailStateEntered",
                "ParallelStateStarted",
                "FailStateEntered",
                "ParallelStateFailed",
                *FAILED,
            ],
        },
    ),
    # -- JSONata --------------------------------------------------------------------------------------
    (
        "jsonata-pass-output",
        DG + "transforming-data.html",
        pass_({"Output": {"total": "{% $sum($states.input.items) %}", "literal": "text"}})
        | {"QueryLanguage": "JSONata"},
        {"items": [1, 2, 3]},
        {"output": {"total": 6, "literal": "text"}},
    ),
    (
        "jsonata-top-level-query-language",
        DG + "transforming-data.html",
        one(
            {"Type": "Pass", "Output": "{% $states.input.a & '-' & $states.context.State.Name %}"},
            QueryLanguage="JSONata",
        ),
        {"a": "x"},
        {"output": "x-S"},
    ),
    (
        "jsonata-aws-functions",
        DG + "transforming-data.html (functions provided by Step Functions)",
        one(
            {
                "Type": "Pass",
                "Output": {
                    "p": "{% $partition([1,2,3,4,5], 2) %}",
                    "r": "{% $range(0, 6, 2) %}",
                    "h": "{% $hash('input data', 'SHA-1') %}",
                    "j": "{% $parse('{\"a\": 1}') %}",
                },
            },
            QueryLanguage="JSONata",
        ),
        {},
        {
            "output": {
                "p": [[1, 2], [3, 4], [5]],
                "r": [0, 2, 4, 6],
                "h": "aaff4a450a104cd177d28d18d74485e8cae074b7",
                "j": {"a": 1},
            }
        },
    ),
    (
        "jsonata-choice-condition",
        DG + "state-choice.html (JSONata Condition)",
        {
            "QueryLanguage": "JSONata",
            "StartAt": "C",
            "States": {
                "C": {
                    "Type": "Choice",
                    "Choices": [{"Condition": "{% $states.input.n > 3 %}", "Next": "Big", "Output": {"size": "big"}}],
                    "Default": "Small",
                },
                "Big": {"Type": "Succeed"},
                "Small": {"Type": "Succeed"},
            },
        },
        {"n": 5},
        {"output": {"size": "big"}},
    ),
    (
        "jsonata-undefined-fails-query-evaluation",
        "recorded AWS cause: \"The JSONata expression '...' specified for the field 'Arguments/Input/x' returned "
        'nothing (undefined)."',
        one({"Type": "Pass", "Output": {"x": "{% $states.input.missing %}"}}, QueryLanguage="JSONata"),
        {},
        {
            "status": "FAILED",
            "error": "States.QueryEvaluationError",
            "cause": prefix(
                "S",
                "The JSONata expression '$states.input.missing' specified for the field 'Output/x' returned nothing "
                "(undefined).",
            ),
        },
    ),
    (
        "jsonata-map-items-and-selector",
        DG + "state-map-inline.html",
        one(
            {
                "Type": "Map",
                "Items": "{% $states.input.xs %}",
                "ItemSelector": {"v": "{% $states.context.Map.Item.Value * 10 %}"},
                "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": True}}},
            },
            QueryLanguage="JSONata",
        ),
        {"xs": [1, 2]},
        {"output": [{"v": 10}, {"v": 20}]},
    ),
    (
        "jsonata-wait-seconds-expression",
        DG + "state-wait.html",
        one({"Type": "Wait", "Seconds": "{% $states.input.s %}"}, QueryLanguage="JSONata"),
        {"s": 2},
        {"output": {"s": 2}},
    ),
    (
        "jsonata-fail-expressions",
        DG + "state-fail.html",
        one(
            {
                "Type": "Fail",
                "Error": "{% 'E' & $string($states.input.n) %}",
                "Cause": "{% 'because ' & $states.input.why %}",
            },
            QueryLanguage="JSONata",
        ),
        {"n": 1, "why": "x"},
        {"status": "FAILED", "error": "E1", "cause": "because x"},
    ),
    # -- variables -------------------------------------------------------------------------------------
    (
        "variables-jsonpath-assign-and-read",
        DG + "workflow-variables.html",
        {
            "StartAt": "A",
            "States": {
                "A": {"Type": "Pass", "Assign": {"x": 42, "from.$": "$.a"}, "Next": "B"},
                "B": {"Type": "Pass", "Parameters": {"x.$": "$x", "from.$": "$from"}, "End": True},
            },
        },
        {"a": "input"},
        {"output": {"x": 42, "from": "input"}},
    ),
    (
        "variables-jsonata-old-values-within-assign",
        DG + "workflow-variables.html (assignments see the values as they were on entry)",
        {
            "QueryLanguage": "JSONata",
            "StartAt": "A",
            "States": {
                "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
                "B": {
                    "Type": "Pass",
                    "Assign": {"x": "{% $x + 1 %}", "y": "{% $x %}"},
                    "Output": "{% $x %}",
                    "Next": "C",
                },
                "C": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $y %}"}, "End": True},
            },
        },
        {},
        {"output": {"x": 2, "y": 1}},
    ),
    (
        "variables-visible-in-map-iterations",
        DG + "workflow-variables.html (outer scope visible to inner scopes)",
        {
            "QueryLanguage": "JSONata",
            "StartAt": "A",
            "States": {
                "A": {"Type": "Pass", "Assign": {"k": 10}, "Next": "M"},
                "M": {
                    "Type": "Map",
                    "Items": [1, 2],
                    "ItemProcessor": {
                        "StartAt": "I",
                        "States": {"I": {"Type": "Pass", "Output": "{% $states.input + $k %}", "End": True}},
                    },
                    "End": True,
                },
            },
        },
        {},
        {"output": [11, 12]},
    ),
]


@pytest.mark.parametrize(("case", "source", "definition", "value", "expected"), CASES, ids=[c[0] for c in CASES])
def test_conformance(case: str, source: str, definition: dict[str, Any], value: Any, expected: dict[str, Any]) -> None:
    """Each case states one documented behaviour; ``source`` names where (see the module docstring)."""
    outcome = run(pocketcloud.Cloud(seed=0), definition, value)
    assert outcome.status == expected.get("status", "SUCCEEDED"), (outcome.error, outcome.cause)
    if "output" in expected:
        assert outcome.output == expected["output"]
    if "error" in expected:
        assert outcome.error == expected["error"]
    if "cause" in expected:
        assert outcome.cause == expected["cause"]
    if "types" in expected:
        assert outcome.types == expected["types"]


# -- Is* operators over one matrix of values ------------------------------------------------------------------
# Expected outcomes as recorded against AWS in localstack:choice_operators/test_is_operators.snapshot.json
# (every value with IsX set to true; IsX false gives the opposite).
VALUES: list[Any] = [None, 0, 0.0, 1, 1.1, "", " ", "HelloWorld", "2012-10-09T19:00:55", "2023-02-24", [], [""], {},
                     {"A": 0}, True, False]  # fmt: skip
IS_TRUE_FOR = {
    "IsBoolean": lambda v: isinstance(v, bool),
    "IsNull": lambda v: v is None,
    "IsNumeric": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "IsString": lambda v: isinstance(v, str),
    "IsPresent": lambda v: True,
}
IS_CASES = [(op, value, flag) for op in IS_TRUE_FOR for value in VALUES for flag in (True, False)]


@pytest.mark.parametrize(("op", "value", "flag"), IS_CASES, ids=[f"{c[0]}-{c[1]!r}-{c[2]}" for c in IS_CASES])
def test_is_operators_matrix(op: str, value: Any, flag: bool) -> None:
    """Is* operators: true exactly for their type, for every JSON type; the operand negates.
    localstack:choice_operators/test_is_operators.snapshot.json"""
    definition = {
        "StartAt": "C",
        "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.Variable", op: flag, "Next": "T"}], "Default": "F"},
            "T": {"Type": "Pass", "Result": "ConditionTrue", "End": True},
            "F": {"Type": "Pass", "Result": "ConditionFalse", "End": True},
        },
    }
    outcome = run(pocketcloud.Cloud(seed=0), definition, {"Variable": value, "Value": flag})
    expected = IS_TRUE_FOR[op](value) == flag
    assert outcome.output == ("ConditionTrue" if expected else "ConditionFalse")


NUMERIC_VALUES: list[Any] = [None, 0, 0.0, 1, 1.1, "", " ", [], [""], {}, {"A": 0}, False, True, 2.22]
NUMERIC_CASES = [
    (op, variable, value)
    for op in ("NumericEquals", "NumericEqualsPath")
    for variable in NUMERIC_VALUES
    for value in (0, 0.0, 1, 1.0, 2.22)
]


@pytest.mark.parametrize(
    ("op", "variable", "value"), NUMERIC_CASES, ids=[f"{c[0]}-{c[1]!r}-{c[2]!r}" for c in NUMERIC_CASES]
)
def test_numeric_equals_matrix(op: str, variable: Any, value: Any) -> None:
    """NumericEquals(Path) is true only for two numbers of equal value (0 equals 0.0, 1 equals 1.0); any other
    type is simply false. localstack:choice_operators/test_numeric.snapshot.json"""
    operand = "$.Value" if op.endswith("Path") else value
    definition = {
        "StartAt": "C",
        "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.Variable", op: operand, "Next": "T"}], "Default": "F"},
            "T": {"Type": "Pass", "Result": "ConditionTrue", "End": True},
            "F": {"Type": "Pass", "Result": "ConditionFalse", "End": True},
        },
    }
    outcome = run(pocketcloud.Cloud(seed=0), definition, {"Variable": variable, "Value": value})
    numeric = isinstance(variable, (int, float)) and not isinstance(variable, bool)
    expected = numeric and variable == value
    assert outcome.output == ("ConditionTrue" if expected else "ConditionFalse")
