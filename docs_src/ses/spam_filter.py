"""A synchronous (RequestResponse) Lambda action that stops the rule set for spam,
before the S3 rule stores it.
"""

import pocketcloud
from pocketcloud.services.ses import receive

# The classic filter: look at the verdicts SES computed and answer with a disposition.
FILTER = """
def handler(event, context):
    receipt = event["Records"][0]["ses"]["receipt"]
    checks = ("spamVerdict", "virusVerdict", "spfVerdict", "dkimVerdict")
    verdicts = [receipt[check]["status"] for check in checks]
    if "FAIL" in verdicts:
        return {"disposition": "STOP_RULE_SET"}  # no further actions or rules
    return {"disposition": "CONTINUE"}
"""

ACCOUNT = "123456789012"
cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
ses = cloud.client("ses")
s3 = cloud.client("s3")

filter_arn = lam.create_function(
    FunctionName="spam-filter",
    Runtime="python3.13",
    Role=f"arn:aws:iam::{ACCOUNT}:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": FILTER})},
)["FunctionArn"]
lam.add_permission(
    FunctionName="spam-filter",
    StatementId="ses",
    Action="lambda:InvokeFunction",
    Principal="ses.amazonaws.com",
    SourceAccount=ACCOUNT,
)

s3.create_bucket(
    Bucket="mail-archive",
    CreateBucketConfiguration={"LocationConstraint": "ap-northeast-2"},
)

ses.verify_domain_identity(Domain="example.com")
ses.create_receipt_rule_set(RuleSetName="main")
ses.create_receipt_rule(
    RuleSetName="main",
    Rule={
        "Name": "1-filter",
        "Enabled": True,
        "ScanEnabled": True,
        "Actions": [
            {
                "LambdaAction": {
                    "FunctionArn": filter_arn,
                    "InvocationType": "RequestResponse",
                }
            }
        ],
    },
)
ses.create_receipt_rule(
    RuleSetName="main",
    After="1-filter",  # rules run in order
    Rule={
        "Name": "2-archive",
        "Enabled": True,
        "Actions": [
            {"S3Action": {"BucketName": "mail-archive", "ObjectKeyPrefix": "inbox/"}}
        ],
    },
)
ses.set_active_receipt_rule_set(RuleSetName="main")

good = receive(cloud, to="hello@example.com", sender="ada@example.net", subject="Hi")
spam = receive(
    cloud,
    to="hello@example.com",
    sender="win@example.org",
    subject="You won!",
    verdicts={"spam": "FAIL"},
)
cloud.run()

for label, receipt in (("good", good), ("spam", spam)):
    print(f"{label}: {[a['action'] for a in receipt.actions]}")
keys = [o["Key"] for o in s3.list_objects_v2(Bucket="mail-archive").get("Contents", [])]
print("archived:", keys)
print("only the good one:", keys == [f"inbox/{good.message_id}"])

# expect: good: ['LambdaAction', 'S3Action']
# expect: spam: ['LambdaAction']
# expect: only the good one: True
