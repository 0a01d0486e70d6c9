"""Catch: when retrying cannot help, send the execution to a fallback state, with the
error kept next to the original input (ResultPath)."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")


@cloud.function()
def charge(event, context):
    if event["card"] == "expired":
        raise ValueError("card expired")
    return {"charged": event["total"]}


definition = {
    "StartAt": "Charge",
    "States": {
        "Charge": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
            "ResultSelector": {"charged.$": "$.Payload.charged"},
            "ResultPath": "$.payment",
            "Retry": [{"ErrorEquals": ["ConnectionError"], "MaxAttempts": 2}],
            "Catch": [
                {
                    "ErrorEquals": ["ValueError"],
                    "ResultPath": "$.error",  # keep the input, add the error
                    "Next": "Ask for another card",
                },
                {"ErrorEquals": ["States.ALL"], "Next": "Give up"},
            ],
            "Next": "Ship",
        },
        "Ask for another card": {"Type": "Pass", "End": True},
        "Give up": {"Type": "Fail", "Error": "PaymentFailed"},
        "Ship": {"Type": "Succeed"},
    },
}
machine = sfn.create_state_machine(
    name="checkout",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
order = {"total": 30, "card": "expired"}
started = sfn.start_execution(stateMachineArn=machine, input=json.dumps(order))
cloud.run()

view = pocketcloud.show_execution(cloud, started["executionArn"])
print(view.status, view.path)
error = view.output["error"]
print("Error:", error["Error"])
print("Cause:", json.loads(error["Cause"])["errorMessage"])
view  # noqa: B018

# expect: SUCCEEDED ['Charge', 'Ask for another card']
# expect: Error: ValueError
# expect: Cause: card expired
