"""Request checks as AWS's front end makes them after a request arrives: ``max``, ``pattern``, ``enum``.

botocore leaves these constraints to the service. Most AWS services (Lambda, CloudWatch Logs, Secrets Manager,
DynamoDB, Kinesis, Step Functions, EventBridge …) then answer with one ``ValidationException`` listing every
violation in the same form::

    2 validation errors detected: Value 'x86' at 'architectures' failed to satisfy constraint: Member must
    satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]; Value '20000' at 'memorySize'
    failed to satisfy constraint: Member must have value less than or equal to 10240

Member paths start with a lower-case letter (``memorySize`` for ``MemorySize``); elements of a list of
structures are ``list.1.member.field`` (1-based); values of sensitive members are left out ("Value at …").
A list or map of plain values is reported once, at the list or map, and the brackets then list *every* constraint
of the member shape (not only the broken ones), maximum first, then minimum, pattern and enum; a list adds "Member
must not be null". Real messages of this form: Lambda's "Value '[GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS]' at
'cors.allowMethods' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less
than or equal to 6, Member must have length greater than or equal to 0, Member must satisfy regular expression
pattern: .*, Member must not be null]" (a CreateFunctionUrlConfig call, quoted in a public build log), and for
Architectures "[Member must satisfy enum value set: [x86_64, arm64], Member must not be null]" (moto's and
LocalStack's AWS-validated Lambda tests); DynamoDB's "Map value must satisfy constraint: [Member must have length
less than or equal to 25, Member must have length greater than or equal to 1]"; Lambda's "Value at
'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [...]". Elsewhere: e.g.
DynamoDB's "Value null at 'transactItems.1.member.update.key' failed to satisfy constraint: Member must not be
null".

Like :mod:`pocketcloud.validate`, each shape compiles once into a function; shapes with no constraint anywhere
below them compile to nothing and cost nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import ServiceModel

#: constrain(value, path, errors): appends one message per violation.
Constrain = Callable[[Any, str, list[str]], None]
#: The constraint texts a plain value violates, or None when it violates none (the common, fast case).
Violations = Callable[[Any], list[str] | None]

#: Strings that already passed a shape's pattern, kept per shape: the same function name is checked on every
#: Invoke, and a dictionary lookup is cheaper than a regular expression.
_MATCH_CACHE_SIZE = 512


def java_string(value: Any) -> str:
    """How AWS's (Java) front end prints a value in a validation message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(java_string(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{java_string(k)}={java_string(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (bytes, bytearray)):
        return "java.nio.HeapByteBuffer[pos=0 lim={0} cap={0}]".format(len(value))
    try:
        text = str(value)
    except Exception:
        text = object.__repr__(value)
    return text if len(text) <= 2000 else text[:2000] + "..."


def lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def message(errors: list[str]) -> str:
    count = len(errors)
    noun = "error" if count == 1 else "errors"
    return f"{count} validation {noun} detected: " + "; ".join(errors)


#: Shapes whose values a service leaves out of its messages although the model does not mark them sensitive,
#: by service model name. CloudWatch Logs answers a log group ARN ending in ``:*`` given as ``logGroupIdentifier``
#: with "1 validation error detected: Value at 'logGroupIdentifier' failed to satisfy constraint: Member must
#: satisfy regular expression pattern: [\w#+=/:,.@-]*" (DescribeLogStreams and GetLogEvents; moto's AWS-verified
#: test_arn_formats_log_group_and_stream and test_get_log_events_using_arn, getmoto/moto tests/test_logs/test_logs.py).
UNSHOWN_VALUES: dict[str, frozenset[str]] = {"logs": frozenset({"LogGroupIdentifier"})}


class ConstraintCompiler:
    """One constraint function per shape (or None where nothing below the shape is constrained)."""

    def __init__(self, model: ServiceModel) -> None:
        self.model = model
        self._unshown = UNSHOWN_VALUES.get(model.name, frozenset())
        self._built: dict[str, Constrain | None] = {}
        self._in_progress: set[str] = set()

    def constrain(self, shape_name: str) -> Constrain | None:
        if shape_name in self._built:
            return self._built[shape_name]
        if shape_name in self._in_progress:
            # A recursive reference: resolve at call time.
            def deferred(value: Any, path: str, errors: list[str]) -> None:
                found = self._built.get(shape_name)
                if found is not None:
                    found(value, path, errors)

            return deferred
        self._in_progress.add(shape_name)
        try:
            built = self._build(shape_name)
        finally:
            self._in_progress.discard(shape_name)
        self._built[shape_name] = built
        return built

    # -- plain values --------------------------------------------------------------------------------------------
    def violations(self, shape_name: str) -> Violations | None:
        """For a string/number/blob shape: the constraint texts a value breaks (None if unconstrained)."""
        shape = self.model.shape(shape_name)
        kind = shape["type"]
        checks: list[Callable[[Any], str | None]] = []
        low, high = shape.get("min"), shape.get("max")
        if kind == "string" and "pattern" in shape:
            compiled = self.model.pattern(shape_name)
            text = f"Member must satisfy regular expression pattern: {shape['pattern']}"
            checks.append(lambda v: text if compiled.fullmatch(v) is None else None)
        if kind in ("string", "blob", "list", "map"):
            # Order as AWS lists them: pattern, then minimum length (CloudWatch Logs: "2 validation errors
            # detected: Value '' at 'logGroupNamePrefix' ... pattern ...; Value '' ... length greater than ...").
            if low is not None:
                checks.append(
                    lambda v: None if len(v) >= low else f"Member must have length greater than or equal to {low}"
                )
            if high is not None:
                checks.append(
                    lambda v: None if len(v) <= high else f"Member must have length less than or equal to {high}"
                )
        elif kind in ("integer", "long", "float", "double"):
            if high is not None:
                checks.append(lambda v: None if v <= high else f"Member must have value less than or equal to {high}")
            if low is not None:
                checks.append(lambda v: None if v >= low else f"Member must have value greater than or equal to {low}")
        if kind == "string" and "enum" in shape:
            allowed = frozenset(shape["enum"])
            text = f"Member must satisfy enum value set: [{', '.join(shape['enum'])}]"
            checks.append(lambda v: None if v in allowed else text)
        if not checks:
            return None
        if len(checks) == 1:
            only = checks[0]

            def one(value: Any) -> list[str] | None:
                found = only(value)
                return None if found is None else [found]

            return one

        def many(value: Any) -> list[str] | None:
            found: list[str] | None = None
            for check in checks:
                text = check(value)
                if text is not None:
                    if found is None:
                        found = []
                    found.append(text)
            return found

        if kind != "string":
            return many
        # The hot case (a function name on every Invoke): one call that answers "fine" with a few comparisons,
        # and the itemised checks only when something is wrong.
        lowest = low if low is not None else 0
        highest = high if high is not None else float("inf")
        compiled_pattern = self.model.pattern(shape_name) if "pattern" in shape else None
        enum_values = frozenset(shape["enum"]) if "enum" in shape else None
        good: dict[str, None] = {}

        def string(value: Any) -> list[str] | None:
            if value in good:
                return None
            if (
                lowest <= len(value) <= highest
                and (compiled_pattern is None or compiled_pattern.fullmatch(value) is not None)
                and (enum_values is None or value in enum_values)
            ):
                if len(good) < _MATCH_CACHE_SIZE:
                    good[value] = None
                return None
            return many(value)

        return string

    def described(self, shape_name: str) -> list[str]:
        """Every constraint of a plain shape, as a bracketed member list names them: max, min, pattern, enum."""
        shape = self.model.shape(shape_name)
        kind = shape["type"]
        low, high = shape.get("min"), shape.get("max")
        texts: list[str] = []
        if kind in ("string", "blob", "list", "map"):
            if high is not None:
                texts.append(f"Member must have length less than or equal to {high}")
            if low is not None:
                texts.append(f"Member must have length greater than or equal to {low}")
        elif kind in ("integer", "long", "float", "double"):
            if high is not None:
                texts.append(f"Member must have value less than or equal to {high}")
            if low is not None:
                texts.append(f"Member must have value greater than or equal to {low}")
        if kind == "string" and "pattern" in shape:
            texts.append(f"Member must satisfy regular expression pattern: {shape['pattern']}")
        if kind == "string" and "enum" in shape:
            texts.append(f"Member must satisfy enum value set: [{', '.join(shape['enum'])}]")
        return texts

    def _build(self, shape_name: str) -> Constrain | None:
        shape = self.model.shape(shape_name)
        kind = shape["type"]
        sensitive = bool(shape.get("sensitive")) or shape_name in self._unshown
        if kind == "structure":
            return None if shape.get("document") else self._structure(shape)
        if kind == "list":
            return self._collection(shape_name, shape, sensitive, is_map=False)
        if kind == "map":
            return self._collection(shape_name, shape, sensitive, is_map=True)
        if kind in ("boolean", "timestamp"):
            return None
        found = self.violations(shape_name)
        if found is None:
            return None

        def scalar(value: Any, path: str, errors: list[str]) -> None:
            broken = found(value)
            if broken is not None:
                errors.extend(_at(value, path, sensitive, text) for text in broken)

        return scalar

    def _structure(self, shape: dict[str, Any]) -> Constrain | None:
        parts: dict[str, tuple[str, Constrain]] = {}
        for member, spec in shape.get("members", {}).items():
            if spec.get("jsonvalue"):
                continue
            check = self.constrain(spec["shape"])
            if check is not None:
                parts[member] = (lower_first(member), check)
        if not parts:
            return None
        order = {member: index for index, member in enumerate(shape.get("members", {}))}

        def structure(value: Any, path: str, errors: list[str]) -> None:
            before = len(errors)
            for member, item in value.items():
                entry = parts.get(member)
                if entry is not None:
                    entry[1](item, f"{path}.{entry[0]}" if path else entry[0], errors)
            if len(errors) - before > 1:
                # AWS lists violations in the model's member order, whatever order the caller used: redo the
                # (rare) failing case in that order.
                del errors[before:]
                for member in sorted((m for m in value if m in parts), key=order.__getitem__):
                    lowered, check = parts[member]
                    check(value[member], f"{path}.{lowered}" if path else lowered, errors)

        return structure

    def _collection(self, shape_name: str, shape: dict[str, Any], sensitive: bool, *, is_map: bool) -> Constrain | None:
        own = self.violations(shape_name)
        refs = ("key", "value") if is_map else ("member",)
        plain: dict[str, Violations] = {}
        described: dict[str, str] = {}
        nested: dict[str, Constrain] = {}
        for ref in refs:
            target = shape[ref]["shape"]
            if self.model.shape(target)["type"] in ("structure", "list", "map"):
                check = self.constrain(target)
                if check is not None:
                    nested[ref] = check
            else:
                found = self.violations(target)
                if found is not None:
                    plain[ref] = found
                    texts = self.described(target)
                    if ref == "member":
                        texts.append("Member must not be null")
                    described[ref] = ", ".join(texts)
        if own is None and not plain and not nested:
            return None
        labels = {"member": "Member", "key": "Map keys", "value": "Map value"}

        def collection(value: Any, path: str, errors: list[str]) -> None:
            if own is not None:
                for text in own(value) or ():
                    errors.append(_at(value, path, sensitive, text))
            items: list[tuple[str, Any]]
            if is_map:
                items = [("key", k) for k in value] + [("value", v) for v in value.values()]
            else:
                items = [("member", v) for v in value]
            for ref, violations in plain.items():
                if any(kind == ref and violations(item) is not None for kind, item in items):
                    errors.append(
                        _at(value, path, sensitive, f"{labels[ref]} must satisfy constraint: [{described[ref]}]")
                    )
            for ref, constrain in nested.items():
                if is_map:
                    for key, item in value.items():
                        constrain(key if ref == "key" else item, f"{path}.{key}.member", errors)
                else:
                    for index, item in enumerate(value, start=1):
                        constrain(item, f"{path}.{index}.member", errors)

        return collection


def _at(value: Any, path: str, sensitive: bool, constraint: str) -> str:
    shown = "" if sensitive else f" '{java_string(value)}'"
    return f"Value{shown} at '{path}' failed to satisfy constraint: {constraint}"
