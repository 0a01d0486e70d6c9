"""Receiving email into a Lambda function: a verified domain, a receipt rule with a
Lambda action, one message.
"""

import json

import pocketcloud
from pocketcloud.services.ses import receive

APP = """
import json

def handler(event, context):
    record = event["Records"][0]          # SES sends one record per message
    mail = record["ses"]["mail"]
    receipt = record["ses"]["receipt"]
    print(json.dumps({
        "eventSource": record["eventSource"],
        "from": mail["commonHeaders"]["from"],
        "subject": mail["commonHeaders"]["subject"],
        "recipients": receipt["recipients"],
        "spam": receipt["spamVerdict"]["status"],
        "virus": receipt["virusVerdict"]["status"],
        "action": receipt["action"]["type"],
        "body in event": "body" in mail,
    }))
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
ses = cloud.client("ses")  # boto3.client("ses")
logs = cloud.client("logs")

function_arn = lam.create_function(
    FunctionName="inbox",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)["FunctionArn"]
# SES invokes the function as the service principal ses.amazonaws.com.
lam.add_permission(
    FunctionName="inbox",
    StatementId="ses",
    Action="lambda:InvokeFunction",
    Principal="ses.amazonaws.com",
    SourceAccount="123456789012",
)

ses.verify_domain_identity(
    Domain="example.com"
)  # SES receives mail only for verified domains
ses.create_receipt_rule_set(RuleSetName="main")
ses.create_receipt_rule(
    RuleSetName="main",
    Rule={
        "Name": "support",
        "Enabled": True,
        "ScanEnabled": True,  # spam and virus scanning
        "Recipients": ["support@example.com"],
        "Actions": [
            {"LambdaAction": {"FunctionArn": function_arn, "InvocationType": "Event"}}
        ],
    },
)
ses.set_active_receipt_rule_set(RuleSetName="main")  # only the active rule set runs

# An email arrives (pocketcloud has no SMTP server: receive() plays the sender).
receipt = receive(
    cloud,
    to="support@example.com",
    sender="ada@example.net",
    subject="My order has not arrived",
    body="Order 1234 was due yesterday.",
)
cloud.run()  # rules run on the virtual clock
print("actions:", [action["action"] for action in receipt.actions])

stream = logs.describe_log_streams(logGroupName="/aws/lambda/inbox")["logStreams"][0][
    "logStreamName"
]
for line in logs.get_log_events(logGroupName="/aws/lambda/inbox", logStreamName=stream)[
    "events"
]:
    if line["message"].startswith("{"):
        for key, value in json.loads(line["message"]).items():
            print(f"{key:>14}: {value}")

# Mail for an address no rule covers is refused at the SMTP stage.
try:
    receive(cloud, to="sales@example.com", subject="hello")
except pocketcloud.services.ses.MailRejected as refused:
    print("refused:", refused)

# expect: actions: ['LambdaAction']
# expect: eventSource: aws:ses
# expect: from: ['ada@example.net']
# expect: subject: My order has not arrived
# expect: spam: PASS
# expect: body in event: False
# expect: refused:
