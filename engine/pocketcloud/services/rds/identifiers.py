"""RDS identifier rules and the errors RDS answers them with.

DB instance identifiers: "Must contain from 1 to 63 letters, numbers, or hyphens. First character must be a letter.
Can't end with a hyphen or contain two consecutive hyphens." RDS stores them lower-cased ("This parameter is stored
as a lowercase string"). https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
DB snapshot identifiers follow the same rules (1-255 characters).
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSnapshot.html
Event subscription names: "The name must be less than 255 characters."
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateEventSubscription.html

The error is ``InvalidParameterValue`` "The parameter DBInstanceIdentifier is not a valid identifier. Identifiers
must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or
contain two consecutive hyphens." (AWS's words, as quoted by cloud-custodian's tests for FinalDBSnapshotIdentifier
and recorded by moto's ``InvalidDBInstanceIdentifier``).
"""

from __future__ import annotations

import re

from ... import limits
from ...errors import ServiceError

_IDENTIFIER = re.compile(r"[A-Za-z](?:-?[A-Za-z0-9])*")


def invalid_value(message: str) -> ServiceError:
    return ServiceError("InvalidParameterValue", message, 400)


def invalid_combination(message: str) -> ServiceError:
    return ServiceError("InvalidParameterCombination", message, 400)


def check(parameter: str, value: str, max_length: int = limits.RDS_IDENTIFIER_MAX) -> str:
    """The identifier lower-cased, or InvalidParameterValue in RDS's words."""
    if not value or len(value) > max_length or _IDENTIFIER.fullmatch(value) is None:
        raise invalid_value(
            f"The parameter {parameter} is not a valid identifier. Identifiers must begin with a letter; must "
            "contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two "
            "consecutive hyphens."
        )
    return value.lower()
