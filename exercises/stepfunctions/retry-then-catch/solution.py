import json

ROLE = "arn:aws:iam::123456789012:role/sfn-role"


def definition(function_arn):
    """Charge the card with a Lambda function, then ship. A busy gateway is retried; a declined card is caught."""
    return {
        "StartAt": "Charge",
        "States": {
            "Charge": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": function_arn, "Payload.$": "$"},
                "ResultSelector": {"charged.$": "$.Payload.charged"},
                "ResultPath": "$.payment",
                "Retry": [
                    {"ErrorEquals": ["ConnectionError"], "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 3}
                ],
                "Catch": [{"ErrorEquals": ["CardDeclined"], "ResultPath": "$.error", "Next": "Payment declined"}],
                "Next": "Ship",
            },
            "Ship": {
                "Type": "Pass",
                "Parameters": {"order.$": "$.order", "charged.$": "$.payment.charged", "status": "shipped"},
                "End": True,
            },
            "Payment declined": {"Type": "Pass", "End": True},
        },
    }


PAYMENT = """
attempts = {}


class CardDeclined(Exception):
    pass


def handler(event, context):
    order = event["order"]
    attempts[order] = attempts.get(order, 0) + 1
    if event.get("card") == "declined":
        raise CardDeclined(f"the card for {order} was declined")
    if attempts[order] <= event.get("busy", 0):
        raise ConnectionError("the payment gateway is busy")
    return {"order": order, "charged": event["total"]}
"""

if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    pocketcloud.deploy(cloud, source=PAYMENT, handler_name="handler", name="charge")
    function_arn = cloud.client("lambda").get_function(FunctionName="charge")["Configuration"]["FunctionArn"]
    sfn = cloud.client("stepfunctions")
    machine = sfn.create_state_machine(name="orders", definition=json.dumps(definition(function_arn)), roleArn=ROLE)
    for order in ({"order": "A-1", "total": 30, "busy": 2}, {"order": "A-2", "total": 45, "card": "declined"}):
        started = sfn.start_execution(stateMachineArn=machine["stateMachineArn"], input=json.dumps(order))
        cloud.run()
        result = sfn.describe_execution(executionArn=started["executionArn"])
        print(order["order"], result["status"], result.get("output") or result.get("error"))
