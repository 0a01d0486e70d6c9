"""Function names and ARNs: every form Lambda's FunctionName parameter accepts.

ARNs carry the cloud's partition (``arn:aws-cn:lambda:cn-north-1:...`` in the China Regions,
``arn:aws-us-gov:lambda:us-gov-west-1:...`` in GovCloud): "The partition in which the resource is located ... aws
- AWS Regions, aws-cn - China Regions, aws-us-gov - AWS GovCloud (US) Regions".
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
"""

from __future__ import annotations

import functools
import re

from ...cloud import partition_of
from ...errors import ServiceError

# FunctionName accepts a name, a full ARN or a partial ARN, each optionally with a ":qualifier" suffix.
# https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_RequestSyntax
_FUNCTION_REF = re.compile(
    r"^(?:arn:(?P<partition>aws[a-zA-Z-]*):lambda:(?P<region>[a-z]{2}(?:-gov)?-[a-z]+-\d{1}):)?"
    r"(?:(?P<account>\d{12}):)?(?:function:)?(?P<name>[a-zA-Z0-9-_.]+)(?::(?P<qualifier>\$LATEST|[a-zA-Z0-9-_]+))?$"
)
_NAME = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")


#: The partition of a Region, remembered (it is asked for on every Invoke's path).
partition = functools.lru_cache(maxsize=64)(partition_of)


def function_arn(region: str, account: str, name: str, qualifier: str | None = None) -> str:
    arn = f"arn:{partition(region)}:lambda:{region}:{account}:function:{name}"
    return f"{arn}:{qualifier}" if qualifier else arn


_parsed: dict[tuple[str, str, str], tuple[str, str | None]] = {}


def parse_function_ref(ref: str, region: str, account: str) -> tuple[str, str | None]:
    """Split a FunctionName value into (name, qualifier), refusing other accounts and regions as AWS does.

    Results are cached: the same few names are parsed on every invoke.
    """
    key = (ref, region, account) if isinstance(ref, str) else None
    if key is not None:
        cached = _parsed.get(key)
        if cached is not None:
            return cached
    result = _parse_function_ref(ref, region, account)
    if key is not None and len(_parsed) < 10_000:
        _parsed[key] = result
    return result


def _parse_function_ref(ref: str, region: str, account: str) -> tuple[str, str | None]:
    match = _FUNCTION_REF.match(ref) if isinstance(ref, str) and len(ref) <= 170 else None
    if match is None:
        raise ServiceError(
            "ValidationException",
            f"1 validation error detected: Value '{ref}' at 'functionName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?"
            "([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)"
            "(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
        )
    region_in = match.group("region")
    account_in = match.group("account")
    partition_in = match.group("partition")
    if (
        (region_in and region_in != region)
        or (account_in and account_in != account)
        or (partition_in and partition_in != partition(region))
    ):
        raise ServiceError(
            "AccessDeniedException",
            f"The resource you requested does not exist or you do not have access to it: {ref}",
            status=403,
        )
    return match.group("name"), match.group("qualifier")


def check_new_name(name: str) -> None:
    """A name for CreateFunction: letters, digits, hyphens and underscores, at most 64 characters."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise ServiceError(
            "ValidationException",
            f"1 validation error detected: Value '{name}' at 'functionName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?"
            "([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
        )
