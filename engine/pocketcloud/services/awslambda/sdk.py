"""``import boto3`` inside a function: the AWS SDK that Lambda's Python runtime includes, pointed at this cloud.

Handler code should move to AWS unchanged, and real handlers call other services through boto3. Inside a
pocketcloud function, ``boto3.client(name)`` returns this cloud's client for ``name``; each call also spends a
little virtual time, as a network round trip to an AWS API does, so caching a secret or a client in module
code visibly saves time. (A function that ships its own ``boto3`` in its package or a layer gets that one.)
``import redis`` gives :mod:`pocketcloud.redis` bound to the same cloud, so a handler reaches ElastiCache the way
it would with redis-py bundled in its package.
https://docs.aws.amazon.com/lambda/latest/dg/lambda-python.html
"""

from __future__ import annotations

import math
import random
import types
from typing import TYPE_CHECKING, Any

from ...errors import ClientError, ParamValidationError
from .sandbox import current_clock

if TYPE_CHECKING:
    from ...cloud import Cloud

#: Median virtual latency of one AWS API call from inside a function, in seconds (same-region round trip).
API_CALL_MEDIAN_S = 0.012
API_CALL_SIGMA = 0.3


class _TimedClient:
    """A client whose every operation call spends a round trip of virtual time."""

    def __init__(self, client: Any, rng: random.Random) -> None:
        self._client = client
        self._rng = rng
        self.exceptions = client.exceptions
        self.meta = client.meta

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._client, name)
        if not callable(attr) or name.startswith("_"):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            clock = current_clock()
            if clock is not None:
                clock.advance(API_CALL_MEDIAN_S * math.exp(self._rng.gauss(0.0, API_CALL_SIGMA)))
            return attr(*args, **kwargs)

        return call


def sdk_modules(cloud: Cloud) -> dict[str, types.ModuleType]:
    """Fresh ``boto3``, ``botocore`` and ``botocore.exceptions`` modules bound to ``cloud``."""
    boto3 = types.ModuleType("boto3", "pocketcloud's stand-in for boto3 inside a simulated Lambda function")

    def client(service_name: str, region_name: str | None = None, **_kwargs: Any) -> _TimedClient:
        return _TimedClient(cloud.client(service_name, region_name=region_name), cloud.random)

    class Session:
        def __init__(self, **_kwargs: Any) -> None:
            self.region_name = cloud.region

        def client(self, service_name: str, region_name: str | None = None, **kwargs: Any) -> _TimedClient:
            return client(service_name, region_name, **kwargs)

    boto3.client = client  # type: ignore[attr-defined]
    boto3.Session = Session  # type: ignore[attr-defined]
    boto3.__version__ = "pocketcloud"  # type: ignore[attr-defined]
    botocore = types.ModuleType("botocore")
    exceptions = types.ModuleType("botocore.exceptions")
    exceptions.ClientError = ClientError  # type: ignore[attr-defined]
    exceptions.ParamValidationError = ParamValidationError  # type: ignore[attr-defined]
    botocore.exceptions = exceptions  # type: ignore[attr-defined]
    botocore.__path__ = []
    boto3.__path__ = []
    modules = {"boto3": boto3, "botocore": botocore, "botocore.exceptions": exceptions}
    # ``import redis``: the client a function would bundle to reach ElastiCache (see pocketcloud.redis).
    from ...redis import stand_in_modules

    modules.update(stand_in_modules(cloud))
    return modules
