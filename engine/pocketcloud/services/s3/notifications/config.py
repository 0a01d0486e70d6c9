"""A bucket's notification configuration, checked as S3 checks it before it stores anything.

What S3 refuses, with its words (``InvalidArgument`` and the ``ArgumentName``/``ArgumentValue`` S3 adds):

* an event type S3 does not know: "The event is not supported for notifications";
* a destination ARN that is not an ARN of the right service: "The ARN is not well formed", and one in another
  Region: "The notification destination service region is not valid for the bucket location constraint"
  (both quoted in moto's S3 exceptions, https://github.com/getmoto/moto/blob/master/moto/s3/exceptions.py);
* a filter rule other than prefix/suffix: "filter rule name must be either prefix or suffix", two of a kind:
  "Cannot specify more than one prefix rule in a filter.", a value over 1,024 bytes: "Size of filter rule value
  cannot exceed 1024 bytes in UTF-8 representation" (the messages S3-compatible stores copy from S3, e.g. MinIO);
* two configurations that could both match one event: "Notification configurations that use Filter cannot define
  filtering rules with overlapping prefixes, overlapping suffixes, or prefix and suffix overlapping" for the same
  event types; "Any existing notification configuration rule is assumed to have a default prefix and suffix that
  match any other prefix and suffix respectively" (so two rules without filters on one event type overlap).
  https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html
  Without filters S3 answers "Configurations overlap. Configurations on the same bucket cannot share a common
  event type." (ArgumentName ``Event``, ArgumentValue the two event types, as in S3's answer quoted in
  https://github.com/minio/minio/issues/2472); with filters, "Configuration is ambiguously defined. Cannot have
  overlapping suffixes in two rules if the prefixes are overlapping for the same event type."
  (https://aws.amazon.com/premiumsupport/knowledge-center/lambda-s3-event-configuration-error/).

Two prefixes overlap when one starts with the other; two suffixes when one ends with the other ("A string can end
with jpg and pg, so the suffixes are overlapping"); an absent prefix or suffix overlaps everything.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from .... import limits
from ....errors import ServiceError
from ..errors import invalid_argument, malformed_xml
from ..models import NotificationRule

#: Every event type S3 accepts in a notification configuration (botocore's ``Event`` enum, which is S3's list in
#: https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html).
EVENT_TYPES = frozenset(
    {
        "s3:ReducedRedundancyLostObject",
        "s3:ObjectCreated:*",
        "s3:ObjectCreated:Put",
        "s3:ObjectCreated:Post",
        "s3:ObjectCreated:Copy",
        "s3:ObjectCreated:CompleteMultipartUpload",
        "s3:ObjectRemoved:*",
        "s3:ObjectRemoved:Delete",
        "s3:ObjectRemoved:DeleteMarkerCreated",
        "s3:ObjectRestore:*",
        "s3:ObjectRestore:Post",
        "s3:ObjectRestore:Completed",
        "s3:ObjectRestore:Delete",
        "s3:Replication:*",
        "s3:Replication:OperationFailedReplication",
        "s3:Replication:OperationNotTracked",
        "s3:Replication:OperationMissedThreshold",
        "s3:Replication:OperationReplicatedAfterThreshold",
        "s3:LifecycleTransition",
        "s3:IntelligentTiering",
        "s3:ObjectAcl:Put",
        "s3:LifecycleExpiration:*",
        "s3:LifecycleExpiration:Delete",
        "s3:LifecycleExpiration:DeleteMarkerCreated",
        "s3:ObjectTagging:*",
        "s3:ObjectTagging:Put",
        "s3:ObjectTagging:Delete",
    }
)

#: (configuration list, ARN member, service, kind) for each destination type.
KINDS = (
    ("TopicConfigurations", "TopicArn", "sns", "Topic"),
    ("QueueConfigurations", "QueueArn", "sqs", "Queue"),
    ("LambdaFunctionConfigurations", "LambdaFunctionArn", "lambda", "Lambda"),
)

_ARNS = {
    "sns": re.compile(
        r"^arn:aws[a-z-]*:sns:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):(?P<name>[A-Za-z0-9_-]{1,256})$"
    ),
    "sqs": re.compile(r"^arn:aws[a-z-]*:sqs:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):(?P<name>[A-Za-z0-9_-]{1,80})$"),
    "lambda": re.compile(
        r"^arn:aws[a-z-]*:lambda:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):function:(?P<name>[A-Za-z0-9_-]{1,64})"
        r"(?::(?P<qualifier>\$LATEST|[A-Za-z0-9_-]+))?$"
    ),
}


def parse_arn(service: str, arn: str) -> re.Match[str] | None:
    return _ARNS[service].match(arn)


def _events_overlap(a: str, b: str) -> bool:
    if a == b:
        return True
    family_a, _, kind_a = a.rpartition(":")
    family_b, _, kind_b = b.rpartition(":")
    return family_a == family_b and "*" in (kind_a, kind_b)


def _overlap(a: str, b: str, *, suffix: bool) -> bool:
    if suffix:
        return a.endswith(b) or b.endswith(a)
    return a.startswith(b) or b.startswith(a)


def _filter_rules(config: dict[str, Any]) -> tuple[str, str, list[dict[str, str]] | None]:
    """(prefix, suffix, the rules as GetBucketNotificationConfiguration shows them)."""
    rules = ((config.get("Filter") or {}).get("Key") or {}).get("FilterRules")
    if rules is None:
        return "", "", None
    found: dict[str, str] = {}
    shown: list[dict[str, str]] = []
    for rule in rules:
        if "Name" not in rule or "Value" not in rule:
            raise malformed_xml()
        name = str(rule["Name"]).lower()
        if name not in ("prefix", "suffix"):
            raise invalid_argument("filter rule name must be either prefix or suffix", "FilterRule.Name", rule["Name"])
        if name in found:
            raise invalid_argument(f"Cannot specify more than one {name} rule in a filter.", "FilterRule.Name", name)
        value = str(rule["Value"])
        if len(value.encode("utf-8", "surrogatepass")) > limits.S3_FILTER_VALUE_MAX:
            raise invalid_argument(
                "Size of filter rule value cannot exceed 1024 bytes in UTF-8 representation", "FilterRule.Value", value
            )
        found[name] = value
        # Shown lower case, as botocore's FilterRuleName enum spells it (S3 accepts either case on input).
        shown.append({"Name": name, "Value": value})
    return found.get("prefix", ""), found.get("suffix", ""), shown


def parse(configuration: dict[str, Any], new_id: Any, region: str) -> list[NotificationRule]:
    """The rules of a NotificationConfiguration, or ServiceError for the first thing S3 would refuse.

    ``new_id()`` gives an ID for a configuration that has none ("If you don't provide one, Amazon S3 will assign
    an ID"). https://docs.aws.amazon.com/AmazonS3/latest/API/API_LambdaFunctionConfiguration.html
    """
    rules: list[NotificationRule] = []
    for list_name, arn_member, service, kind in KINDS:
        for config in configuration.get(list_name) or []:
            events = list(config.get("Events") or [])
            if not events:
                raise malformed_xml()
            for event in events:
                if event not in EVENT_TYPES:
                    raise invalid_argument("The event is not supported for notifications", "Event", event)
            arn = str(config[arn_member])
            match = parse_arn(service, arn)
            if match is None:
                raise invalid_argument("The ARN is not well formed", arn_member, arn)
            if match.group("region") != region:
                raise invalid_argument(
                    "The notification destination service region is not valid for the bucket location constraint",
                    arn_member,
                    arn,
                )
            prefix, suffix, shown = _filter_rules(config)
            rule_id = config.get("Id") or new_id()
            rules.append(NotificationRule(kind, str(rule_id), arn, tuple(dict.fromkeys(events)), prefix, suffix, shown))
    _check_overlaps(rules)
    return rules


def _check_overlaps(rules: list[NotificationRule]) -> None:
    for index, first in enumerate(rules):
        for second in rules[index + 1 :]:
            shared = [(a, b) for a in first.events for b in second.events if _events_overlap(a, b)]
            if not shared:
                continue
            if not (
                _overlap(first.prefix, second.prefix, suffix=False)
                and _overlap(first.suffix, second.suffix, suffix=True)
            ):
                continue
            if first.filter_rules is None and second.filter_rules is None:
                a, b = shared[0]
                raise invalid_argument(
                    "Configurations overlap. Configurations on the same bucket cannot share a common event type.",
                    "Event",
                    f"{a}, {b}",
                )
            raise ServiceError(
                "InvalidArgument",
                "Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes "
                "are overlapping for the same event type.",
                400,
            )


def generated_id(random_hex: str) -> str:
    """An ID S3 assigns: S3's generated IDs are base64 text (a pocketcloud model of their look)."""
    return base64.b64encode(random_hex.encode("ascii")).decode("ascii").rstrip("=")


def as_shown(rules: list[NotificationRule], eventbridge: bool = False) -> dict[str, Any]:
    """GetBucketNotificationConfiguration's answer for these rules (the lists that have entries, and
    ``EventBridgeConfiguration: {}`` when the bucket sends its events to EventBridge)."""
    result: dict[str, Any] = {}
    for list_name, arn_member, _service, kind in KINDS:
        entries = []
        for rule in rules:
            if rule.kind != kind:
                continue
            entry: dict[str, Any] = {"Id": rule.id, arn_member: rule.arn, "Events": list(rule.events)}
            if rule.filter_rules is not None:
                entry["Filter"] = {"Key": {"FilterRules": [dict(r) for r in rule.filter_rules]}}
            entries.append(entry)
        if entries:
            result[list_name] = entries
    if eventbridge:
        result["EventBridgeConfiguration"] = {}
    return result
