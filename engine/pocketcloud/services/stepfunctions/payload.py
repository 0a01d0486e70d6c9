"""JSONPath-mode input and output processing: InputPath, Parameters, ResultSelector, ResultPath, OutputPath.

The order, from the developer guide's "Processing input and output" page
(https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html):
InputPath selects part of the raw input; Parameters (a *payload template*) builds the task's input from it;
the task runs; ResultSelector builds a new result from the raw result; ResultPath places the result into the
*raw* state input (``null`` discards the result and passes the input through); OutputPath selects the output.

Payload templates: "a key-value pair where the key ends in .$ ... the value must be a path or an intrinsic
function", evaluated against the effective input (``$``), the context object (``$$``) or a variable
(``$name``); other values are copied as they are. Failures are ``States.Runtime`` with AWS's cause texts, recorded
against AWS: "The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input
'{}'" and "Invalid path '$.Payload' : No results for path: $['Payload']".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import intrinsics
from .errors import RESULT_PATH_MATCH_FAILURE, StatesError
from .intrinsics import DataRef, data_ref, to_json
from .paths import JsonPath, PathError, ResultPathError, apply_result_path, compile_path

Fail = Callable[[str], StatesError]


class Sources:
    """The three documents a path can read: the effective input, the context object and the variables."""

    __slots__ = ("context", "input", "rng", "uuid", "variables")

    def __init__(self, document: Any, context: dict[str, Any], variables: Any, rng: Any, uuid: Any) -> None:
        self.input = document
        self.context = context
        self.variables = variables  # a variables.Scope
        self.rng = rng
        self.uuid = uuid

    def document(self, ref: DataRef) -> Any:
        if ref.source == "input":
            return self.input
        if ref.source == "context":
            return self.context
        return self.variables.get(ref.name)

    def read(self, ref: DataRef) -> Any:
        return ref.path.find(self.document(ref))


@dataclass
class Field:
    """One member of a compiled payload template."""

    key: str  # output key (without ".$")
    source_key: str  # the key as written ("a.$")
    kind: str  # "const" | "path" | "intrinsic" | "template"
    value: Any


@dataclass
class PayloadTemplate:
    """A compiled payload template (Parameters, ResultSelector, ItemSelector, Assign in JSONPath states)."""

    fields: list[Field] | None  # None: the template is a non-object value, copied as is
    constant: Any = None


def compile_template(template: Any) -> PayloadTemplate:
    if not isinstance(template, dict):
        if isinstance(template, list):
            return PayloadTemplate(None, [compile_template(v) for v in template])
        return PayloadTemplate(None, template)
    fields: list[Field] = []
    for key, value in template.items():
        if key.endswith(".$") and isinstance(value, str):
            if intrinsics.is_intrinsic(value):
                fields.append(Field(key[:-2], key, "intrinsic", intrinsics.parse(value)))
            else:
                fields.append(Field(key[:-2], key, "path", data_ref(value)))
        elif isinstance(value, (dict, list)):
            fields.append(Field(key, key, "template", compile_template(value)))
        else:
            fields.append(Field(key, key, "const", value))
    return PayloadTemplate(fields)


def render(template: PayloadTemplate, sources: Sources, fail: Fail) -> Any:
    """Evaluate a payload template (see the module docstring for the error texts)."""
    if template.fields is None:
        if isinstance(template.constant, list):
            return [render(t, sources, fail) if isinstance(t, PayloadTemplate) else t for t in template.constant]
        return template.constant
    out: dict[str, Any] = {}
    for field in template.fields:
        kind = field.kind
        if kind == "const":
            out[field.key] = field.value
        elif kind == "path":
            ref: DataRef = field.value
            try:
                out[field.key] = sources.read(ref)
            except PathError:
                document = sources.document(ref)
                raise fail(
                    f"The JSONPath '{ref.text}' specified for the field '{field.source_key}' could not be found in "
                    f"the input '{to_json(document)}'"
                ) from None
        elif kind == "intrinsic":
            out[field.key] = evaluate_intrinsic(field.value, sources, fail, field.source_key)
        else:
            out[field.key] = render(field.value, sources, fail)
    return out


def evaluate_intrinsic(call: intrinsics.Call, sources: Sources, fail: Fail, key: str) -> Any:
    def read(ref: DataRef) -> Any:
        try:
            return sources.read(ref)
        except PathError:
            raise fail(
                f"The JSONPath '{ref.text}' specified for the field '{key}' could not be found in the input "
                f"'{to_json(sources.document(ref))}'"
            ) from None

    try:
        return call.evaluate(read, sources.rng, sources.uuid)
    except intrinsics.IntrinsicError as exc:
        raise fail(f"The value of the field '{key}' has an invalid format: {exc}") from None


# -- InputPath / OutputPath / ResultPath ------------------------------------------------------------------------
class Selector:
    """InputPath or OutputPath: ``None`` (the literal null) gives ``{}``; a path selects; absent means ``$``."""

    __slots__ = ("discard", "path", "ref")

    def __init__(self, spec: Any) -> None:
        self.discard = spec is None
        self.ref = None if spec is None else data_ref(spec)
        self.path: JsonPath | None = None if self.ref is None else self.ref.path

    @property
    def identity(self) -> bool:
        return self.ref is not None and self.ref.source == "input" and self.ref.path.is_root

    def apply(self, document: Any, sources: Sources, fail: Fail) -> Any:
        if self.discard:
            return {}
        ref = self.ref
        assert ref is not None
        if ref.source == "input" and ref.path.is_root:
            return document
        target = document if ref.source == "input" else sources.document(ref)
        try:
            return ref.path.find(target)
        except PathError as exc:
            raise fail(f"Invalid path '{ref.text}' : {exc}") from None


class ResultPath:
    """Where the result goes in the raw input: ``$`` (default) replaces, ``null`` discards, a path merges."""

    __slots__ = ("discard", "path", "text")

    def __init__(self, spec: Any = "$") -> None:
        self.discard = spec is None
        self.text = spec
        self.path = None if spec is None else compile_path(spec)

    def apply(self, raw_input: Any, result: Any, fail_prefix: Callable[[str], str]) -> Any:
        if self.discard:
            return raw_input
        assert self.path is not None
        if self.path.is_root:
            return result
        try:
            return apply_result_path(self.path, raw_input, result)
        except ResultPathError:
            raise StatesError(
                RESULT_PATH_MATCH_FAILURE,
                fail_prefix(f'Unable to apply ResultPath "{self.text}" to input "{to_json(raw_input)}"'),
            ) from None
