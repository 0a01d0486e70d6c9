"""How an SQS event source mapping batches messages: BatchSize and batching window."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sqs, lam = cloud.client("sqs"), cloud.client("lambda")


@cloud.function()
def worker(event, context):
    print(f"batch of {len(event['Records'])}")


def queue(name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    return url, arn["Attributes"]["QueueArn"]


for name, settings in [
    ("default", {}),  # BatchSize 10, no window: whatever one poll returns
    ("windowed", {"BatchSize": 100, "MaximumBatchingWindowInSeconds": 5}),
]:
    url, arn = queue(name)
    uuid = lam.create_event_source_mapping(
        FunctionName="worker", EventSourceArn=arn, **settings
    )["UUID"]
    cloud.run(until=cloud.now + 10)  # the mapping is Enabled
    for second in range(5):  # 25 messages over 5 seconds
        for n in range(5):
            sqs.send_message(QueueUrl=url, MessageBody=f"order {second}-{n}")
        cloud.run(until=cloud.now + 1)
    cloud.run(until=cloud.now + 30)
    activity = cloud.lambda_esm_activity(uuid)
    sizes = [step.records for step in activity.where("invoke")]
    print(f"{name:<9} {settings}: batches {sizes}, deleted {activity.totals['delete']}")
    lam.delete_event_source_mapping(UUID=uuid)

# expect: default   {}: batches [5, 5, 5, 5, 5], deleted 25
# expect: 'MaximumBatchingWindowInSeconds': 5}: batches [25], deleted 25
