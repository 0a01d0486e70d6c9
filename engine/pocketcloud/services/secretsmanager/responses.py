"""A secret's metadata as DescribeSecret and ListSecrets return it: only fields that have a value.

"Secrets Manager only returns fields that have a value in the response"
(https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html), so a learner's code
that reads ``response["Description"]`` fails here exactly where it would fail against AWS. Timestamps are aware
``datetime`` objects, as boto3 returns them.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ...timeutil import to_datetime
from .models import Secret

_RATE_DAYS = re.compile(r"^\s*rate\((\d+) days?\)\s*$")


def day(t: float) -> datetime:
    """LastAccessedDate is a date: "the resolution of this field is at the date level and does not include the
    time" (API_SecretVersionsListEntry; DescribeSecret's field is "The date that the secret was last accessed")."""
    return to_datetime(t).replace(hour=0, minute=0, second=0, microsecond=0)


def rotation_fields(secret: Secret) -> dict[str, Any]:
    """RotationEnabled (omitted until rotation was first configured: "If the secret has never been configured for
    rotation, Secrets Manager returns null"), RotationLambdaARN and RotationRules (kept after CancelRotateSecret),
    LastRotatedDate and NextRotationDate (null "If the secret isn't configured for rotation or rotation has been
    disabled"). In RotationRules "AutomaticallyAfterDays ... is calculated from the rotation schedule", so a
    ``rate(N days)`` schedule also shows ``AutomaticallyAfterDays: N``.
    https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html"""
    entry: dict[str, Any] = {}
    if secret.rotation_enabled is None:
        return entry
    entry["RotationEnabled"] = secret.rotation_enabled
    if secret.rotation_lambda_arn is not None:
        entry["RotationLambdaARN"] = secret.rotation_lambda_arn
    if secret.rotation_rules is not None:
        rules = dict(secret.rotation_rules)
        rate = _RATE_DAYS.match(str(rules.get("ScheduleExpression", "")))
        if rate is not None and "AutomaticallyAfterDays" not in rules:
            rules["AutomaticallyAfterDays"] = int(rate.group(1))
        entry["RotationRules"] = rules
    if secret.rotation_enabled:
        if secret.last_rotated is not None:
            entry["LastRotatedDate"] = to_datetime(secret.last_rotated)
        if secret.next_rotation is not None:
            entry["NextRotationDate"] = to_datetime(secret.next_rotation)
    return entry


def metadata(secret: Secret, stages_key: str) -> dict[str, Any]:
    """The fields DescribeSecret (``VersionIdsToStages``) and a ListSecrets entry (``SecretVersionsToStages``) share."""
    entry: dict[str, Any] = {"ARN": secret.arn, "Name": secret.name}
    if secret.description is not None:
        entry["Description"] = secret.description
    if secret.kms_key_id is not None:
        entry["KmsKeyId"] = secret.kms_key_id
    entry.update(rotation_fields(secret))
    entry["LastChangedDate"] = to_datetime(secret.last_changed)
    if secret.last_accessed is not None:
        entry["LastAccessedDate"] = day(secret.last_accessed)
    if secret.deleted_at is not None:
        entry["DeletedDate"] = to_datetime(secret.deleted_at)
    if secret.tags is not None:
        entry["Tags"] = [dict(t) for t in secret.tags]
    stages = secret.versions_to_stages()
    if stages:
        entry[stages_key] = stages
    entry["CreatedDate"] = to_datetime(secret.created)
    return entry
