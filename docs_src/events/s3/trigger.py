"""S3 -> Lambda: the permission S3 needs, the notification, a handler that reads it."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
s3, lam = cloud.client("s3"), cloud.client("lambda")
s3.create_bucket(
    Bucket="photos", CreateBucketConfiguration={"LocationConstraint": cloud.region}
)


@cloud.function(timeout=10)
def on_upload(event, context):
    from urllib.parse import unquote_plus

    import boto3  # inside Lambda: the SDK, pointed at this cloud

    s3 = boto3.client("s3")
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])  # keys arrive URL-encoded
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        print(f"{record['eventName']}: s3://{bucket}/{key} ({len(body)} bytes)")


notification = {
    "LambdaFunctionConfigurations": [
        {
            "Id": "new-photos",
            "LambdaFunctionArn": on_upload.arn,
            "Events": ["s3:ObjectCreated:*"],
        }
    ]
}
# 1. Without a resource-based policy on the function, S3 refuses the configuration.
try:
    s3.put_bucket_notification_configuration(
        Bucket="photos", NotificationConfiguration=notification
    )
except s3.exceptions.ClientError as err:
    print(err.response["Error"]["Code"], "-", err.response["Error"]["Message"])

# 2. Allow s3.amazonaws.com to invoke the function, for this bucket and account only.
lam.add_permission(
    FunctionName="on-upload",
    StatementId="s3-invoke",
    Action="lambda:InvokeFunction",
    Principal="s3.amazonaws.com",
    SourceArn="arn:aws:s3:::photos",
    SourceAccount=cloud.account_id,
)
s3.put_bucket_notification_configuration(
    Bucket="photos", NotificationConfiguration=notification
)

# 3. Upload: S3 invokes the function asynchronously, shortly after PutObject returns.
s3.put_object(
    Bucket="photos", Key="2026/summer trip.jpg", Body=b"\xff\xd8" + b"0" * 998
)
cloud.run()
print([line for line in on_upload.logs() if "ObjectCreated" in line])

# expect: InvalidArgument - Unable to validate the following destination configurations
# expect: ObjectCreated:Put: s3://photos/2026/summer trip.jpg (1000 bytes)
