"""What Run shows: SOURCE (your code) as the function an upload to the "uploads" bucket triggers."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
s3 = cloud.client("s3")
for bucket in ("uploads", "processed"):
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": cloud.region})
fn = pocketcloud.deploy(cloud, source=SOURCE, handler_name="handler", name="copier", timeout=10)
cloud.client("lambda").add_permission(
    FunctionName="copier",
    StatementId="s3",
    Action="lambda:InvokeFunction",
    Principal="s3.amazonaws.com",
    SourceArn="arn:aws:s3:::uploads",
    SourceAccount=cloud.account_id,
)
s3.put_bucket_notification_configuration(
    Bucket="uploads",
    NotificationConfiguration={
        "LambdaFunctionConfigurations": [{"LambdaFunctionArn": fn.arn, "Events": ["s3:ObjectCreated:*"]}]
    },
)
s3.put_object(Bucket="uploads", Key="summer trip.jpg", Body=b"...")
cloud.run()
print("processed:", [o["Key"] for o in s3.list_objects_v2(Bucket="processed").get("Contents", [])])
print(*[line for line in fn.logs() if "Error" in line][:3], sep="\n")
