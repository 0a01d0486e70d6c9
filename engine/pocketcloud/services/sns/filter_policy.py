"""Subscription filter policies: checked when set, evaluated for every message published.

A policy is a JSON object. Each key names a message attribute (``FilterPolicyScope`` ``MessageAttributes``, the
default) or a property of the JSON message body (``MessageBody``, where keys may nest); its value is an array of
conditions, any of which may match; every key must match (and ``"$or": [policy, policy, ...]`` makes
alternatives). Conditions, from the SNS developer guide (checked 2026-12-02):

* a string or number: exact matching (case-sensitive); ``null`` (payload only) matches a JSON null;
* ``{"anything-but": value | [values] | {"prefix": "..."}}``; for a String.Array, when no element is listed;
* ``{"prefix": "..."}``, ``{"suffix": "..."}``, ``{"equals-ignore-case": "..."}``;
* ``{"numeric": ["=", 5]}`` / ``[">", 0, "<=", 100]``: compared with Number attributes and JSON numbers;
* ``{"exists": true | false}``: whether the attribute (or property) is present;
* ``{"cidr": "10.0.0.0/24"}``: the value is an IP address inside the block.

https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
https://docs.aws.amazon.com/sns/latest/dg/string-value-matching.html
https://docs.aws.amazon.com/sns/latest/dg/numeric-value-matching.html
https://docs.aws.amazon.com/sns/latest/dg/attribute-key-matching.html
https://docs.aws.amazon.com/sns/latest/dg/and-or-logic.html
https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html

Constraints: at most 5 keys, at most 150 combinations (the product of the number of values in each array,
times the nesting depth of each key for payload policies), no empty arrays, no nesting for attribute policies.
The error texts are AWS's as recorded in LocalStack's SNS filter validator (``FilterPolicyValidator``), which is
tested against AWS: e.g. "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys", with
"Invalid parameter: Attributes Reason: " in front when the policy came with Subscribe.
"""

from __future__ import annotations

import ipaddress
import json
from typing import Any

from ... import jsondoc, limits
from ...errors import ServiceError

_NUMERIC_OPERATORS = ("<", "<=", "=", ">", ">=")
_STRING_OPERATORS = ("equals-ignore-case", "prefix", "suffix")


class PolicyError(ServiceError):
    def __init__(self, prefix: str, text: str) -> None:
        super().__init__("InvalidParameter", f"{prefix}FilterPolicy: {text}")


def parse(raw: str, scope: str, *, subscribe: bool) -> dict[str, Any] | None:
    """The checked policy (None for ``""``, which removes it), or InvalidParameter in AWS's words."""
    prefix = "Invalid parameter: Attributes Reason: " if subscribe else "Invalid parameter: "
    if raw == "":
        return None
    if len(raw.encode("utf-8")) > limits.SNS_FILTER_POLICY_MAX_BYTES:
        raise PolicyError(prefix, "Filter policy is too big")
    try:
        policy = jsondoc.loads(raw)
    except jsondoc.JSONDocumentError:
        raise PolicyError(prefix, "failed to parse JSON.") from None
    if not isinstance(policy, dict):
        raise PolicyError(prefix, "Filter policy must be a JSON object")
    Validator(prefix, scope).validate(policy)
    return policy


class Validator:
    def __init__(self, prefix: str, scope: str) -> None:
        self.prefix = prefix
        self.scope = scope

    def fail(self, text: str) -> PolicyError:
        return PolicyError(self.prefix, text)

    def validate(self, policy: dict[str, Any]) -> None:
        if len(policy) > limits.SNS_FILTER_POLICY_MAX_KEYS:
            raise self.fail("Filter policy can not have more than 5 keys")
        rules, combinations = self._walk(policy, 1, 1)
        if combinations > limits.SNS_FILTER_POLICY_MAX_COMBINATIONS:
            raise self.fail("Filter policy is too complex")
        for values in rules:
            for rule in values:
                self._rule(rule)

    def _walk(self, policy: dict[str, Any], depth: int, combinations: int) -> tuple[list[list[Any]], int]:
        rules: list[list[Any]] = []
        for key, value in policy.items():
            if key == "$or" and isinstance(value, list):
                if not value:
                    raise self.fail("Empty arrays are not allowed")
                total = 0
                for branch in value:
                    if not isinstance(branch, dict):
                        raise self.fail(f'"{key}" must be an object or an array')
                    sub_rules, sub_combinations = self._walk(branch, depth, combinations)
                    rules.extend(sub_rules)
                    total += sub_combinations
                combinations = total
            elif isinstance(value, dict):
                if self.scope == "MessageAttributes":
                    raise self.fail_scope()
                sub_rules, combinations = self._walk(value, depth + 1, combinations)
                rules.extend(sub_rules)
            elif isinstance(value, list):
                if not value:
                    raise self.fail("Empty arrays are not allowed")
                rules.append(value)
                combinations = combinations * len(value) * depth
            else:
                raise self.fail(f'"{key}" must be an object or an array')
        return rules, combinations

    def fail_scope(self) -> ServiceError:
        text = "Filter policy scope MessageAttributes does not support nested filter policy"
        return ServiceError("InvalidParameter", f"{self.prefix}{text}")

    def _rule(self, rule: Any) -> None:
        if rule is None or isinstance(rule, (str, bool, int, float)):
            return
        if not isinstance(rule, dict):
            raise self.fail("Match value must be String, number, true, false, or null")
        if len(rule) != 1:
            raise self.fail("Only one key allowed in match expression")
        operator, value = next(iter(rule.items()))
        if operator in _STRING_OPERATORS:
            if not isinstance(value, str):
                raise self.fail(f"{operator} match pattern must be a string")
        elif operator == "anything-but":
            if isinstance(value, list):
                for item in value:
                    if not isinstance(item, (str, int, float)) or isinstance(item, bool):
                        raise self.fail("Inside anything but list, start|null|boolean is not supported.")
            elif isinstance(value, dict):
                for inner, text in value.items():
                    if inner != "prefix":
                        raise self.fail(f"Unsupported anything-but pattern: {inner}")
                    if not isinstance(text, str):
                        raise self.fail("prefix match pattern must be a string")
            elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
                raise self.fail("Value of anything-but must be an array or single string/number value.")
        elif operator == "exists":
            if not isinstance(value, bool):
                raise self.fail("exists match pattern must be either true or false.")
        elif operator == "numeric":
            self._numeric(value)
        elif operator == "cidr":
            self._cidr(value)
        else:
            raise self.fail(f"Unrecognized match type {operator}")

    def _numeric(self, value: Any) -> None:
        if not isinstance(value, list) or not value:
            raise self.fail("Invalid member in numeric match: ]")
        items = list(value)
        operator = items.pop(0)
        if not isinstance(operator, str):
            raise self.fail(f"Invalid member in numeric match: {operator}")
        if operator not in _NUMERIC_OPERATORS:
            raise self.fail(f"Unrecognized numeric range operator: {operator}")
        number = items.pop(0) if items else None
        if not _is_number(number):
            raise self.fail(f"Value of {'equals' if operator == '=' else operator} must be numeric")
        if not items:
            return
        if operator not in (">", ">="):
            raise self.fail("Too many elements in numeric expression")
        second = items.pop(0)
        if not isinstance(second, str):
            raise self.fail(f"Bad value in numeric range: {second}")
        if second not in ("<", "<="):
            raise self.fail(f"Bad numeric range operator: {second}")
        top = items.pop(0) if items else None
        if not _is_number(top):
            raise self.fail(f"Value of {second} must be numeric")
        if top <= number:  # type: ignore[operator]
            raise self.fail("Bottom must be less than top")
        if items:
            raise self.fail("Too many terms in numeric range expression")

    def _cidr(self, value: Any) -> None:
        if not isinstance(value, str):
            raise self.fail("prefix match pattern must be a string")
        parts = value.split("/")
        if len(parts) != 2:
            raise self.fail("Malformed CIDR, one '/' required")
        if not parts[1].isdigit():
            raise self.fail("Malformed CIDR, mask bits must be an integer")
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise self.fail(f"Nonstandard IP address: {parts[0]}") from None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# -- evaluation ---------------------------------------------------------------------------------------------------

_MISSING = object()


def _condition(condition: Any, value: Any) -> bool:
    """One condition against one present value (a str or a number; str for attributes of type String)."""
    if not isinstance(condition, dict):
        if condition is None:
            return value is None
        if isinstance(condition, bool) or isinstance(value, bool):
            return condition is value
        if _is_number(condition):
            return _is_number(value) and float(value) == float(condition)
        return isinstance(value, str) and value == condition
    operator, operand = next(iter(condition.items()))
    if operator == "exists":
        return bool(operand)
    if operator == "anything-but":
        if isinstance(operand, dict):
            return isinstance(value, str) and not value.startswith(operand["prefix"])
        options = operand if isinstance(operand, list) else [operand]
        return not any(_condition(option, value) for option in options)
    if operator == "prefix":
        return isinstance(value, str) and value.startswith(operand)
    if operator == "suffix":
        return isinstance(value, str) and value.endswith(operand)
    if operator == "equals-ignore-case":
        return isinstance(value, str) and value.lower() == operand.lower()
    if operator == "numeric":
        if not _is_number(value):
            return False
        number = float(value)
        for index in range(0, len(operand), 2):
            op, bound = operand[index], float(operand[index + 1])
            if not (
                (op == "=" and number == bound)
                or (op == "<" and number < bound)
                or (op == "<=" and number <= bound)
                or (op == ">" and number > bound)
                or (op == ">=" and number >= bound)
            ):
                return False
        return True
    if operator == "cidr":
        try:
            return isinstance(value, str) and ipaddress.ip_address(value) in ipaddress.ip_network(operand, strict=False)
        except ValueError:
            return False
    return False


def _values_match(conditions: list[Any], values: list[Any] | object) -> bool:
    """Whether any condition holds for the key: ``values`` are its values, or _MISSING."""
    if values is _MISSING:
        return any(isinstance(c, dict) and c.get("exists") is False for c in conditions)
    assert isinstance(values, list)
    for condition in conditions:
        if isinstance(condition, dict) and "exists" in condition:
            if condition["exists"]:
                return True
            continue
        if isinstance(condition, dict) and "anything-but" in condition and len(values) > 1:
            if all(_condition(condition, v) for v in values):
                return True
            continue
        if any(_condition(condition, v) for v in values):
            return True
    return False


def _attribute_values(attribute: dict[str, Any] | None) -> list[Any] | object:
    """The values a message attribute offers to a policy: Strings as str, Numbers as numbers, each element
    of a String.Array; Binary attributes offer none (only ``exists`` sees them)."""
    if attribute is None:
        return _MISSING
    data_type = attribute["DataType"]
    text = attribute.get("StringValue")
    if data_type.startswith("Binary") or text is None:
        return []
    if data_type.startswith("Number"):
        try:
            return [float(text)]
        except ValueError:
            return []
    if data_type == "String.Array":
        try:
            items = json.loads(text)
        except ValueError:
            return []
        return [i for i in items if isinstance(i, (str, int, float)) or i is None] if isinstance(items, list) else []
    return [text]


def matches_attributes(policy: dict[str, Any], attributes: dict[str, dict[str, Any]]) -> bool:
    for key, conditions in policy.items():
        if key == "$or":
            if not any(matches_attributes(branch, attributes) for branch in conditions):
                return False
        elif not _values_match(conditions, _attribute_values(attributes.get(key))):
            return False
    return True


def _body_values(node: Any, key: str) -> list[Any] | object:
    """The values under ``key`` of a JSON object node, or of every object in a list node."""
    nodes = node if isinstance(node, list) else [node]
    found: list[Any] = []
    present = False
    for item in nodes:
        if isinstance(item, dict) and key in item:
            present = True
            value = item[key]
            found.extend(value if isinstance(value, list) else [value])
    return found if present else _MISSING


def matches_body(policy: dict[str, Any], node: Any) -> bool:
    """Payload-based filtering: "the message payload is a well-formed JSON object" and keys may nest."""
    for key, conditions in policy.items():
        if key == "$or":
            if not any(matches_body(branch, node) for branch in conditions):
                return False
            continue
        values = _body_values(node, key)
        if isinstance(conditions, dict):
            if values is _MISSING or not matches_body(conditions, values):
                return False
        elif not _values_match(conditions, values):
            return False
    return True


def matches(policy: dict[str, Any] | None, scope: str, body: str, attributes: dict[str, dict[str, Any]]) -> bool:
    """Whether a message passes a subscription's filter policy (no policy: every message does)."""
    if policy is None:
        return True
    if scope == "MessageBody":
        try:
            document = json.loads(body)
        except ValueError:
            return False
        return isinstance(document, dict) and matches_body(policy, document)
    return matches_attributes(policy, attributes)
