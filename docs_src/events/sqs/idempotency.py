"""At-least-once delivery: a redelivered message must not charge the customer twice."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sqs, lam, ddb = cloud.client("sqs"), cloud.client("lambda"), cloud.client("dynamodb")
for table, key in (("ledger", "account"), ("processed", "orderId")):
    ddb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


def handler(event, context):
    import json
    import os

    import boto3

    ddb = boto3.client("dynamodb")
    account = {"account": {"S": os.environ["MODE"]}}
    for record in event["Records"]:
        order = json.loads(record["body"])
        charge = {  # the side effect that must happen once per order
            "TableName": "ledger",
            "Key": account,
            "UpdateExpression": "ADD charged :amount",
            "ExpressionAttributeValues": {":amount": {"N": str(order["amount"])}},
        }
        if os.environ["MODE"] == "naive":
            ddb.update_item(**charge)
        else:
            # Record the order id and charge in one transaction: both or neither.
            done = {
                "TableName": "processed",
                "Item": {"orderId": {"S": f"{os.environ['MODE']}:{order['id']}"}},
                "ConditionExpression": "attribute_not_exists(orderId)",
            }
            try:
                ddb.transact_write_items(
                    TransactItems=[{"Put": done}, {"Update": charge}]
                )
            except ddb.exceptions.TransactionCanceledException:
                print("already charged", order["id"])
        if record["attributes"]["ApproximateReceiveCount"] == "1":
            # Fails after charging, so SQS delivers the message again.
            raise ConnectionError("e-mail service timed out")


for mode in ("naive", "idempotent"):
    fn = pocketcloud.deploy(
        cloud, handler, name=mode, timeout=10, environment={"MODE": mode}
    )
    url = sqs.create_queue(QueueName=mode, Attributes={"VisibilityTimeout": "60"})[
        "QueueUrl"
    ]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    lam.create_event_source_mapping(
        FunctionName=mode, EventSourceArn=arn["Attributes"]["QueueArn"]
    )
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"id": "o-1", "amount": 30}))

cloud.run(until=300)
for mode in ("naive", "idempotent"):
    row = ddb.get_item(TableName="ledger", Key={"account": {"S": mode}})["Item"]
    print(f"{mode:<10} charged {row['charged']['N']} for one order of 30")

# expect: naive      charged 60 for one order of 30
# expect: idempotent charged 30 for one order of 30
