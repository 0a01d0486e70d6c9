"""Receiving mail: how an inbound message runs through the active receipt rule set, on the virtual clock.

pocketcloud has no SMTP endpoint, so mail arrives through :func:`receive` (``pocketcloud.services.ses.receive``) or
by SendEmail to an address at a domain the account receives mail for. Then, as SES does:

1. the recipients must be on a verified domain (or be verified addresses) and some enabled rule of the **active**
   rule set must match them, else the message is refused (SES answers SMTP ``550 Mailbox unavailable``);
2. rules run in order. A rule's ``Recipients`` entries match an address, a whole domain (``example.com``) or its
   subdomains (``.example.com``); no entries match every recipient.
   https://docs.aws.amazon.com/ses/latest/dg/receiving-email-receipt-rules-console-walkthrough.html
3. a rule's actions run in order: **S3** writes the raw message to ``<ObjectKeyPrefix><messageId>``; **SNS**
   publishes the notification with the content; **Lambda** invokes the function, asynchronously (``Event``) or
   synchronously (``RequestResponse``, whose answer can be ``{"disposition": "STOP_RULE" | "STOP_RULE_SET" |
   "CONTINUE"}``: "STOP_RULE—No further actions in the current receipt rule will be processed, but further receipt
   rules can be processed. STOP_RULE_SET—No further actions or receipt rules will be processed. CONTINUE or any
   other invalid value—This means that further actions and receipt rules can be processed."); **Stop** ends the
   rule set. An action's optional ``TopicArn`` is notified as well (without the content).
   https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-lambda.html

Every service call is made as ``ses.amazonaws.com`` with the rule's ARN as the source, so a function's policy must
allow SES. Each action is started after a model processing time (:attr:`.service.Settings.action_s`), so
``processingTimeMillis`` is positive, as in SES's samples; a RequestResponse invocation is waited for (up to 30 s,
SES's limit) before the next action. Each delivery is recorded in ``SesService.received``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import SMTP
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ClientError, PocketCloudError
from ...timeutil import to_datetime
from .identities import address_of, domain_of
from .notifications import SNS_SUBJECT, Inbound, lambda_event, mail_object, receipt_object, sns_notification
from .rules import PRINCIPAL, rule_arn

if TYPE_CHECKING:
    from .service import SesService


class MailRejected(PocketCloudError):
    """SES refused the message at the SMTP stage (no verified domain, no matching rule, no active rule set)."""


@dataclass
class Receipt:
    """What happened to one received message: the actions taken, in order, and any errors."""

    message_id: str
    time: float
    recipients: list[str]
    actions: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def inbound_id(service: SesService) -> str:
    """A 40-character lowercase ID like the SMTP IDs of SES's samples ("bsvpsoklfhu7u50iur7h0kk9a2ou0r7i...")."""
    digits = "0123456789abcdefghijklmnopqrstuv"
    bits = int(service.cloud.random_hex(50), 16)
    return "".join(digits[(bits >> (5 * i)) & 31] for i in range(40))


def _matches(entry: str, address: str) -> bool:
    entry, address = entry.lower(), address.lower()
    domain = domain_of(address)
    if "@" in entry:
        return entry == address
    if entry.startswith("."):
        return domain.endswith(entry)
    return domain == entry


def receive(service: SesService, raw: bytes, source: str, recipients: list[str]) -> Receipt:
    """Accept one message for ``recipients`` and schedule its rules; raise MailRejected if SES would refuse it."""
    if not recipients:
        raise MailRejected("554 Transaction failed: no recipients")
    active = service.active_rule_set()
    if active is None:
        raise MailRejected("550 5.1.1 Requested action not taken: mailbox unavailable (no active receipt rule set)")
    for r in recipients:
        if not service.identities.covers(r):
            raise MailRejected(f"550 5.1.1 Requested action not taken: mailbox unavailable <{address_of(r)}>")
    plan = []
    for rule in active.rules:
        if not rule.get("Enabled", False):
            continue
        entries = rule.get("Recipients") or []
        matched = [r for r in recipients if not entries or any(_matches(e, r) for e in entries)]
        if matched:
            plan.append((rule, matched))
    if not plan:
        raise MailRejected("550 5.1.1 Requested action not taken: mailbox unavailable (no receipt rule matched)")
    now = service.cloud.now
    mid = inbound_id(service)
    parsed = BytesParser(policy=SMTP).parsebytes(raw)
    received = (
        f"from mail.pocketcloud.invalid by inbound-smtp.{service.cloud.region}.amazonaws.com with SMTP id {mid} "
        f"for {address_of(recipients[0])}; {to_datetime(now).strftime('%a, %d %b %Y %H:%M:%S +0000 (UTC)')}"
    )
    ses_headers = [("Return-Path", f"<{source}>"), ("Received", received)]
    ses_headers += [("X-SES-Spam-Verdict", service.verdicts.get("spam", "PASS"))]
    ses_headers += [("X-SES-Virus-Verdict", service.verdicts.get("virus", "PASS"))]
    headers = ses_headers + [(str(k), str(v)) for k, v in parsed.items()]
    prefix = "".join(f"{k}: {v}\r\n" for k, v in ses_headers).encode()
    message = Inbound(mid, now, source, list(recipients), headers, prefix + raw, dict(service.verdicts))
    receipt = Receipt(mid, now, list(recipients))
    service.received.append(receipt)
    steps = [(rule, matched, action) for rule, matched in plan for action in normalise_actions(rule)]
    _next(service, message, receipt, active.name, steps, 0, None)
    return receipt


def normalise_actions(rule: dict[str, Any]) -> list[dict[str, Any]]:
    return list(rule.get("Actions") or []) or [{}]


def _next(
    service: SesService, message: Inbound, receipt: Receipt, rule_set: str, steps: list[Any], index: int,
    skip_rule: str | None,
) -> None:  # fmt: skip
    """Run steps from ``index`` on, one action per ``action_s`` of virtual time."""
    while index < len(steps) and steps[index][0]["Name"] == skip_rule:
        index += 1
    if index >= len(steps):
        return
    service.cloud.kernel.schedule(service.settings.action_s, _run, service, message, receipt, rule_set, steps, index)


def _run(service: SesService, message: Inbound, receipt: Receipt, rule_set: str, steps: list[Any], index: int) -> None:
    rule, matched, action = steps[index]
    if not action:
        _next(service, message, receipt, rule_set, steps, index + 1, None)
        return
    kind, spec = next(iter(action.items()))
    cloud = service.cloud
    now = cloud.now
    arn = rule_arn(service, rule_set, rule["Name"])
    mail = mail_object(message)
    record: dict[str, Any] = {"time": now, "rule": rule["Name"], "action": kind}
    receipt.actions.append(record)

    def fail(error: ClientError) -> None:
        details = error.response.get("Error", {})
        text = f"{rule['Name']} {kind}: {details.get('Code')}: {details.get('Message')}"
        receipt.errors.append(text)
        record["error"] = text

    if kind == "StopAction":
        _notify(service, arn, spec.get("TopicArn"), mail, message, now, matched, {"type": "Stop", **_topic(spec)}, fail)
        return  # the rule set ends here
    if kind == "S3Action":
        key = spec.get("ObjectKeyPrefix", "") + message.message_id
        action_doc = {"type": "S3", **_topic(spec), "bucketName": spec["BucketName"], "objectKey": key}
        try:
            s3: Any = cloud.service_client("s3", PRINCIPAL, source_arn=arn)
            s3.put_object(Bucket=spec["BucketName"], Key=key, Body=message.raw)
        except ClientError as error:
            fail(error)
        _notify(service, arn, spec.get("TopicArn"), mail, message, now, matched, action_doc, fail)
    elif kind == "SNSAction":
        encoding = spec.get("Encoding", "UTF-8")
        action_doc = {
            "type": "SNS",
            "topicArn": spec["TopicArn"],
            "encoding": "BASE64" if encoding == "Base64" else "UTF8",
        }
        content = message.raw if len(message.raw) <= limits.SES_SNS_ACTION_MAX_BYTES else None
        document = sns_notification(mail, receipt_object(message, now, matched, action_doc), content, encoding)
        _publish(service, arn, spec["TopicArn"], document, fail)
    elif kind == "LambdaAction":
        invocation = spec.get("InvocationType", "Event")
        action_doc = {
            "type": "Lambda",
            **_topic(spec),
            "functionArn": spec["FunctionArn"],
            "invocationType": invocation,
        }
        event = lambda_event(mail, receipt_object(message, now, matched, action_doc))
        client: Any = cloud.service_client("lambda", PRINCIPAL, source_arn=arn, source_account=cloud.account_id)
        _notify(service, arn, spec.get("TopicArn"), mail, message, now, matched, action_doc, fail)
        if invocation == "RequestResponse":
            _request_response(service, message, receipt, rule_set, steps, index, client, spec, event, record, fail)
            return
        try:
            client.invoke(FunctionName=spec["FunctionArn"], InvocationType="Event", Payload=json.dumps(event))
        except ClientError as error:
            fail(error)
    elif kind == "AddHeaderAction":
        message.headers.insert(0, (spec["HeaderName"], spec["HeaderValue"]))
        message.raw = f"{spec['HeaderName']}: {spec['HeaderValue']}\r\n".encode() + message.raw
    _next(service, message, receipt, rule_set, steps, index + 1, None)


def _request_response(
    service: SesService, message: Inbound, receipt: Receipt, rule_set: str, steps: list[Any], index: int,
    client: Any, spec: dict[str, Any], event: dict[str, Any], record: dict[str, Any], fail: Any,
) -> None:  # fmt: skip
    """Invoke and wait; the answer's disposition decides what runs next. A function that errors or runs past SES's
    30 seconds counts as CONTINUE (pocketcloud's reading: SES documents no other outcome)."""
    started = service.cloud.now
    rule_name = steps[index][0]["Name"]

    def on_response(response: dict[str, Any]) -> None:
        disposition = "CONTINUE"
        waited = service.cloud.now - started
        if "FunctionError" not in response and waited <= limits.SES_REQUEST_RESPONSE_TIMEOUT_S:
            try:
                answer = json.loads(response["Payload"].read() or b"null")
            except ValueError:
                answer = None
            if isinstance(answer, dict) and answer.get("disposition") in ("STOP_RULE", "STOP_RULE_SET", "CONTINUE"):
                disposition = str(answer["disposition"])
        record["disposition"] = disposition
        if disposition == "STOP_RULE_SET":
            return
        _next(service, message, receipt, rule_set, steps, index + 1, rule_name if disposition == "STOP_RULE" else None)

    try:
        client.invoke_and_then(on_response, FunctionName=spec["FunctionArn"], Payload=json.dumps(event))
    except ClientError as error:
        fail(error)
        _next(service, message, receipt, rule_set, steps, index + 1, None)


def _topic(spec: dict[str, Any]) -> dict[str, str]:
    return {"topicArn": spec["TopicArn"]} if spec.get("TopicArn") else {}


def _notify(
    service: SesService, arn: str, topic: str | None, mail: dict[str, Any], message: Inbound, now: float,
    matched: list[str], action_doc: dict[str, Any], fail: Any,
) -> None:  # fmt: skip
    if topic:
        document = sns_notification(mail, receipt_object(message, now, matched, action_doc), None, "UTF-8")
        _publish(service, arn, topic, document, fail)


def _publish(service: SesService, arn: str, topic: str, document: dict[str, Any], fail: Any) -> None:
    cloud = service.cloud
    client: Any = cloud.service_client("sns", PRINCIPAL, source_arn=arn, source_owner=cloud.account_id)
    try:
        client.publish(TopicArn=topic, Message=json.dumps(document), Subject=SNS_SUBJECT)
    except ClientError as error:
        fail(error)
