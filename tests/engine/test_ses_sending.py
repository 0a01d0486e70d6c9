"""SES sending: identities (verified at once in pocketcloud), the sandbox rules, sending quotas on the virtual clock,
SendEmail / SendRawEmail and the sent-mail mailbox, with SES's error codes and messages.

Sources (checked 2026-12-03):
https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html
https://docs.aws.amazon.com/ses/latest/dg/smtp-response-codes.html
https://docs.aws.amazon.com/ses/latest/dg/quotas.html
https://docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas-errors.html
https://docs.aws.amazon.com/ses/latest/APIReference/API_SendEmail.html
"""

from __future__ import annotations

import re
from email import message_from_bytes
from typing import Any

import pytest

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.services.ses import sent_emails
from pocketcloud.services.ses.service import SesService

MESSAGE = {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi there"}, "Html": {"Data": "<p>Hi</p>"}}}


def _ses(cloud: pocketcloud.Cloud, *verified: str) -> Any:
    ses = cloud.client("ses")
    for address in verified:
        ses.verify_email_identity(EmailAddress=address)
    return ses


def _send(ses: Any, source: str, *to: str) -> dict[str, Any]:
    result: dict[str, Any] = ses.send_email(Source=source, Destination={"ToAddresses": list(to)}, Message=MESSAGE)
    return result


def test_identities_are_verified_at_once(cloud) -> None:
    """VerifyEmailIdentity / VerifyDomainIdentity add identities that pocketcloud verifies immediately; a domain
    identity has a verification token; unknown identities are left out of the answer."""
    ses = _ses(cloud, "me@example.com")
    token = ses.verify_domain_identity(Domain="example.org")["VerificationToken"]
    assert len(token) == 44
    assert ses.list_identities()["Identities"] == ["me@example.com", "example.org"]
    assert ses.list_identities(IdentityType="Domain")["Identities"] == ["example.org"]
    attributes = ses.get_identity_verification_attributes(Identities=["me@example.com", "example.org", "x@y.z"])
    assert attributes["VerificationAttributes"] == {
        "me@example.com": {"VerificationStatus": "Success"},
        "example.org": {"VerificationStatus": "Success", "VerificationToken": token},
    }
    ses.delete_identity(Identity="me@example.com")
    assert ses.list_verified_email_addresses()["VerifiedEmailAddresses"] == []


def test_an_unverified_sender_is_rejected(cloud) -> None:
    """ "Email address is not verified. The following identities failed the check in region <REGION>: ..." as
    MessageRejected; nothing is sent or counted."""
    ses = _ses(cloud, "friend@example.com")
    with pytest.raises(ses.exceptions.MessageRejected) as error:
        _send(ses, "me@example.com", "friend@example.com")
    assert error.value.response["Error"]["Message"] == (
        "Email address is not verified. The following identities failed the check in region AP-NORTHEAST-2: "
        "me@example.com"
    )
    assert sent_emails(cloud) == []
    assert ses.get_send_quota()["SentLast24Hours"] == 0.0


def test_sandbox_recipients_must_be_verified(cloud) -> None:
    """In the sandbox every recipient must be verified too, except the mailbox simulator's addresses."""
    ses = _ses(cloud, "me@example.com")
    with pytest.raises(ses.exceptions.MessageRejected) as error:
        _send(ses, "me@example.com", "stranger@example.net")
    assert error.value.response["Error"]["Message"].endswith("AP-NORTHEAST-2: stranger@example.net")
    assert _send(ses, "me@example.com", "success@simulator.amazonses.com")["MessageId"]


def test_production_access_checks_only_the_sender(cloud) -> None:
    ses = _ses(cloud, "me@example.com")
    cloud.backend("ses", SesService).set_sandbox(False)
    assert _send(ses, "me@example.com", "anyone@example.net")["MessageId"]


def test_a_verified_domain_covers_its_addresses_and_subdomains(cloud) -> None:
    ses = _ses(cloud)
    ses.verify_domain_identity(Domain="example.com")
    assert _send(ses, "Team <news@mail.example.com>", "someone@example.com")["MessageId"]


def test_message_id_and_mailbox(cloud) -> None:
    """The MessageId has SES's form (16 hex digits, a UUID, ``-000000``); the mailbox keeps the MIME message."""
    ses = _ses(cloud, "me@example.com", "you@example.com")
    message_id = _send(ses, "me@example.com", "you@example.com")["MessageId"]
    assert re.fullmatch(r"0100[0-9a-f]{12}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}-000000", message_id)
    (sent,) = sent_emails(cloud)
    assert (sent.message_id, sent.source, sent.to, sent.subject, sent.text) == (
        message_id, "me@example.com", ["you@example.com"], "Hello", "Hi there",
    )  # fmt: skip
    mime = message_from_bytes(sent.raw)
    assert mime["Subject"] == "Hello" and mime["Message-ID"] == f"<{message_id}@email.amazonses.com>"
    assert mime.is_multipart()


def test_sending_rate_on_the_virtual_clock(cloud) -> None:
    """Sandbox MaxSendRate is 1 per second: a second message at the same instant is throttled ("Maximum sending
    rate exceeded."); a second later it goes."""
    ses = _ses(cloud, "me@example.com", "you@example.com")
    quota = ses.get_send_quota()
    assert (quota["Max24HourSend"], quota["MaxSendRate"]) == (200.0, 1.0)
    _send(ses, "me@example.com", "you@example.com")
    with pytest.raises(ClientError) as error:
        _send(ses, "me@example.com", "you@example.com")
    assert error.value.response["Error"] == {"Code": "Throttling", "Message": "Maximum sending rate exceeded."}
    cloud.run(until=cloud.now + 1)
    _send(ses, "me@example.com", "you@example.com")
    assert ses.get_send_quota()["SentLast24Hours"] == 2.0


def test_daily_quota_counts_recipients(cloud) -> None:
    """200 recipients per 24 hours in the sandbox; the 201st is refused ("Daily message quota exceeded.") until
    the oldest sends are a day old."""
    ses = _ses(cloud, "me@example.com", "you@example.com")
    for _ in range(200):
        _send(ses, "me@example.com", "you@example.com")
        cloud.run(until=cloud.now + 1)
    with pytest.raises(ClientError) as error:
        _send(ses, "me@example.com", "you@example.com")
    assert error.value.response["Error"]["Message"] == "Daily message quota exceeded."
    cloud.run(until=86_400 + 1)
    _send(ses, "me@example.com", "you@example.com")


def test_recipient_limit(cloud) -> None:
    """ "The message may not include more than 50 recipients, across the To:, CC: and BCC: fields." """
    ses = _ses(cloud, "me@example.com")
    cloud.backend("ses", SesService).set_sandbox(False)
    with pytest.raises(ClientError) as error:
        _send(ses, "me@example.com", *[f"r{i}@example.net" for i in range(51)])
    assert error.value.response["Error"] == {"Code": "InvalidParameterValue", "Message": "Recipient count exceeds 50."}


def test_send_raw_email_reads_the_headers(cloud) -> None:
    """Without Source and Destinations, SendRawEmail takes the sender from From and the recipients from To/Cc."""
    ses = _ses(cloud, "me@example.com", "you@example.com")
    raw = b"From: me@example.com\r\nTo: you@example.com\r\nSubject: Raw\r\n\r\nbody\r\n"
    message_id = ses.send_raw_email(RawMessage={"Data": raw})["MessageId"]
    (sent,) = sent_emails(cloud)
    assert (sent.message_id, sent.to, sent.subject) == (message_id, ["you@example.com"], "Raw")
    assert sent.raw == raw


def test_bad_addresses_and_enum_values(cloud) -> None:
    ses = _ses(cloud, "me@example.com")
    with pytest.raises(ClientError) as error:
        _send(ses, "me@example.com", "not-an-address")
    assert error.value.response["Error"]["Code"] == "InvalidParameterValue"
    with pytest.raises(ClientError) as error:
        ses.list_identities(IdentityType="Phone")
    assert error.value.response["Error"]["Code"] == "ValidationError"


def test_send_statistics(cloud) -> None:
    ses = _ses(cloud, "me@example.com", "you@example.com")
    _send(ses, "me@example.com", "you@example.com")
    points = ses.get_send_statistics()["SendDataPoints"]
    assert [p["DeliveryAttempts"] for p in points] == [1]


def test_same_seed_same_message_ids() -> None:
    def run() -> str:
        cloud = pocketcloud.Cloud(seed=11)
        return str(_send(_ses(cloud, "me@example.com"), "me@example.com", "me@example.com")["MessageId"])

    assert run() == run()
