"""S3: the events of an upload (ObjectCreated:Put) and a delete (ObjectRemoved:*)."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
s3, lam = cloud.client("s3"), cloud.client("lambda")
explorer = pocketcloud.record_events(cloud)  # a function that logs every event it gets

s3.create_bucket(
    Bucket="photos",
    CreateBucketConfiguration={"LocationConstraint": cloud.region},
)
# S3 invokes the function as the service principal s3.amazonaws.com: allow it.
lam.add_permission(
    FunctionName="explorer",
    StatementId="s3-invoke",
    Action="lambda:InvokeFunction",
    Principal="s3.amazonaws.com",
    SourceArn="arn:aws:s3:::photos",
    SourceAccount=cloud.account_id,
)
s3.put_bucket_notification_configuration(
    Bucket="photos",
    NotificationConfiguration={
        "LambdaFunctionConfigurations": [
            {
                "Id": "explore-photos",
                "LambdaFunctionArn": explorer.arn,
                "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"],
            }
        ]
    },
)

s3.put_object(Bucket="photos", Key="cats/tabby cat.jpg", Body=b"not really a jpeg")
cloud.run()  # S3 invokes the function asynchronously: let the clock run
s3.delete_object(Bucket="photos", Key="cats/tabby cat.jpg")
cloud.run()

put, delete = explorer.events
explorer.show(put)
print("--- the delete event's object:")
explorer.show(delete["Records"][0]["s3"]["object"])

# expect: "eventSource": "aws:s3"
# expect: "eventName": "ObjectCreated:Put"
# expect: "key": "cats/tabby+cat.jpg"
# expect: "size": 17
# expect: --- the delete event's object:
