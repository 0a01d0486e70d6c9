"""Key schemas, indexes, billing modes and stream settings: what CreateTable (and UpdateTable) accept.

A table's primary key is a partition key (``HASH``) and optionally a sort key (``RANGE``), each a top-level
attribute of type S, N or B declared in ``AttributeDefinitions``; every declared attribute must be used by the key
schema of the table or of one of its indexes
(https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html). The messages are
DynamoDB's, as dynalite recorded them against the real service (``test/createTable.js``) and the
nubo-db/dynamodb-conformance suite re-captured them (``tests/tier3/error-messages/createTable.test.ts``). Billing:
``PROVISIONED`` (the default) needs ``ProvisionedThroughput``; ``PAY_PER_REQUEST`` refuses it ("Neither
ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST", LocalStack's
snapshot of AWS's answer); the same holds for each global secondary index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ... import limits
from ...errors import ServiceError

INVALID = "One or more parameter values were invalid: "
_NAME = re.compile(r"[a-zA-Z0-9_.-]+")
_TABLE_ARN = re.compile(r"arn:aws[a-zA-Z-]*:dynamodb:(?P<region>[^:]*):(?P<account>\d{12}):table/(?P<name>[^/]+)")
#: "Given value 1000000000001 for ReadCapacityUnits is out of bounds" (dynalite's capture).
_MAX_CAPACITY = 1_000_000_000_000


def invalid(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)


@dataclass(frozen=True)
class KeySpec:
    """A key schema: partition key name and type, optional sort key name and type."""

    hash_name: str
    hash_type: str
    range_name: str | None = None
    range_type: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.hash_name,) if self.range_name is None else (self.hash_name, self.range_name)

    def types(self) -> dict[str, str]:
        found = {self.hash_name: self.hash_type}
        if self.range_name is not None and self.range_type is not None:
            found[self.range_name] = self.range_type
        return found

    def describe(self) -> list[dict[str, str]]:
        schema = [{"AttributeName": self.hash_name, "KeyType": "HASH"}]
        if self.range_name is not None:
            schema.append({"AttributeName": self.range_name, "KeyType": "RANGE"})
        return schema


@dataclass
class IndexSpec:
    """A secondary index as declared: ``kind`` is "GSI" or "LSI"."""

    name: str
    kind: str
    key: KeySpec
    projection_type: str
    non_key: tuple[str, ...] = ()
    throughput: tuple[int, int] | None = None

    def describe_projection(self) -> dict[str, Any]:
        projection: dict[str, Any] = {"ProjectionType": self.projection_type}
        if self.non_key:
            projection["NonKeyAttributes"] = list(self.non_key)
        return projection


@dataclass
class TableSpec:
    """Everything CreateTable decided about a new table."""

    name: str
    key: KeySpec
    definitions: dict[str, str]
    billing_mode: str
    throughput: tuple[int, int] | None
    indexes: list[IndexSpec] = field(default_factory=list)
    stream_view_type: str | None = None
    table_class: str | None = None
    deletion_protection: bool = False


def table_name(value: str, region: str, account: str) -> str:
    """The table a ``TableName`` parameter names: a name (3-255 characters of ``[a-zA-Z0-9_.-]``) or the table's
    ARN ("You can also provide the Amazon Resource Name (ARN) of the table in this parameter").

    Returns "" for an ARN of another account or Region, which names no table here.
    """
    match = _TABLE_ARN.fullmatch(value)
    if match is not None:
        if match.group("region") != region or match.group("account") != account:
            return ""
        value = match.group("name")
    problems = []
    if not _NAME.fullmatch(value):
        problems.append(
            f"Value '{value}' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression "
            "pattern: [a-zA-Z0-9_.-]+"
        )
    if len(value) < 3:
        problems.append(
            f"Value '{value}' at 'tableName' failed to satisfy constraint: Member must have length greater than or "
            "equal to 3"
        )
    elif len(value) > 255:
        problems.append(
            f"Value '{value}' at 'tableName' failed to satisfy constraint: Member must have length less than or "
            "equal to 255"
        )
    if problems:
        noun = "error" if len(problems) == 1 else "errors"
        raise invalid(f"{len(problems)} validation {noun} detected: " + "; ".join(problems))
    return value


def _key_schema(elements: list[dict[str, Any]], definitions: dict[str, str], index: str | None = None) -> KeySpec:
    if len(elements) > len(definitions):
        raise invalid("Invalid KeySchema: Some index key attribute have no definition")
    names = [element["AttributeName"] for element in elements]
    missing = [name for name in names if name not in definitions]
    if missing:
        raise invalid(
            INVALID + f"Some index key attributes are not defined in AttributeDefinitions. Keys: [{', '.join(names)}], "
            f"AttributeDefinitions: [{', '.join(definitions)}]"
        )
    if len(names) == 2 and names[0] == names[1]:
        raise invalid("Both the Hash Key and the Range Key element in the KeySchema have the same name")
    if elements[0]["KeyType"] != "HASH":
        raise invalid("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
    if len(elements) == 2 and elements[1]["KeyType"] != "RANGE":
        raise invalid("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
    if len(elements) == 2:
        return KeySpec(names[0], definitions[names[0]], names[1], definitions[names[1]])
    return KeySpec(names[0], definitions[names[0]])


def _projection(projection: dict[str, Any], name: str) -> tuple[str, tuple[str, ...]]:
    kind = projection.get("ProjectionType")
    non_key = tuple(projection.get("NonKeyAttributes") or ())
    if kind is None:
        raise invalid(INVALID + "Unknown ProjectionType: null")
    if kind in ("ALL", "KEYS_ONLY") and "NonKeyAttributes" in projection:
        raise invalid(INVALID + f"ProjectionType is {kind}, but NonKeyAttributes is specified")
    if kind == "INCLUDE" and not non_key:
        raise invalid(INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified")
    seen: set[str] = set()
    for attribute in non_key:
        if attribute in seen:
            raise invalid(INVALID + f"Duplicate element in NonKeyAttributes: {attribute}")
        seen.add(attribute)
    return kind, non_key


def capacity_units(value: dict[str, Any] | None) -> tuple[int, int] | None:
    if value is None:
        return None
    read, write = value["ReadCapacityUnits"], value["WriteCapacityUnits"]
    for units, label in ((read, "ReadCapacityUnits"), (write, "WriteCapacityUnits")):
        if units > _MAX_CAPACITY:
            raise invalid(f"Given value {units} for {label} is out of bounds")
    return int(read), int(write)


def index_spec(
    raw: dict[str, Any], kind: str, table: KeySpec, definitions: dict[str, str], billing: str, creating: bool = True
) -> IndexSpec:
    """One GlobalSecondaryIndex / LocalSecondaryIndex of a request, checked against the table."""
    name = raw["IndexName"]
    elements = list(raw["KeySchema"])
    if kind == "LSI":
        key = _key_schema(elements, definitions)
        if key.range_name is None:
            raise invalid(INVALID + f"Index KeySchema does not have a range key for index: {name}")
        if key.hash_name != table.hash_name:
            raise invalid(
                INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                f"{name}. index hash key: {key.hash_name}, table hash key: {table.hash_name}"
            )
    else:
        key = _key_schema(elements, definitions)
    projection_type, non_key = _projection(dict(raw["Projection"]), name)
    throughput = None
    if kind == "GSI":
        given = raw.get("ProvisionedThroughput")
        if billing == "PAY_PER_REQUEST" and given is not None:
            raise invalid(
                INVALID + f"ProvisionedThroughput should not be specified for index: {name} when BillingMode is "
                "PAY_PER_REQUEST"
            )
        if billing == "PROVISIONED":
            if given is None:
                wording = "is not specified" if creating else "must be specified"
                raise invalid(INVALID + f"ProvisionedThroughput {wording} for index: {name}")
            throughput = capacity_units(given)
    return IndexSpec(name, kind, key, projection_type, non_key, throughput)


def _billing(params: dict[str, Any]) -> tuple[str, tuple[int, int] | None]:
    mode = params.get("BillingMode", "PROVISIONED")
    given = params.get("ProvisionedThroughput")
    if mode == "PAY_PER_REQUEST":
        if given is not None:
            raise invalid(
                INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
                "PAY_PER_REQUEST"
            )
        return mode, None
    if given is None:
        raise invalid(
            INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"
        )
    return mode, capacity_units(given)


def stream_view_type(spec: dict[str, Any] | None, creating: bool = True) -> str | None:
    """The StreamViewType a StreamSpecification turns on, or None for no stream.

    AWS's words (the ack-api-quirks catalogue of DynamoDB's ValidationException texts, from live probes,
    2026-10): "Table is being created with a stream enabled, UpdateViewType is required" on CreateTable, "If
    stream is being enabled then UpdateViewType is required" on UpdateTable, and the same pair for a view type
    given with ``StreamEnabled: false``.
    """
    if spec is None:
        return None
    view = spec.get("StreamViewType")
    if spec["StreamEnabled"]:
        if view is None:
            raise invalid(
                INVALID
                + (
                    "Table is being created with a stream enabled, UpdateViewType is required"
                    if creating
                    else "If stream is being enabled then UpdateViewType is required"
                )
            )
        return str(view)
    if view is not None:
        raise invalid(
            INVALID
            + (
                "Table is being created with a stream disabled, UpdateViewType should not be specified"
                if creating
                else "If stream is being disabled, then UpdateViewType must not be specified"
            )
        )
    return None


def _null(fields: list[str]) -> ServiceError:
    problems = [f"Value null at '{name}' failed to satisfy constraint: Member must not be null" for name in fields]
    noun = "error" if len(problems) == 1 else "errors"
    return invalid(f"{len(problems)} validation {noun} detected: " + "; ".join(problems))


def create_spec(params: dict[str, Any], name: str) -> TableSpec:
    """Check a CreateTable request (all of it, before anything is created)."""
    missing = [field for field, key in (("attributeDefinitions", "AttributeDefinitions"), ("keySchema", "KeySchema"))
               if params.get(key) is None]  # fmt: skip
    if missing:
        raise _null(missing)
    definitions: dict[str, str] = {}
    for definition in params["AttributeDefinitions"]:
        if definition["AttributeName"] in definitions:
            raise invalid(f"Attribute Name is duplicated: {definition['AttributeName']}")
        definitions[definition["AttributeName"]] = definition["AttributeType"]
    key = _key_schema(list(params["KeySchema"]), definitions)
    mode, throughput = _billing(params)
    indexes: list[IndexSpec] = []
    for member, kind, maximum in (
        ("LocalSecondaryIndexes", "LSI", limits.DYNAMODB_MAX_LSIS),
        ("GlobalSecondaryIndexes", "GSI", limits.DYNAMODB_MAX_GSIS),
    ):
        raw = params.get(member)
        if raw is None:
            continue
        if not raw:
            raise invalid(INVALID + f"List of {member} is empty")
        if kind == "LSI" and key.range_name is None:
            raise invalid(
                INVALID + "Table KeySchema does not have a range key, which is required when specifying a "
                "LocalSecondaryIndex"
            )
        for item in raw:
            spec = index_spec(dict(item), kind, key, definitions, mode)
            if any(existing.name == spec.name for existing in indexes):
                raise invalid(INVALID + f"Duplicate index name: {spec.name}")
            indexes.append(spec)
        if len(raw) > maximum:
            if kind == "LSI":
                raise invalid(INVALID + f"Number of LocalSecondaryIndexes exceeds per-table limit of {maximum}")
            raise invalid(INVALID + f"GlobalSecondaryIndex count exceeds the per-table limit of {maximum}")
    projected = sum(len(index.non_key) for index in indexes)
    if projected > limits.DYNAMODB_MAX_PROJECTED_ATTRIBUTES:
        # pocketcloud's wording: the limit is documented, AWS's message for it was not found.
        raise invalid(
            INVALID + f"Number of projected attributes in all indexes exceeds limit of "
            f"{limits.DYNAMODB_MAX_PROJECTED_ATTRIBUTES}, number of projected attributes: {projected}"
        )
    used = set(key.names)
    for index in indexes:
        used.update(index.key.names)
    if used != set(definitions):
        raise invalid(
            INVALID + "Number of attributes in KeySchema does not exactly match number of attributes defined in "
            "AttributeDefinitions"
        )
    return TableSpec(
        name=name,
        key=key,
        definitions=definitions,
        billing_mode=mode,
        throughput=throughput,
        indexes=indexes,
        stream_view_type=stream_view_type(params.get("StreamSpecification")),
        table_class=params.get("TableClass"),
        deletion_protection=bool(params.get("DeletionProtectionEnabled", False)),
    )
