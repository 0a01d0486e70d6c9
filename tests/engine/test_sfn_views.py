"""``pocketcloud.show_execution`` and friends: an execution read through the public API, drawn with its path.

The view reads DescribeExecution, DescribeStateMachineForExecution and every page of GetExecutionHistory
(https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html: at most 1,000
events per page, then ``nextToken``), so what it shows is what the API answered; the console's execution view
is the model (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-view-execution-details.html).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud
from pocketcloud.services.stepfunctions.service import StepFunctionsService

from .conftest import make_function
from .sfn_support import machine, run

FLAKY = """
attempts = 0


def handler(event, context):
    global attempts
    attempts += 1
    if attempts < 3:
        raise RuntimeError("card network busy")
    return {"charged": event["total"]}
"""


def _order(cloud: pocketcloud.Cloud) -> dict[str, Any]:
    make_function(cloud.client("lambda"), "charge", FLAKY)
    arn = f"arn:aws:lambda:{cloud.region}:{cloud.account_id}:function:charge"
    return {
        "StartAt": "Charge",
        "States": {
            "Charge": {
                "Type": "Task",
                "Resource": arn,
                "Retry": [{"ErrorEquals": ["RuntimeError"], "IntervalSeconds": 1, "MaxAttempts": 3}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Refund"}],
                "Next": "Done",
            },
            "Refund": {"Type": "Pass", "End": True},
            "Done": {"Type": "Succeed"},
        },
    }


def test_a_view_reads_status_path_states_and_transitions_through_the_api() -> None:
    """A Lambda task that fails twice and then succeeds: the view says SUCCEEDED, the path, a *retried* state
    with two retries, a *not reached* catcher target, and as many state transitions as Step Functions bills
    ("each time a step of your workflow is executed", retries included; https://aws.amazon.com/step-functions/pricing/)."""
    cloud = pocketcloud.Cloud(seed=0)
    outcome = run(cloud, _order(cloud), {"total": 42})
    view = pocketcloud.show_execution(cloud, outcome.arn)
    assert view.status == "SUCCEEDED" and view.output == {"charged": 42}
    assert view.path == ["Charge", "Done"]
    assert view.states["Charge"].status == "retried" and view.states["Charge"].retries == 2
    assert "Refund" not in view.states
    assert view.events == outcome.events
    service = cloud.backend("stepfunctions", StepFunctionsService)
    assert view.state_transitions == service.billed_transitions(outcome.arn) == 4
    assert repr(view).endswith("path Charge → Done>")


def test_parallel_retries_count_as_transitions_and_show_as_retries() -> None:
    """A retried Parallel state runs its branches again: one more transition per retry, as billed."""
    cloud = pocketcloud.Cloud(seed=0)
    definition: dict[str, Any] = {
        "StartAt": "P",
        "States": {
            "P": {
                "Type": "Parallel",
                "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}],
                "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}],
                "End": True,
            },
            "B": {"Type": "Pass", "End": True},
        },
    }
    outcome = run(cloud, definition)
    view = pocketcloud.show_execution(cloud, outcome.arn)
    assert view.states["P"].status == "caught" and view.states["P"].retries == 1
    service = cloud.backend("stepfunctions", StepFunctionsService)
    assert view.state_transitions == service.billed_transitions(outcome.arn)


def test_the_view_draws_the_definition_the_execution_ran() -> None:
    """DescribeStateMachineForExecution gives the definition an execution used, even after UpdateStateMachine
    (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachineForExecution.html)."""
    cloud = pocketcloud.Cloud(seed=0)
    first = {"StartAt": "Old", "States": {"Old": {"Type": "Pass", "End": True}}}
    outcome = run(cloud, first)
    sfn: Any = cloud.client("stepfunctions")
    arn = sfn.list_state_machines()["stateMachines"][0]["stateMachineArn"]
    sfn.update_state_machine(
        stateMachineArn=arn, definition=json.dumps({"StartAt": "New", "States": {"New": {"Type": "Pass", "End": True}}})
    )
    view = pocketcloud.show_execution(sfn, outcome.arn)  # a client works as well as a Cloud
    assert list(view.definition["States"]) == ["Old"]
    assert ">Old<" in view.svg()
    current = pocketcloud.show_state_machine(cloud, arn)
    assert list(current.definition["States"]) == ["New"] and ">New<" in current._repr_html_()


def test_history_pages_are_all_read() -> None:
    """A Map of 300 items writes more than 1,000 events: the view follows nextToken to the last one."""
    cloud = pocketcloud.Cloud(seed=0)
    definition = {
        "StartAt": "Each",
        "States": {
            "Each": {
                "Type": "Map",
                "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}},
                "End": True,
            }
        },
    }
    outcome = run(cloud, definition, list(range(300)))
    view = pocketcloud.show_execution(cloud, outcome.arn)
    assert len(view.events) > 1000
    assert [e["id"] for e in view.events] == list(range(1, len(view.events) + 1))
    assert view.events[-1]["type"] == "ExecutionSucceeded"
    assert view.states["Each"].iterations == {"started": 300, "succeeded": 300}


def test_labels_follow_lang_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """``lang`` wins; without it POCKETCLOUD_LANG (which the site's runner sets to the page's language)
    chooses, and anything else is English."""
    cloud = pocketcloud.Cloud(seed=0)
    outcome = run(cloud, {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}})
    monkeypatch.delenv("POCKETCLOUD_LANG", raising=False)
    assert "Execution history" in pocketcloud.show_execution(cloud, outcome.arn)._repr_html_()
    assert "실행 기록" in pocketcloud.show_execution(cloud, outcome.arn, lang="ko")._repr_html_()
    monkeypatch.setenv("POCKETCLOUD_LANG", "ko")
    assert "실행 기록" in pocketcloud.show_execution(cloud, outcome.arn)._repr_html_()
    assert "Execution history" in pocketcloud.show_execution(cloud, outcome.arn, lang="en")._repr_html_()
    monkeypatch.setenv("POCKETCLOUD_LANG", "fr")
    assert pocketcloud.show_definition({"StartAt": "A", "States": {}}).lang == "en"


def test_hostile_names_and_data_are_escaped() -> None:
    """State names, inputs and outputs reach the HTML as text: no element or attribute of theirs survives."""
    cloud = pocketcloud.Cloud(seed=0)
    name = "<script>alert(1)</script>"
    definition = {"StartAt": name, "States": {name: {"Type": "Pass", "End": True}}}
    outcome = run(cloud, definition, {"x": "<img src=x onerror=alert(1)>"})
    html = pocketcloud.show_execution(cloud, outcome.arn)._repr_html_()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_definition_alone_is_drawn_without_statuses() -> None:
    view = pocketcloud.show_definition(json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}))
    html = view._repr_html_()
    assert html.startswith('<div class="pc-exec"><svg') and "Not reached" not in html
    assert repr(view) == "<StateMachineView: 1 states, StartAt='A'>"


def _bucket_with_orders(cloud: pocketcloud.Cloud) -> Any:
    s3: Any = cloud.client("s3")
    s3.create_bucket(Bucket="orders", CreateBucketConfiguration={"LocationConstraint": cloud.region})
    for i in range(3):
        s3.put_object(Bucket="orders", Key=f"in/{i}.json", Body=json.dumps({"n": i}))
    s3.put_object(Bucket="orders", Key="other/skip.json", Body="{}")
    return s3


def test_distributed_map_reads_an_s3_listing_not_the_state_input() -> None:
    """With an ItemReader the items come from S3, whatever the state input is ("if your dataset is a JSON array
    passed from a previous step in the workflow, the ItemReader field is omitted"), and each child of an
    ``s3:listObjectsV2`` reader gets the object's metadata with LastModified in epoch seconds, as the guide's
    example child input shows: ``{"Etag": "\\"0570...\\"", "Key": "processData/images/n02085620_1073.jpg",
    "LastModified": 1668699881, "Size": 34910, "StorageClass": "STANDARD"}``.
    https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html"""
    cloud = pocketcloud.Cloud(seed=0)
    s3 = _bucket_with_orders(cloud)
    definition = {
        "StartAt": "Each",
        "States": {
            "Each": {
                "Type": "Map",
                "ItemReader": {
                    "Resource": "arn:aws:states:::s3:listObjectsV2",
                    "Parameters": {"Bucket": "orders", "Prefix": "in/"},
                },
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Read",
                    "States": {
                        "Read": {
                            "Type": "Task",
                            "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                            "Parameters": {"Bucket": "orders", "Key.$": "$.Key"},
                            "ResultSelector": {"body.$": "States.StringToJson($.Body)"},
                            "OutputPath": "$.body",
                            "End": True,
                        }
                    },
                },
                "End": True,
            }
        },
    }
    outcome = run(cloud, definition, {"not": "an array"})
    assert outcome.status == "SUCCEEDED", outcome.cause
    assert outcome.output == [{"n": 0}, {"n": 1}, {"n": 2}]
    sfn: Any = cloud.client("stepfunctions")
    run_arn = next(e for e in outcome.events if e["type"] == "MapRunStarted")["mapRunStartedEventDetails"]["mapRunArn"]
    children = sfn.list_executions(mapRunArn=run_arn)["executions"]
    first = json.loads(sfn.describe_execution(executionArn=children[-1]["executionArn"])["input"])
    listed = s3.list_objects_v2(Bucket="orders", Prefix="in/")["Contents"][0]
    assert first == {
        "Etag": listed["ETag"],
        "Key": "in/0.json",
        "LastModified": int(listed["LastModified"].timestamp()),
        "Size": listed["Size"],
        "StorageClass": "STANDARD",
    }
    child = pocketcloud.show_execution(cloud, children[-1]["executionArn"])
    assert child.path == ["Read"] and child.definition["StartAt"] == "Read"


def test_an_s3_json_dataset_and_a_missing_bucket() -> None:
    """``s3:getObject`` with InputType JSON iterates the array in the object; a bucket that does not exist fails
    the Map with States.ItemReaderFailed ("A Map state failed to read all items as specified by the "ItemReader"
    field", https://states-language.net/spec.html#appendix-a)."""
    cloud = pocketcloud.Cloud(seed=0)
    s3 = _bucket_with_orders(cloud)
    s3.put_object(Bucket="orders", Key="all.json", Body=json.dumps([{"n": 7}, {"n": 8}]))

    def reader(bucket: str) -> dict[str, Any]:
        return {
            "StartAt": "Each",
            "States": {
                "Each": {
                    "Type": "Map",
                    "ItemReader": {
                        "Resource": "arn:aws:states:::s3:getObject",
                        "ReaderConfig": {"InputType": "JSON"},
                        "Parameters": {"Bucket": bucket, "Key": "all.json"},
                    },
                    "ItemProcessor": {
                        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                        "StartAt": "P",
                        "States": {"P": {"Type": "Pass", "End": True}},
                    },
                    "End": True,
                }
            },
        }

    assert run(cloud, reader("orders")).output == [{"n": 7}, {"n": 8}]
    failed = run(cloud, reader("no-such-bucket"), name="missing")
    assert failed.status == "FAILED" and failed.error == "States.ItemReaderFailed"


def test_show_execution_refuses_what_the_api_refuses() -> None:
    """Express executions keep no history in the service: DescribeExecution answers InvalidArn for them, and so
    does the view (it adds nothing of its own)."""
    cloud = pocketcloud.Cloud(seed=0)
    sfn: Any = cloud.client("stepfunctions")
    arn = machine(sfn, {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}, type="EXPRESS")
    started = sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"]
    cloud.run()
    with pytest.raises(pocketcloud.ClientError) as caught:
        pocketcloud.show_execution(cloud, started)
    with pytest.raises(pocketcloud.ClientError) as direct:
        sfn.describe_execution(executionArn=started)
    assert caught.value.response["Error"]["Code"] == direct.value.response["Error"]["Code"]


def test_parallel_and_map_events_belong_to_their_state_in_the_history_table() -> None:
    """ParallelStateSucceeded and MapStateSucceeded point (previousEventId) at the last event of a branch or an
    iteration, yet they are the Parallel's and the Map's own events (HistoryEvent types,
    https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html): the table says so."""
    from pocketcloud.display.execution import summarize

    cloud = pocketcloud.Cloud(seed=0)
    inner = {"StartAt": "Leaf", "States": {"Leaf": {"Type": "Pass", "End": True}}}
    definition = {
        "StartAt": "Both",
        "States": {
            "Both": {
                "Type": "Parallel",
                "Branches": [
                    {
                        "StartAt": "Each",
                        "States": {"Each": {"Type": "Map", "ItemProcessor": inner, "End": True}},
                    },
                    {"StartAt": "Other", "States": {"Other": {"Type": "Pass", "End": True}}},
                ],
                "End": True,
            }
        },
    }
    outcome = run(cloud, definition, [1, 2])
    rows = summarize(outcome.events).rows
    owners = {(r.type, r.state) for r in rows if r.type.startswith(("ParallelState", "MapState"))}
    assert owners == {
        ("ParallelStateEntered", "Both"), ("ParallelStateStarted", "Both"), ("ParallelStateSucceeded", "Both"),
        ("ParallelStateExited", "Both"), ("MapStateEntered", "Each"), ("MapStateStarted", "Each"),
        ("MapStateSucceeded", "Each"), ("MapStateExited", "Each"),
    }  # fmt: skip
