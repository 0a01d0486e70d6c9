"""A change log from a DynamoDB stream: every INSERT, MODIFY and REMOVE, in order."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
ddb, lam = cloud.client("dynamodb"), cloud.client("lambda")
table = ddb.create_table(
    TableName="Orders",
    KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    BillingMode="PAY_PER_REQUEST",
    # The stream keeps each item's image before and after every change.
    StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
)["TableDescription"]


@cloud.function()
def change_log(event, context):
    def plain(image):  # {"status": {"S": "paid"}} -> {"status": "paid"}
        return {name: next(iter(value.values())) for name, value in image.items()}

    for record in event["Records"]:
        change = record["dynamodb"]
        key = plain(change["Keys"])["id"]
        old, new = plain(change.get("OldImage", {})), plain(change.get("NewImage", {}))
        diff = {k: (old.get(k), new.get(k)) for k in old.keys() | new.keys()}
        changed = {k: v for k, v in sorted(diff.items()) if v[0] != v[1]}
        print(
            f"{change['SequenceNumber'][-3:]} {record['eventName']:<6} {key} {changed}"
        )


lam.create_event_source_mapping(
    FunctionName="change-log",
    EventSourceArn=table["LatestStreamArn"],
    StartingPosition="TRIM_HORIZON",  # from the oldest record the stream keeps
    BatchSize=100,
)


def status(order_id, value):
    ddb.update_item(
        TableName="Orders",
        Key={"id": {"S": order_id}},
        UpdateExpression="SET #s = :s",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": {"S": value}},
    )


ddb.put_item(TableName="Orders", Item={"id": {"S": "o-1"}, "status": {"S": "new"}})
ddb.put_item(TableName="Orders", Item={"id": {"S": "o-2"}, "status": {"S": "new"}})
status("o-1", "paid")
status("o-1", "shipped")
ddb.delete_item(TableName="Orders", Key={"id": {"S": "o-2"}})
cloud.run(until=60)
print(*[line for line in change_log.logs() if line[:3].isdigit()], sep="\n")

# expect: 001 INSERT o-1 {'id': (None, 'o-1'), 'status': (None, 'new')}
# expect: 003 MODIFY o-1 {'status': ('new', 'paid')}
# expect: 004 MODIFY o-1 {'status': ('paid', 'shipped')}
# expect: 005 REMOVE o-2 {'id': ('o-2', None), 'status': ('new', None)}
