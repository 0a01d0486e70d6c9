"""See the event an AWS service hands a Lambda function: a function that records every event it receives.

Every event source has its own event shape (S3's ``Records[].s3``, SQS's ``Records[].body``, API Gateway's
``requestContext`` ...), and the AWS guides show one sample of each. :func:`record_events` deploys a function that
writes each event it receives to its log, as one JSON line, and :attr:`EventRecorder.events` reads those lines back
through CloudWatch Logs (``filter_log_events``). So what a learner sees is the very event the simulated service
built, delivered through Lambda's one invoke path, not a pasted sample.

It is built only from the public API (``create_function`` through :func:`pocketcloud.deploy`, and the ``logs``
client), like the rest of :mod:`pocketcloud.easy`; the source, its permission and its trigger are set up with the
boto3-shaped clients, as on AWS.

>>> from pocketcloud import Cloud
>>> cloud = Cloud(seed=0)
>>> recorder = record_events(cloud)
>>> recorder.invoke({"hello": "world"}).payload
{'hello': 'world'}
>>> recorder.events
[{'hello': 'world'}]
>>> recorder.show()
{
  "hello": "world"
}
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .easy import DeployedFunction, deploy

if TYPE_CHECKING:
    from .cloud import Cloud

#: What starts each recorded log line (the rest of the line is the event as JSON).
MARKER = "EVENT "

#: What the recording function answers, by ``returns``: the event itself, an API Gateway proxy response whose body
#: is the event (so the HTTP client sees it too), or nothing.
RETURNS = ("event", "http", "none")

_SOURCE = '''import json

RETURNS = {returns!r}


def handler(event, context):
    """Write the event to the log as one JSON line, then answer as configured."""
    print({marker!r} + json.dumps(event))
    if RETURNS == "http":
        return {{"statusCode": 200, "headers": {{"Content-Type": "application/json"}}, "body": json.dumps(event)}}
    if RETURNS == "event":
        return event
    return None
'''


class EventRecorder(DeployedFunction):
    """A deployed Lambda function that logs every event it receives; :attr:`events` reads them back in order."""

    @property
    def events(self) -> list[Any]:
        """Every event the function received so far, oldest first (from its CloudWatch Logs log group).

        Events still waiting in a queue or a poller are not here yet: let the clock run (``cloud.run()``) first.
        """
        logs: Any = self.cloud.client("logs")
        group = f"/aws/lambda/{self.name}"
        if not logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]:
            return []  # never invoked: Lambda creates the log group on the first invocation
        found: list[Any] = []
        params: dict[str, Any] = {"logGroupName": group}
        while True:
            page = logs.filter_log_events(**params)
            found += [
                json.loads(e["message"][len(MARKER) :]) for e in page["events"] if e["message"].startswith(MARKER)
            ]
            if "nextToken" not in page:
                return found
            params["nextToken"] = page["nextToken"]

    @property
    def last(self) -> Any:
        """The most recent event; a ``LookupError`` says so if none has arrived yet."""
        events = self.events
        if not events:
            raise LookupError(f"{self.name} has not received any event yet (did the clock run? cloud.run())")
        return events[-1]

    def show(self, event: Any = None, *, indent: int = 2) -> None:
        """Print an event (by default the most recent one) as indented JSON, keys in the order AWS sends them."""
        print(json.dumps(self.last if event is None else event, indent=indent, ensure_ascii=False))

    def __repr__(self) -> str:
        return f"<EventRecorder {self.name}>"


def record_events(cloud: Cloud, name: str = "explorer", *, returns: str = "event", timeout: int = 3) -> EventRecorder:
    """Deploy a function named ``name`` that records every event it receives; returns its :class:`EventRecorder`.

    ``returns`` chooses the function's answer: ``"event"`` (the event itself), ``"http"`` (an API Gateway proxy
    response, status 200, whose JSON body is the event) or ``"none"``. Give the event source the function's ARN
    (``recorder.arn``) and, for sources that invoke it as a service (S3, SNS, API Gateway, SES), the permission
    with ``add_permission``, as on AWS.
    """
    if returns not in RETURNS:
        raise ValueError(f"returns must be one of {', '.join(RETURNS)}, not {returns!r}")
    source = _SOURCE.format(returns=returns, marker=MARKER)
    deployed = deploy(cloud, source=source, handler_name="handler", name=name, timeout=timeout)
    return EventRecorder(cloud, deployed.name)
