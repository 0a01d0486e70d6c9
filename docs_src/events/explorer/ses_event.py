"""SES: the event a receipt rule's Lambda action hands the function."""

import pocketcloud
from pocketcloud.services.ses import receive

cloud = pocketcloud.Cloud(seed=0)
ses, lam = cloud.client("ses"), cloud.client("lambda")
explorer = pocketcloud.record_events(cloud)

lam.add_permission(
    FunctionName="explorer",
    StatementId="ses",
    Action="lambda:InvokeFunction",
    Principal="ses.amazonaws.com",
    SourceAccount="123456789012",
)
ses.verify_domain_identity(Domain="example.com")
ses.create_receipt_rule_set(RuleSetName="main")
ses.create_receipt_rule(
    RuleSetName="main",
    Rule={
        "Name": "support",
        "Enabled": True,
        "ScanEnabled": True,
        "Recipients": ["support@example.com"],
        "Actions": [
            {"LambdaAction": {"FunctionArn": explorer.arn, "InvocationType": "Event"}}
        ],
    },
)
ses.set_active_receipt_rule_set(RuleSetName="main")

# pocketcloud has no SMTP server: receive() plays the sender.
receive(
    cloud,
    to="support@example.com",
    sender="ada@example.net",
    subject="Where is my order?",
    body="Order 1017 was due yesterday.",
)
cloud.run()

explorer.show()

# expect: "eventSource": "aws:ses"
# expect: "subject": "Where is my order?"
# expect: "spamVerdict"
# expect: "type": "Lambda"
