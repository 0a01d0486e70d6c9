"""What a secret is made of: versions that hold values, and staging labels that point at versions.

A secret never changes a stored value. Every new value is a new version, and the labels ``AWSCURRENT`` and
``AWSPREVIOUS`` move between versions; readers ask for a label (by default ``AWSCURRENT``), not for a value.
That indirection is what lets an application keep working while a secret is rotated, and it is the lesson the
engine wants learners to *see*, so the label moves here follow the API reference exactly:
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

AWSCURRENT = "AWSCURRENT"
AWSPREVIOUS = "AWSPREVIOUS"
AWSPENDING = "AWSPENDING"


@dataclass
class SecretVersion:
    """One stored value (text or binary, never both) and the staging labels attached to it."""

    version_id: str
    secret_string: str | None
    secret_binary: bytes | None
    created: float
    stages: list[str] = field(default_factory=list)
    last_accessed: float | None = None

    @property
    def empty(self) -> bool:
        """A version with no value yet: the AWSPENDING version RotateSecret creates "before creating the new
        secret version" (DescribeSecret's VersionIdsToStages), which the rotation function's createSecret step
        fills with PutSecretValue."""
        return self.secret_string is None and self.secret_binary is None

    def same_value(self, secret_string: str | None, secret_binary: bytes | None) -> bool:
        """Whether a retried request carries this version's data (then it is ignored, not an error)."""
        return self.secret_string == secret_string and self.secret_binary == secret_binary


@dataclass
class Secret:
    """A named secret: its metadata, its versions in creation order, and its deletion schedule.

    ``deleted_at`` is when DeleteSecret was called and ``deletion_date`` when the recovery window ends; both are
    ``None`` for an active secret. Times are virtual seconds (see :mod:`pocketcloud.timeutil`).
    """

    name: str
    arn: str
    created: float
    sequence: int
    description: str | None = None
    kms_key_id: str | None = None
    tags: list[dict[str, str]] | None = None
    last_changed: float = 0.0
    last_accessed: float | None = None
    deleted_at: float | None = None
    deletion_date: float | None = None
    versions: dict[str, SecretVersion] = field(default_factory=dict)
    #: The resource-based policy (PutResourcePolicy's JSON text), or None.
    policy: str | None = None
    #: Rotation configuration: RotationEnabled is None until RotateSecret first configures rotation.
    rotation_enabled: bool | None = None
    rotation_lambda_arn: str | None = None
    rotation_rules: dict[str, Any] | None = None
    last_rotated: float | None = None
    next_rotation: float | None = None
    #: The scheduled rotation's kernel timer and the rotation in progress (see :mod:`.rotation`).
    rotation_timer: Any = None
    rotating: Any = None

    @property
    def scheduled_for_deletion(self) -> bool:
        return self.deleted_at is not None

    def version_with_stage(self, stage: str) -> SecretVersion | None:
        """The one version carrying ``stage`` (a label is attached to at most one version at a time)."""
        for version in self.versions.values():
            if stage in version.stages:
                return version
        return None

    def versions_to_stages(self) -> dict[str, list[str]]:
        """VersionIdsToStages / SecretVersionsToStages: labelled versions only; unlabelled ones are deprecated."""
        return {v.version_id: list(v.stages) for v in self.versions.values() if v.stages}

    def add_version(self, version: SecretVersion, stages: list[str] | None) -> None:
        """Store a new version and move the staging labels the way PutSecretValue documents.

        With no ``stages``, AWSCURRENT moves to the new version. A label named for the new version is taken
        off whichever version had it. When AWSCURRENT moves, AWSPREVIOUS moves to the version AWSCURRENT was
        removed from (so the version that was AWSPREVIOUS before loses that label). The first version of a
        secret always gets AWSCURRENT.
        """
        self.attach(version, stages)
        self.versions[version.version_id] = version

    def attach(self, version: SecretVersion, stages: list[str] | None) -> None:
        """Give ``version`` exactly ``stages`` (AWSCURRENT by default), moving them off the other versions."""
        wanted = list(dict.fromkeys(stages if stages is not None else [AWSCURRENT]))
        others = [v for v in self.versions.values() if v is not version]
        if not any(v.stages for v in others) and AWSCURRENT not in wanted:
            wanted.append(AWSCURRENT)
        old_current = next((v for v in others if AWSCURRENT in v.stages), None) if AWSCURRENT in wanted else None
        for other in others:
            other.stages = [s for s in other.stages if s not in wanted]
        if old_current is not None:
            for other in others:
                if AWSPREVIOUS in other.stages:
                    other.stages.remove(AWSPREVIOUS)
            if AWSPREVIOUS not in wanted:
                old_current.stages.append(AWSPREVIOUS)
        version.stages = wanted

    def move_stage(self, stage: str, to: SecretVersion | None, source: SecretVersion | None) -> None:
        """UpdateSecretVersionStage's move: take ``stage`` off ``source``, put it on ``to``; "Whenever you move
        AWSCURRENT, Secrets Manager automatically moves the label AWSPREVIOUS to the version that AWSCURRENT was
        removed from." (API_UpdateSecretVersionStage)"""
        if source is not None and stage in source.stages:
            source.stages.remove(stage)
        if to is None:
            return
        if stage not in to.stages:
            to.stages.append(stage)
        if stage == AWSCURRENT and source is not None and source is not to:
            for other in self.versions.values():
                if AWSPREVIOUS in other.stages and other is not source:
                    other.stages.remove(AWSPREVIOUS)
            if AWSPREVIOUS not in source.stages:
                source.stages.append(AWSPREVIOUS)
            if AWSPREVIOUS in to.stages:
                to.stages.remove(AWSPREVIOUS)
