"""``cloud.client("secretsmanager")``: Secrets Manager with boto3's operation and parameter names.

Each method takes exactly the parameters boto3 takes, checks them the way botocore does before "sending", and
returns boto3's response shape: timestamps (CreatedDate, DeletionDate, ...) are timezone-aware ``datetime``
objects and SecretBinary is ``bytes``. Parameters of features pocketcloud does not simulate (replication,
third-party external secrets, rotation tokens) are accepted by name and refused with a clear message, so that a
learner sees *why* rather than botocore's "Unknown parameter".

Replication is refused too: one ``Cloud`` is one Region of one account ("one Cloud is one region", see
:meth:`pocketcloud.Cloud.client`), so there is no other Region or account to replicate a secret to.
ReplicateSecretToRegions, RemoveRegionsFromReplication, StopReplicationToReplica and the cross-account replica
operations answer InvalidParameterException saying so (after the secret itself has been looked up, so a missing
secret is still ResourceNotFoundException).
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from ...errors import ServiceError
from . import batch, passwords, policies, rotation, staging, tagging
from .service import SecretsManagerService

_NOT_SIMULATED = {
    "AddReplicaRegions": "secret replication to other Regions",
    "ForceOverwriteReplicaSecret": "secret replication to other Regions",
    "Type": "external secrets held by third-party partners",
    "RotationToken": "cross-account rotation tokens",
}
_ONE_REGION = (
    "pocketcloud simulates one Region of one account ({region}, {account}); there is no other Region or account to "
    "replicate a secret to, so {operation} is not simulated."
)


class SecretsManagerClient(BaseClient):
    """A boto3-shaped Secrets Manager client. Every call goes to the cloud's one Secrets Manager state."""

    service_name = "secretsmanager"

    @property
    def _service(self) -> SecretsManagerService:
        service: SecretsManagerService = self._cloud.backend("secretsmanager", SecretsManagerService)
        return service

    def _checked(self, params: dict[str, Any]) -> dict[str, Any]:
        for name, feature in _NOT_SIMULATED.items():
            if name in params:
                raise ServiceError("InvalidParameterException", f"pocketcloud does not simulate {feature} ({name}).")
        return params

    @operation("CreateSecret")
    def create_secret(self, **params: Any) -> dict[str, Any]:
        """Create a secret, with a first version labelled AWSCURRENT when a value is given.

        KmsKeyId is recorded and reported by DescribeSecret; nothing is encrypted.
        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
        """
        return self._service.create_secret(self._checked(params))

    @operation("GetSecretValue")
    def get_secret_value(self, **params: Any) -> dict[str, Any]:
        """Read a version's value: AWSCURRENT by default, or by VersionStage (e.g. "AWSPREVIOUS") or VersionId.

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
        """
        return self._service.get_secret_value(self._checked(params))

    @operation("PutSecretValue")
    def put_secret_value(self, **params: Any) -> dict[str, Any]:
        """Store a new value as a new version; AWSCURRENT moves to it and AWSPREVIOUS to the one it left.

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
        """
        return self._service.put_secret_value(self._checked(params))

    @operation("UpdateSecret")
    def update_secret(self, **params: Any) -> dict[str, Any]:
        """Change the description and/or store a new value (a new AWSCURRENT version, as PutSecretValue does).

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecret.html
        """
        return self._service.update_secret(self._checked(params))

    @operation("DeleteSecret")
    def delete_secret(self, **params: Any) -> dict[str, Any]:
        """Schedule deletion after a 7-30 day recovery window (30 by default), or delete at once with force.

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
        """
        return self._service.delete_secret(self._checked(params))

    @operation("RestoreSecret")
    def restore_secret(self, **params: Any) -> dict[str, Any]:
        """Cancel a scheduled deletion. https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RestoreSecret.html"""
        return self._service.restore_secret(self._checked(params))

    @operation("DescribeSecret")
    def describe_secret(self, **params: Any) -> dict[str, Any]:
        """A secret's metadata, never its value: dates, tags and VersionIdsToStages.

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html
        """
        return self._service.describe_secret(self._checked(params))

    @operation("ListSecrets")
    def list_secrets(self, **params: Any) -> dict[str, Any]:
        """Page through secrets' metadata (MaxResults 1-100, NextToken), optionally filtered by name, tags, etc.

        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html
        """
        return self._service.list_secrets(self._checked(params))

    @operation("RotateSecret")
    def rotate_secret(self, **params: Any) -> dict[str, Any]:
        """Configure rotation (a Lambda function and RotationRules) and start a rotation, asynchronously: run the
        clock (``cloud.run()``) to let the four steps happen. See :mod:`.rotation`.
        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html
        """
        return rotation.rotate_secret(self._service, self._checked(params))

    @operation("CancelRotateSecret")
    def cancel_rotate_secret(self, **params: Any) -> dict[str, Any]:
        """Turn automatic rotation off (and stop a rotation in progress).
        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CancelRotateSecret.html
        """
        return rotation.cancel_rotate_secret(self._service, params)

    @operation("UpdateSecretVersionStage")
    def update_secret_version_stage(self, **params: Any) -> dict[str, Any]:
        """Move a staging label between versions (finishSecret moves AWSCURRENT this way).
        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html
        """
        return staging.update_secret_version_stage(self._service, params)

    @operation("ListSecretVersionIds")
    def list_secret_version_ids(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecretVersionIds.html"""
        return staging.list_secret_version_ids(self._service, params)

    @operation("GetRandomPassword")
    def get_random_password(self, **params: Any) -> dict[str, Any]:
        """A random password (deterministic per cloud seed: for the simulation only).
        https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html
        """
        return passwords.get_random_password(self._service, params)

    @operation("BatchGetSecretValue")
    def batch_get_secret_value(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_BatchGetSecretValue.html"""
        return batch.batch_get_secret_value(self._service, params)

    @operation("TagResource")
    def tag_resource(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_TagResource.html"""
        return tagging.tag_resource(self._service, params)

    @operation("UntagResource")
    def untag_resource(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UntagResource.html"""
        return tagging.untag_resource(self._service, params)

    @operation("PutResourcePolicy")
    def put_resource_policy(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html"""
        return policies.put_resource_policy(self._service, params)

    @operation("GetResourcePolicy")
    def get_resource_policy(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetResourcePolicy.html"""
        return policies.get_resource_policy(self._service, params)

    @operation("DeleteResourcePolicy")
    def delete_resource_policy(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteResourcePolicy.html"""
        return policies.delete_resource_policy(self._service, params)

    @operation("ValidateResourcePolicy")
    def validate_resource_policy(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ValidateResourcePolicy.html"""
        return policies.validate_resource_policy(self._service, params)

    @operation("ListResourcePolicies")
    def list_resource_policies(self, **params: Any) -> dict[str, Any]:
        """https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListResourcePolicies.html"""
        return policies.list_resource_policies(self._service, params)

    # -- replication: refused, with the reason -----------------------------------------------------------------
    def _one_region(self, operation_name: str, params: dict[str, Any]) -> dict[str, Any]:
        self._service.resolve(params["SecretId"])
        raise ServiceError(
            "InvalidParameterException",
            _ONE_REGION.format(region=self._cloud.region, account=self._cloud.account_id, operation=operation_name),
        )

    @operation("ReplicateSecretToRegions")
    def replicate_secret_to_regions(self, **params: Any) -> dict[str, Any]:
        """Not simulated (one Cloud is one Region): refused with the reason."""
        return self._one_region("ReplicateSecretToRegions", params)

    @operation("RemoveRegionsFromReplication")
    def remove_regions_from_replication(self, **params: Any) -> dict[str, Any]:
        """Not simulated (one Cloud is one Region): refused with the reason."""
        return self._one_region("RemoveRegionsFromReplication", params)

    @operation("StopReplicationToReplica")
    def stop_replication_to_replica(self, **params: Any) -> dict[str, Any]:
        """Not simulated (one Cloud is one Region): refused with the reason."""
        return self._one_region("StopReplicationToReplica", params)

    @operation("AssociateCrossAccountReplica")
    def associate_cross_account_replica(self, **params: Any) -> dict[str, Any]:
        """Not simulated (one Cloud is one account): refused with the reason."""
        return self._one_region("AssociateCrossAccountReplica", params)

    @operation("DisassociateCrossAccountReplica")
    def disassociate_cross_account_replica(self, **params: Any) -> dict[str, Any]:
        """Not simulated (one Cloud is one account): refused with the reason."""
        return self._one_region("DisassociateCrossAccountReplica", params)
