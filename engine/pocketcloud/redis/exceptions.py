"""The exceptions of redis-py's ``redis.exceptions``, with its hierarchy, so that ``except redis.ResponseError``
and ``except redis.exceptions.ConnectionError`` work in handler code as they do with redis-py.
https://redis.readthedocs.io/en/stable/exceptions.html
"""

from __future__ import annotations


class RedisError(Exception):
    pass


class ConnectionError(RedisError):
    pass


class TimeoutError(RedisError):
    pass


class AuthenticationError(ConnectionError):
    pass


class BusyLoadingError(ConnectionError):
    pass


class InvalidResponse(RedisError):
    pass


class ResponseError(RedisError):
    pass


class DataError(RedisError):
    pass


class PubSubError(RedisError):
    pass


class WatchError(RedisError):
    pass


class NoScriptError(ResponseError):
    pass


class ExecAbortError(ResponseError):
    pass


class ReadOnlyError(ResponseError):
    pass


class OutOfMemoryError(ResponseError):
    pass


#: Server error prefixes redis-py turns into a class of their own (the prefix is dropped from the message), as its
#: ``BaseParser.EXCEPTION_CLASSES`` does; any other reply is a ResponseError with the whole text ("WRONGTYPE ...").
PREFIXES: dict[str, type[RedisError]] = {
    "ERR": ResponseError,
    "EXECABORT": ExecAbortError,
    "LOADING": BusyLoadingError,
    "NOSCRIPT": NoScriptError,
    "READONLY": ReadOnlyError,
    "NOAUTH": AuthenticationError,
    "OOM": OutOfMemoryError,
}


def from_reply(text: str) -> RedisError:
    """The exception redis-py raises for the server error reply ``text``."""
    code = text.split(" ", 1)[0]
    cls = PREFIXES.get(code)
    if cls is None:
        return ResponseError(text)
    return cls(text[len(code) + 1 :])
