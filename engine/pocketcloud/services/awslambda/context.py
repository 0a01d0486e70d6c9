"""The ``context`` object a Python handler receives, with the attributes Lambda documents.

https://docs.aws.amazon.com/lambda/latest/dg/python-context.html
"""

from __future__ import annotations

from typing import Any

from .sandbox import VirtualClock


class LambdaContext:
    """Invocation, function and execution environment information for one invocation.

    ``get_remaining_time_in_millis()`` reads the invocation's virtual clock, so it falls as the handler
    sleeps, exactly as the real one falls with wall-clock time.
    """

    def __init__(
        self,
        *,
        aws_request_id: str,
        function_name: str,
        function_version: str,
        invoked_function_arn: str,
        memory_limit_in_mb: int,
        log_group_name: str,
        log_stream_name: str,
        clock: VirtualClock,
        timeout_s: float,
        identity: Any = None,
        client_context: Any = None,
    ) -> None:
        self.aws_request_id = aws_request_id
        self.function_name = function_name
        self.function_version = function_version
        self.invoked_function_arn = invoked_function_arn
        # The Python runtime client reads it from AWS_LAMBDA_FUNCTION_MEMORY_SIZE, so it is a string (e.g. "128").
        self.memory_limit_in_mb = str(memory_limit_in_mb)
        self.log_group_name = log_group_name
        self.log_stream_name = log_stream_name
        self.identity = identity
        self.client_context = client_context
        self._clock = clock
        self._timeout_s = timeout_s

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the invocation times out."""
        return max(0, round((self._timeout_s - self._clock.elapsed) * 1000))

    def __repr__(self) -> str:
        return (
            f"LambdaContext(aws_request_id={self.aws_request_id!r}, function_name={self.function_name!r}, "
            f"function_version={self.function_version!r})"
        )


class ClientContext:
    """``context.client_context``: what the caller passed as the base64 JSON ``ClientContext`` of Invoke.

    Lambda passes it for synchronous invocations only. https://docs.aws.amazon.com/lambda/latest/dg/python-context.html
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.client = data.get("client")
        self.custom = data.get("custom")
        self.env = data.get("env")

    def __repr__(self) -> str:
        return f"ClientContext(client={self.client!r}, custom={self.custom!r}, env={self.env!r})"
