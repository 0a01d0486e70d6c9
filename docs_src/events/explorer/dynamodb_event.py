"""DynamoDB Streams: INSERT, MODIFY and REMOVE records of one item."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
ddb, lam = cloud.client("dynamodb"), cloud.client("lambda")
explorer = pocketcloud.record_events(cloud)

table = ddb.create_table(
    TableName="Users",
    KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    BillingMode="PAY_PER_REQUEST",
    StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
)["TableDescription"]
lam.create_event_source_mapping(
    FunctionName="explorer",
    EventSourceArn=table["LatestStreamArn"],
    StartingPosition="TRIM_HORIZON",
)

key = {"id": {"S": "u1"}}
ddb.put_item(TableName="Users", Item={**key, "name": {"S": "Ada"}})
ddb.update_item(
    TableName="Users",
    Key=key,
    UpdateExpression="SET #n = :n",
    ExpressionAttributeNames={"#n": "name"},
    ExpressionAttributeValues={":n": {"S": "Ada Lovelace"}},
)
ddb.delete_item(TableName="Users", Key=key)
cloud.run(until=60)

insert, modify, remove = explorer.last["Records"]  # one batch of three records
explorer.show(insert)
for record in (modify, remove):
    print(f"--- {record['eventName']}:")
    explorer.show(record["dynamodb"])

# expect: "eventName": "INSERT"
# expect: "eventSource": "aws:dynamodb"
# expect: "StreamViewType": "NEW_AND_OLD_IMAGES"
# expect: --- MODIFY:
# expect: --- REMOVE:
