"""Route uploads by prefix and suffix: each rule names its own function."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
s3, lam = cloud.client("s3"), cloud.client("lambda")
s3.create_bucket(
    Bucket="media", CreateBucketConfiguration={"LocationConstraint": cloud.region}
)


@cloud.function()
def make_thumbnail(event, context):
    print("thumbnail for", event["Records"][0]["s3"]["object"]["key"])


@cloud.function()
def index_document(event, context):
    print("index", event["Records"][0]["s3"]["object"]["key"])


for fn in (make_thumbnail, index_document):
    lam.add_permission(
        FunctionName=fn.name,
        StatementId="s3-invoke",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn="arn:aws:s3:::media",
        SourceAccount=cloud.account_id,
    )


def rule(fn, prefix, suffix):
    return {
        "LambdaFunctionArn": fn.arn,
        "Events": ["s3:ObjectCreated:*"],
        "Filter": {
            "Key": {
                "FilterRules": [
                    {"Name": "prefix", "Value": prefix},
                    {"Name": "suffix", "Value": suffix},
                ]
            }
        },
    }


s3.put_bucket_notification_configuration(
    Bucket="media",
    NotificationConfiguration={
        "LambdaFunctionConfigurations": [
            rule(make_thumbnail, "uploads/", ".jpg"),
            rule(index_document, "uploads/", ".pdf"),
        ]
    },
)
for key in ("uploads/cat.jpg", "uploads/report.pdf", "thumbnails/cat.jpg", "notes.txt"):
    s3.put_object(Bucket="media", Key=key, Body=b"...")
cloud.run()
for fn in (make_thumbnail, index_document):
    print(
        fn.name,
        "->",
        [line for line in fn.logs() if line.startswith(("thumb", "index"))],
    )

# Two rules whose prefixes overlap for the same event type are refused.
try:
    s3.put_bucket_notification_configuration(
        Bucket="media",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                rule(make_thumbnail, "uploads/", ".jpg"),
                rule(index_document, "uploads/2026/", ".jpg"),
            ]
        },
    )
except s3.exceptions.ClientError as err:
    print(err.response["Error"]["Code"], "-", err.response["Error"]["Message"])

# expect: make-thumbnail -> ['thumbnail for uploads/cat.jpg']
# expect: index-document -> ['index uploads/report.pdf']
# expect: InvalidArgument - Configuration is ambiguously defined.
