"""What Lambda's Python runtime does around the handler: call it, marshal its result, shape its errors.

This mirrors ``handle_event_request`` of the runtime interface client (awslambdaric) that Lambda's Python
runtimes run: the handler's result is serialised to JSON (``Runtime.MarshalError`` if it cannot be), an
``Exception`` becomes the ``errorMessage``/``errorType``/``stackTrace`` payload, and anything the runtime does
not catch there (a ``BaseException``, or an exception raised while it formats the error, e.g. by a broken
``__str__``) ends the runtime process, which Lambda reports as ``Runtime.ExitError``.
https://github.com/aws/aws-lambda-python-runtime-interface-client/blob/main/awslambdaric/bootstrap.py
https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html

All of it runs inside the sandbox, under the runaway guard, because all of it can run function code (a
``__str__``, a ``dict`` subclass's ``items``); and it uses the engine's private references (the C JSON encoder
captured at import), so a handler that patches ``json.dumps`` or ``builtins.print`` changes nothing here.
"""

from __future__ import annotations

import json.encoder as _json_encoder
import traceback
from collections.abc import Callable
from typing import Any

_USER_PREFIXES = ("/var/task/", "/opt/")


def _default(obj: Any) -> Any:
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def _floatstr(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _make_encoder() -> Callable[[Any], str]:
    """``json.dumps`` with default options, built from the encoder's parts captured now (C when available)."""
    c_make_encoder = getattr(_json_encoder, "c_make_encoder", None)
    ascii_encoder = _json_encoder.encode_basestring_ascii
    join = "".join
    if c_make_encoder is not None:

        def encode(obj: Any) -> str:
            # A fresh markers dict per document: circular references are detected per call.
            return join(c_make_encoder({}, _default, ascii_encoder, None, ": ", ", ", False, False, True)(obj, 0))

        return encode
    make_iterencode = _json_encoder._make_iterencode  # type: ignore[attr-defined]

    def encode_py(obj: Any) -> str:  # pragma: no cover - interpreters without the C accelerator
        iterencode = make_iterencode({}, _default, ascii_encoder, None, _floatstr, ": ", ", ", False, False, True)
        return join(iterencode(obj, 0))

    return encode_py


#: ``json.dumps(obj)`` with the engine's own, private encoder.
dumps: Callable[[Any], str] = _make_encoder()


def fault(error_type: str, message: str, stack: list[str] | None = None, request_id: str = "") -> dict[str, Any]:
    """The error payload shape of Lambda's Python runtime (``make_error``)."""
    return {"errorMessage": message, "errorType": error_type, "requestId": request_id, "stackTrace": stack or []}


def format_stack(frames: list[traceback.FrameSummary], sources: dict[str, bytes]) -> list[str]:
    """Format user frames as the Python runtime's stackTrace entries, with source lines from the package."""
    out = []
    for frame in frames:
        line = ""
        source = sources.get(frame.filename)
        if source is not None and frame.lineno:
            lines = source.decode("utf-8", "replace").splitlines()
            if 0 < frame.lineno <= len(lines):
                line = lines[frame.lineno - 1].strip()
        entry = f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
        if line:
            entry += f"    {line}\n"
        out.append(entry)
    return out


def user_frames(exc: BaseException) -> list[traceback.FrameSummary]:
    summary = traceback.extract_tb(exc.__traceback__, limit=None)
    return [f for f in summary if f.filename.startswith(_USER_PREFIXES)]


def exception_fault(exc: Exception, request_id: str, sources: dict[str, bytes]) -> dict[str, Any]:
    """The payload for an exception the handler raised. ``str(exc)`` runs function code: whatever it raises
    propagates, as it ends the real runtime."""
    message = str(exc)
    if not isinstance(message, str):  # pragma: no cover - str() always returns a str
        raise TypeError("__str__ returned non-string")
    return fault(type(exc).__name__, message, format_stack(user_frames(exc), sources), request_id)


def handle(
    handler: Callable[[Any, Any], Any], event: Any, context: Any, request_id: str, sources: dict[str, bytes]
) -> tuple[bytes | None, dict[str, Any] | None]:
    """Run the handler and marshal its result, as ``handle_event_request`` does: (payload, None) on success,
    (None, error payload) for an error the runtime reports. Anything else propagates (see the module docstring)."""
    try:
        response = handler(event, context)
        try:
            payload = dumps(response).encode("utf-8")
        except Exception as exc:
            return None, fault("Runtime.MarshalError", f"Unable to marshal response: {exc}", [], request_id)
        return payload, None
    except Exception as exc:
        return None, exception_fault(exc, request_id, sources)
