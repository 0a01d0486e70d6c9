from urllib.parse import unquote_plus

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])  # the event's key is URL-encoded
        s3.copy_object(
            Bucket="processed",
            Key=key,
            CopySource={"Bucket": bucket, "Key": key},
        )
