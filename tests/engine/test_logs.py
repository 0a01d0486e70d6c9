"""CloudWatch Logs: reading what Lambda wrote, with boto3's operations, shapes, paging and errors.

Sources (checked 2026-11-25):
- Lambda log group /aws/lambda/<function>, stream per execution environment named date/[version]id, lines
  INIT_START / START / END / REPORT: https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html
- Operations, parameters, paging tokens, time bounds, storedBytes and searchedLogStreams deprecations:
  https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html
  https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
  https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html
  https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html
  https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
- Filter pattern terms, "phrases", ?OR and -NOT: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
"""

from __future__ import annotations

import json
import re

import pytest

import pocketcloud
from pocketcloud.errors import ClientError, ParamValidationError
from pocketcloud.timeutil import epoch_millis

from .conftest import make_function

GROUP = "/aws/lambda/hello"
STREAM_NAME = re.compile(r"^2026/01/01/\[\$LATEST\][0-9a-f]{32}$")

APP = """
import time
print("loading app")

def handler(event, context):
    print("handling", event["n"])
    if event.get("sleep"):
        time.sleep(5)
    return event["n"]
"""


@pytest.fixture
def logs(cloud: pocketcloud.Cloud):  # type: ignore[no-untyped-def]
    return cloud.client("logs")


def invoke(lam, n: int, **event: object) -> None:  # type: ignore[no-untyped-def]
    lam.invoke(FunctionName="hello", Payload=json.dumps({"n": n, **event}))


@pytest.fixture
def two_environments(lam) -> None:  # type: ignore[no-untyped-def]
    """Two warm invocations in one environment; a timeout resets it, so the next invocation starts a second."""
    make_function(lam, source=APP, Timeout=1)
    invoke(lam, 1)
    invoke(lam, 2)
    invoke(lam, 3, sleep=True)  # Task timed out: Lambda discards this environment
    invoke(lam, 4)


def streams(logs, **kwargs: object) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return logs.describe_log_streams(logGroupName=GROUP, **kwargs)["logStreams"]  # type: ignore[no-any-return]


def all_messages(logs, stream: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = logs.get_log_events(logGroupName=GROUP, logStreamName=stream, startFromHead=True)
    return [event["message"] for event in response["events"]]


def kind(message: str) -> str:
    return message.split(" ", 1)[0]


# -- what Lambda writes -------------------------------------------------------------------------------------------
def test_the_function_log_group_exists_after_an_invocation(lam, logs) -> None:  # type: ignore[no-untyped-def]
    make_function(lam, source=APP)
    assert logs.describe_log_groups()["logGroups"] == []
    invoke(lam, 1)
    (group,) = logs.describe_log_groups(logGroupNamePrefix="/aws/lambda/")["logGroups"]
    assert group["logGroupName"] == GROUP
    assert group["creationTime"] == epoch_millis(0)
    assert group["arn"] == f"arn:aws:logs:ap-northeast-2:123456789012:log-group:{GROUP}:*"
    assert group["logGroupArn"] == f"arn:aws:logs:ap-northeast-2:123456789012:log-group:{GROUP}"
    assert group["storedBytes"] > 0
    assert "retentionInDays" not in group  # never expire by default


def test_one_stream_per_execution_environment(logs, two_environments) -> None:  # type: ignore[no-untyped-def]
    found = streams(logs)
    assert len(found) == 2
    for stream in found:
        assert STREAM_NAME.match(stream["logStreamName"])
        assert stream["storedBytes"] == 0  # "always reported as zero" for log streams since 2019
        assert stream["arn"].endswith(f"log-group:{GROUP}:log-stream:{stream['logStreamName']}")
        assert stream["firstEventTimestamp"] <= stream["lastEventTimestamp"] == stream["lastIngestionTime"]
    newest = streams(logs, orderBy="LastEventTime", descending=True)[0]
    assert "handling 4" in all_messages(logs, newest["logStreamName"])


def test_get_log_events_shows_the_lifecycle_in_order(lam, logs) -> None:  # type: ignore[no-untyped-def]
    make_function(lam, source=APP)
    invoke(lam, 1)
    invoke(lam, 2)
    (stream,) = streams(logs)
    messages = all_messages(logs, stream["logStreamName"])
    assert [kind(m) for m in messages] == [
        "INIT_START",
        "loading",
        "START",
        "handling",
        "END",
        "REPORT",
        "START",
        "handling",
        "END",
        "REPORT",
    ]
    assert messages[3] == "handling 1" and messages[7] == "handling 2"
    assert "Init Duration:" in messages[5] and "Init Duration:" not in messages[9]
    events = logs.get_log_events(logGroupName=GROUP, logStreamName=stream["logStreamName"])["events"]
    assert set(events[0]) == {"timestamp", "message", "ingestionTime"}
    assert [e["timestamp"] for e in events] == sorted(e["timestamp"] for e in events)


def test_the_timeout_is_in_the_first_environment_log(logs, two_environments) -> None:  # type: ignore[no-untyped-def]
    first = streams(logs, orderBy="LastEventTime")[0]["logStreamName"]
    assert any("Task timed out after 1.00 seconds" in m for m in all_messages(logs, first))


# -- GetLogEvents paging ------------------------------------------------------------------------------------------
def test_without_start_from_head_the_latest_events_come_first(lam, logs) -> None:  # type: ignore[no-untyped-def]
    make_function(lam, source=APP)
    invoke(lam, 1)
    invoke(lam, 2)
    name = streams(logs)[0]["logStreamName"]
    page = logs.get_log_events(logGroupName=GROUP, logStreamName=name, limit=2)
    assert [kind(e["message"]) for e in page["events"]] == ["END", "REPORT"]
    head = logs.get_log_events(logGroupName=GROUP, logStreamName=name, limit=2, startFromHead=True)
    assert [kind(e["message"]) for e in head["events"]] == ["INIT_START", "loading"]
    assert re.match(r"^f/\d{56}/s$", page["nextForwardToken"])
    assert re.match(r"^b/\d{56}/s$", page["nextBackwardToken"])


def test_forward_tokens_read_the_whole_stream_and_then_repeat(lam, logs) -> None:  # type: ignore[no-untyped-def]
    make_function(lam, source=APP)
    for n in range(3):
        invoke(lam, n)
    name = streams(logs)[0]["logStreamName"]
    expected = all_messages(logs, name)
    read: list[str] = []
    kwargs: dict[str, object] = {"startFromHead": True, "limit": 4}
    token = None
    for _ in range(20):
        page = logs.get_log_events(logGroupName=GROUP, logStreamName=name, **kwargs)
        read += [e["message"] for e in page["events"]]
        if page["nextForwardToken"] == token:
            assert page["events"] == []
            break
        token = kwargs["nextToken"] = page["nextForwardToken"]
    assert read == expected


def test_backward_tokens_read_older_pages_until_the_start(lam, logs) -> None:  # type: ignore[no-untyped-def]
    make_function(lam, source=APP)
    for n in range(3):
        invoke(lam, n)
    name = streams(logs)[0]["logStreamName"]
    pages: list[list[str]] = []
    page = logs.get_log_events(logGroupName=GROUP, logStreamName=name, limit=5)
    while page["events"]:
        pages.insert(0, [e["message"] for e in page["events"]])
        token = page["nextBackwardToken"]
        page = logs.get_log_events(logGroupName=GROUP, logStreamName=name, limit=5, nextToken=token)
    assert page["nextBackwardToken"] == token  # at the start, the same token comes back
    assert [m for p in pages for m in p] == all_messages(logs, name)


def test_new_events_are_found_with_the_last_forward_token(lam, logs) -> None:  # type: ignore[no-untyped-def]
    make_function(lam, source=APP)
    invoke(lam, 1)
    name = streams(logs)[0]["logStreamName"]
    first = logs.get_log_events(logGroupName=GROUP, logStreamName=name, startFromHead=True)
    invoke(lam, 2)  # the warm environment writes to the same stream
    more = logs.get_log_events(
        logGroupName=GROUP, logStreamName=name, startFromHead=True, nextToken=first["nextForwardToken"]
    )
    assert [kind(e["message"]) for e in more["events"]] == ["START", "handling", "END", "REPORT"]


def test_start_time_is_inclusive_and_end_time_exclusive(logs) -> None:  # type: ignore[no-untyped-def]
    logs.create_log_group(logGroupName="app")
    logs.create_log_stream(logGroupName="app", logStreamName="s")
    t = epoch_millis(0)
    logs.put_log_events(
        logGroupName="app",
        logStreamName="s",
        logEvents=[{"timestamp": t + i, "message": f"m{i}"} for i in range(5)],
    )
    got = logs.get_log_events(logGroupName="app", logStreamName="s", startTime=t + 1, endTime=t + 3)
    assert [e["message"] for e in got["events"]] == ["m1", "m2"]
    filtered = logs.filter_log_events(logGroupName="app", startTime=t + 1, endTime=t + 3)
    assert [e["message"] for e in filtered["events"]] == ["m1", "m2", "m3"]  # both bounds inclusive here


# -- FilterLogEvents ----------------------------------------------------------------------------------------------
def test_filter_log_events_finds_the_report_lines(logs, two_environments) -> None:  # type: ignore[no-untyped-def]
    response = logs.filter_log_events(logGroupName=GROUP, filterPattern="REPORT")
    events = response["events"]
    assert len(events) == 4
    assert all(e["message"].startswith("REPORT RequestId: ") for e in events)
    assert {e["logStreamName"] for e in events} == {s["logStreamName"] for s in streams(logs)}
    assert [e["timestamp"] for e in events] == sorted(e["timestamp"] for e in events)
    assert all(re.match(r"^\d{56}$", e["eventId"]) for e in events)
    assert len({e["eventId"] for e in events}) == 4
    assert response["searchedLogStreams"] == []  # "no longer supported ... returns an empty list"
    assert "nextToken" not in response


@pytest.mark.parametrize(
    ("pattern", "wanted"),
    [
        ("", lambda m: True),
        ('"Task timed out"', lambda m: "Task timed out after 1.00 seconds" in m),
        ('?"START RequestId" ?"END RequestId"', lambda m: m.startswith(("START RequestId", "END RequestId"))),
        ("RequestId Duration", lambda m: m.startswith("REPORT")),
        ('handling -"handling 1"', lambda m: m.startswith("handling") and m != "handling 1"),
    ],
)
def test_filter_patterns(logs, two_environments, pattern: str, wanted) -> None:  # type: ignore[no-untyped-def]
    everything = [e["message"] for e in logs.filter_log_events(logGroupName=GROUP)["events"]]
    events = [e["message"] for e in logs.filter_log_events(logGroupName=GROUP, filterPattern=pattern)["events"]]
    assert events
    assert events == [m for m in everything if wanted(m)]


def test_a_term_matches_wherever_it_appears(logs, two_environments) -> None:  # type: ignore[no-untyped-def]
    # pocketcloud matches terms as substrings, so START also finds INIT_START lines; quote a phrase to be exact.
    kinds = {kind(e["message"]) for e in logs.filter_log_events(logGroupName=GROUP, filterPattern="START")["events"]}
    assert kinds == {"START", "INIT_START"}


def test_filter_patterns_are_case_sensitive(logs, two_environments) -> None:  # type: ignore[no-untyped-def]
    assert logs.filter_log_events(logGroupName=GROUP, filterPattern="report")["events"] == []


def test_json_space_delimited_and_regex_patterns_filter_lambda_logs(logs, two_environments) -> None:  # type: ignore[no-untyped-def]
    """FilterLogEvents takes the whole filter pattern syntax: JSON patterns (none of these lines are JSON, so
    nothing matches), space-delimited patterns (``[word, n]`` is a two-field line such as "handling 2") and
    ``%regex%`` terms. (pocketcloud once refused the last three; they are simulated now, see
    test_logs_filter_patterns.py for the rules.)
    Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
    """

    def messages(pattern: str) -> list[str]:
        return [e["message"] for e in logs.filter_log_events(logGroupName=GROUP, filterPattern=pattern)["events"]]

    assert messages('{ $.level = "ERROR" }') == []
    assert messages("[word = handling, n > 1]") == ["handling 2", "handling 3", "handling 4"]
    assert messages("%^handling [13]$%") == ["handling 1", "handling 3"]


def test_filter_paging_returns_every_match_once(logs, two_environments) -> None:  # type: ignore[no-untyped-def]
    everything = logs.filter_log_events(logGroupName=GROUP)["events"]
    paged: list[dict] = []  # type: ignore[type-arg]
    kwargs: dict[str, object] = {"limit": 3}
    while True:
        page = logs.filter_log_events(logGroupName=GROUP, **kwargs)
        assert len(page["events"]) <= 3
        paged += page["events"]
        if "nextToken" not in page:
            break
        kwargs["nextToken"] = page["nextToken"]
    assert paged == everything


def test_filter_by_stream_names_or_prefix(logs, two_environments) -> None:  # type: ignore[no-untyped-def]
    first, second = (s["logStreamName"] for s in streams(logs, orderBy="LastEventTime"))
    only = logs.filter_log_events(logGroupName=GROUP, logStreamNames=[second], filterPattern="REPORT")["events"]
    assert [e["logStreamName"] for e in only] == [second]
    prefixed = logs.filter_log_events(logGroupName=GROUP, logStreamNamePrefix="2026/01/01/", filterPattern="REPORT")
    assert len(prefixed["events"]) == 4
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.filter_log_events(logGroupName=GROUP, logStreamNames=[first], logStreamNamePrefix="2026")


# -- DescribeLogStreams / DescribeLogGroups -----------------------------------------------------------------------
def test_describe_log_streams_orders_and_pages(logs, two_environments) -> None:  # type: ignore[no-untyped-def]
    by_name = [s["logStreamName"] for s in streams(logs)]
    assert by_name == sorted(by_name)
    assert [s["logStreamName"] for s in streams(logs, descending=True)] == by_name[::-1]
    by_time = streams(logs, orderBy="LastEventTime")
    assert by_time[0]["lastEventTimestamp"] <= by_time[1]["lastEventTimestamp"]
    page = logs.describe_log_streams(logGroupName=GROUP, limit=1)
    rest = logs.describe_log_streams(logGroupName=GROUP, limit=1, nextToken=page["nextToken"])
    assert [page["logStreams"][0]["logStreamName"], rest["logStreams"][0]["logStreamName"]] == by_name
    assert "nextToken" not in rest
    with pytest.raises(ClientError, match=r"Cannot order by LastEventTime with a logStreamNamePrefix\."):
        logs.describe_log_streams(logGroupName=GROUP, orderBy="LastEventTime", logStreamNamePrefix="2026")


def test_describe_log_groups_pages_and_filters(logs) -> None:  # type: ignore[no-untyped-def]
    for name in ("b-app", "a-app", "/aws/lambda/x"):
        logs.create_log_group(logGroupName=name)
    names = [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]]
    assert names == ["/aws/lambda/x", "a-app", "b-app"]  # ASCII-sorted by name
    first = logs.describe_log_groups(limit=2)
    second = logs.describe_log_groups(limit=2, nextToken=first["nextToken"])
    assert [g["logGroupName"] for g in first["logGroups"] + second["logGroups"]] == names
    matched = logs.describe_log_groups(logGroupNamePattern="app")["logGroups"]
    assert [set(g) for g in matched] == [{"logGroupName", "creationTime", "arn"}] * 2
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.describe_log_groups(logGroupNamePrefix="a", logGroupNamePattern="app")


def test_a_log_group_can_be_named_by_arn(lam, logs) -> None:  # type: ignore[no-untyped-def]
    make_function(lam, source=APP)
    invoke(lam, 1)
    arn = logs.describe_log_groups()["logGroups"][0]["logGroupArn"]
    assert logs.describe_log_streams(logGroupIdentifier=arn)["logStreams"] == streams(logs)
    with pytest.raises(logs.exceptions.InvalidParameterException, match="either logGroupIdentifier or logGroupName"):
        logs.describe_log_streams(logGroupName=GROUP, logGroupIdentifier=arn)


# -- writing, deleting ----------------------------------------------------------------------------------------------
def test_create_put_get_and_delete(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    assert logs.create_log_group(logGroupName="my-app")["ResponseMetadata"]["HTTPStatusCode"] == 200
    logs.create_log_stream(logGroupName="my-app", logStreamName="worker-1")
    now = epoch_millis(cloud.now)
    response = logs.put_log_events(
        logGroupName="my-app",
        logStreamName="worker-1",
        logEvents=[{"timestamp": now, "message": "hello"}, {"timestamp": now + 1, "message": "world"}],
    )
    assert "rejectedLogEventsInfo" not in response
    got = logs.get_log_events(logGroupName="my-app", logStreamName="worker-1", startFromHead=True)
    assert [(e["timestamp"], e["message"]) for e in got["events"]] == [(now, "hello"), (now + 1, "world")]
    logs.delete_log_stream(logGroupName="my-app", logStreamName="worker-1")
    assert logs.describe_log_streams(logGroupName="my-app")["logStreams"] == []
    logs.delete_log_group(logGroupName="my-app")
    assert logs.describe_log_groups()["logGroups"] == []


def test_put_log_events_follows_the_batch_rules(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    logs.create_log_group(logGroupName="g")
    logs.create_log_stream(logGroupName="g", logStreamName="s")
    now = epoch_millis(cloud.now)
    with pytest.raises(ClientError, match="must be in chronological order"):
        logs.put_log_events(
            logGroupName="g",
            logStreamName="s",
            logEvents=[{"timestamp": now + 1, "message": "b"}, {"timestamp": now, "message": "a"}],
        )
    three_hours = 3 * 60 * 60 * 1000
    response = logs.put_log_events(
        logGroupName="g",
        logStreamName="s",
        logEvents=[{"timestamp": now, "message": "ok"}, {"timestamp": now + three_hours, "message": "too new"}],
    )
    assert response["rejectedLogEventsInfo"] == {"tooNewLogEventStartIndex": 1}
    assert [e["message"] for e in logs.get_log_events(logGroupName="g", logStreamName="s")["events"]] == ["ok"]
    with pytest.raises(ParamValidationError):
        logs.put_log_events(logGroupName="g", logStreamName="s", logEvents=[])


def test_already_exists_errors(logs) -> None:  # type: ignore[no-untyped-def]
    logs.create_log_group(logGroupName="g")
    with pytest.raises(logs.exceptions.ResourceAlreadyExistsException, match="The specified log group already exists"):
        logs.create_log_group(logGroupName="g")
    logs.create_log_stream(logGroupName="g", logStreamName="s")
    with pytest.raises(logs.exceptions.ResourceAlreadyExistsException):
        logs.create_log_stream(logGroupName="g", logStreamName="s")


def test_lambda_creates_its_group_again_after_deletion(lam, logs) -> None:  # type: ignore[no-untyped-def]
    make_function(lam, source=APP)
    invoke(lam, 1)
    logs.delete_log_group(logGroupName=GROUP)
    invoke(lam, 2)
    (stream,) = streams(logs)
    assert [kind(m) for m in all_messages(logs, stream["logStreamName"])] == ["START", "handling", "END", "REPORT"]


# -- errors ---------------------------------------------------------------------------------------------------------
def test_missing_group_and_stream_errors(lam, logs) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(logs.exceptions.ResourceNotFoundException) as missing_group:
        logs.get_log_events(logGroupName="/aws/lambda/nope", logStreamName="x")
    error = missing_group.value.response["Error"]
    assert error == {"Code": "ResourceNotFoundException", "Message": "The specified log group does not exist."}
    assert "when calling the GetLogEvents operation" in str(missing_group.value)
    make_function(lam, source=APP)
    invoke(lam, 1)
    with pytest.raises(ClientError) as missing_stream:
        logs.get_log_events(logGroupName=GROUP, logStreamName="2026/01/01/[$LATEST]nope")
    assert missing_stream.value.response["Error"]["Message"] == "The specified log stream does not exist."
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.filter_log_events(logGroupName="nope")
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.delete_log_group(logGroupName="nope")


def test_parameters_are_checked_as_boto3_and_aws_check_them(lam, logs) -> None:  # type: ignore[no-untyped-def]
    make_function(lam, source=APP)
    invoke(lam, 1)
    name = streams(logs)[0]["logStreamName"]
    with pytest.raises(ParamValidationError, match="valid min value: 1"):
        logs.get_log_events(logGroupName=GROUP, logStreamName=name, limit=0)
    with pytest.raises(ParamValidationError, match="Invalid type for parameter limit"):
        logs.get_log_events(logGroupName=GROUP, logStreamName=name, limit="10")
    with pytest.raises(ParamValidationError, match='Unknown parameter in input: "LogGroupName"'):
        logs.describe_log_streams(LogGroupName=GROUP)  # the Logs API is camelCase
    with pytest.raises(logs.exceptions.InvalidParameterException, match="less than or equal to 10000"):
        logs.get_log_events(logGroupName=GROUP, logStreamName=name, limit=10_001)
    with pytest.raises(logs.exceptions.InvalidParameterException, match="less than or equal to 50"):
        logs.describe_log_groups(limit=51)
    with pytest.raises(logs.exceptions.InvalidParameterException, match=r"The specified nextToken is invalid\."):
        logs.get_log_events(logGroupName=GROUP, logStreamName=name, nextToken="f/123")
    with pytest.raises(logs.exceptions.InvalidParameterException, match=r"The specified nextToken is invalid\."):
        logs.filter_log_events(logGroupName=GROUP, nextToken="not a token")
    with pytest.raises(logs.exceptions.InvalidParameterException, match="enum value set"):
        logs.describe_log_streams(logGroupName=GROUP, orderBy="Name")
    with pytest.raises(logs.exceptions.InvalidParameterException, match="regular expression pattern"):
        logs.create_log_group(logGroupName="bad name!")


def test_same_seed_same_names_tokens_and_event_ids() -> None:
    def run() -> tuple[object, ...]:
        cloud = pocketcloud.Cloud(seed=7)
        lam, logs = cloud.client("lambda"), cloud.client("logs")
        make_function(lam, source=APP)
        invoke(lam, 1)
        name = logs.describe_log_streams(logGroupName=GROUP)["logStreams"][0]["logStreamName"]
        page = logs.get_log_events(logGroupName=GROUP, logStreamName=name, limit=2)
        ids = [e["eventId"] for e in logs.filter_log_events(logGroupName=GROUP)["events"]]
        return name, page["nextForwardToken"], page["nextBackwardToken"], ids

    assert run() == run()


def test_logs_is_a_known_service(cloud) -> None:  # type: ignore[no-untyped-def]
    client = cloud.client("logs")
    assert client.meta.service_model_name == "logs"
    assert client.meta.region_name == "ap-northeast-2"
