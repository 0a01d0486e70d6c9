"""S3 events can arrive out of order: the sequencer says which change came last."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
s3, lam = cloud.client("s3"), cloud.client("lambda")
s3.create_bucket(
    Bucket="docs", CreateBucketConfiguration={"LocationConstraint": cloud.region}
)


@cloud.function()
def on_change(event, context):
    record = event["Records"][0]
    print(f"{record['eventName']:<22} sequencer={record['s3']['object']['sequencer']}")


lam.add_permission(
    FunctionName="on-change",
    StatementId="s3-invoke",
    Action="lambda:InvokeFunction",
    Principal="s3.amazonaws.com",
    SourceArn="arn:aws:s3:::docs",
    SourceAccount=cloud.account_id,
)
s3.put_bucket_notification_configuration(
    Bucket="docs",
    NotificationConfiguration={
        "LambdaFunctionConfigurations": [
            {
                "LambdaFunctionArn": on_change.arn,
                "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"],
            }
        ]
    },
)

# Three changes to one key, in quick succession.
s3.put_object(Bucket="docs", Key="plan.txt", Body=b"v1")
s3.put_object(Bucket="docs", Key="plan.txt", Body=b"version 2")
s3.delete_object(Bucket="docs", Key="plan.txt")
cloud.run()

arrived = [line for line in on_change.logs() if "sequencer=" in line]
print("in the order the function ran:")
for line in arrived:
    print("  ", line)
# Sequencers of one key compare as strings (pad the shorter one with zeros first).
print("sorted by sequencer (the order S3 made the changes):")
for line in sorted(arrived, key=lambda line: line.split("sequencer=")[1]):
    print("  ", line)

# expect: in the order the function ran:
# expect: sorted by sequencer (the order S3 made the changes):
# expect: ObjectRemoved:Delete
