"""Versions and their staging labels: UpdateSecretVersionStage and ListSecretVersionIds.

UpdateSecretVersionStage: "Each staging label can be attached to only one version at a time"; "If the staging
label you are trying to attach to one version is already attached to a different version, then you must include
this parameter [RemoveFromVersionId] and specify the version that the label is to be removed from"; "Whenever you
move AWSCURRENT, Secrets Manager automatically moves the label AWSPREVIOUS to the version that AWSCURRENT was
removed from"; a version left without labels "is considered to be 'deprecated'"
(https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html). The message
for a missing RemoveFromVersionId is AWS's, recorded by moto's aws_verified
test_update_secret_version_stage_dont_specify_current_stage. A version can carry at most 20 labels ("Staging
labels attached to a version of a secret: 20", https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html).

ListSecretVersionIds "only returns versions that contain a secret value" (not the empty AWSPENDING version of a
rotation) and, unless IncludeDeprecated, only labelled ones; pocketcloud lists them newest first
(https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecretVersionIds.html).
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import to_datetime
from .models import AWSCURRENT
from .responses import day

if TYPE_CHECKING:
    from .service import SecretsManagerService


def _invalid(message: str) -> ServiceError:
    return ServiceError("InvalidParameterException", message)


def update_secret_version_stage(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    secret = service.resolve(params["SecretId"])
    stage = params["VersionStage"]
    move_to = params.get("MoveToVersionId")
    remove_from = params.get("RemoveFromVersionId")
    if move_to is None and remove_from is None:
        raise _invalid("Specify MoveToVersionId, RemoveFromVersionId or both.")
    target = secret.versions.get(move_to) if move_to is not None else None
    if move_to is not None and target is None:
        raise ServiceError(
            "ResourceNotFoundException", f"Secrets Manager can't find the specified secret version: {move_to}"
        )
    holder = secret.version_with_stage(stage)
    source = secret.versions.get(remove_from) if remove_from is not None else None
    if remove_from is not None and source is None:
        raise ServiceError(
            "ResourceNotFoundException", f"Secrets Manager can't find the specified secret version: {remove_from}"
        )
    if holder is not None and holder is not target and holder is not source:
        if remove_from is None:
            raise _invalid(
                f"The parameter RemoveFromVersionId can't be empty. Staging label {stage} is currently attached to "
                f"version {holder.version_id}, so you must explicitly reference that version in RemoveFromVersionId."
            )
        raise _invalid(
            f"The staging label {stage} is currently attached to version {holder.version_id}, not to version "
            f"{remove_from}."
        )
    if source is not None and stage not in source.stages:
        raise _invalid(f"The staging label {stage} isn't attached to version {remove_from}.")
    if stage == AWSCURRENT and target is None:
        raise _invalid("You can't remove the staging label AWSCURRENT without moving it to another version.")
    if (
        target is not None
        and stage not in target.stages
        and len(target.stages) >= limits.SECRETSMANAGER_STAGES_PER_VERSION_MAX
    ):
        raise ServiceError("LimitExceededException", "A version can have no more than 20 staging labels.")
    secret.move_stage(stage, target, source)
    secret.last_changed = service.cloud.now
    return {"ARN": secret.arn, "Name": secret.name}


def list_secret_version_ids(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    secret = service.resolve(params["SecretId"])
    include_deprecated = bool(params.get("IncludeDeprecated", False))
    # Newest first; versions made at the same instant of the virtual clock keep their creation order (reversed).
    ordered = [(v.created, index, v) for index, v in enumerate(secret.versions.values())]
    ordered.sort(key=lambda item: (item[0], item[1]), reverse=True)
    versions = [v for _, _, v in ordered if not v.empty and (v.stages or include_deprecated)]
    start = 0
    token = params.get("NextToken")
    if token is not None:
        try:
            start = int(base64.urlsafe_b64decode(token.encode()).decode().removeprefix("versions:"))
        except (ValueError, UnicodeDecodeError):
            raise ServiceError("InvalidNextTokenException", "The NextToken value is invalid.") from None
    size = params.get("MaxResults", limits.SECRETSMANAGER_LIST_MAX_RESULTS)
    page = versions[start : start + size]
    entries = []
    for version in page:
        entry: dict[str, Any] = {"VersionId": version.version_id}
        if version.stages:
            entry["VersionStages"] = list(version.stages)
        if version.last_accessed is not None:
            entry["LastAccessedDate"] = day(version.last_accessed)
        entry["CreatedDate"] = to_datetime(version.created)
        entries.append(entry)
    result: dict[str, Any] = {"Versions": entries, "ARN": secret.arn, "Name": secret.name}
    if start + size < len(versions):
        result["NextToken"] = base64.urlsafe_b64encode(f"versions:{start + size}".encode()).decode()
    return result
