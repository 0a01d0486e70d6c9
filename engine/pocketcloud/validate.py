"""Request checks as botocore makes them before a request leaves the machine, compiled from the service model.

boto3 never sends a request whose parameters do not fit the operation's input shape: ``ParamValidator`` in
``botocore/validate.py`` reports every missing required member, unknown member, wrong type and too-small
length or value, all at once, as one ``ParamValidationError``. pocketcloud's clients are called directly, so
they do botocore's part themselves, with botocore's exact wording, and a learner's mistake reads the same here
as with boto3. (``max``, ``pattern`` and ``enum`` are not botocore's business: the service checks those, see
:mod:`pocketcloud.constraints`.)

Each shape is compiled once into a small function, so validating an ``Invoke`` costs a few dictionary and
``isinstance`` checks. The functions also *normalise* what botocore's serializers would: a ``str`` or file-like
blob becomes ``bytes``, a timestamp becomes an aware ``datetime``, so services receive one form of each.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
from collections.abc import Callable
from typing import Any

from .models import ServiceModel

#: check(value, name, errors) -> the (possibly normalised) value; problems are appended to ``errors``.
Check = Callable[[Any, str, list[str]], Any]

_STR = (str,)
_INT = (int,)
_FLOAT = (float, decimal.Decimal, int)
_BOOL = (bool,)
_DICT = (dict,)
_LIST = (list, tuple)
_UTC = _dt.UTC
#: The real class, captured at import: inside a handler ``datetime.datetime`` is the virtual-clock subclass.
_DATETIME = _dt.datetime


def _type_names(types: tuple[type, ...]) -> str:
    return ", ".join(str(t) for t in types)


def _show(value: Any) -> str:
    """``str(value)`` as botocore's message formats it, safe against hostile ``__str__`` methods."""
    try:
        text = str(value)
    except Exception:
        text = object.__repr__(value)
    return text if len(text) <= 2000 else text[:2000] + "..."


def _display(name: str) -> str:
    return name or "input"


def invalid_type(name: str, value: Any, valid: str) -> str:
    return (
        f"Invalid type for parameter {_display(name)}, value: {_show(value)}, type: {type(value)}, valid types: {valid}"
    )


def parse_timestamp(value: Any) -> _dt.datetime:
    """A timestamp parameter as botocore accepts it: a datetime, epoch seconds, or an ISO 8601 string.

    Naive values are UTC, as in ``botocore.utils.parse_to_aware_datetime``. Like botocore's ``parse_timestamp``,
    a ``bool`` counts as a number (``True`` is one second after the epoch), and ``bytes`` are read as the UTF-8 text
    they hold (botocore's parser decodes them: ``b"0"`` is the epoch).
    """
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8")  # UnicodeDecodeError is a ValueError: an invalid timestamp
    if isinstance(value, _DATETIME):
        moment = value
    elif isinstance(value, (int, float)):  # bool too: botocore reads True as epoch second 1
        moment = _DATETIME.fromtimestamp(value, _UTC)
    elif isinstance(value, str):
        text = value.strip()
        try:
            moment = _DATETIME.fromtimestamp(float(text), _UTC)
        except ValueError:
            moment = _DATETIME.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    else:
        raise TypeError(type(value).__name__)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=_UTC)


class Compiler:
    """Builds (and caches) one check function per shape of a service model."""

    def __init__(self, model: ServiceModel) -> None:
        self.model = model
        self._checks: dict[str, Check] = {}

    def check(self, shape_name: str) -> Check:
        found = self._checks.get(shape_name)
        if found is None:
            # A placeholder first: recursive shapes (a structure that contains itself) resolve through it.
            def deferred(value: Any, name: str, errors: list[str]) -> Any:
                return self._checks[shape_name](value, name, errors)

            self._checks[shape_name] = deferred
            found = self._checks[shape_name] = self._build(shape_name)
        return found

    def _build(self, shape_name: str) -> Check:
        shape = self.model.shape(shape_name)
        kind = shape["type"]
        if kind == "structure":
            if shape.get("document"):
                return _document
            return self._structure(shape)
        if kind == "list":
            return self._list(shape)
        if kind == "map":
            return self._map(shape)
        if kind == "blob":
            return _blob
        if kind == "timestamp":
            return _timestamp
        if kind == "string":
            return _sized(_STR, shape.get("min"), "Invalid length", length=True)
        if kind in ("integer", "long"):
            return _sized(_INT, shape.get("min"), "Invalid value", length=False)
        if kind in ("float", "double"):
            return _sized(_FLOAT, shape.get("min"), "Invalid value", length=False)
        if kind == "boolean":
            return _sized(_BOOL, None, "", length=False)
        raise ValueError(f"unsupported shape type {kind!r} ({shape_name})")

    def _structure(self, shape: dict[str, Any]) -> Check:
        members: dict[str, dict[str, Any]] = shape.get("members", {})
        checks = {
            member: (_json_value if spec.get("jsonvalue") else self.check(spec["shape"]))
            for member, spec in members.items()
        }
        required = tuple(shape.get("required", ()))
        allowed = frozenset(members)
        valid_names = ", ".join(members)
        union = bool(shape.get("union"))

        def structure(value: Any, name: str, errors: list[str]) -> Any:
            if not isinstance(value, dict):
                errors.append(invalid_type(name, value, "<class 'dict'>"))
                return value
            if union:
                if not value:
                    errors.append(
                        f"Must set one of the following keys for tagged unionstructure {_display(name)}: {valid_names}."
                    )
                elif len(value) > 1:
                    errors.append(
                        f"Invalid number of parameters set for tagged union structure {_display(name)}. Can only "
                        f"set one of the following keys: {valid_names}."
                    )
            for member in required:
                if member not in value:
                    errors.append(f'Missing required parameter in {_display(name)}: "{member}"')
            if not value.keys() <= allowed:
                for member in value:
                    if member not in allowed:
                        errors.append(
                            f'Unknown parameter in {_display(name)}: "{member}", must be one of: {valid_names}'
                        )
            changed: dict[str, Any] | None = None
            for member, item in value.items():
                check = checks.get(member)
                if check is None:
                    continue
                new = check(item, f"{name}.{member}" if name else member, errors)
                if new is not item:
                    if changed is None:
                        changed = dict(value)
                    changed[member] = new
            return value if changed is None else changed

        return structure

    def _list(self, shape: dict[str, Any]) -> Check:
        item_check = self.check(shape["member"]["shape"])
        minimum = shape.get("min")

        def list_check(value: Any, name: str, errors: list[str]) -> Any:
            if not isinstance(value, _LIST):
                errors.append(invalid_type(name, value, _type_names(_LIST)))
                return value
            if minimum is not None and len(value) < minimum:
                errors.append(
                    f"Invalid length for parameter {_display(name)}, value: {len(value)}, valid min length: {minimum}"
                )
            out = None
            for index, item in enumerate(value):
                new = item_check(item, f"{name}[{index}]", errors)
                if new is not item:
                    if out is None:
                        out = list(value)
                    out[index] = new
            return value if out is None else out

        return list_check

    def _map(self, shape: dict[str, Any]) -> Check:
        key_check = self.check(shape["key"]["shape"])
        value_check = self.check(shape["value"]["shape"])

        def map_check(value: Any, name: str, errors: list[str]) -> Any:
            if not isinstance(value, dict):
                errors.append(invalid_type(name, value, "<class 'dict'>"))
                return value
            out = None
            for key, item in value.items():
                key_check(key, f"{name} (key: {_show(key)})", errors)
                new = value_check(item, f"{name}.{_show(key)}", errors)
                if new is not item:
                    if out is None:
                        out = dict(value)
                    out[key] = new
            return value if out is None else out

        return map_check


def _sized(types: tuple[type, ...], minimum: int | float | None, what: str, *, length: bool) -> Check:
    valid = _type_names(types)
    kind = "length" if length else "value"

    def scalar(value: Any, name: str, errors: list[str]) -> Any:
        if not isinstance(value, types):
            errors.append(invalid_type(name, value, valid))
        elif minimum is not None:
            measured: Any = len(value) if length else value  # type: ignore[arg-type]
            if measured < minimum:
                errors.append(
                    f"{what} for parameter {_display(name)}, value: {_show(measured)}, valid min {kind}: {minimum}"
                )
        return value

    return scalar


def _blob(value: Any, name: str, errors: list[str]) -> Any:
    if isinstance(value, bytes):
        return value
    if isinstance(value, bytearray):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    read = getattr(value, "read", None)
    if read is not None:
        try:
            data = read()
        except Exception as exc:  # a file-like object that cannot be read is the caller's bad input
            errors.append(f"Invalid parameter {_display(name)}: could not read the file-like object: {_show(exc)}")
            return value
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    errors.append(invalid_type(name, value, "<class 'bytes'>, <class 'bytearray'>, file-like object"))
    return value


def _timestamp(value: Any, name: str, errors: list[str]) -> Any:
    try:
        return parse_timestamp(value)
    except (TypeError, ValueError, OverflowError, OSError):
        errors.append(invalid_type(name, value, "<class 'datetime.datetime'>, timestamp-string"))
        return value


def _json_value(value: Any, name: str, errors: list[str]) -> Any:
    try:
        json.dumps(value)
    except (ValueError, TypeError, RecursionError) as exc:
        errors.append(f"Invalid parameter {_display(name)} must be json serializable: {_show(exc)}")
    return value


_DOCUMENT_TYPES = (str, int, bool, float)


def _document(value: Any, name: str, errors: list[str], depth: int = 0) -> Any:
    if value is None:
        return value
    if depth > 100:
        errors.append(f"Invalid type for document parameter {_display(name)}: nested too deeply")
    elif isinstance(value, dict):
        for key in value:
            _document(value[key], key, errors, depth + 1)
    elif isinstance(value, list):
        for index, entity in enumerate(value):
            _document(entity, f"{name}[{index}]", errors, depth + 1)
    elif not isinstance(value, _DOCUMENT_TYPES):
        valid = ", ".join(str(t) for t in (str, int, bool, float, list, dict))
        errors.append(
            f"Invalid type for document parameter {_display(name)}, value: {_show(value)}, type: {type(value)}, "
            f"valid types: {valid}"
        )
    return value
