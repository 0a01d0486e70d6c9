"""What SES hands to actions: the ``mail`` and ``receipt`` objects, the Lambda event, and the SNS notification.

"The ``ses`` object contains ``receipt`` and ``mail`` objects, which are in exactly the same format as in the
Amazon SNS notifications"; the Lambda event is ``{"Records": [{"eventSource": "aws:ses", "eventVersion": "1.0",
"ses": {"mail": ..., "receipt": ...}}]}`` and "omits the body of the incoming email". An SNS action's notification
is ``{"notificationType": "Received", "mail": ..., "receipt": ..., "content": <the raw message>}`` ("This field is
present only if the notification was triggered by an SNS action"), published with the subject "Amazon SES Email
Receipt Notification". https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-lambda-event.html
https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html

``commonHeaders`` fields appear only when the message has them; ``headersTruncated`` is true when the headers pass
10 KB, and then the list is cut.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from email.utils import formataddr, getaddresses
from typing import Any

from ... import limits
from ...timeutil import iso_millis

SNS_SUBJECT = "Amazon SES Email Receipt Notification"


@dataclass
class Inbound:
    """One received message and what SES knows about it."""

    message_id: str
    time: float
    source: str  # envelope MAIL FROM
    recipients: list[str]  # envelope RCPT TO
    headers: list[tuple[str, str]]
    raw: bytes
    verdicts: dict[str, str] = field(default_factory=dict)


def _addresses(headers: list[tuple[str, str]], name: str) -> list[str]:
    values = [v for k, v in headers if k.lower() == name]
    return [a for _, a in getaddresses(values) if a] if name in ("to", "cc") else values


def mail_object(message: Inbound) -> dict[str, Any]:
    headers = message.headers
    total = 0
    listed = []
    truncated = False
    for name, value in headers:
        total += len(name) + len(value) + 4
        if total > limits.SES_NOTIFICATION_HEADERS_MAX_BYTES:
            truncated = True
            break
        listed.append({"name": name, "value": value})
    lower: dict[str, str] = {}
    for name, value in headers:
        lower.setdefault(name.lower(), value)
    common: dict[str, Any] = {"returnPath": message.source}
    for key, field_name in (("from", "from"), ("reply-to", "replyTo"), ("sender", "sender")):
        if key in lower:
            common[field_name] = [v for k, v in headers if k.lower() == key]
    if "date" in lower:
        common["date"] = lower["date"]
    for key in ("to", "cc", "bcc"):
        values = [v for k, v in headers if k.lower() == key]
        if values:
            common[key] = [formataddr(pair) for pair in getaddresses(values) if pair[1]]
    if "message-id" in lower:
        common["messageId"] = lower["message-id"]
    if "subject" in lower:
        common["subject"] = lower["subject"]
    destination = _addresses(headers, "to") + _addresses(headers, "cc")
    return {
        "timestamp": iso_millis(message.time),
        "source": message.source,
        "messageId": message.message_id,
        "destination": destination or list(message.recipients),
        "headersTruncated": truncated,
        "headers": listed,
        "commonHeaders": common,
    }


def receipt_object(message: Inbound, at: float, recipients: list[str], action: dict[str, Any]) -> dict[str, Any]:
    verdicts = message.verdicts
    return {
        "timestamp": iso_millis(at),
        "processingTimeMillis": max(1, round((at - message.time) * 1000)),
        "recipients": list(recipients),
        "spamVerdict": {"status": verdicts.get("spam", "PASS")},
        "virusVerdict": {"status": verdicts.get("virus", "PASS")},
        "spfVerdict": {"status": verdicts.get("spf", "GRAY")},
        "dkimVerdict": {"status": verdicts.get("dkim", "GRAY")},
        "dmarcVerdict": {"status": verdicts.get("dmarc", "GRAY")},
        "action": action,
    }


def lambda_event(mail: dict[str, Any], receipt: dict[str, Any]) -> dict[str, Any]:
    return {"Records": [{"eventSource": "aws:ses", "eventVersion": "1.0", "ses": {"mail": mail, "receipt": receipt}}]}


def sns_notification(
    mail: dict[str, Any], receipt: dict[str, Any], content: bytes | None, encoding: str
) -> dict[str, Any]:
    out: dict[str, Any] = {"notificationType": "Received", "mail": mail, "receipt": receipt}
    if content is not None:
        out["content"] = (
            base64.b64encode(content).decode() if encoding == "Base64" else content.decode("utf-8", "replace")
        )
    return out
