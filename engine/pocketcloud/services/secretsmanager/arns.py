"""Secret names and ARNs: the six random characters AWS appends, and every form SecretId accepts.

A secret's ARN is ``arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>``
(the partition is ``aws``, or ``aws-cn`` / ``aws-us-gov`` in those Regions, see
:func:`pocketcloud.cloud.partition_of`): "Secrets Manager automatically adds a hyphen and six random characters
after the secret name at the end of the ARN"
(https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html). The suffix makes a
deleted-and-recreated secret a *different* resource, which is why IAM policies often end in ``-??????``. The
characters come from the cloud's seeded ID source, so the same seed always gives the same ARNs.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING

from ...errors import ServiceError

if TYPE_CHECKING:
    from ...cloud import Cloud

_SUFFIX_ALPHABET = string.ascii_letters + string.digits
# "The secret name can contain ASCII letters, numbers, and the following characters: /_+=.@-"
# (API_CreateSecret); AWS's own error message for a bad name also lists "!".
_NAME = re.compile(r"^[A-Za-z0-9/_+=.@!-]+$")
_ARN = re.compile(
    r"^arn:(?P<partition>aws[a-zA-Z-]*):secretsmanager:(?P<region>[^:]*):(?P<account>[^:]*):secret:(?P<rest>.+)$"
)


def secret_arn(cloud: Cloud, name: str, suffix: str | None = None) -> str:
    """The ARN of secret ``name`` in ``cloud``; without ``suffix`` the partial ARN (no ``-`` and six characters)."""
    base = f"arn:{cloud.partition}:secretsmanager:{cloud.region}:{cloud.account_id}:secret:{name}"
    return base if suffix is None else f"{base}-{suffix}"


def random_suffix(cloud: Cloud) -> str:
    """Six letters and digits drawn from the cloud's seeded ID source (reproducible, unlike AWS's)."""
    number = int(cloud.random_hex(12), 16)
    chars = []
    for _ in range(6):
        number, index = divmod(number, len(_SUFFIX_ALPHABET))
        chars.append(_SUFFIX_ALPHABET[index])
    return "".join(chars)


def check_new_name(name: str) -> None:
    """CreateSecret's Name: characters from the documented set (the model checks its length), AWS's
    ValidationException otherwise."""
    if not _NAME.match(name):
        raise ServiceError(
            "ValidationException",
            "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
        )


def split_arn(secret_id: str) -> tuple[str, str, str, str] | None:
    """``(partition, region, account, name-with-suffix-or-not)`` when ``secret_id`` is a Secrets Manager ARN.

    SecretId takes "The ARN or name of the secret"; an ARN may be complete or partial (without the final
    hyphen and six characters). https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
    """
    match = _ARN.match(secret_id)
    if match is None:
        return None
    return match.group("partition"), match.group("region"), match.group("account"), match.group("rest")
