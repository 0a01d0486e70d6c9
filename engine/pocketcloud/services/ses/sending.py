"""SendEmail and SendRawEmail: the sandbox's checks, the sending quotas on the virtual clock, and the mailbox of
sent messages a learner can read.

* **Sandbox.** "If your account is still in the sandbox, you also have to verify every recipient email address
  (except for the recipients provided by the Amazon SES mailbox simulator)"; the sender must always be verified.
  A refusal is ``MessageRejected`` "Email address is not verified. The following identities failed the check in
  region US-EAST-1: sender@example.com, recipient@example.com" (the Region upper-cased, as AWS prints it).
  https://docs.aws.amazon.com/ses/latest/dg/smtp-response-codes.html
  ``ses.settings.sandbox = False`` models an account with production access (then only the sender is checked).
* **Quotas.** Sandbox: 200 recipients per 24 hours and 1 per second ("Quotas are based on the number of
  recipients"). Over the rate: ``Throttling`` "Maximum sending rate exceeded."; over the day: ``Throttling`` "Daily
  message quota exceeded.". https://docs.aws.amazon.com/ses/latest/dg/quotas.html
  https://docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas-errors.html
  The rate is a token bucket refilled at MaxSendRate per virtual second (pocketcloud's model of the maximum send rate,
  which AWS says "You can exceed ... for short bursts, but not for a sustained period of time"): a message is
  accepted while at least one token is left and then spends one per recipient, so a short burst is allowed and the
  next message waits.
* **MessageId.** ``<16 hex>-<uuid>-000000``, as in SES's samples ("0100016d07eb7477-8e1938ce-...-000000"): the first
  16 hex digits are ``0100`` and the send time in milliseconds since 1970.
* **Mailbox.** Every accepted message is kept in ``SesService.sent`` (:class:`SentEmail`, raw MIME included);
  :func:`pocketcloud.services.ses.sent_emails` reads it. Messages to a domain the account receives mail for
  (an active receipt rule set) are also delivered to it, as real mail would be (see :mod:`.inbound`).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import SMTP
from email.utils import format_datetime, getaddresses
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import EPOCH_SECONDS, to_datetime
from .identities import Identities, address_of

if TYPE_CHECKING:
    from .service import SesService


@dataclass
class SentEmail:
    """One accepted message, as the sent-mail mailbox keeps it."""

    message_id: str
    time: float
    source: str
    to: list[str]
    cc: list[str]
    bcc: list[str]
    subject: str
    text: str | None
    html: str | None
    raw: bytes

    @property
    def recipients(self) -> list[str]:
        return [*self.to, *self.cc, *self.bcc]


def message_id(service: SesService, at: float) -> str:
    millis = round((EPOCH_SECONDS + at) * 1000)
    return f"0100{millis:012x}-{service.cloud.new_request_id()}-000000"


def _rejected(message: str) -> ServiceError:
    return ServiceError("MessageRejected", message, 400)


def check_sandbox(service: SesService, source: str, recipients: list[str]) -> None:
    identities: Identities = service.identities
    failed = [] if identities.covers(source) else [address_of(source)]
    if service.settings.sandbox:
        failed += [address_of(r) for r in recipients if not identities.is_simulator(r) and not identities.covers(r)]
    if failed:
        region = service.cloud.region.upper()
        raise _rejected(
            "Email address is not verified. The following identities failed the check in region "
            f"{region}: {', '.join(dict.fromkeys(failed))}"
        )


def check_quota(service: SesService, count: int, now: float) -> None:
    """The token bucket and the 24-hour window; refuses without spending anything."""
    settings = service.settings
    rate = settings.max_send_rate
    tokens = min(rate, service.tokens + (now - service.tokens_at) * rate)
    day = sum(n for t, n in service.send_log if t > now - 86_400)
    if day + count > settings.max_24_hour_send:
        raise ServiceError("Throttling", "Daily message quota exceeded.", 400)
    if tokens < 1:
        raise ServiceError("Throttling", "Maximum sending rate exceeded.", 400)
    service.tokens, service.tokens_at = tokens - count, now
    service.send_log.append((now, count))


def _check_recipients(recipients: list[str]) -> None:
    if not recipients:
        raise ServiceError("InvalidParameterValue", "Missing final '@domain'", 400)
    if len(recipients) > limits.SES_MAX_RECIPIENTS:
        raise ServiceError("InvalidParameterValue", f"Recipient count exceeds {limits.SES_MAX_RECIPIENTS}.", 400)
    for r in recipients:
        if not Identities.well_formed(r):
            raise ServiceError("InvalidParameterValue", f"Missing final '@domain' in address <{r}>", 400)


def _text(content: dict[str, Any] | None) -> str | None:
    return None if content is None else str(content.get("Data", ""))


def build_mime(source: str, destination: dict[str, list[str]], message: dict[str, Any], mid: str, at: float,
               reply_to: list[str]) -> bytes:  # fmt: skip
    """The MIME message SendEmail makes of its parts (what the recipient, or an S3 action, receives)."""
    msg = EmailMessage()
    msg["From"] = source
    if destination.get("ToAddresses"):
        msg["To"] = ", ".join(destination["ToAddresses"])
    if destination.get("CcAddresses"):
        msg["Cc"] = ", ".join(destination["CcAddresses"])
    if reply_to:
        msg["Reply-To"] = ", ".join(reply_to)
    msg["Subject"] = str(message["Subject"].get("Data", ""))
    msg["Message-ID"] = f"<{mid}@email.amazonses.com>"
    msg["Date"] = format_datetime(to_datetime(at))
    body = message.get("Body", {})
    text, html = _text(body.get("Text")), _text(body.get("Html"))
    msg.set_content(text if text is not None else "", charset=body.get("Text", {}).get("Charset") or "utf-8")
    if html is not None:
        msg.add_alternative(html, subtype="html")
    return msg.as_bytes(policy=SMTP)


def send_email(service: SesService, p: dict[str, Any], now: float) -> dict[str, Any]:
    destination = p["Destination"]
    to, cc, bcc = (list(destination.get(k) or []) for k in ("ToAddresses", "CcAddresses", "BccAddresses"))
    source = p["Source"]
    if not Identities.well_formed(source):
        raise ServiceError("InvalidParameterValue", f"Missing final '@domain' in address <{source}>", 400)
    recipients = [*to, *cc, *bcc]
    _check_recipients(recipients)
    check_sandbox(service, source, recipients)
    mid = message_id(service, now)
    raw = build_mime(source, destination, p["Message"], mid, now, list(p.get("ReplyToAddresses") or []))
    if len(raw) > limits.SES_V1_MAX_MESSAGE_BYTES:
        raise _rejected(f"Message length exceeds {limits.SES_V1_MAX_MESSAGE_BYTES} bytes long.")
    check_quota(service, len(recipients), now)
    body = p["Message"].get("Body", {})
    sent = SentEmail(
        mid, now, source, to, cc, bcc, str(p["Message"]["Subject"].get("Data", "")),
        _text(body.get("Text")), _text(body.get("Html")), raw,
    )  # fmt: skip
    service.deliver(sent)
    return {"MessageId": mid}


def send_raw_email(service: SesService, p: dict[str, Any], now: float) -> dict[str, Any]:
    """ "If you specify the Source parameter and have feedback forwarding enabled, then bounces and complaints are
    sent to this email address"; without Source the From header is the sender, and without Destinations the
    recipients are those of the To, Cc and Bcc headers.
    https://docs.aws.amazon.com/ses/latest/APIReference/API_SendRawEmail.html"""
    data = p["RawMessage"]["Data"]
    raw = data if isinstance(data, bytes) else base64.b64decode(data)
    if len(raw) > limits.SES_V1_MAX_MESSAGE_BYTES:
        raise _rejected(f"Message length exceeds {limits.SES_V1_MAX_MESSAGE_BYTES} bytes long.")
    parsed = BytesParser(policy=SMTP).parsebytes(raw)
    source = p.get("Source") or str(parsed.get("From") or "")
    if not source:
        raise ServiceError("InvalidParameterValue", "Missing required header 'From'.", 400)
    header_addresses = {
        k: [a for _, a in getaddresses([str(v) for v in parsed.get_all(k, [])])] for k in ("To", "Cc", "Bcc")
    }
    recipients = list(p.get("Destinations") or []) or [
        *header_addresses["To"],
        *header_addresses["Cc"],
        *header_addresses["Bcc"],
    ]
    _check_recipients(recipients)
    check_sandbox(service, source, recipients)
    check_quota(service, len(recipients), now)
    mid = message_id(service, now)
    text = None
    if not parsed.is_multipart():
        text = parsed.get_content() if parsed.get_content_maintype() == "text" else None
    sent = SentEmail(
        mid, now, address_of(source), header_addresses["To"] or recipients, header_addresses["Cc"],
        header_addresses["Bcc"], str(parsed.get("Subject") or ""), text, None, raw,
    )  # fmt: skip
    service.deliver(sent)
    return {"MessageId": mid}
