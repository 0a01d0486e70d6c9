"""Parallel: every branch gets the same input and runs at the same time; the output is
the array of the branches' outputs, in branch order."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")


def wait_then(name, seconds, result):
    """A branch of one Wait and one Pass state."""
    return {
        "StartAt": f"{name} wait",
        "States": {
            f"{name} wait": {"Type": "Wait", "Seconds": seconds, "Next": name},
            name: {"Type": "Pass", "Result": result, "End": True},
        },
    }


definition = {
    "StartAt": "Prepare",
    "States": {
        "Prepare": {
            "Type": "Parallel",
            "Branches": [
                wait_then("Invoice", 30, {"invoice": "INV-7"}),
                wait_then("Pick", 120, {"box": "B-12"}),
                wait_then("Label", 60, {"label": "CJ-4411"}),
            ],
            "Next": "Ship",
        },
        "Ship": {"Type": "Succeed"},
    },
}
machine = sfn.create_state_machine(
    name="prepare",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
started = sfn.start_execution(stateMachineArn=machine, input="{}")
cloud.run()

view = pocketcloud.show_execution(cloud, started["executionArn"])
print(view.status, view.output)
print("took", cloud.now, "s: the longest branch, not the sum")
view  # noqa: B018

# expect: SUCCEEDED [{'invoice': 'INV-7'}, {'box': 'B-12'}, {'label': 'CJ-4411'}]
# expect: took 120.0 s: the longest branch, not the sum
