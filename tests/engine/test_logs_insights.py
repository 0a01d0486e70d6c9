"""Logs Insights: StartQuery / GetQueryResults / StopQuery / DescribeQueries, the query language, Lambda's
discovered fields, and the classic Lambda queries from AWS's documentation, run as written.

Sources (checked 2026-12-01):
- Query syntax and commands: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html
- Functions: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html
- Sort order: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Sort.html
- Discovered fields: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html
- Sample queries ("Determine the amount of overprovisioned memory", "Create a latency report", "Search for slow
  function invocations"): https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-examples.html
- Cold starts and percentiles, AWS Lambda Operator Guide "Useful Insights queries":
  https://serverlessland.com/content/service/lambda/guides/aws-lambda-operator-guide/useful-queries
- API shapes: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest

import pocketcloud
from pocketcloud.timeutil import epoch_millis

from .conftest import make_function

GROUP = "/aws/lambda/worker"
APP = """
import json, time
def handler(event, context):
    print(json.dumps({"level": "INFO", "n": event["n"], "user": {"id": event["n"] % 3}}))
    time.sleep(event["n"] / 200)
    return event["n"]
"""
_REPORT = re.compile(
    r"Duration: ([\d.]+) ms\tBilled Duration: (\d+) ms\tMemory Size: (\d+) MB\tMax Memory Used: (\d+) MB"
)


@pytest.fixture
def worker(cloud: pocketcloud.Cloud, lam: Any) -> Any:
    """20 invocations, 30 s apart, of a 256 MB function: one cold start, then warm ones."""
    make_function(lam, "worker", source=APP, MemorySize=256)
    for n in range(20):
        lam.invoke(FunctionName="worker", Payload=json.dumps({"n": n}))
        cloud.run(until=cloud.now + 30)
    return cloud.client("logs")


def run(logs: Any, cloud: pocketcloud.Cloud, query: str, group: str = GROUP, **extra: Any) -> list[dict[str, str]]:
    end = math.ceil(epoch_millis(cloud.now) / 1000)
    query_id = logs.start_query(logGroupName=group, startTime=0, endTime=end, queryString=query, **extra)["queryId"]
    result = logs.get_query_results(queryId=query_id)
    assert result["status"] == "Complete"
    return [{f["field"]: f["value"] for f in row} for row in result["results"]]


def reports(logs: Any) -> list[tuple[float, int, int, int, bool]]:
    """(duration, billed, memory MB, used MB, cold) of every REPORT line, read independently of Insights."""
    found = []
    for event in logs.filter_log_events(logGroupName=GROUP, filterPattern='"REPORT RequestId"')["events"]:
        match = _REPORT.search(event["message"])
        assert match is not None
        duration, billed, memory, used = match.groups()
        found.append((float(duration), int(billed), int(memory), int(used), "Init Duration" in event["message"]))
    return found


# -- the AWS documentation's Lambda queries, as written -----------------------------------------------------------
def test_overprovisioned_memory_query(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """ "Determine the amount of overprovisioned memory" (CWL_QuerySyntax-examples), as written (typo included):
    @memorySize and @maxMemoryUsed are bytes counted 1,000,000 to the MB, hence the divisions by 1000."""
    query = (
        'filter @type = "REPORT"\n'
        "| stats max(@memorySize / 1000 / 1000) as provisonedMemoryMB,\n"
        "    min(@maxMemoryUsed / 1000 / 1000) as smallestMemoryRequestMB,\n"
        "    avg(@maxMemoryUsed / 1000 / 1000) as avgMemoryUsedMB,\n"
        "    max(@maxMemoryUsed / 1000 / 1000) as maxMemoryUsedMB,\n"
        "    provisonedMemoryMB - maxMemoryUsedMB as overProvisionedMB\n"
    )
    (row,) = run(worker, cloud, query)
    used = [r[3] for r in reports(worker)]
    assert row["provisonedMemoryMB"] == "256"
    assert row["smallestMemoryRequestMB"] == str(min(used))
    assert float(row["avgMemoryUsedMB"]) == pytest.approx(sum(used) / len(used))
    assert row["maxMemoryUsedMB"] == str(max(used))
    assert row["overProvisionedMB"] == str(256 - max(used))


def test_latency_report_by_five_minutes(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """ "Create a latency report": ``stats avg(@duration), max(@duration), min(@duration) by bin(5m)``; columns are
    named by their expressions, bins print as timestamps."""
    rows = run(
        worker, cloud, 'filter @type = "REPORT" | stats avg(@duration), max(@duration), min(@duration) by bin(5m)'
    )
    assert [r["bin(5m)"] for r in rows] == ["2026-01-01 00:00:00.000", "2026-01-01 00:05:00.000"]
    durations = [r[0] for r in reports(worker)]
    assert float(rows[0]["max(@duration)"]) == max(durations[:10])
    assert float(rows[1]["min(@duration)"]) == min(durations[10:])
    assert float(rows[0]["avg(@duration)"]) == pytest.approx(sum(durations[:10]) / 10)


def test_slow_invocations_with_dedup(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """ "Search for slow function invocations, and eliminate duplicate requests ... @duration is in milliseconds"
    (with 60 ms here for a quick function)."""
    query = (
        "fields @timestamp, @requestId, @message, @logStream\n"
        '| filter @type = "REPORT" and @duration > 60\n'
        "| sort @timestamp desc\n| dedup @requestId\n| limit 20"
    )
    rows = run(worker, cloud, query)
    slow = [r for r in reports(worker) if r[0] > 60]
    assert len(rows) == len(slow) > 0
    assert [r["@timestamp"] for r in rows] == sorted((r["@timestamp"] for r in rows), reverse=True)
    assert all(set(r) == {"@timestamp", "@requestId", "@message", "@logStream", "@ptr"} for r in rows)


def test_cold_start_percentage(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """Operator Guide, "Percentage of cold starts in total invocations":
    ``stats sum(strcontains(@message, "Init Duration"))/count(*) * 100 as coldStartPct, avg(@duration) by bin(5m)``"""
    query = (
        'filter @type = "REPORT"\n| stats sum(strcontains(@message, "Init Duration"))/count(*) * 100 as coldStartPct,'
        " avg(@duration) by bin(5m)"
    )
    rows = run(worker, cloud, query)
    assert [r["coldStartPct"] for r in rows] == ["10", "0"]  # 1 cold start in the first 10 invocations


def test_init_duration_is_discovered_on_cold_starts(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """@initDuration is a field of the REPORT line of a cold start only."""
    query = (
        'filter @type = "REPORT" and ispresent(@initDuration) '
        "| stats count(*) as coldStarts, max(@initDuration) as initMs"
    )
    (row,) = run(worker, cloud, query)
    assert row["coldStarts"] == "1" and float(row["initMs"]) > 0
    parsed = run(
        worker,
        cloud,
        'filter @type = "REPORT" | filter @message like /(?i)(Init Duration)/ '
        "| parse @message /^REPORT.*Init Duration: (?<initDuration>.*) ms.*/ "
        "| parse @log /^.*\\/aws\\/lambda\\/(?<functionName>.*)/ "
        "| stats count() as coldStarts, max(initDuration) as maxInitDuration by functionName",
    )
    assert parsed == [{"functionName": "worker", "coldStarts": "1", "maxInitDuration": row["initMs"]}]


def test_percentile_duration(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """Operator Guide, "Percentile report of Lambda duration" (``percentile(@billedDuration, 99)``) and the
    ``pct(@duration, 99)`` spelling; nearest-rank percentiles."""
    (row,) = run(
        worker,
        cloud,
        'filter @type = "REPORT" '
        "| stats pct(@duration, 99) as p99, percentile(@billedDuration, 50) as p50, avg(@billedDuration) as Average",
    )
    durations = sorted(r[0] for r in reports(worker))
    billed = sorted(r[1] for r in reports(worker))
    assert float(row["p99"]) == durations[math.ceil(0.99 * 20) - 1]
    assert row["p50"] == str(billed[9])


def test_cost_per_day(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """GB-seconds from REPORT lines (billed ms x memory), by day: the usual cost query."""
    query = (
        'filter @type = "REPORT"\n'
        "| stats sum(@billedDuration / 1000 * @memorySize / 1000 / 1000 / 1024) as gbSeconds by bin(1d)"
    )
    (row,) = run(worker, cloud, query)
    expected = sum(b / 1000 * m / 1024 for _d, b, m, _u, _c in reports(worker))
    assert row["bin(1d)"] == "2026-01-01 00:00:00.000"
    assert float(row["gbSeconds"]) == pytest.approx(expected)


# -- fields --------------------------------------------------------------------------------------------------------
def test_lambda_fields_and_system_fields(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    rows = run(
        worker,
        cloud,
        'filter @type = "REPORT" '
        "| fields @type, @duration, @billedDuration, @memorySize, @maxMemoryUsed, @log | limit 1",
    )
    (row,) = rows
    assert row["@type"] == "REPORT"
    assert row["@memorySize"] == "256000000"
    assert row["@log"] == f"123456789012:{GROUP}"
    kinds = run(worker, cloud, "stats count(*) by @type")
    assert kinds == [
        {"@type": "END", "count(*)": "20"},
        {"@type": "REPORT", "count(*)": "20"},
        {"@type": "START", "count(*)": "20"},
    ]


def test_json_fields_in_dot_notation(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """JSON events are discovered with nested fields in dot notation ("userIdentity.type")."""
    rows = run(worker, cloud, 'fields n, user.id | filter level = "INFO" and n >= 17 | sort n desc')
    assert [(r["n"], r["user.id"]) for r in rows] == [("19", "1"), ("18", "0"), ("17", "2")]
    assert all("@ptr" in r for r in rows)


def test_parse_with_a_glob_and_display(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    rows = run(
        worker,
        cloud,
        'filter @type = "REPORT" | parse @message "Billed Duration: * ms" as billed | display billed | limit 2',
    )
    assert len(rows) == 2 and set(rows[0]) == {"billed", "@ptr"} and rows[0]["billed"].isdigit()


def test_without_fields_the_results_show_timestamp_and_message(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    rows = run(worker, cloud, 'filter @message like "REPORT" | limit 3')
    assert [set(r) for r in rows] == [{"@timestamp", "@message", "@ptr"}] * 3
    assert rows[0]["@timestamp"] > rows[1]["@timestamp"]  # newest first without sort


def test_the_documented_natural_sort_order(cloud) -> None:  # type: ignore[no-untyped-def]
    """The sort page's ascending example, value by value."""
    expected = [
        "!:",
        "#",
        "*%04",
        "0#",
        "5A",
        "111A",
        "2345_",
        "@",
        "@_",
        "A",
        "A9876fghj",
        "a12345hfh",
        "0",
        "01",
        "1",
        "2",
        "3",
    ]
    logs = cloud.client("logs")
    logs.create_log_group(logGroupName="sort")
    logs.create_log_stream(logGroupName="sort", logStreamName="s")
    now = epoch_millis(cloud.now)
    shuffled = expected[::2] + expected[1::2]
    logs.put_log_events(
        logGroupName="sort",
        logStreamName="s",
        logEvents=[{"timestamp": now, "message": json.dumps({"v": v})} for v in shuffled],
    )
    rows = run(logs, cloud, "fields v | sort v asc", group="sort")
    assert [r["v"] for r in rows] == expected
    rows = run(logs, cloud, "fields v | sort v desc", group="sort")
    assert [r["v"] for r in rows][:2] == ["3", "2"]


def test_functions_and_operators(cloud) -> None:  # type: ignore[no-untyped-def]
    logs = cloud.client("logs")
    logs.create_log_group(logGroupName="f")
    logs.create_log_stream(logGroupName="f", logStreamName="s")
    logs.put_log_events(
        logGroupName="f",
        logStreamName="s",
        logEvents=[{"timestamp": epoch_millis(cloud.now), "message": json.dumps({"a": 10, "b": 3, "s": "  Hello "})}],
    )
    query = (
        "fields a + b as add, a - b as sub, a * b as mul, a / b as div, a % b as mod, 2 ^ 3 as pow, abs(-a) as ab,"
        " ceil(a / b) as c, floor(a / b) as fl, greatest(a, b) as g, least(a, b) as l, strlen(s) as len,"
        " toupper(trim(s)) as up, concat(a, '-', b) as cat, substr(trim(s), 1, 3) as sub3, replace(s, 'l', 'L') as rep,"
        " isempty(missing) as e, ispresent(a) as p, coalesce(missing, b) as co, a in [1, 10] as isin"
    )
    (row,) = run(logs, cloud, query, group="f")
    assert row == {
        "add": "13", "sub": "7", "mul": "30", "div": "3.33333333333", "mod": "1", "pow": "8", "ab": "10", "c": "4",
        "fl": "3", "g": "10", "l": "3", "len": "8", "up": "HELLO", "cat": "10-3", "sub3": "ell", "rep": "  HeLLo ",
        "e": "1", "p": "1", "co": "3", "isin": "1", "@ptr": row["@ptr"],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("fields", "unexpected end of query at line 1 and position 7"),
        ("stats count(*) by", "unexpected end of query at line 1 and position 18"),
        ("filter @a = (1", "unexpected symbol found end of query at line 1 and position 15"),
        ("fields @a\n| nosuch x", "unexpected symbol found n at line 2 and position 3"),
        ("fields avg(@duration)", "Aggregate function avg is only allowed in the stats command"),
        ("fields nosuchfunction(1)", "Unknown function: nosuchfunction"),
    ],
)
def test_malformed_queries_are_refused_at_start(cloud, worker, query: str, problem: str) -> None:  # type: ignore[no-untyped-def]
    """MalformedQueryException, in AWS's words for a syntax error ("unexpected symbol found ( at line 1 and position
    115", as AWS CLI users quote it); no query is created."""
    with pytest.raises(worker.exceptions.MalformedQueryException) as exc:
        worker.start_query(logGroupName=GROUP, startTime=0, endTime=10**10, queryString=query)
    assert exc.value.response["Error"]["Message"] == problem
    assert worker.describe_queries()["queries"] == []


def test_request_errors(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(worker.exceptions.ResourceNotFoundException) as exc:
        worker.start_query(logGroupName="/nope", startTime=0, endTime=1, queryString="fields @message")
    assert exc.value.response["Error"]["Message"] == "Log group '/nope' does not exist for account ID '123456789012'"
    with pytest.raises(worker.exceptions.InvalidParameterException):
        worker.start_query(startTime=0, endTime=1, queryString="fields @message")
    with pytest.raises(worker.exceptions.InvalidParameterException):
        worker.start_query(logGroupName=GROUP, startTime=5, endTime=1, queryString="fields @message")
    with pytest.raises(worker.exceptions.InvalidParameterException):
        worker.start_query(logGroupName=GROUP, startTime=0, endTime=1, queryString="SELECT 1", queryLanguage="SQL")
    with pytest.raises(worker.exceptions.ResourceNotFoundException):
        worker.get_query_results(queryId="nope")


# -- the query lifecycle on the virtual clock --------------------------------------------------------------------
def test_status_moves_on_the_virtual_clock_inside_the_simulation(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """Scheduled -> Running -> Complete; until Complete, GetQueryResults returns no rows ("only partial results").
    From inside the simulation GetQueryResults answers at once."""
    query_id = worker.start_query(logGroupName=GROUP, startTime=0, endTime=10**10, queryString="stats count(*)")[
        "queryId"
    ]
    seen: list[tuple[str, int]] = []
    for delay in (0.0, 0.3, 5.0):
        cloud.kernel.schedule(delay, lambda: seen.append(_status(worker, query_id)))
    cloud.run(until=cloud.now + 10)
    assert seen == [("Scheduled", 0), ("Running", 0), ("Complete", 1)]
    (info,) = worker.describe_queries(logGroupName=GROUP, status="Complete")["queries"]
    assert info["queryId"] == query_id and info["queryString"] == "stats count(*)" and info["logGroupName"] == GROUP
    assert worker.describe_queries(status="Running")["queries"] == []


def _status(logs: Any, query_id: str) -> tuple[str, int]:
    result = logs.get_query_results(queryId=query_id)
    return result["status"], len(result["results"])


def test_from_outside_get_query_results_waits_for_the_query(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """A learner's polling loop (``while status == "Running": time.sleep(1)``) ends: outside the simulation the
    call lets the virtual clock run until the query completes."""
    started = cloud.now
    query_id = worker.start_query(logGroupName=GROUP, startTime=0, endTime=10**10, queryString="stats count(*)")[
        "queryId"
    ]
    result = worker.get_query_results(queryId=query_id)
    assert result["status"] == "Complete" and cloud.now > started
    assert result["statistics"]["recordsScanned"] == 81.0  # INIT_START + 20 x (START, line, END, REPORT)
    assert result["statistics"]["bytesScanned"] > 0


def test_stop_query(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """StopQuery cancels a query in progress; "If the query has already ended, the operation returns an error"."""
    query_id = worker.start_query(logGroupName=GROUP, startTime=0, endTime=10**10, queryString="stats count(*)")[
        "queryId"
    ]
    assert worker.stop_query(queryId=query_id)["success"] is True
    assert worker.get_query_results(queryId=query_id)["status"] == "Cancelled"
    with pytest.raises(worker.exceptions.InvalidParameterException):
        worker.stop_query(queryId=query_id)


def test_the_time_range_and_events_not_yet_written(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """startTime and endTime are epoch seconds, both inclusive; a query sees only events that exist when it
    starts."""
    first_minute = run_range(worker, 0, 59)
    events = worker.filter_log_events(logGroupName=GROUP, endTime=epoch_millis(59.999))["events"]
    assert first_minute == len(events) > 0
    assert run_range(worker, 0, 29) + run_range(worker, 30, 59) == first_minute
    # An invocation writes its lines when it starts; a query started then sees only those that have happened.
    lam = cloud.client("lambda")
    lam.invoke(FunctionName="worker", InvocationType="Event", Payload=json.dumps({"n": 100}))
    cloud.run(until=cloud.now + 0.1)  # the function is running (0.5 s), its END and REPORT lines lie ahead
    running = run_range(worker, 0, 10**9)
    cloud.run(until=cloud.now + 5)
    assert run_range(worker, 0, 10**9) == running + 2


def run_range(logs: Any, start_s: int, end_s: int) -> int:
    epoch = 1767225600  # 2026-01-01 in epoch seconds: virtual time 0
    query_id = logs.start_query(
        logGroupName=GROUP, startTime=epoch + start_s, endTime=epoch + end_s, queryString="stats count(*) as n"
    )["queryId"]
    (row,) = logs.get_query_results(queryId=query_id)["results"]
    return int(row[0]["value"])


def test_get_log_record_and_log_group_fields(cloud, worker) -> None:  # type: ignore[no-untyped-def]
    """GetLogRecord "Retrieves all of the fields and values of a single log event" named by @ptr; GetLogGroupFields
    lists fields with the percentage of events that have them, most frequent first."""
    (row,) = run(worker, cloud, 'fields @message | filter @type = "REPORT" | limit 1')
    record = worker.get_log_record(logRecordPointer=row["@ptr"])["logRecord"]
    assert record["@type"] == "REPORT" and record["@message"] == row["@message"] and "@memorySize" in record
    with pytest.raises(worker.exceptions.InvalidParameterException):
        worker.get_log_record(logRecordPointer="garbage")
    fields = worker.get_log_group_fields(logGroupName=GROUP, time=math.ceil(epoch_millis(cloud.now) / 1000))[
        "logGroupFields"
    ]
    by_name = {f["name"]: f["percent"] for f in fields}
    assert by_name["@message"] == 100 and 0 < by_name["@type"] < 100
    assert [f["percent"] for f in fields] == sorted((f["percent"] for f in fields), reverse=True)


def test_query_definitions(worker) -> None:  # type: ignore[no-untyped-def]
    definition_id = worker.put_query_definition(
        name="cold starts", queryString="stats count(*) by @type", logGroupNames=[GROUP]
    )["queryDefinitionId"]
    worker.put_query_definition(name="b", queryString="fields @message")
    (found,) = worker.describe_query_definitions(queryDefinitionNamePrefix="cold")["queryDefinitions"]
    assert found["queryDefinitionId"] == definition_id and found["logGroupNames"] == [GROUP]
    worker.put_query_definition(name="cold starts v2", queryDefinitionId=definition_id, queryString="stats count(*)")
    assert (
        worker.describe_query_definitions(queryDefinitionNamePrefix="cold")["queryDefinitions"][0]["name"]
        == "cold starts v2"
    )
    assert worker.delete_query_definition(queryDefinitionId=definition_id)["success"] is True
    with pytest.raises(worker.exceptions.ResourceNotFoundException):
        worker.delete_query_definition(queryDefinitionId=definition_id)
    with pytest.raises(worker.exceptions.MalformedQueryException):
        worker.put_query_definition(name="bad", queryString="fields")


def test_queries_are_deterministic() -> None:
    def once() -> list[list[dict[str, str]]]:
        cloud = pocketcloud.Cloud(seed=7)
        lam = cloud.client("lambda")
        make_function(lam, "worker", source=APP)
        for n in range(5):
            lam.invoke(FunctionName="worker", Payload=json.dumps({"n": n}))
        logs = cloud.client("logs")
        query_id = logs.start_query(
            logGroupName=GROUP, startTime=0, endTime=10**10, queryString="fields @message, @requestId"
        )["queryId"]
        results: list[list[dict[str, str]]] = logs.get_query_results(queryId=query_id)["results"]
        return results

    assert once() == once()
