"""Logs Insights queries on the virtual clock: StartQuery, GetQueryResults, StopQuery, DescribeQueries, and
GetLogRecord / GetLogGroupFields for the fields queries see.

StartQuery checks the request and the query text at once (MalformedQueryException, a missing log group answered
"Log group '<name>' does not exist for account ID '<account>'" as AWS words it, the concurrency quota as
"Account maximum query concurrency limit of [100] reached.") and returns a ``queryId``. The query then goes
through the statuses GetQueryResults reports, on the virtual clock (a pocketcloud model; AWS publishes no
timings): ``Scheduled`` for :data:`SCHEDULED_S`, ``Running`` for :data:`RUN_BASE_S` plus a second per
:data:`SCAN_BYTES_PER_S` scanned, then ``Complete``. While a query is not complete GetQueryResults returns no rows
(AWS returns "only partial results"). A query reads the events ingested before it started, within
``startTime``..``endTime`` (epoch seconds, "inclusive"), that the group's retention still keeps.

Waiting for results: boto3 code polls GetQueryResults until the status is ``Complete``. Called from outside the
simulation (a learner's cell), GetQueryResults on an unfinished query lets the virtual clock run until the query
finishes, as the poll loop would wait on AWS, so a pasted ``while status == "Running": time.sleep(1)`` loop ends.
Inside the simulation (a handler) it answers at once with the current status.
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .... import limits
from ....errors import ServiceError
from ..pattern_values import invalid
from ..reading import page_after
from ..tokens import key_token, parse_key_token
from .fields import discover
from .run import PTR, Outcome, compile_query, execute
from .values import text

if TYPE_CHECKING:
    from ..backend import LogGroup, LogsBackend

SCHEDULED_S = 0.2
RUN_BASE_S = 0.5
SCAN_BYTES_PER_S = 100_000_000
_ACTIVE = ("Scheduled", "Running")


@dataclass
class Query:
    query_id: str
    query_string: str
    groups: list[str]
    created: float
    running_at: float
    complete_at: float
    outcome: Outcome
    cancelled: bool = False

    def status(self, now: float) -> str:
        if self.cancelled:
            return "Cancelled"
        if now < self.running_at:
            return "Scheduled"
        if now < self.complete_at:
            return "Running"
        return "Complete"


class Queries:
    def __init__(self, backend: LogsBackend) -> None:
        self.queries: dict[str, Query] = {}
        self.definitions: dict[str, dict[str, Any]] = {}


def queries(backend: LogsBackend) -> Queries:
    found: Queries = backend.extension("insights_queries", Queries)
    return found


def pointer(group: str, stream: str, seq: int) -> str:
    """An opaque ``@ptr`` naming one event (base64 of its place)."""
    return base64.urlsafe_b64encode(f"{group}\n{stream}\n{seq}".encode()).decode().rstrip("=")


def _resolve_pointer(backend: LogsBackend, ptr: str) -> tuple[LogGroup, str, int]:
    try:
        raw = base64.urlsafe_b64decode(ptr + "=" * (-len(ptr) % 4)).decode()
        group_name, stream_name, seq_text = raw.split("\n")
        seq = int(seq_text)
        group = backend.groups[group_name]
        stream = group.streams[stream_name]
        stream.events[seq]  # the event must exist (IndexError otherwise)
    except (ValueError, UnicodeDecodeError, KeyError, IndexError):
        raise invalid("The specified log record pointer is not valid.") from None
    return group, stream_name, seq


def _group_names(backend: LogsBackend, params: dict[str, Any]) -> list[str]:
    given = [key for key in ("logGroupName", "logGroupNames", "logGroupIdentifiers") if params.get(key) is not None]
    if len(given) != 1:
        raise invalid(
            "Specify exactly one of logGroupName, logGroupNames and logGroupIdentifiers (pocketcloud does not "
            "simulate the SOURCE command)."
        )
    if given[0] == "logGroupName":
        names = [params["logGroupName"]]
    else:
        names = [_identifier(backend, i) for i in params[given[0]]]
    if not names:
        raise invalid("Specify at least one log group.")
    if len(names) > limits.LOGS_QUERY_LOG_GROUPS_MAX:
        raise invalid(f"You can query up to {limits.LOGS_QUERY_LOG_GROUPS_MAX} log groups in a single query.")
    for name in names:
        if name not in backend.groups:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Log group '{name}' does not exist for account ID '{backend.cloud.account_id}'",
            )
    return list(dict.fromkeys(names))


def _identifier(backend: LogsBackend, identifier: str) -> str:
    prefix = f"arn:{backend.cloud.partition}:logs:{backend.cloud.region}:{backend.cloud.account_id}:log-group:"
    if identifier.startswith(prefix):
        return identifier[len(prefix) :].removesuffix(":*")
    return identifier


def records_for(backend: LogsBackend, names: list[str], start_ms: int, end_ms: int) -> tuple[list[dict[str, Any]], int]:
    """The fields of every event a query over ``names`` sees, and the bytes scanned."""
    now_ms = backend.now_ms()
    account = backend.cloud.account_id
    records: list[dict[str, Any]] = []
    scanned = 0
    for name in names:
        group = backend.groups[name]
        cutoff = group.cutoff(now_ms)
        for stream in group.streams.values():
            for seq, (timestamp, message, ingestion) in stream.visible(cutoff):
                if not start_ms <= timestamp <= end_ms or ingestion > now_ms:
                    continue
                record = discover(message, timestamp, ingestion, stream.name, name, account)
                record[PTR] = pointer(name, stream.name, seq)
                records.append(record)
                scanned += len(message.encode("utf-8"))
    return records, scanned


def start_query(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    language = params.get("queryLanguage", "CWLI")
    if language != "CWLI":
        raise invalid(f"pocketcloud simulates the Logs Insights query language (CWLI) only, not {language}.")
    names = _group_names(backend, params)
    start, end = params["startTime"], params["endTime"]
    if end < start:
        raise invalid("endTime must be greater than or equal to startTime.")
    commands = compile_query(params["queryString"])
    store = queries(backend)
    cloud = backend.cloud
    now = cloud.now
    active = sum(1 for q in store.queries.values() if q.status(now) in _ACTIVE)
    if active >= limits.LOGS_CONCURRENT_QUERIES_MAX:
        raise ServiceError(
            "LimitExceededException",
            f"Account maximum query concurrency limit of [{limits.LOGS_CONCURRENT_QUERIES_MAX}] reached.",
        )
    records, scanned = records_for(backend, names, start * 1000, end * 1000 + 999)
    limit = params.get("limit", limits.LOGS_QUERY_DEFAULT_LIMIT)
    outcome = execute(commands, records, limit=limit, scanned_bytes=scanned)
    run_s = RUN_BASE_S + scanned / SCAN_BYTES_PER_S
    query_id = cloud.new_request_id()
    store.queries[query_id] = Query(
        query_id, params["queryString"], names, now, now + SCHEDULED_S, now + SCHEDULED_S + run_s, outcome
    )
    return {"queryId": query_id}


def _query(backend: LogsBackend, query_id: str) -> Query:
    query = queries(backend).queries.get(query_id)
    now = backend.cloud.now
    if query is None or now - query.complete_at > limits.LOGS_QUERY_RESULTS_KEPT_S:
        raise ServiceError("ResourceNotFoundException", f"The specified query does not exist: {query_id}")
    return query


def get_query_results(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    query = _query(backend, params["queryId"])
    cloud = backend.cloud
    if query.status(cloud.now) in _ACTIVE and not cloud.simulating:
        cloud.run(until=query.complete_at)
    status = query.status(cloud.now)
    outcome = query.outcome
    result: dict[str, Any] = {"queryLanguage": "CWLI", "results": [], "status": status}
    if status != "Complete":
        result["statistics"] = {"recordsMatched": 0.0, "recordsScanned": 0.0, "bytesScanned": 0.0}
        return result
    start = 0
    if params.get("nextToken"):
        start = int(parse_key_token(params["nextToken"], 1)[0])
    size = params.get("maxItems", limits.LOGS_QUERY_RESULTS_PAGE_MAX) or limits.LOGS_QUERY_RESULTS_PAGE_MAX
    rows = outcome.results[start : start + size]
    result["results"] = rows
    result["statistics"] = {
        "recordsMatched": float(outcome.records_matched),
        "recordsScanned": float(outcome.records_scanned),
        "bytesScanned": float(outcome.bytes_scanned),
    }
    if start + size < len(outcome.results):
        result["nextToken"] = key_token([start + size])
    return result


def stop_query(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    query = _query(backend, params["queryId"])
    if query.status(backend.cloud.now) not in _ACTIVE:
        raise invalid(f"The query {query.query_id} is not running.")
    query.cancelled = True
    return {"success": True}


def describe_queries(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    """Recent queries, newest first, optionally of one log group or with one status."""
    now = backend.cloud.now
    group = params.get("logGroupName")
    status = params.get("status")
    language = params.get("queryLanguage")
    found = []
    for query in queries(backend).queries.values():
        if now - query.complete_at > limits.LOGS_QUERY_RESULTS_KEPT_S:
            continue
        state = query.status(now)
        wanted = (group is None or group in query.groups) and (status is None or status == state)
        if wanted and language in (None, "CWLI"):
            found.append((query, state))
    page, token = page_after(
        found,
        lambda item: [-item[0].created, item[0].query_id],
        limit=params.get("maxResults", 1000),
        next_token=params.get("nextToken"),
    )
    infos = []
    for query, state in page:
        info: dict[str, Any] = {
            "queryLanguage": "CWLI",
            "queryId": query.query_id,
            "queryString": query.query_string,
            "status": state,
            "createTime": backend.now_ms() - round((now - query.created) * 1000),
            "logGroupName": query.groups[0],
        }
        if state == "Complete":
            info["queryDuration"] = round((query.complete_at - query.created) * 1000)
            info["bytesScanned"] = float(query.outcome.bytes_scanned)
        infos.append(info)
    result: dict[str, Any] = {"queries": infos}
    if token is not None:
        result["nextToken"] = token
    return result


def get_log_record(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    """ "Retrieves all of the fields and values of a single log event" named by a result's ``@ptr``."""
    group, stream_name, seq = _resolve_pointer(backend, params["logRecordPointer"])
    timestamp, message, ingestion = group.streams[stream_name].events[seq]
    record = discover(message, timestamp, ingestion, stream_name, group.name, backend.cloud.account_id)
    return {"logRecord": {name: text(value) for name, value in record.items() if value is not None}}


def get_log_group_fields(backend: LogsBackend, group: LogGroup, params: dict[str, Any]) -> dict[str, Any]:
    """Fields of the events around ``time`` ("the 8 minutes before and 8 minutes after"), or of the last 15
    minutes, with the percentage of events that have each, most frequent first."""
    if params.get("time") is not None:
        centre = params["time"] * 1000
        start, end = centre - 8 * 60_000, centre + 8 * 60_000
    else:
        end = backend.now_ms()
        start = end - 15 * 60_000
    records, _ = records_for(backend, [group.name], start, end)
    counts: dict[str, int] = {}
    for record in records:
        for name in record:
            if name != PTR:
                counts[name] = counts.get(name, 0) + 1
    total = len(records)
    ranked = sorted(((-round(count * 100 / total), name) for name, count in counts.items()))
    return {"logGroupFields": [{"name": name, "percent": -percent} for percent, name in ranked]}


# -- saved queries -------------------------------------------------------------------------------------------------


def put_query_definition(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    """Save a query (the console's "Save"); with ``queryDefinitionId`` an existing one is updated."""
    if params.get("queryLanguage", "CWLI") != "CWLI":
        raise invalid("pocketcloud simulates the Logs Insights query language (CWLI) only.")
    compile_query(params["queryString"])
    store = queries(backend)
    definition_id = params.get("queryDefinitionId")
    if definition_id is not None and definition_id not in store.definitions:
        raise ServiceError("ResourceNotFoundException", f"Query definition {definition_id} does not exist.")
    if definition_id is None:
        definition_id = backend.cloud.new_request_id()
    definition: dict[str, Any] = {
        "queryLanguage": "CWLI",
        "queryDefinitionId": definition_id,
        "name": params["name"],
        "queryString": params["queryString"],
        "lastModified": backend.now_ms(),
    }
    if params.get("logGroupNames"):
        definition["logGroupNames"] = list(params["logGroupNames"])
    store.definitions[definition_id] = definition
    return {"queryDefinitionId": definition_id}


def describe_query_definitions(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    prefix = params.get("queryDefinitionNamePrefix")
    found = [d for d in queries(backend).definitions.values() if prefix is None or d["name"].startswith(prefix)]
    page, token = page_after(
        found,
        lambda d: [d["name"], d["queryDefinitionId"]],
        limit=params.get("maxResults", 1000),
        next_token=params.get("nextToken"),
    )
    result: dict[str, Any] = {"queryDefinitions": [dict(d) for d in page]}
    if token is not None:
        result["nextToken"] = token
    return result


def delete_query_definition(backend: LogsBackend, params: dict[str, Any]) -> dict[str, Any]:
    store = queries(backend)
    if params["queryDefinitionId"] not in store.definitions:
        raise ServiceError(
            "ResourceNotFoundException", f"Query definition {params['queryDefinitionId']} does not exist."
        )
    del store.definitions[params["queryDefinitionId"]]
    return {"success": True}
