"""The runaway guard leaves the host's hooks as it found them, however long the function ran.

The guard counts a function's steps with ``sys.settrace`` (and, for long-running code, a profile hook) on Python
3.11 and with ``sys.monitoring`` on 3.12+ (see :mod:`pocketcloud.services.awslambda.guard`). Once an invocation
is over, none of it may stay installed: a host's own frames would be traced from then on, and a trace function
left behind at interpreter shutdown reports ``TypeError: 'NoneType' object is not callable``. (A pocketcloud
property, not an AWS fact: Lambda runs functions in their own process.)
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

import pocketcloud

from .conftest import make_function

#: Enough steps for the guard's periodic check (and on 3.11 its profile hook) to start watching.
LONG_RUNNING = """
def handler(event, context):
    total = 0
    for i in range(5000):
        total += i
    return total
"""


def test_no_trace_or_profile_hook_outlives_an_invocation(cloud: pocketcloud.Cloud, lam) -> None:
    before = (sys.gettrace(), sys.getprofile())
    make_function(lam, "long", source=LONG_RUNNING)
    response = lam.invoke(FunctionName="long")
    assert response["Payload"].read() == b"12497500"
    assert (sys.gettrace(), sys.getprofile()) == before


def test_no_hook_outlives_invocations_from_a_poller(cloud: pocketcloud.Cloud, lam) -> None:
    """The same when the invocation runs inside the virtual clock (an SQS event source mapping)."""
    before = (sys.gettrace(), sys.getprofile())
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName="work")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    make_function(lam, "long", source=LONG_RUNNING)
    lam.create_event_source_mapping(FunctionName="long", EventSourceArn=arn)
    sqs.send_message(QueueUrl=url, MessageBody="go")
    cloud.run(until=60)
    assert (sys.gettrace(), sys.getprofile()) == before


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the 3.11 tracer's rule; 3.12+ counts jumps and calls")
def test_only_code_that_runs_each_instruction_at_most_once_is_charged_instead_of_traced() -> None:
    """On 3.11 a loop-free function without exception handlers is charged its instruction count when called
    (an upper bound of the opcodes it can run before it calls again or returns); a loop, an exception handler (a
    crafted code object could aim one backwards) or a generator's ``yield from`` loop keeps opcode tracing."""
    from pocketcloud.services.awslambda import guard

    def code(source: str) -> Any:
        module = compile(source, "/var/task/app.py", "exec")
        return next(c for c in module.co_consts if hasattr(c, "co_code"))

    straight = code("def f(e, c):\n    return {'statusCode': 200, 'body': e['rawPath'] if e else None}\n")
    assert guard._straight_length(straight) == len(straight.co_code) // 2 > 0
    for source in (
        "def f(n):\n    while n:\n        n -= 1\n",
        "def f(xs):\n    for x in xs:\n        pass\n",
        "def f():\n    try:\n        return 1\n    except ValueError:\n        return 2\n",
        "def f(it):\n    yield from it\n",
    ):
        assert guard._straight_length(code(source)) == 0, source
