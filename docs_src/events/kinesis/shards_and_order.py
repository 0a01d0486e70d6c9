"""Kinesis -> Lambda: the partition key picks the shard; each shard is read in order."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
kinesis, lam = cloud.client("kinesis"), cloud.client("lambda")
kinesis.create_stream(StreamName="clicks", ShardCount=2)
kinesis.get_waiter("stream_exists").wait(StreamName="clicks")  # CREATING -> ACTIVE
stream_arn = kinesis.describe_stream_summary(StreamName="clicks")[
    "StreamDescriptionSummary"
]["StreamARN"]


@cloud.function()
def count_clicks(event, context):
    import base64
    import json

    for record in event["Records"]:
        click = json.loads(base64.b64decode(record["kinesis"]["data"]))
        shard = record["eventID"].split(":")[0]
        print(f"{shard} {record['kinesis']['partitionKey']} #{click['n']}")


uuid = lam.create_event_source_mapping(
    FunctionName="count-clicks",
    EventSourceArn=stream_arn,
    StartingPosition="TRIM_HORIZON",  # from the oldest record the stream keeps
    BatchSize=100,
)["UUID"]

# The partition key's MD5 hash picks the shard: one user's clicks share a shard.
for n in range(1, 4):
    for user in ("ada", "grace", "linus"):
        put = kinesis.put_record(
            StreamName="clicks",
            Data=json.dumps({"user": user, "n": n}).encode(),
            PartitionKey=user,
        )
        if n == 1:
            print(f"{user:<6} -> {put['ShardId']}")
cloud.run(until=60)

lines = [line for line in count_clicks.logs() if line.startswith("shardId")]
for user in ("ada", "grace", "linus"):
    print(
        user,
        "in the order read:",
        [line.split()[2] for line in lines if f" {user} " in line],
    )
# What the mapping's pollers did (on AWS you see this only as metrics):
activity = cloud.lambda_esm_activity(uuid)
print(activity)

# expect: ada in the order read: ['#1', '#2', '#3']
# expect: grace in the order read: ['#1', '#2', '#3']
# expect: linus in the order read: ['#1', '#2', '#3']
# expect: 2 poller(s)
