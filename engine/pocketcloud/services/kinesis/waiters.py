"""``client.get_waiter("stream_exists")`` and ``"stream_not_exists"``: botocore's Kinesis waiters on the virtual clock.

A new stream is CREATING for a while (see :class:`~.models.Settings`), so boto3 code waits for it::

    kinesis.create_stream(StreamName="orders", ShardCount=1)
    kinesis.get_waiter("stream_exists").wait(StreamName="orders")

botocore's definitions (``botocore/data/kinesis/2013-12-02/waiters-2.json``): both poll DescribeStream every 10
seconds, at most 18 times; StreamExists succeeds when ``StreamDescription.StreamStatus`` is ACTIVE, StreamNotExists
when DescribeStream fails with ResourceNotFoundException. Where botocore sleeps, pocketcloud lets the virtual clock
run for the delay (``cloud.run``), so everything scheduled in between happens, and the call returns at once in real
time. A waiter can only run from outside the simulation (a handler cannot stop the clock to wait).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...errors import ClientError, PocketCloudError

if TYPE_CHECKING:
    from ...cloud import Cloud

#: botocore's waiter definitions for Kinesis streams: (botocore name, delay in seconds, max attempts).
_WAITERS = {
    "stream_exists": ("StreamExists", 10, 18),
    "stream_not_exists": ("StreamNotExists", 10, 18),
}


class WaiterError(PocketCloudError):
    """botocore's ``WaiterError``: the waiter gave up (``Waiter StreamExists failed: Max attempts exceeded``)."""

    def __init__(self, name: str, reason: str, last_response: dict[str, Any]) -> None:
        super().__init__(f"Waiter {name} failed: {reason}")
        self.last_response = last_response
        self.kwargs = {"name": name, "reason": reason, "last_response": last_response}


class Waiter:
    """One Kinesis waiter bound to a client (``wait(**DescribeStream params, WaiterConfig={...})``)."""

    def __init__(self, cloud: Cloud, describe: Any, name: str) -> None:
        self._cloud = cloud
        self._describe = describe
        self.name, self._delay, self._max_attempts = _WAITERS[name]

    def wait(self, **params: Any) -> None:
        config = dict(params.pop("WaiterConfig", None) or {})
        delay = config.get("Delay", self._delay)
        attempts = config.get("MaxAttempts", self._max_attempts)
        if self._cloud.kernel_running:
            raise PocketCloudError(
                f"Waiter {self.name} cannot wait inside the simulation: the virtual clock only runs from outside it"
            )
        last: dict[str, Any] = {}
        for attempt in range(1, attempts + 1):
            try:
                last = self._describe(**params)
            except ClientError as exc:
                last = exc.response
                code = last.get("Error", {}).get("Code")
                if self.name == "StreamNotExists" and code == "ResourceNotFoundException":
                    return
                message = last.get("Error", {}).get("Message", "")
                raise WaiterError(self.name, f"An error occurred ({code}): {message}", last) from None
            else:
                if self.name == "StreamExists" and last["StreamDescription"]["StreamStatus"] == "ACTIVE":
                    return
            if attempt < attempts:
                self._cloud.run(until=self._cloud.now + delay)
        raise WaiterError(self.name, "Max attempts exceeded", last)


def waiter_names() -> list[str]:
    return sorted(_WAITERS)
