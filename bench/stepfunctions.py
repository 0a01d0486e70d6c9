"""Step Functions: pocketcloud's interpreter against moto's (``mock_aws`` with ``execute_state_machine``), same
definitions, same run.

Measured: executions per second for a 10-state Pass chain, a Choice-heavy machine (a loop of 20 Choice
decisions with a counter), and a Map of 100 items; and the wall time of 1,000 mixed executions in pocketcloud.
moto runs each execution on a thread and is polled with DescribeExecution until it ends; pocketcloud runs
on its virtual clock (``cloud.run()``). Both go through their boto3-shaped clients. moto is a bench-only
dependency (``pip install -e '.[bench]'``).

    python -m bench.stepfunctions
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

ROLE = "arn:aws:iam::123456789012:role/bench"


def pass_chain(n: int = 10) -> dict[str, Any]:
    states = {
        f"S{i}": {"Type": "Pass", "Result": {"i": i}, "ResultPath": f"$.s{i}", "Next": f"S{i + 1}"} for i in range(n)
    }
    states[f"S{n - 1}"].pop("Next")
    states[f"S{n - 1}"]["End"] = True
    return {"StartAt": "S0", "States": states}


def choice_heavy(rounds: int = 20) -> dict[str, Any]:
    return {
        "StartAt": "Init",
        "States": {
            "Init": {"Type": "Pass", "Result": 0, "ResultPath": "$.n", "Next": "Loop"},
            "Loop": {
                "Type": "Choice",
                "Choices": [
                    {"Variable": "$.n", "NumericGreaterThanEquals": rounds, "Next": "Done"},
                    {
                        "And": [{"Variable": "$.kind", "StringEquals": "a"}, {"Variable": "$.n", "NumericLessThan": 5}],
                        "Next": "Inc",
                    },
                    {
                        "Or": [
                            {"Variable": "$.kind", "StringMatches": "b*"},
                            {"Variable": "$.flag", "BooleanEquals": True},
                        ],
                        "Next": "Inc",
                    },
                ],
                "Default": "Inc",
            },
            "Inc": {
                "Type": "Pass",
                "Parameters": {"n.$": "States.MathAdd($.n, 1)", "kind.$": "$.kind", "flag.$": "$.flag"},
                "Next": "Loop",
            },
            "Done": {"Type": "Succeed"},
        },
    }


def map_of(items: int = 100) -> dict[str, Any]:
    return {
        "StartAt": "M",
        "States": {
            "M": {
                "Type": "Map",
                "ItemsPath": "$.items",
                "ItemProcessor": {
                    "StartAt": "I",
                    "States": {"I": {"Type": "Pass", "Parameters": {"v.$": "$"}, "End": True}},
                },
                "End": True,
            }
        },
    }


CASES: list[tuple[str, dict[str, Any], str]] = [
    ("10-state Pass chain", pass_chain(), "{}"),
    ("Choice-heavy (20 decisions)", choice_heavy(), json.dumps({"kind": "c", "flag": False})),
    ("Map of 100 items", map_of(), json.dumps({"items": list(range(100))})),
]


def pocketcloud_rate(definition: dict[str, Any], payload: str, runs: int) -> float:
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    sfn: Any = cloud.client("stepfunctions")
    arn = sfn.create_state_machine(name="bench", definition=json.dumps(definition), roleArn=ROLE)["stateMachineArn"]
    start = sfn.start_execution
    started = time.perf_counter()
    for i in range(runs):
        start(stateMachineArn=arn, name=f"e{i}", input=payload)
        cloud.run()
    elapsed = time.perf_counter() - started
    return runs / elapsed


def moto_rate(definition: dict[str, Any], payload: str, runs: int) -> float:
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    import boto3
    from moto import mock_aws

    with mock_aws(config={"stepfunctions": {"execute_state_machine": True}}):  # type: ignore[arg-type]
        sfn = boto3.client("stepfunctions", region_name="us-east-1")
        arn = sfn.create_state_machine(name="bench", definition=json.dumps(definition), roleArn=ROLE)["stateMachineArn"]
        started = time.perf_counter()
        for i in range(runs):
            ex = sfn.start_execution(stateMachineArn=arn, name=f"e{i}", input=payload)["executionArn"]
            while sfn.describe_execution(executionArn=ex)["status"] == "RUNNING":
                time.sleep(0.0005)
        elapsed = time.perf_counter() - started
    return runs / elapsed


def mixed(total: int = 1000) -> float:
    """Wall seconds for ``total`` executions cycling through the three machines plus a Wait/Parallel one."""
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    sfn: Any = cloud.client("stepfunctions")
    extra = {
        "StartAt": "W",
        "States": {
            "W": {"Type": "Wait", "Seconds": 3600, "Next": "P"},
            "P": {"Type": "Parallel", "Branches": [pass_chain(3), pass_chain(3)], "End": True},
        },
    }
    arns = [
        (sfn.create_state_machine(name=f"m{i}", definition=json.dumps(d), roleArn=ROLE)["stateMachineArn"], p)
        for i, (d, p) in enumerate([(c[1], c[2]) for c in CASES] + [(extra, "{}")])
    ]
    started = time.perf_counter()
    for i in range(total):
        arn, payload = arns[i % len(arns)]
        sfn.start_execution(stateMachineArn=arn, input=payload)
    cloud.run()
    return time.perf_counter() - started


def best(fn: Callable[[], float], tries: int = 3) -> float:
    return max(fn() for _ in range(tries))


def main() -> None:
    print("Step Functions: executions per second (best of 3), pocketcloud vs moto in the same run")
    for name, definition, payload in CASES:
        ours = best(lambda d=definition, p=payload: pocketcloud_rate(d, p, 300))
        theirs = best(lambda d=definition, p=payload: moto_rate(d, p, 20))
        print(f"  {name:30} pocketcloud {ours:9.1f}/s   moto {theirs:7.1f}/s   {ours / theirs:6.1f}x")
    seconds = min(mixed() for _ in range(3))
    print(f"  1,000 mixed executions (Pass chain, Choice loop, Map of 100, Wait+Parallel): {seconds:.2f} s")


if __name__ == "__main__":
    main()
