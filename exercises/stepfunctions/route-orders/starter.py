import json

ROLE = "arn:aws:iam::123456789012:role/sfn-role"


def definition():
    """The order router's state machine, in Amazon States Language (a dict, sent as JSON)."""
    return {
        "StartAt": "Check amount",
        "States": {
            "Check amount": {
                "Type": "Choice",
                "Choices": [
                    {"Variable": "$.amount", "NumericGreaterThan": 100, "Next": "Needs review"},
                ],
                "Default": "Auto approve",
            },
            "Needs review": {"Type": "Pass", "Result": "review", "ResultPath": "$.route", "End": True},
            "Auto approve": {"Type": "Pass", "Result": "auto", "ResultPath": "$.route", "End": True},
        },
    }


if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    sfn = cloud.client("stepfunctions")
    machine = sfn.create_state_machine(name="orders", definition=json.dumps(definition()), roleArn=ROLE)
    for order in ({"order": "A-1", "amount": 250}, {"order": "A-2", "amount": 100}, {"order": "A-3"}):
        started = sfn.start_execution(stateMachineArn=machine["stateMachineArn"], input=json.dumps(order))
        cloud.run()
        result = sfn.describe_execution(executionArn=started["executionArn"])
        print(order, "->", result["status"], result.get("output") or result.get("error"))
