"""What a modelled day keeps for its logs and its traffic, and that a reader still sees every simulated fact.

A modelled function's log lines are formatted only when read (:class:`pocketcloud.services.awslambda.records.LazyLog`),
from rows kept per environment instead of the invocations' records; a traffic generator's sync target reads only
whether the function failed (``PreparedSender.outcome``). Both are pocketcloud's implementation, not AWS
behaviour: these tests check that what the API and the log answer is what they answered before.

Sources:
* LOG = https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html (START/END/REPORT lines)
* INVOKE = https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html (FunctionError: "If present, indicates
  that an error occurred during function execution")
"""

from __future__ import annotations

import pocketcloud
from pocketcloud import traffic
from pocketcloud.services.awslambda.records import LazyLog
from pocketcloud.services.awslambda.service import LambdaService

from .conftest import make_function


def _messages(cloud: pocketcloud.Cloud, stream: str) -> list[str]:
    events = cloud.client("logs").get_log_events(
        logGroupName="/aws/lambda/api", logStreamName=stream, startFromHead=True
    )["events"]
    return [e["message"] for e in events]


def test_unread_log_is_one_lazy_write_per_environment_and_reads_like_the_records(cloud, lam) -> None:  # type: ignore[no-untyped-def]
    """LOG: 1,200 unread modelled invocations of one environment are one pending write of plain rows (the
    records are not kept for the log), and the stream then reads START ... REPORT of each invocation as its
    record says, errors included, in order; invocations after the read are appended after it."""
    make_function(lam, "api")
    traffic.Workload(duration_ms=50, spread=0.3, errors=0.05).attach(cloud, "api")
    run = traffic.drive(cloud, traffic.constant(4, 300), traffic.sync("api"))
    cloud.run(until=301)  # before the idle environment is reclaimed
    assert run.sent == 1200 and run.errors > 0
    cloud.lambda_trace.limit = 5_000  # keeps only the last 1,000 so far; the log has all 1,200
    service = cloud.backend("lambda", LambdaService)
    (env,) = service.functions["api"].environments
    stream = service.logs.groups["/aws/lambda/api"].streams[env.log_stream_name]
    assert len(stream.pending) == 1 and isinstance(stream.pending[0], LazyLog)
    assert all(
        type(value) in (str, int, float, bool, type(None), dict) for row in stream.pending[0].rows for value in row
    )
    messages = _messages(cloud, env.log_stream_name)
    assert messages[0].startswith("INIT_START ") and sum(m.startswith("START ") for m in messages) == 1200
    assert sum(m.startswith("[ERROR] Exception: modelled function error") for m in messages) == run.errors
    last = cloud.lambda_trace.invocations[-1]
    assert messages[-2:] == last.log_lines[-2:]
    assert messages[-1].startswith(f"REPORT RequestId: {last.request_id}\tDuration: {last.duration_ms:.2f} ms")
    lam.invoke(FunctionName="api", Payload=b"{}")
    after = cloud.lambda_trace.invocations[-1]
    assert _messages(cloud, env.log_stream_name) == messages + after.log_lines


def test_outcome_is_whether_the_response_carries_function_error() -> None:
    """INVOKE: a traffic generator counts a request as an error exactly when Invoke's response carries
    FunctionError: the outcome form of a prepared request and the full response agree, request by request, on
    the same seed."""

    def day(full: bool) -> list[bool]:
        cloud = pocketcloud.Cloud(seed=7)
        lam = cloud.client("lambda")
        make_function(lam, "api")
        traffic.Workload(duration_ms=30, errors=0.3).attach(cloud, "api")
        send = lam.prepare_invoke(FunctionName="api", Payload=b"{}")
        seen: list[bool] = []
        for i in range(60):
            if full:
                cloud.kernel.call_at(i * 0.1, send, lambda response: seen.append("FunctionError" in response))
            else:
                cloud.kernel.call_at(i * 0.1, send.outcome, seen.append)
        cloud.run()
        return seen

    outcomes = day(full=False)
    assert outcomes == day(full=True) and True in outcomes and False in outcomes
