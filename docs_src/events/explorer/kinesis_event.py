"""Kinesis: the event a stream's event source mapping delivers (data is base64)."""

import base64
import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
kinesis, lam = cloud.client("kinesis"), cloud.client("lambda")
explorer = pocketcloud.record_events(cloud)

kinesis.create_stream(StreamName="clicks", ShardCount=1)
kinesis.get_waiter("stream_exists").wait(StreamName="clicks")  # CREATING -> ACTIVE
stream = kinesis.describe_stream_summary(StreamName="clicks")
lam.create_event_source_mapping(
    FunctionName="explorer",
    EventSourceArn=stream["StreamDescriptionSummary"]["StreamARN"],
    StartingPosition="TRIM_HORIZON",
)
kinesis.put_record(
    StreamName="clicks",
    Data=json.dumps({"user": "ada", "page": "/pricing"}).encode(),
    PartitionKey="ada",
)
cloud.run(until=60)

explorer.show()
record = explorer.last["Records"][0]["kinesis"]
print("data, decoded:", base64.b64decode(record["data"]).decode())

# expect: "eventSource": "aws:kinesis"
# expect: "partitionKey": "ada"
# expect: "eventName": "aws:kinesis:record"
# expect: data, decoded: {"user": "ada", "page": "/pricing"}
