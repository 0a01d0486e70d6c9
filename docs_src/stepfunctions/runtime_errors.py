"""An error States.ALL does not catch: States.Runtime (here, a path that finds nothing)
fails the execution at once, whatever Retry and Catch say."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")

definition = {
    "StartAt": "Build",
    "States": {
        "Build": {
            "Type": "Map",
            "ItemProcessor": {
                "StartAt": "Label",
                "States": {
                    "Label": {
                        "Type": "Pass",
                        "Parameters": {"label.$": "$.name"},  # needs a "name" field
                        "End": True,
                    }
                },
            },
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fallback"}],
            "End": True,
        },
        "Fallback": {"Type": "Pass", "End": True},
    },
}
machine = sfn.create_state_machine(
    name="labels",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
items = [{"name": "book"}, {"title": "pen"}]  # the second item has no "name"
started = sfn.start_execution(stateMachineArn=machine, input=json.dumps(items))
cloud.run()

described = sfn.describe_execution(executionArn=started["executionArn"])
print(described["status"], described["error"])
print(described["cause"])

# expect: FAILED States.Runtime
# expect: The JSONPath '$.name' specified for the field 'label.$' could not be found
