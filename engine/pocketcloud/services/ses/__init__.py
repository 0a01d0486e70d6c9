"""Amazon SES: sending from verified identities, and receiving mail into S3, SNS and Lambda.

**How SES reaches Lambda on AWS.** SES is a *notification-driven* event source with two paths:

* a receipt rule's **Lambda action** invokes the function directly with the SES event
  (``{"Records": [{"eventSource": "aws:ses", ...}]}``), asynchronously (``Event``) or synchronously
  (``RequestResponse``, whose ``{"disposition": ...}`` answer can stop the rule or the rule set);
* an **SNS action** publishes a notification (with the message content) that a subscribed function receives.
  "There are two ways to send incoming email events to a Lambda function ..."
  https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-lambda-event.html

There is no SMTP in pocketcloud: mail arrives with :func:`receive` (or by SendEmail to a domain the account receives
mail for), and :func:`sent_emails` shows what SendEmail/SendRawEmail accepted.

Modules: :mod:`.client`, :mod:`.service`, :mod:`.identities`, :mod:`.sending`, :mod:`.rules` (rule sets and
checks), :mod:`.inbound` (running the rules), :mod:`.notifications` (the event and notification JSON).
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses
from typing import TYPE_CHECKING

from ...timeutil import to_datetime
from .inbound import MailRejected, Receipt
from .sending import SentEmail

if TYPE_CHECKING:
    from ...cloud import Cloud

__all__ = ["MailRejected", "Receipt", "SentEmail", "receive", "sent_emails"]


def _service(cloud: Cloud) -> object:
    from .service import SesService

    return cloud.backend("ses", SesService)


def sent_emails(cloud: Cloud) -> list[SentEmail]:
    """Every message SendEmail / SendRawEmail accepted in ``cloud``, oldest first (the sent-mail mailbox)."""
    from .service import SesService

    service: SesService = cloud.backend("ses", SesService)
    return list(service.sent)


def receive(
    cloud: Cloud,
    *,
    to: str | list[str],
    sender: str = "sender@example.com",
    subject: str = "",
    body: str = "",
    raw: bytes | None = None,
    verdicts: dict[str, str] | None = None,
) -> Receipt:
    """Deliver an inbound message to ``cloud``'s SES, as if it arrived over SMTP, and run the active rule set.

    Give either the parts (``sender``, ``to``, ``subject``, ``body``) or a whole MIME message (``raw``, with
    ``sender`` as the envelope MAIL FROM). ``verdicts`` sets the scan results the receipt reports, e.g.
    ``{"spam": "FAIL"}`` (keys spam, virus, spf, dkim, dmarc; values PASS, FAIL, GRAY, PROCESSING_FAILED).
    Rules run on the virtual clock: let it run (``cloud.run()``) to see their actions. Raises
    :class:`MailRejected` when SES would refuse the message (no active rule set, unverified domain, no rule).
    """
    from .service import SesService

    service: SesService = cloud.backend("ses", SesService)
    recipients = [to] if isinstance(to, str) else list(to)
    if raw is None:
        msg = EmailMessage()
        msg["From"] = sender
        msg["To"] = ", ".join(recipients)
        msg["Subject"] = subject
        msg["Date"] = format_datetime(to_datetime(cloud.now))
        msg["Message-ID"] = f"<{cloud.random_hex(24)}@{sender.rsplit('@', 1)[-1]}>"
        msg.set_content(body)
        raw = msg.as_bytes(policy=SMTP)
    envelope = [a for _, a in getaddresses(recipients)]
    saved = dict(service.verdicts)
    service.verdicts = {**saved, **(verdicts or {})}
    try:
        from .inbound import receive as run

        return run(service, raw, sender, envelope)
    finally:
        service.verdicts = saved
