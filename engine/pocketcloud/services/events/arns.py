"""Event bus and rule ARNs, and the EventBridge errors that name them.

A bus is ``arn:<partition>:events:<region>:<account>:event-bus/<name>``; a rule on the default bus is
``...:rule/<rule name>`` and a rule on a custom bus ``...:rule/<bus name>/<rule name>`` (the ARN AWS returns for
a rule on a custom bus, as recorded in LocalStack's AWS-validated snapshots, ``test_events_inputs.snapshot.json``).
https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html#amazoneventbridge-resources-for-iam-policies
Parameters typed ``EventBusNameOrArn`` take either form.

The "does not exist" messages are AWS's (quoted by moto and LocalStack, and in the field: "Rule guardduty_severity_
rule does not exist on EventBus default.", "Event bus nope does not exist.").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...errors import ServiceError

if TYPE_CHECKING:
    from ...cloud import Cloud

DEFAULT_BUS = "default"


def bus_arn(cloud: Cloud, name: str) -> str:
    """The ARN of the bus ``name`` in the cloud's partition, Region and account."""
    return f"arn:{cloud.partition}:events:{cloud.region}:{cloud.account_id}:event-bus/{name}"


def rule_arn(cloud: Cloud, bus: str, name: str) -> str:
    base = f"arn:{cloud.partition}:events:{cloud.region}:{cloud.account_id}:rule/"
    return base + (name if bus == DEFAULT_BUS else f"{bus}/{name}")


def bus_name(name_or_arn: str | None) -> str:
    """The bus a parameter names (``default`` when it is omitted)."""
    if not name_or_arn:
        return DEFAULT_BUS
    if name_or_arn.startswith("arn:") and ":event-bus/" in name_or_arn:
        return name_or_arn.split(":event-bus/", 1)[1]
    return name_or_arn


def arn_parts(arn: str) -> tuple[str, str, str, str] | None:
    """``(service, region, account, resource)`` of an ARN, or None for text that is not one."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or not parts[1].startswith("aws"):
        return None
    return parts[2], parts[3], parts[4], parts[5]


def bus_not_found(name: str) -> ServiceError:
    return ServiceError("ResourceNotFoundException", f"Event bus {name} does not exist.")


def rule_not_found(name: str, bus: str) -> ServiceError:
    return ServiceError("ResourceNotFoundException", f"Rule {name} does not exist on EventBus {bus}.")


def validation(message: str) -> ServiceError:
    return ServiceError("ValidationException", message)
