"""All eight state types in one trip planner: Task, Pass, Wait, Choice, Parallel, Map,
Succeed and Fail. The graph shows which ones this execution went through."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")


@cloud.function()
def forecast(event, context):
    return {"city": event["city"], "rain_mm": {"Seoul": 3, "Busan": 12}[event["city"]]}


PASS_END = {"Type": "Pass", "End": True}
definition = {
    "StartAt": "Weather",
    "States": {
        "Weather": {  # Task: work done by another service (here, Lambda)
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "forecast", "Payload.$": "$"},
            "ResultSelector": {"rain_mm.$": "$.Payload.rain_mm"},
            "ResultPath": "$.weather",
            "Next": "Rainy?",
        },
        "Rainy?": {  # Choice: pick the next state from the data
            "Type": "Choice",
            "Choices": [
                {
                    "Variable": "$.weather.rain_mm",
                    "NumericGreaterThan": 10,
                    "Next": "Stay",
                }
            ],
            "Default": "Pack",
        },
        "Stay": {"Type": "Fail", "Error": "TooRainy", "Cause": "try another day"},
        "Pack": {  # Pass: shape or add data, no work
            "Type": "Pass",
            "Result": ["umbrella", "camera"],
            "ResultPath": "$.bag",
            "Next": "Sleep",
        },
        "Sleep": {"Type": "Wait", "Seconds": 28800, "Next": "Book"},  # Wait: 8 hours
        "Book": {  # Parallel: branches run side by side
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "Train", "States": {"Train": PASS_END}},
                {"StartAt": "Hotel", "States": {"Hotel": PASS_END}},
            ],
            "ResultPath": None,  # JSON null: drop the result, keep the input
            "Next": "Label",
        },
        "Label": {  # Map: the same steps for every item of an array
            "Type": "Map",
            "ItemsPath": "$.bag",
            "ItemProcessor": {
                "StartAt": "Tag",
                "States": {
                    "Tag": {
                        "Type": "Pass",
                        "Parameters": {"tag.$": "States.Format('{} packed', $)"},
                        "End": True,
                    }
                },
            },
            "ResultPath": "$.tags",
            "Next": "Go",
        },
        "Go": {"Type": "Succeed"},
    },
}
machine = sfn.create_state_machine(
    name="trip",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
started = sfn.start_execution(stateMachineArn=machine, input='{"city": "Seoul"}')
arn = started["executionArn"]
cloud.run()  # the 8-hour Wait passes on the virtual clock, instantly

trip = pocketcloud.show_execution(cloud, arn)
print(trip.status, "after", round(cloud.now / 3600, 2), "virtual hours")
print(trip.output)
trip  # noqa: B018

# expect: SUCCEEDED after 8.0 virtual hours
# expect: 'tags': [{'tag': 'umbrella packed'}, {'tag': 'camera packed'}]
