"""What a target receives: the event, a constant ``Input``, the part ``InputPath`` selects, or an ``InputTransformer``
template filled in from the event.

"You can define up to 100 variables, assigning each a value from the input. Then you can use those variables in
the Input Template as <variable-name>." Paths are the JSON path subset EventBridge supports: "dot notation (for
example, $.detail), dashes, underscores, alphanumeric characters, array indices, wildcards (*)".
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html

Predefined variables (reserved names): ``aws.events.rule-arn``, ``aws.events.rule-name``,
``aws.events.event.ingestion-time`` ("The time at which the event was received by EventBridge. This is an ISO 8601
timestamp"), ``aws.events.event`` ("The original event payload as JSON (without the detail field). Can only be
used as a value for a JSON field, as its contents are not escaped") and ``aws.events.event.json`` (the whole event,
with ``detail``). AWS's ``aws.events.event`` spells ``detail-type`` as ``detailType`` and puts its members in the
order id, account, detailType, time, source, region, resources, version (recorded against AWS in LocalStack's
``test_events_inputs.snapshot.json``); pocketcloud does the same.

The quoting rules, as the guide's "Common issues with transforming input" states them and as AWS answers (same
snapshots):

* A template that is a JSON object is filled in as JSON: a string value placed outside a JSON string gets quotes
  ("EventBridge automatically adds them to string variable values during transformation"), numbers, booleans,
  objects and arrays go in as JSON; inside a JSON string a value goes in as it is ("EventBridge doesn't escape
  values extracted by Input Path"), and an object or array loses its internal quotes ("Detail is {key1:
  value1}").
* Any other template (``"<instance> is in state <status>"``) is text: every value goes in as it is and the result,
  quotes included, is what the target gets (AWS delivered ``"Event of ... type"`` with its quotes to an SQS queue).
* A path that finds nothing gives an empty string: ``"command": <command>`` became ``"command": ""`` on AWS.
* An ``InputPath`` selecting a string delivers it as JSON (``"baz"``, quotes included).

PutTargets refuses a placeholder that is neither in ``InputPathsMap`` nor predefined ("InputTemplate for target
<id> contains invalid placeholder <name>.", AWS's words in the same snapshots) and ``<aws.events.event>`` /
``<aws.events.event.json>`` outside a JSON object template ("InputTemplate for target t1 contains placeholder
aws.events.event.json valid only for JSON template.", a PutTargets measurement of 2026-09-07 in a public
repository). "There is no validation when creating JSON path for your template": a path that cannot match (or
cannot be read) simply finds nothing. An ``InputPath`` that finds nothing delivers nothing (a pocketcloud model:
the attempt is recorded with that reason).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .arns import validation

PREDEFINED_TEXT = ("aws.events.rule-arn", "aws.events.rule-name", "aws.events.event.ingestion-time")
PREDEFINED_JSON = ("aws.events.event", "aws.events.event.json")
_PLACEHOLDER = re.compile(r"<([A-Za-z0-9_.\-/]+)>")
_SEGMENT = re.compile(r"\.([A-Za-z0-9_\-/]+|\*)|\[(\d+|\*)\]")
_MISSING = object()


# -- JSON paths ----------------------------------------------------------------------------------------------


def compile_path(path: str) -> list[str | int] | None:
    """The steps of a supported path (``"*"`` a wildcard), or None for one EventBridge could not read."""
    if not path.startswith("$"):
        return None
    steps: list[str | int] = []
    position = 1
    while position < len(path):
        match = _SEGMENT.match(path, position)
        if match is None:
            return None
        name, index = match.group(1), match.group(2)
        steps.append(name if name is not None else ("*" if index == "*" else int(index)))
        position = match.end()
    return steps


def select(document: Any, steps: list[str | int] | None) -> Any:
    """The value a path selects (a list when it has a wildcard), or ``_MISSING``."""
    if steps is None:
        return _MISSING
    values = [document]
    wildcard = False
    for step in steps:
        found: list[Any] = []
        for value in values:
            if step == "*":
                wildcard = True
                if isinstance(value, dict):
                    found.extend(value.values())
                elif isinstance(value, list):
                    found.extend(value)
            elif isinstance(step, int):
                if isinstance(value, list) and step < len(value):
                    found.append(value[step])
            elif isinstance(value, dict) and step in value:
                found.append(value[step])
        values = found
    if wildcard:
        return values if values else _MISSING
    return values[0] if values else _MISSING


# -- templates -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    name: str
    in_string: bool


@dataclass(frozen=True)
class Transformer:
    """A checked InputTransformer: the template cut into text and placeholders, and the compiled paths."""

    pieces: tuple[str | _Slot, ...]
    paths: dict[str, list[str | int] | None]
    json_template: bool

    def render(self, event: dict[str, Any], rule_arn: str, rule_name: str, ingestion_time: str) -> str:
        values: dict[str, Any] = {name: select(event, steps) for name, steps in self.paths.items()}
        values["aws.events.rule-arn"] = rule_arn
        values["aws.events.rule-name"] = rule_name
        values["aws.events.event.ingestion-time"] = ingestion_time
        out: list[str] = []
        for piece in self.pieces:
            if isinstance(piece, str):
                out.append(piece)
            elif piece.name == "aws.events.event":
                out.append(json.dumps(_event_without_detail(event, ingestion_time), separators=(",", ":")))
            elif piece.name == "aws.events.event.json":
                out.append(json.dumps(event, separators=(",", ":")))
            else:
                out.append(_fill(values[piece.name], quoted=self.json_template and not piece.in_string))
        return "".join(out)


def _event_without_detail(event: dict[str, Any], ingestion_time: str) -> dict[str, Any]:
    keys = ("id", "account", "detailType", "time", "source", "region", "resources", "version")
    source = dict(event, detailType=event.get("detail-type"), time=ingestion_time)
    return {key: source[key] for key in keys if key in source}


def _fill(value: Any, *, quoted: bool) -> str:
    if value is _MISSING:
        return '""' if quoted else ""
    if isinstance(value, str):
        return json.dumps(value) if quoted else value
    text = json.dumps(value, separators=(",", ":"))
    if isinstance(value, (dict, list)) and not quoted:
        return text.replace('"', "")
    return text


def _string_mask(template: str) -> list[bool]:
    """For each character of a JSON-ish template, whether it sits inside a JSON string."""
    mask: list[bool] = []
    inside = escaped = False
    for char in template:
        mask.append(inside)
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            inside = not inside
    return mask


def compile_transformer(target_id: str, transformer: dict[str, Any]) -> Transformer:
    """Check an InputTransformer as PutTargets does; ValidationException with AWS's words otherwise."""
    template = str(transformer["InputTemplate"])
    paths_map = dict(transformer.get("InputPathsMap") or {})
    json_template = template.lstrip().startswith("{")
    mask = _string_mask(template)
    pieces: list[str | _Slot] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        name = match.group(1)
        in_string = mask[match.start()]
        if name in PREDEFINED_JSON:
            if not json_template or in_string:
                raise validation(
                    f"InputTemplate for target {target_id} contains placeholder {name} valid only for JSON template."
                )
        elif name not in paths_map and name not in PREDEFINED_TEXT:
            raise validation(f"InputTemplate for target {target_id} contains invalid placeholder {name}.")
        pieces.append(template[position : match.start()])
        pieces.append(_Slot(name, in_string))
        position = match.end()
    pieces.append(template[position:])
    paths = {name: compile_path(str(path)) for name, path in paths_map.items()}
    return Transformer(tuple(p for p in pieces if p != ""), paths, json_template)


def input_path_text(event: dict[str, Any], path: str) -> str | None:
    """What ``InputPath`` delivers: the selected part as JSON text, or None when it selects nothing."""
    value = select(event, compile_path(path))
    if value is _MISSING:
        return None
    return json.dumps(value, separators=(",", ":"))
