"""pocketcloud's Redis client: redis-py's interface over ElastiCache's simulated Valkey/Redis OSS clusters.

>>> import pocketcloud
>>> from pocketcloud.redis import Redis

Inside a Lambda handler, ``import redis`` gives this module with the function's cloud already bound, so the code a
learner writes for AWS (``redis.Redis(host=os.environ["CACHE_HOST"], port=6379)``) runs unchanged; outside a
handler, pass the cloud: ``Redis(host=endpoint, port=6379, cloud=cloud)``. See :mod:`.client` for what is
simulated and the latency model.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any

from . import exceptions
from .client import Pipeline, Redis, StrictRedis, from_url
from .exceptions import (
    AuthenticationError,
    ConnectionError,
    DataError,
    ReadOnlyError,
    RedisError,
    ResponseError,
    TimeoutError,
    WatchError,
)

if TYPE_CHECKING:
    from ..cloud import Cloud

__all__ = [
    "AuthenticationError",
    "ConnectionError",
    "DataError",
    "Pipeline",
    "ReadOnlyError",
    "Redis",
    "RedisError",
    "ResponseError",
    "StrictRedis",
    "TimeoutError",
    "WatchError",
    "exceptions",
    "from_url",
    "stand_in_modules",
]


def stand_in_modules(cloud: Cloud) -> dict[str, types.ModuleType]:
    """``redis`` and ``redis.exceptions`` for code running in ``cloud``'s functions (see the awslambda SDK)."""
    module = types.ModuleType("redis", "pocketcloud's stand-in for redis-py inside a simulated Lambda function")

    class BoundRedis(Redis):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("cloud", cloud)
            super().__init__(*args, **kwargs)

    def bound_from_url(url: str, **kwargs: Any) -> Redis:
        kwargs.setdefault("cloud", cloud)
        return from_url(url, **kwargs)

    BoundRedis.__name__ = BoundRedis.__qualname__ = "Redis"
    module.Redis = BoundRedis  # type: ignore[attr-defined]
    module.StrictRedis = BoundRedis  # type: ignore[attr-defined]
    module.from_url = bound_from_url  # type: ignore[attr-defined]
    module.exceptions = exceptions  # type: ignore[attr-defined]
    for name in ("RedisError", "ConnectionError", "TimeoutError", "AuthenticationError", "ResponseError",
                 "DataError", "ReadOnlyError", "WatchError"):  # fmt: skip
        setattr(module, name, getattr(exceptions, name))
    module.__version__ = "pocketcloud"  # type: ignore[attr-defined]
    module.__path__ = []
    return {"redis": module, "redis.exceptions": exceptions}
