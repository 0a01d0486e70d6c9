"""The state of Secrets Manager in one cloud, and the operations on it (the client only shapes calls).

Every operation first lets the virtual clock do what AWS does in the background: a secret whose recovery window
has ended is deleted for good. AWS only promises to do that some time after the DeletionDate; pocketcloud does
it exactly at the DeletionDate, so that ``cloud.run(until=...)`` shows the end of the window deterministically.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import to_datetime
from . import filters as secret_filters
from . import listing, rotation
from .arns import check_new_name, random_suffix, secret_arn, split_arn
from .models import AWSCURRENT, Secret, SecretVersion
from .responses import metadata
from .validation import secret_value

if TYPE_CHECKING:
    from ...cloud import Cloud

_DAY = 86_400.0
_NOT_FOUND = "Secrets Manager can't find the specified secret."
# The words AWS answers with for any operation but DescribeSecret and RestoreSecret on a secret scheduled for
# deletion (quoted from GetSecretValue failures in the field, and matched on by the Terraform AWS provider).
_MARKED_FOR_DELETION = "You can't perform this operation on the secret because it was marked for deletion."


def token_in_use(token: str, arn: str) -> ServiceError:
    """A ClientRequestToken that names an existing version with other data: AWS's words, recorded against AWS
    by moto's aws_verified tests (test_create_different_secret_with_same_token, test_put_different_secret_value_
    with_same_token, test_update_different_secret_value_with_same_token in getmoto/moto
    tests/test_secretsmanager/test_secretsmanager.py). API_PutSecretValue: "if the secret data is different,
    then the operation fails because you can't modify an existing version"."""
    return ServiceError(
        "ResourceExistsException",
        f"You can't use ClientRequestToken {token} because that value is already in use for a version of secret {arn}.",
    )


class SecretsManagerService:
    """Secrets by name, in creation order, with their versions and deletion schedules."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.secrets: dict[str, Secret] = {}
        self._created = 0
        #: Per-feature state (rotation events, the password generator), made on first use.
        self.extensions: dict[str, Any] = {}

    # -- lookup ----------------------------------------------------------------------------------------------
    def _purge_expired(self) -> None:
        now = self.cloud.now
        for name in [n for n, s in self.secrets.items() if s.deletion_date is not None and s.deletion_date <= now]:
            del self.secrets[name]

    def _find(self, secret_id: str) -> Secret | None:
        parts = split_arn(secret_id)
        if parts is None:
            return self.secrets.get(secret_id)
        partition, region, account, rest = parts
        cloud = self.cloud
        if partition != cloud.partition or region != cloud.region or account != cloud.account_id:
            return None
        for secret in self.secrets.values():
            if secret.arn == secret_id:
                return secret
        # A partial ARN leaves out the final hyphen and six characters; then the rest is the name.
        return self.secrets.get(rest)

    def resolve(self, secret_id: str, *, allow_deleted: bool = False) -> Secret:
        """The secret a SecretId names (name, complete ARN or partial ARN), refusing deleted ones unless allowed."""
        self._purge_expired()
        secret = self._find(secret_id)
        if secret is None:
            raise ServiceError("ResourceNotFoundException", _NOT_FOUND)
        if secret.scheduled_for_deletion and not allow_deleted:
            raise ServiceError("InvalidRequestException", _MARKED_FOR_DELETION)
        return secret

    def _new_version(self, secret: Secret, params: dict[str, Any], text: str | None, binary: bytes | None) -> str:
        """Store a value as a new version (or accept a retried request); return the version ID."""
        token = params.get("ClientRequestToken")
        existing = secret.versions.get(token) if token is not None else None
        if existing is not None:
            if existing.empty and (text is not None or binary is not None):
                # The AWSPENDING version a rotation created: the rotation function's createSecret fills it.
                existing.secret_string, existing.secret_binary = text, binary
                stages = params.get("VersionStages")
                secret.attach(existing, list(dict.fromkeys(existing.stages + (stages or [AWSCURRENT]))))
                secret.last_changed = self.cloud.now
                return existing.version_id
            if existing.same_value(text, binary):
                return existing.version_id
            raise token_in_use(str(token), secret.arn)
        version_id = token if token is not None else self.cloud.new_request_id()
        version = SecretVersion(version_id, text, binary, created=self.cloud.now)
        secret.add_version(version, params.get("VersionStages"))
        secret.last_changed = self.cloud.now
        self._remove_old_versions(secret)
        return version_id

    def _remove_old_versions(self, secret: Secret) -> None:
        """ "Secrets Manager removes unlabeled versions when there are more than 100, but it does not remove
        versions created less than 24 hours ago." (reference_limits.html) — oldest unlabeled first."""
        excess = len(secret.versions) - limits.SECRETSMANAGER_VERSIONS_KEPT
        if excess <= 0:
            return
        old_enough = self.cloud.now - limits.SECRETSMANAGER_VERSION_MIN_AGE_S
        for version in [v for v in secret.versions.values() if not v.stages and v.created <= old_enough][:excess]:
            del secret.versions[version.version_id]

    # -- CreateSecret ----------------------------------------------------------------------------------------
    def create_secret(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html"""
        name = params["Name"]
        check_new_name(name)
        text, binary = secret_value(params, required=False)
        self._purge_expired()
        existing = self.secrets.get(name)
        if existing is not None:
            token = params.get("ClientRequestToken")
            retried = existing.versions.get(token) if token is not None else None
            if retried is not None and not existing.scheduled_for_deletion and retried.same_value(text, binary):
                return {"ARN": existing.arn, "Name": name, "VersionId": retried.version_id}
            if retried is not None and not existing.scheduled_for_deletion:
                raise token_in_use(str(token), existing.arn)
            if existing.scheduled_for_deletion:
                raise ServiceError(
                    "InvalidRequestException",
                    "You can't create this secret because a secret with this name is already scheduled for deletion.",
                )
            raise ServiceError(
                "ResourceExistsException", f"The operation failed because the secret {name} already exists."
            )
        now = self.cloud.now
        arn = secret_arn(self.cloud, name, random_suffix(self.cloud))
        self._created += 1
        secret = Secret(
            name=name,
            arn=arn,
            created=now,
            sequence=self._created,
            description=params.get("Description"),
            kms_key_id=params.get("KmsKeyId") or None,
            tags=[dict(t) for t in params["Tags"]] if params.get("Tags") else None,
            last_changed=now,
        )
        response: dict[str, Any] = {"ARN": arn, "Name": name}
        if text is not None or binary is not None:
            response["VersionId"] = self._new_version(secret, params, text, binary)
        self.secrets[name] = secret
        return response

    # -- GetSecretValue --------------------------------------------------------------------------------------
    def get_secret_value(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html"""
        secret = self.resolve(params["SecretId"])
        version_id = params.get("VersionId")
        stage = params.get("VersionStage")
        if version_id is not None:
            version = secret.versions.get(version_id)
            if version is None:
                raise ServiceError(
                    "ResourceNotFoundException",
                    f"Secrets Manager can't find the specified secret value for VersionId: {version_id}",
                )
            if stage is not None and stage not in version.stages:
                raise ServiceError(
                    "InvalidRequestException",
                    "You provided a VersionStage that is not associated to the provided VersionId.",
                )
        else:
            stage = stage or AWSCURRENT
            found = secret.version_with_stage(stage)
            if found is None:
                raise ServiceError(
                    "ResourceNotFoundException",
                    f"Secrets Manager can't find the specified secret value for staging label: {stage}",
                )
            version = found
        if version.empty:
            which = f"VersionId: {version_id}" if version_id is not None else f"staging label: {stage}"
            raise ServiceError(
                "ResourceNotFoundException", f"Secrets Manager can't find the specified secret value for {which}"
            )
        secret.last_accessed = version.last_accessed = self.cloud.now
        response: dict[str, Any] = {"ARN": secret.arn, "Name": secret.name, "VersionId": version.version_id}
        if version.secret_binary is not None:
            response["SecretBinary"] = version.secret_binary
        if version.secret_string is not None:
            response["SecretString"] = version.secret_string
        response["VersionStages"] = list(version.stages)
        response["CreatedDate"] = to_datetime(version.created)
        return response

    # -- PutSecretValue / UpdateSecret -----------------------------------------------------------------------
    def put_secret_value(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html"""
        text, binary = secret_value(params, required=True)
        secret = self.resolve(params["SecretId"])
        version_id = self._new_version(secret, params, text, binary)
        if AWSCURRENT in secret.versions[version_id].stages:
            rotation.note_new_current(self, secret)
        return {
            "ARN": secret.arn,
            "Name": secret.name,
            "VersionId": version_id,
            "VersionStages": list(secret.versions[version_id].stages),
        }

    def update_secret(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecret.html

        A new value becomes a new AWSCURRENT version, exactly as with PutSecretValue; Description and KmsKeyId
        change the secret's metadata only. The API reference says a ClientRequestToken that matches an existing
        version "results in an error"; AWS itself answers a retry with the same token *and the same value* with
        that version (moto's aws_verified test_update_same_secret_value_with_same_token), so only other data is
        refused, with :func:`token_in_use`'s message.
        """
        text, binary = secret_value(params, required=False)
        secret = self.resolve(params["SecretId"])
        response: dict[str, Any] = {"ARN": secret.arn, "Name": secret.name}
        if text is not None or binary is not None:
            token = params.get("ClientRequestToken")
            existing = secret.versions.get(token) if token is not None else None
            if existing is not None and not existing.same_value(text, binary):
                raise token_in_use(str(token), secret.arn)
            response["VersionId"] = self._new_version(secret, {**params, "VersionStages": None}, text, binary)
            rotation.note_new_current(self, secret)
        if "Description" in params:
            secret.description = params["Description"]
        if "KmsKeyId" in params:
            secret.kms_key_id = params["KmsKeyId"] or None
        secret.last_changed = self.cloud.now
        return response

    # -- DeleteSecret / RestoreSecret ------------------------------------------------------------------------
    def delete_secret(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html

        The recovery window is checked before anything else (AWS refuses ``RecoveryWindowInDays=0`` even with
        ``ForceDeleteWithoutRecovery``); the two parameters cannot be combined; a forced delete of a secret that
        does not exist "does not return ResourceNotFoundException".
        """
        window = params.get("RecoveryWindowInDays")
        force = bool(params.get("ForceDeleteWithoutRecovery", False))
        low, high = limits.SECRETSMANAGER_RECOVERY_WINDOW_MIN_DAYS, limits.SECRETSMANAGER_RECOVERY_WINDOW_MAX_DAYS
        if window is not None and not low <= window <= high:
            raise ServiceError(
                "InvalidParameterException",
                f"The RecoveryWindowInDays value must be between {low} and {high} days (inclusive).",
            )
        if window is not None and force:
            raise ServiceError(
                "InvalidParameterException",
                "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
            )
        now = self.cloud.now
        if force:
            self._purge_expired()
            gone = self._find(params["SecretId"])
            if gone is None:
                name = params["SecretId"]
                # Nothing to delete, so no suffix to report: answer with the partial ARN.
                arn = secret_arn(self.cloud, name)
                return {"ARN": arn, "Name": name, "DeletionDate": to_datetime(now)}
            rotation.stop_for_deletion(gone)
            del self.secrets[gone.name]
            return {"ARN": gone.arn, "Name": gone.name, "DeletionDate": to_datetime(now)}
        secret = self.resolve(params["SecretId"])
        rotation.stop_for_deletion(secret)
        days = window if window is not None else limits.SECRETSMANAGER_DEFAULT_RECOVERY_WINDOW_DAYS
        secret.deleted_at = now
        secret.deletion_date = now + days * _DAY
        secret.last_changed = now
        return {"ARN": secret.arn, "Name": secret.name, "DeletionDate": to_datetime(secret.deletion_date)}

    def restore_secret(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RestoreSecret.html

        "Cancels the scheduled deletion of a secret by removing the DeletedDate time stamp."
        """
        secret = self.resolve(params["SecretId"], allow_deleted=True)
        if secret.scheduled_for_deletion:
            secret.deleted_at = secret.deletion_date = None
            secret.last_changed = self.cloud.now
            rotation.resume_after_restore(self, secret)
        return {"ARN": secret.arn, "Name": secret.name}

    # -- DescribeSecret / ListSecrets ------------------------------------------------------------------------
    def describe_secret(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html

        Works on a secret scheduled for deletion (that is how you see its DeletedDate).
        """
        secret = self.resolve(params["SecretId"], allow_deleted=True)
        return metadata(secret, "VersionIdsToStages")

    def list_secrets(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html

        Lists secrets "not including secrets that are marked for deletion" unless IncludePlannedDeletion;
        ordering and paging are in :mod:`.listing`.
        """
        self._purge_expired()
        chosen = secret_filters.parse_filters(list(params.get("Filters") or []))
        include_deleted = bool(params.get("IncludePlannedDeletion", False))
        found = [
            s
            for s in self.secrets.values()
            if (include_deleted or not s.scheduled_for_deletion) and secret_filters.matches(s, chosen)
        ]
        page, next_token = listing.page(listing.sorted_secrets(found, params), params)
        result: dict[str, Any] = {"SecretList": [metadata(s, "SecretVersionsToStages") for s in page]}
        if next_token is not None:
            result["NextToken"] = next_token
        return result
