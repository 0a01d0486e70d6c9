"""The runaway guard leaves the host's hooks as it found them, however long the function ran.

The guard counts a function's steps with ``sys.settrace`` (and, for long-running code, a profile hook) on Python
3.11 and with ``sys.monitoring`` on 3.12+ (see :mod:`pocketcloud.services.awslambda.guard`). Once an invocation
is over, none of it may stay installed: a host's own frames would be traced from then on, and a trace function
left behind at interpreter shutdown reports ``TypeError: 'NoneType' object is not callable``. (A pocketcloud
property, not an AWS fact: Lambda runs functions in their own process.)
"""

from __future__ import annotations

import sys

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
