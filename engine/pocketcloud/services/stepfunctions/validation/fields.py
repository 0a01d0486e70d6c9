"""Which fields each state type accepts, and which belong to one query language only.

The per-type sets were measured with ValidateStateMachineDefinition, 8 state types by 50 fields (a cdk_preflight
rule set, 2026-09-05), and agree with each state's page in the developer guide, e.g.
https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html and
https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html: ``TimeoutSeconds`` belongs to Task alone,
``Retry``/``Catch`` to Task, Parallel and Map, and Choice, Succeed and Fail carry no ``Next``/``End``.

JSONata states drop the JSONPath I/O fields and every ``...Path`` variant ("the JSONPath fields InputPath,
Parameters, ResultSelector, ResultPath and OutputPath are not available"; JSONata fields take expressions instead),
and ``Arguments``, ``Output`` and ``Items`` exist only in JSONata; ``Assign`` exists in both
(https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html,
https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html). A field of the other language is
refused with its own message, located at the state (measured: https://github.com/floci-io/floci/issues/2968).
"""

from __future__ import annotations

COMMON = frozenset({"Type", "Comment", "QueryLanguage"})

BY_TYPE: dict[str, frozenset[str]] = {
    "Pass": frozenset(
        {"InputPath", "OutputPath", "Result", "ResultPath", "Parameters", "Output", "Assign", "Next", "End"}
    ),
    "Task": frozenset(
        {
            "InputPath",
            "OutputPath",
            "ResultPath",
            "Parameters",
            "Arguments",
            "Output",
            "Assign",
            "Resource",
            "Credentials",
            "ResultSelector",
            "Retry",
            "Catch",
            "TimeoutSeconds",
            "TimeoutSecondsPath",
            "HeartbeatSeconds",
            "HeartbeatSecondsPath",
            "Next",
            "End",
        }
    ),
    "Wait": frozenset(
        {
            "InputPath",
            "OutputPath",
            "Output",
            "Assign",
            "Seconds",
            "Timestamp",
            "SecondsPath",
            "TimestampPath",
            "Next",
            "End",
        }
    ),
    "Parallel": frozenset(
        {
            "InputPath",
            "OutputPath",
            "ResultPath",
            "Parameters",
            "Arguments",
            "Output",
            "Assign",
            "ResultSelector",
            "Retry",
            "Catch",
            "Branches",
            "Next",
            "End",
        }
    ),
    "Map": frozenset(
        {
            "InputPath",
            "OutputPath",
            "ResultPath",
            "Parameters",
            "Output",
            "Assign",
            "ResultSelector",
            "Retry",
            "Catch",
            "ItemProcessor",
            "Iterator",
            "ItemsPath",
            "Items",
            "ItemSelector",
            "ItemReader",
            "ItemBatcher",
            "ResultWriter",
            "MaxConcurrency",
            "MaxConcurrencyPath",
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
            "ToleratedFailureCount",
            "ToleratedFailureCountPath",
            "Label",
            "Next",
            "End",
        }
    ),
    "Choice": frozenset({"InputPath", "OutputPath", "Output", "Assign", "Choices", "Default"}),
    "Succeed": frozenset({"InputPath", "OutputPath", "Output"}),
    "Fail": frozenset({"Error", "Cause", "ErrorPath", "CausePath"}),
}

#: Every field some state accepts: with ``strict=False`` only these are judged (a newer ASL field is let through).
KNOWN = COMMON.union(*BY_TYPE.values())

JSONPATH_ONLY = frozenset(
    {
        "InputPath",
        "OutputPath",
        "Parameters",
        "ResultSelector",
        "ResultPath",
        "Result",
        "ItemsPath",
        "TimeoutSecondsPath",
        "HeartbeatSecondsPath",
        "SecondsPath",
        "TimestampPath",
        "MaxConcurrencyPath",
        "ToleratedFailurePercentagePath",
        "ToleratedFailureCountPath",
        "ErrorPath",
        "CausePath",
    }
)
JSONATA_ONLY = frozenset({"Arguments", "Output", "Items"})

#: Fields a JSONPath state holds a path in, and whether it must be a Reference Path (single node).
PATH_FIELDS: dict[str, bool] = {
    "InputPath": False,
    "OutputPath": False,
    "ResultPath": True,
    "ItemsPath": True,
    "TimeoutSecondsPath": True,
    "HeartbeatSecondsPath": True,
    "SecondsPath": True,
    "TimestampPath": True,
    "MaxConcurrencyPath": True,
    "ToleratedFailurePercentagePath": True,
    "ToleratedFailureCountPath": True,
}

#: Fields whose value is a payload template (``.$`` keys hold paths or intrinsics) in JSONPath states.
PAYLOAD_TEMPLATES = ("Parameters", "ResultSelector", "ItemSelector")

#: Fields with a ``...Path`` twin: a JSONPath state holding a path in the plain one most likely meant the twin
#: (the NO_PATH warning: "Field value looks like a path, but field name does not end with 'Path'").
PATH_TWINS = ("Error", "Cause")

#: State types that transition with ``Next`` or end with ``End`` (Choice, Succeed and Fail do neither).
TRANSITIONING = frozenset({"Task", "Pass", "Wait", "Parallel", "Map"})

#: Fields of a sub-workflow (a Parallel branch, a Map's ItemProcessor or Iterator).
BRANCH_FIELDS = frozenset({"StartAt", "States", "Comment"})
PROCESSOR_FIELDS = frozenset({"StartAt", "States", "Comment", "ProcessorConfig"})

#: Top-level fields of a state machine (https://states-language.net/spec.html#toplevelfields).
TOP_LEVEL = frozenset({"Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage"})
