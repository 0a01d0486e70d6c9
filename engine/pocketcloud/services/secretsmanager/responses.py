"""A secret's metadata as DescribeSecret and ListSecrets return it: only fields that have a value.

"Secrets Manager only returns fields that have a value in the response"
(https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html), so a learner's code
that reads ``response["Description"]`` fails here exactly where it would fail against AWS. Timestamps are aware
``datetime`` objects, as boto3 returns them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ...timeutil import to_datetime
from .models import Secret


def day(t: float) -> datetime:
    """LastAccessedDate is a date: "the resolution of this field is at the date level and does not include the
    time" (API_SecretVersionsListEntry; DescribeSecret's field is "The date that the secret was last accessed")."""
    return to_datetime(t).replace(hour=0, minute=0, second=0, microsecond=0)


def metadata(secret: Secret, stages_key: str) -> dict[str, Any]:
    """The fields DescribeSecret (``VersionIdsToStages``) and a ListSecrets entry (``SecretVersionsToStages``) share."""
    entry: dict[str, Any] = {"ARN": secret.arn, "Name": secret.name}
    if secret.description is not None:
        entry["Description"] = secret.description
    if secret.kms_key_id is not None:
        entry["KmsKeyId"] = secret.kms_key_id
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
