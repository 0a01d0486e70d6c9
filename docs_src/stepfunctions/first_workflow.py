"""A first state machine: check an order, then ship it or say sorry, and see the path
it took."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")


@cloud.function()
def check_stock(event, context):
    stock = {"apple": 3, "pear": 0}
    return {**event, "in_stock": stock.get(event["item"], 0) >= event["qty"]}


definition = {
    "Comment": "Ship an order if the item is in stock",
    "StartAt": "CheckStock",
    "States": {
        "CheckStock": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "check-stock", "Payload.$": "$"},
            "OutputPath": "$.Payload",
            "Next": "InStock?",
        },
        "InStock?": {
            "Type": "Choice",
            "Choices": [
                {"Variable": "$.in_stock", "BooleanEquals": True, "Next": "Ship"}
            ],
            "Default": "Sorry",
        },
        "Ship": {
            "Type": "Pass",
            "Result": "shipped",
            "ResultPath": "$.status",
            "End": True,
        },
        "Sorry": {"Type": "Fail", "Error": "OutOfStock", "Cause": "Nothing left"},
    },
}
machine = sfn.create_state_machine(
    name="orders",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]

runs = {}
for item in ("apple", "pear"):
    order = json.dumps({"item": item, "qty": 2})
    arn = sfn.start_execution(stateMachineArn=machine, input=order)["executionArn"]
    cloud.run()  # let the virtual clock run until the execution ends
    runs[item] = pocketcloud.show_execution(cloud, arn)
    print(item, runs[item].status, runs[item].path)

print("output:", runs["apple"].output)
# The last value is drawn: the path taken, each state's data and the history.
runs["pear"]

# expect: apple SUCCEEDED ['CheckStock', 'InStock?', 'Ship']
# expect: pear FAILED ['CheckStock', 'InStock?', 'Sorry']
# expect: output: {'item': 'apple', 'qty': 2, 'in_stock': True, 'status': 'shipped'}
