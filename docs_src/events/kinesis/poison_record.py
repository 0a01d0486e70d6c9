"""A poison record: a record that always fails blocks its shard till Lambda gives up."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
kinesis, lam, sqs = cloud.client("kinesis"), cloud.client("lambda"), cloud.client("sqs")


@cloud.function()
def settle(event, context):
    import base64
    import json
    import time

    for record in event["Records"]:
        stream = record["eventSourceARN"].split("/")[-1]
        payment = json.loads(base64.b64decode(record["kinesis"]["data"]))
        # Iterator age, as the function sees it: how old the record is now.
        age = time.time() - record["kinesis"]["approximateArrivalTimestamp"]
        if payment["amount"] < 0:
            print(f"{stream}: payment {payment['id']} fails (age {age:.0f} s)")
            raise ValueError(f"payment {payment['id']}: negative amount")
        print(f"{stream}: payment {payment['id']} settled (age {age:.0f} s)")


def run(name, **settings):
    kinesis.create_stream(StreamName=name, ShardCount=1)
    kinesis.get_waiter("stream_exists").wait(StreamName=name)
    stream = kinesis.describe_stream_summary(StreamName=name)
    url = sqs.create_queue(QueueName=f"{name}-failed")["QueueUrl"]
    failed = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    uuid = lam.create_event_source_mapping(
        FunctionName="settle",
        EventSourceArn=stream["StreamDescriptionSummary"]["StreamARN"],
        StartingPosition="TRIM_HORIZON",
        MaximumRetryAttempts=2,  # the default, -1, retries until the record expires
        DestinationConfig={
            "OnFailure": {"Destination": failed["Attributes"]["QueueArn"]}
        },
        **settings,
    )["UUID"]
    for n, amount in enumerate([10, -5, 20], start=1):
        kinesis.put_record(
            StreamName=name,
            Data=json.dumps({"id": n, "amount": amount}).encode(),
            PartitionKey="shop-1",
        )
    cloud.run(until=cloud.now + 60)
    print(f"--- {name} {settings}")
    lines = [
        line.split(": ")[1] for line in settle.logs() if line.startswith(name + ":")
    ]
    print(*lines, sep="\n")
    activity = cloud.lambda_esm_activity(uuid)
    print("batches invoked:", len(activity.where("invoke")))
    # The on-failure destination gets a pointer to the records, not the records.
    record = json.loads(sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"])
    info = record["KinesisBatchInfo"]
    print(record["requestContext"]["condition"], "- batchSize", info["batchSize"])
    lam.delete_event_source_mapping(UUID=uuid)


run("payments")
run("payments-bisect", BisectBatchOnFunctionError=True)

# expect: --- payments {}
# expect: batches invoked: 3
# expect: RetryAttemptsExhausted - batchSize 3
# expect: --- payments-bisect {'BisectBatchOnFunctionError': True}
# expect: payment 3 settled (age 10 s)
# expect: batches invoked: 7
# expect: RetryAttemptsExhausted - batchSize 1
