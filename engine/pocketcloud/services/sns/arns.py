"""Topic names and ARNs, subscription ARNs, and the errors SNS answers for them.

"Topic names must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens,
and must be between 1 and 256 characters long. For a FIFO (first-in-first-out) topic, the name must end with
the .fifo suffix." A topic ARN is ``arn:aws:sns:<region>:<account>:<name>``, a subscription's
``<topic ARN>:<id>``. https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
"""

from __future__ import annotations

import re

from ... import limits
from ...errors import ServiceError

_NAME = re.compile(rf"[A-Za-z0-9_-]{{1,{limits.SNS_TOPIC_NAME_MAX_LENGTH}}}")
_FIFO_NAME = re.compile(rf"[A-Za-z0-9_-]{{1,{limits.SNS_TOPIC_NAME_MAX_LENGTH - 5}}}\.fifo")
_TOPIC_ARN = re.compile(r"arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]+)")
_SUBSCRIPTION_ARN = re.compile(r"arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]+):([0-9a-f-]{36})")


def invalid_parameter(what: str) -> ServiceError:
    """SNS's usual answer: ``InvalidParameter`` "Invalid parameter: <what>" (e.g. "Invalid parameter: TopicArn")."""
    return ServiceError("InvalidParameter", f"Invalid parameter: {what}")


def not_found(message: str) -> ServiceError:
    return ServiceError("NotFound", message, 404)


def check_topic_name(name: str, fifo: bool) -> None:
    """Messages as AWS answers them (LocalStack's SNS provider records both)."""
    if fifo:
        if _FIFO_NAME.fullmatch(name) is None:
            raise invalid_parameter(
                "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII "
                "letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
            )
    elif _NAME.fullmatch(name) is None:
        raise invalid_parameter("Topic Name")


def topic_arn(region: str, account: str, name: str) -> str:
    return f"arn:aws:sns:{region}:{account}:{name}"


def parse_topic_arn(arn: str) -> tuple[str, str, str] | None:
    match = _TOPIC_ARN.fullmatch(arn)
    return None if match is None else (match.group(1), match.group(2), match.group(3))


def is_subscription_arn(arn: str) -> bool:
    return _SUBSCRIPTION_ARN.fullmatch(arn) is not None
