"""The cost of CloudWatch Logs through the boto3-shaped API: PutLogEvents with and without metric filters,
FilterLogEvents with a JSON pattern, and Logs Insights queries, over 10,000 JSON log events."""

from __future__ import annotations

import json
import time
from typing import Any

import pocketcloud
from pocketcloud.timeutil import epoch_millis

EVENTS = 10_000
BATCH = 100


def _logs(filters: bool) -> tuple[pocketcloud.Cloud, Any]:
    cloud = pocketcloud.Cloud(seed=0)
    logs = cloud.client("logs")
    logs.create_log_group(logGroupName="bench")
    logs.create_log_stream(logGroupName="bench", logStreamName="s")
    if filters:
        logs.put_metric_filter(
            logGroupName="bench",
            filterName="errors",
            filterPattern='{ $.level = "ERROR" }',
            metricTransformations=[{"metricName": "Errors", "metricNamespace": "Bench", "metricValue": "1"}],
        )
        logs.put_metric_filter(
            logGroupName="bench",
            filterName="latency",
            filterPattern="{ $.ms > 0 }",
            metricTransformations=[{"metricName": "Latency", "metricNamespace": "Bench", "metricValue": "$.ms"}],
        )
    return cloud, logs


def _put_all(cloud: pocketcloud.Cloud, logs: Any) -> float:
    now = epoch_millis(cloud.now)
    messages = [
        json.dumps({"level": "ERROR" if n % 50 == 0 else "INFO", "ms": n % 300, "route": f"/r{n % 7}"})
        for n in range(EVENTS)
    ]
    started = time.perf_counter()
    for start in range(0, EVENTS, BATCH):
        batch = [{"timestamp": now + start + i, "message": m} for i, m in enumerate(messages[start : start + BATCH])]
        logs.put_log_events(logGroupName="bench", logStreamName="s", logEvents=batch)
    return EVENTS / (time.perf_counter() - started)


def _query_ms(cloud: pocketcloud.Cloud, logs: Any, query: str) -> float:
    cloud.run(until=cloud.now + 60)
    started = time.perf_counter()
    query_id = logs.start_query(logGroupName="bench", startTime=0, endTime=2**31, queryString=query)["queryId"]
    result = logs.get_query_results(queryId=query_id)
    assert result["status"] == "Complete"
    return (time.perf_counter() - started) * 1000


def measure() -> dict[str, float]:
    cloud, logs = _logs(filters=False)
    plain = _put_all(cloud, logs)
    started = time.perf_counter()
    found = logs.filter_log_events(logGroupName="bench", filterPattern='{ $.level = "ERROR" }', limit=10_000)
    filter_ms = (time.perf_counter() - started) * 1000
    assert len(found["events"]) == EVENTS // 50
    stats_ms = _query_ms(cloud, logs, "stats count(*), avg(ms), pct(ms, 99) by route")
    bin_ms = _query_ms(cloud, logs, 'filter level = "INFO" | stats count(*) by bin(1m)')
    filtered_cloud, filtered = _logs(filters=True)
    with_filters = _put_all(filtered_cloud, filtered)
    return {
        "put_per_s": plain,
        "put_with_filters_per_s": with_filters,
        "filter_ms": filter_ms,
        "stats_ms": stats_ms,
        "bin_ms": bin_ms,
    }


def main() -> None:
    r = measure()
    print(
        f"CloudWatch Logs, {EVENTS:,} JSON events in batches of {BATCH}: PutLogEvents {r['put_per_s']:,.0f} events/s "
        f"({r['put_with_filters_per_s']:,.0f} with two metric filters); FilterLogEvents with a JSON pattern "
        f"{r['filter_ms']:.0f} ms; Insights stats by field {r['stats_ms']:.0f} ms, filter + stats by bin "
        f"{r['bin_ms']:.0f} ms"
    )


if __name__ == "__main__":
    main()
