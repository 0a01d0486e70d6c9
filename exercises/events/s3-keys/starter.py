import boto3

s3 = boto3.client("s3")


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = record["s3"]["object"]["key"]  # exactly as it is in the event
        s3.copy_object(
            Bucket="processed",
            Key=key,
            CopySource={"Bucket": bucket, "Key": key},
        )
