"""The same Task in JSONata: Arguments builds the request, Output shapes the result,
and $states holds the input and the result. No paths, no ResultSelector."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")


@cloud.function()
def price(event, context):
    prices = {"book": 12000, "pen": 3000}
    return {"total": sum(prices[item] for item in event["items"])}


definition = {
    "QueryLanguage": "JSONata",  # every state of this machine uses JSONata
    "StartAt": "Price",
    "States": {
        "Price": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {
                "FunctionName": "price",
                "Payload": {
                    "items": "{% $states.input.order.items %}",
                    "currency": "KRW",
                },
            },
            "Output": {
                "customer": "{% $states.input.customer %}",
                "total": "{% $states.result.Payload.total %}",
                "vat": "{% $round($states.result.Payload.total / 11) %}",
            },
            "Next": "Big order?",
        },
        "Big order?": {
            "Type": "Choice",
            "Choices": [
                {"Condition": "{% $states.input.total >= 10000 %}", "Next": "Gift"}
            ],
            "Default": "Done",
        },
        "Gift": {
            "Type": "Pass",
            "Output": "{% $merge([$states.input, {'gift': 'sticker'}]) %}",
            "End": True,
        },
        "Done": {"Type": "Succeed"},
    },
}
machine = sfn.create_state_machine(
    name="price-jsonata",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
order = {"order": {"items": ["book", "pen"]}, "customer": "Ada"}
started = sfn.start_execution(stateMachineArn=machine, input=json.dumps(order))
cloud.run()
view = pocketcloud.show_execution(cloud, started["executionArn"])
print(view.status, view.output)
view  # noqa: B018

# expect: SUCCEEDED {'customer': 'Ada', 'total': 15000, 'vat': 1364, 'gift': 'sticker'}
