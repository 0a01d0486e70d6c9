"""Calling other services without a Lambda function in between: DynamoDB putItem and
updateItem, SQS sendMessage and SNS publish, each a Task state's Resource."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
ddb = cloud.client("dynamodb")
sqs = cloud.client("sqs")
sns = cloud.client("sns")
sfn = cloud.client("stepfunctions")

ddb.create_table(
    TableName="orders",
    KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
    BillingMode="PAY_PER_REQUEST",
)
queue = sqs.create_queue(QueueName="shipping")["QueueUrl"]
topic = sns.create_topic(Name="order-events")["TopicArn"]

definition = {
    "StartAt": "Save",
    "States": {
        "Save": {
            "Type": "Task",
            "Resource": "arn:aws:states:::dynamodb:putItem",
            "Parameters": {
                "TableName": "orders",
                "Item": {"id": {"S.$": "$.id"}, "status": {"S": "NEW"}},
            },
            "ResultPath": None,
            "Next": "Ship",
        },
        "Ship": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage",
            "Parameters": {"QueueUrl": queue, "MessageBody.$": "$"},
            "ResultSelector": {"messageId.$": "$.MessageId"},
            "ResultPath": "$.shipping",
            "Next": "Mark shipped",
        },
        "Mark shipped": {
            "Type": "Task",
            "Resource": "arn:aws:states:::dynamodb:updateItem",
            "Parameters": {
                "TableName": "orders",
                "Key": {"id": {"S.$": "$.id"}},
                "UpdateExpression": "SET #s = :s",
                "ExpressionAttributeNames": {"#s": "status"},
                "ExpressionAttributeValues": {":s": {"S": "SHIPPED"}},
            },
            "ResultPath": None,
            "Next": "Announce",
        },
        "Announce": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sns:publish",
            "Parameters": {
                "TopicArn": topic,
                "Message.$": "States.Format('order {} shipped', $.id)",
            },
            "ResultPath": None,
            "End": True,
        },
    },
}
machine = sfn.create_state_machine(
    name="fulfil",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
started = sfn.start_execution(stateMachineArn=machine, input='{"id": "A-1", "qty": 2}')
cloud.run()

view = pocketcloud.show_execution(cloud, started["executionArn"])
print(view.status, view.path)
item = ddb.get_item(TableName="orders", Key={"id": {"S": "A-1"}})["Item"]
print("DynamoDB item:", item)
message = sqs.receive_message(QueueUrl=queue)["Messages"][0]
print("SQS message:", message["Body"])
view  # noqa: B018

# expect: SUCCEEDED ['Save', 'Ship', 'Mark shipped', 'Announce']
# expect: DynamoDB item: {'id': {'S': 'A-1'}, 'status': {'S': 'SHIPPED'}}
# expect: SQS message: {"id":"A-1","qty":2}
