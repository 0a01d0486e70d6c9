"""Queue names, URLs and ARNs.

A queue URL is ``https://sqs.<region>.amazonaws.com/<account>/<name>`` and its ARN
``arn:aws:sqs:<region>:<account>:<name>`` (the SQS endpoints in the AWS General Reference list
``sqs.<region>.amazonaws.com``; API_GetQueueUrl's example returns such a URL).
https://docs.aws.amazon.com/general/latest/gr/sqs-service.html
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueUrl.html

Queue names: "A queue name can have up to 80 characters. Valid values: alphanumeric characters, hyphens (-),
and underscores (_)"; "A FIFO queue name must end with the .fifo suffix" and the suffix counts towards the 80.
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
"""

from __future__ import annotations

import functools
import re

from ... import limits
from .errors import invalid_parameter_value

_NAME = re.compile(rf"[A-Za-z0-9_-]{{1,{limits.SQS_QUEUE_NAME_MAX_LENGTH}}}")
_FIFO_NAME = re.compile(rf"[A-Za-z0-9_-]{{1,{limits.SQS_QUEUE_NAME_MAX_LENGTH - 5}}}\.fifo")
#: Any host, then /<12-digit account>/<name>: SQS also answers on the legacy ``<region>.queue.amazonaws.com``
#: host, and learners paste URLs from consoles and tutorials.
_URL = re.compile(r"https?://[^/]+/(\d{12})/([^/?#]+)/?")
_ARN = re.compile(r"arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):([^:/]+)")

# Messages as AWS answers them (recorded in LocalStack's SQS provider, which is tested against AWS).
NAME_MESSAGE = "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
FIFO_NAME_MESSAGE = (
    "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with "
    ".fifo suffix and be 1 to 80 in length"
)


def check_name(name: str, fifo: bool) -> None:
    """Refuse a name CreateQueue would refuse, with AWS's words."""
    if fifo:
        if _FIFO_NAME.fullmatch(name) is None:
            raise invalid_parameter_value(FIFO_NAME_MESSAGE)
    elif _NAME.fullmatch(name) is None:
        raise invalid_parameter_value(NAME_MESSAGE)


def queue_url(region: str, account: str, name: str) -> str:
    return f"https://sqs.{region}.amazonaws.com/{account}/{name}"


def queue_arn(region: str, account: str, name: str) -> str:
    return f"arn:aws:sqs:{region}:{account}:{name}"


@functools.lru_cache(maxsize=1024)
def parse_url(url: str) -> tuple[str, str] | None:
    """(account, name) of a queue URL, or None when ``url`` is not one."""
    match = _URL.fullmatch(url)
    return None if match is None else (match.group(1), match.group(2))


def parse_arn(arn: str) -> tuple[str, str, str] | None:
    """(region, account, name) of a queue ARN, or None."""
    match = _ARN.fullmatch(arn)
    return None if match is None else (match.group(1), match.group(2), match.group(3))
