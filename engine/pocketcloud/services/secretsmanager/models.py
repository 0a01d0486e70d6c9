"""What a secret is made of: versions that hold values, and staging labels that point at versions.

A secret never changes a stored value. Every new value is a new version, and the labels ``AWSCURRENT`` and
``AWSPREVIOUS`` move between versions; readers ask for a label (by default ``AWSCURRENT``), not for a value.
That indirection is what lets an application keep working while a secret is rotated, and it is the lesson the
engine wants learners to *see*, so the label moves here follow the API reference exactly:
https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
"""

from __future__ import annotations

from dataclasses import dataclass, field

AWSCURRENT = "AWSCURRENT"
AWSPREVIOUS = "AWSPREVIOUS"


@dataclass
class SecretVersion:
    """One stored value (text or binary, never both) and the staging labels attached to it."""

    version_id: str
    secret_string: str | None
    secret_binary: bytes | None
    created: float
    stages: list[str] = field(default_factory=list)

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
        wanted = list(dict.fromkeys(stages if stages is not None else [AWSCURRENT]))
        if not any(v.stages for v in self.versions.values()) and AWSCURRENT not in wanted:
            wanted.append(AWSCURRENT)
        old_current = self.version_with_stage(AWSCURRENT) if AWSCURRENT in wanted else None
        for other in self.versions.values():
            other.stages = [s for s in other.stages if s not in wanted]
        if old_current is not None:
            for other in self.versions.values():
                if AWSPREVIOUS in other.stages:
                    other.stages.remove(AWSPREVIOUS)
            if AWSPREVIOUS not in wanted:
                old_current.stages.append(AWSPREVIOUS)
        version.stages = wanted
        self.versions[version.version_id] = version
