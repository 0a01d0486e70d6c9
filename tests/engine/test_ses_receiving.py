"""SES receiving: receipt rule sets and rules, the checks SES makes when a rule is saved, and the actions an inbound
message runs: the Lambda event (validated against Powertools' SesModel and compared with AWS's sample field by
field), RequestResponse dispositions, S3 (the raw message), SNS (the notification with the content), Stop.

Sources (checked 2026-12-03):
https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-lambda-event.html
https://docs.aws.amazon.com/ses/latest/dg/receiving-email-action-lambda.html
https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html
https://docs.aws.amazon.com/ses/latest/dg/receiving-email-permissions.html
https://docs.aws.amazon.com/ses/latest/APIReference/API_CreateReceiptRule.html
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import SesModel, SnsModel

import pocketcloud
from pocketcloud import ClientError
from pocketcloud.services.ses import MailRejected, receive
from pocketcloud.services.ses.service import SesService

from .source_helpers import recorded_events, recording_function, topic_to_function

#: The Lambda action's sample event, reduced to its structure (member names in order, per object).
SAMPLE_RECORD_KEYS = ["eventSource", "eventVersion", "ses"]
SAMPLE_MAIL_KEYS = ["timestamp", "source", "messageId", "destination", "headersTruncated", "headers", "commonHeaders"]
SAMPLE_COMMON_KEYS = ["returnPath", "from", "date", "to", "messageId", "subject"]
SAMPLE_RECEIPT_KEYS = [
    "timestamp", "processingTimeMillis", "recipients", "spamVerdict", "virusVerdict", "spfVerdict", "dkimVerdict",
    "dmarcVerdict", "action",
]  # fmt: skip
SAMPLE_ACTION = {
    "type": "Lambda",
    "functionArn": "arn:aws:lambda:us-east-1:123456789012:function:IncomingEmail",
    "invocationType": "Event",
}


def _receiving(cloud: pocketcloud.Cloud, actions: list[dict[str, Any]], **rule: Any) -> Any:
    ses = cloud.client("ses")
    ses.verify_domain_identity(Domain="example.com")
    ses.create_receipt_rule_set(RuleSetName="main")
    ses.create_receipt_rule(
        RuleSetName="main",
        Rule={"Name": "inbox", "Enabled": True, "ScanEnabled": True, "Recipients": ["example.com"], "Actions": actions,
              **rule},
    )  # fmt: skip
    ses.set_active_receipt_rule_set(RuleSetName="main")
    return ses


def _allow_ses(cloud: pocketcloud.Cloud, name: str = "recorder") -> None:
    cloud.client("lambda").add_permission(
        FunctionName=name, StatementId="ses", Action="lambda:InvokeFunction", Principal="ses.amazonaws.com",
        SourceAccount=cloud.account_id,
    )  # fmt: skip


def test_lambda_action_event_matches_the_sample(cloud) -> None:
    """The Lambda action invokes the function with the SES event: SesModel validates it and every object has the
    sample's members in the sample's order; the body is left out."""
    function = recording_function(cloud)
    _allow_ses(cloud)
    _receiving(cloud, [{"LambdaAction": {"FunctionArn": function}}])
    receipt = receive(cloud, to="inbox@example.com", sender="sender@example.net", subject="This is a test", body="Hi")
    cloud.run()
    (event,) = recorded_events(cloud)
    parse(event=event, model=SesModel)
    record = event["Records"][0]
    assert list(record) == SAMPLE_RECORD_KEYS
    assert (record["eventSource"], record["eventVersion"]) == ("aws:ses", "1.0")
    mail, ses_receipt = record["ses"]["mail"], record["ses"]["receipt"]
    assert list(mail) == SAMPLE_MAIL_KEYS
    assert list(mail["commonHeaders"]) == SAMPLE_COMMON_KEYS
    assert list(ses_receipt) == SAMPLE_RECEIPT_KEYS
    assert list(ses_receipt["action"]) == list(SAMPLE_ACTION)
    assert ses_receipt["action"] == {"type": "Lambda", "functionArn": function, "invocationType": "Event"}
    assert mail["messageId"] == receipt.message_id and len(receipt.message_id) == 40
    assert (mail["source"], mail["destination"], ses_receipt["recipients"]) == (
        "sender@example.net", ["inbox@example.com"], ["inbox@example.com"],
    )  # fmt: skip
    assert mail["commonHeaders"]["subject"] == "This is a test"
    assert [h["name"] for h in mail["headers"][:4]] == [
        "Return-Path",
        "Received",
        "X-SES-Spam-Verdict",
        "X-SES-Virus-Verdict",
    ]
    assert "Hi" not in json.dumps(event["Records"][0]["ses"]["mail"]["headers"])
    assert ses_receipt["processingTimeMillis"] > 0


def test_the_function_needs_a_permission_for_ses(cloud) -> None:
    """Saving a rule whose function SES may not invoke fails with InvalidLambdaFunction "Could not invoke Lambda
    function: <arn>", and the rule is not saved."""
    function = recording_function(cloud)
    ses = cloud.client("ses")
    ses.create_receipt_rule_set(RuleSetName="main")
    rule = {"Name": "inbox", "Enabled": True, "Actions": [{"LambdaAction": {"FunctionArn": function}}]}
    with pytest.raises(ses.exceptions.InvalidLambdaFunctionException) as error:
        ses.create_receipt_rule(RuleSetName="main", Rule=rule)
    assert error.value.response["Error"] == {
        "Code": "InvalidLambdaFunction",
        "Message": f"Could not invoke Lambda function: {function}",
    }
    assert ses.describe_receipt_rule_set(RuleSetName="main")["Rules"] == []


def test_missing_bucket_and_topic_are_refused(cloud) -> None:
    ses = cloud.client("ses")
    ses.create_receipt_rule_set(RuleSetName="main")
    with pytest.raises(ses.exceptions.InvalidS3ConfigurationException) as error:
        ses.create_receipt_rule(
            RuleSetName="main", Rule={"Name": "r", "Actions": [{"S3Action": {"BucketName": "nope"}}]}
        )
    assert error.value.response["Error"]["Message"] == "Could not write to bucket: nope"
    topic = "arn:aws:sns:ap-northeast-2:123456789012:nope"
    with pytest.raises(ses.exceptions.InvalidSnsTopicException) as error:
        ses.create_receipt_rule(RuleSetName="main", Rule={"Name": "r", "Actions": [{"SNSAction": {"TopicArn": topic}}]})
    assert error.value.response["Error"]["Message"] == f"Could not publish to SNS topic: {topic}"


@pytest.mark.parametrize(
    ("disposition", "second_rule_runs", "second_action_runs"),
    [("STOP_RULE", True, False), ("STOP_RULE_SET", False, False), ("CONTINUE", True, True), ("bogus", True, True)],
)
def test_request_response_dispositions(
    cloud, disposition: str, second_rule_runs: bool, second_action_runs: bool
) -> None:
    """ "STOP_RULE—No further actions in the current receipt rule will be processed, but further receipt rules can be
    processed. STOP_RULE_SET—No further actions or receipt rules will be processed. CONTINUE or any other invalid
    value—This means that further actions and receipt rules can be processed." """
    decider = recording_function(cloud, "decider", returns={"disposition": disposition})
    later = recording_function(cloud, "later")
    _allow_ses(cloud, "decider")
    _allow_ses(cloud, "later")
    ses = _receiving(
        cloud,
        [{"LambdaAction": {"FunctionArn": decider, "InvocationType": "RequestResponse"}},
         {"LambdaAction": {"FunctionArn": later}}],
    )  # fmt: skip
    ses.create_receipt_rule(
        RuleSetName="main", After="inbox",
        Rule={"Name": "second", "Enabled": True, "Actions": [{"LambdaAction": {"FunctionArn": later}}]},
    )  # fmt: skip
    receipt = receive(cloud, to="inbox@example.com", subject="s", body="b")
    cloud.run()
    assert [a["rule"] for a in receipt.actions].count("second") == (1 if second_rule_runs else 0)
    assert [a["rule"] for a in receipt.actions].count("inbox") == (2 if second_action_runs else 1)
    assert receipt.actions[0]["disposition"] == (disposition if disposition != "bogus" else "CONTINUE")
    (decided,) = recorded_events(cloud, "decider")
    assert decided["Records"][0]["ses"]["receipt"]["action"]["invocationType"] == "RequestResponse"


def test_s3_action_writes_the_raw_message(cloud) -> None:
    """The S3 action stores the message under ``<prefix><messageId>``, as received (SES's headers first)."""
    s3 = cloud.client("s3")
    s3.create_bucket(Bucket="mail", CreateBucketConfiguration={"LocationConstraint": cloud.region})
    _receiving(cloud, [{"S3Action": {"BucketName": "mail", "ObjectKeyPrefix": "inbox/"}}])
    receipt = receive(cloud, to="inbox@example.com", subject="Stored", body="the body")
    cloud.run()
    body = s3.get_object(Bucket="mail", Key=f"inbox/{receipt.message_id}")["Body"].read()
    assert body.startswith(b"Return-Path: <sender@example.com>\r\n")
    assert b"Subject: Stored" in body and b"the body" in body


def test_sns_action_sends_the_content(cloud) -> None:
    """The SNS action publishes {"notificationType": "Received", "mail", "receipt", "content"} with the subject
    "Amazon SES Email Receipt Notification"; Base64 encoding encodes the content. A function subscribed to the topic
    gets the SNS event (SnsModel)."""
    topic = topic_to_function(cloud)
    _receiving(cloud, [{"SNSAction": {"TopicArn": topic, "Encoding": "Base64"}}])
    receive(cloud, to="inbox@example.com", subject="Via SNS", body="hello sns")
    cloud.run()
    (event,) = recorded_events(cloud)
    parse(event=event, model=SnsModel)
    sns = event["Records"][0]["Sns"]
    assert sns["Subject"] == "Amazon SES Email Receipt Notification"
    notification = json.loads(sns["Message"])
    assert list(notification) == ["notificationType", "mail", "receipt", "content"]
    assert notification["receipt"]["action"] == {"type": "SNS", "topicArn": topic, "encoding": "BASE64"}
    assert b"hello sns" in base64.b64decode(notification["content"])


def test_stop_action_ends_the_rule_set(cloud) -> None:
    function = recording_function(cloud)
    _allow_ses(cloud)
    _receiving(cloud, [{"StopAction": {"Scope": "RuleSet"}}, {"LambdaAction": {"FunctionArn": function}}])
    receive(cloud, to="inbox@example.com", subject="s", body="b")
    cloud.run()
    assert recorded_events(cloud) == []


def test_rules_match_recipients(cloud) -> None:
    """Recipients entries match an address, a domain or (with a leading dot) its subdomains; mail for other
    verified domains matches no rule and is refused."""
    function = recording_function(cloud)
    _allow_ses(cloud)
    ses = _receiving(cloud, [{"LambdaAction": {"FunctionArn": function}}], Recipients=["sales@example.com"])
    ses.verify_domain_identity(Domain="other.org")
    receive(cloud, to=["sales@example.com", "info@example.com"], subject="s", body="b")
    cloud.run()
    (event,) = recorded_events(cloud)
    assert event["Records"][0]["ses"]["receipt"]["recipients"] == ["sales@example.com"]
    with pytest.raises(MailRejected):
        receive(cloud, to="x@other.org", subject="s", body="b")
    with pytest.raises(MailRejected):
        receive(cloud, to="x@unverified.net", subject="s", body="b")


def test_no_active_rule_set_refuses_mail(cloud) -> None:
    ses = cloud.client("ses")
    ses.verify_domain_identity(Domain="example.com")
    with pytest.raises(MailRejected):
        receive(cloud, to="inbox@example.com", subject="s", body="b")
    assert set(ses.describe_active_receipt_rule_set()) == {"ResponseMetadata"}


def test_rule_set_management_errors(cloud) -> None:
    """Names follow SES's rules; duplicates, unknown rule sets and deleting the active rule set are refused."""
    ses = cloud.client("ses")
    ses.create_receipt_rule_set(RuleSetName="main")
    with pytest.raises(ses.exceptions.AlreadyExistsException):
        ses.create_receipt_rule_set(RuleSetName="main")
    with pytest.raises(ClientError):
        ses.create_receipt_rule_set(RuleSetName="-bad-")
    with pytest.raises(ses.exceptions.RuleSetDoesNotExistException) as error:
        ses.describe_receipt_rule_set(RuleSetName="nope")
    assert error.value.response["Error"]["Message"] == "Rule set does not exist: nope"
    ses.set_active_receipt_rule_set(RuleSetName="main")
    with pytest.raises(ses.exceptions.CannotDeleteException):
        ses.delete_receipt_rule_set(RuleSetName="main")
    ses.create_receipt_rule(RuleSetName="main", Rule={"Name": "a"})
    with pytest.raises(ses.exceptions.RuleDoesNotExistException):
        ses.create_receipt_rule(RuleSetName="main", Rule={"Name": "b"}, After="zzz")
    ses.create_receipt_rule(RuleSetName="main", Rule={"Name": "b"})
    assert [r["Name"] for r in ses.describe_receipt_rule_set(RuleSetName="main")["Rules"]] == ["b", "a"]
    assert ses.describe_receipt_rule(RuleSetName="main", RuleName="a")["Rule"]["TlsPolicy"] == "Optional"
    with pytest.raises(ClientError) as error:
        ses.create_receipt_rule(
            RuleSetName="main",
            Rule={"Name": "c", "Actions": [{"LambdaAction": {"FunctionArn": "x", "InvocationType": "Sometimes"}}]},
        )
    assert error.value.response["Error"]["Code"] == "ValidationError"


def test_sending_to_a_receiving_domain_delivers_the_mail(cloud) -> None:
    """A message SendEmail sends to an address at a domain this account receives mail for arrives there too."""
    function = recording_function(cloud)
    _allow_ses(cloud)
    ses = _receiving(cloud, [{"LambdaAction": {"FunctionArn": function}}])
    ses.verify_email_identity(EmailAddress="me@example.net")
    ses.send_email(
        Source="me@example.net",
        Destination={"ToAddresses": ["orders@example.com"]},
        Message={"Subject": {"Data": "Order 42"}, "Body": {"Text": {"Data": "please"}}},
    )
    cloud.run()
    (event,) = recorded_events(cloud)
    assert event["Records"][0]["ses"]["mail"]["commonHeaders"]["subject"] == "Order 42"
    assert cloud.backend("ses", SesService).received[0].recipients == ["orders@example.com"]


def test_verdicts_can_be_set_for_a_lab(cloud) -> None:
    function = recording_function(cloud)
    _allow_ses(cloud)
    _receiving(cloud, [{"LambdaAction": {"FunctionArn": function}}])
    receive(cloud, to="inbox@example.com", subject="spam!", body="b", verdicts={"spam": "FAIL"})
    cloud.run()
    (event,) = recorded_events(cloud)
    assert event["Records"][0]["ses"]["receipt"]["spamVerdict"] == {"status": "FAIL"}
