"""One definition, two workflow types: what a Standard and an Express execution
give back."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")
ROLE = "arn:aws:iam::123456789012:role/sfn-role"

definition = json.dumps(
    {
        "StartAt": "Resize",
        "States": {
            "Resize": {"Type": "Wait", "Seconds": 2, "Next": "Done"},
            "Done": {"Type": "Pass", "Result": {"resized": True}, "End": True},
        },
    }
)
standard = sfn.create_state_machine(
    name="thumbs-standard", definition=definition, roleArn=ROLE
)["stateMachineArn"]
express = sfn.create_state_machine(
    name="thumbs-express", definition=definition, roleArn=ROLE, type="EXPRESS"
)["stateMachineArn"]

# Standard: start, let the clock run, then read the status and the history back.
arn = sfn.start_execution(stateMachineArn=standard, input="{}")["executionArn"]
cloud.run()
described = sfn.describe_execution(executionArn=arn)
events = sfn.get_execution_history(executionArn=arn)["events"]
print("standard:", described["status"], described["output"], f"{len(events)} events")

# Express, synchronously: the answer is the result itself, with billing details.
result = sfn.start_sync_execution(stateMachineArn=express, input="{}")
print("express:", result["status"], result["output"], result["billingDetails"])

# An Express workflow keeps no history in the service.
try:
    sfn.get_execution_history(executionArn=result["executionArn"])
except sfn.exceptions.ClientError as err:
    print("history of an express execution:", err.response["Error"]["Code"])

# expect: standard: SUCCEEDED {"resized":true} 6 events
# expect: express: SUCCEEDED {"resized":true}
# expect: 'billedDurationInMilliseconds': 2000
# expect: history of an express execution: InvalidArn
