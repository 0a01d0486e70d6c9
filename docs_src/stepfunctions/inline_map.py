"""Map (inline): the same steps for each item of an array. ItemSelector adds the item's
index from the context object; MaxConcurrency caps the iterations in flight."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")


@cloud.function()
def resize(event, context):
    import time

    time.sleep(1)  # one virtual second per photo
    return {"key": event["photo"].replace(".jpg", "-small.jpg"), "n": event["n"]}


definition = {
    "StartAt": "Resize all",
    "States": {
        "Resize all": {
            "Type": "Map",
            "ItemsPath": "$.photos",
            "ItemSelector": {
                "photo.$": "$$.Map.Item.Value",
                "n.$": "$$.Map.Item.Index",
            },
            "MaxConcurrency": 2,
            "ItemProcessor": {
                "StartAt": "Resize",
                "States": {
                    "Resize": {
                        "Type": "Task",
                        "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": "resize", "Payload.$": "$"},
                        "OutputPath": "$.Payload",
                        "End": True,
                    }
                },
            },
            "End": True,
        }
    },
}
machine = sfn.create_state_machine(
    name="resize",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
photos = {"photos": ["cat.jpg", "dog.jpg", "owl.jpg", "fox.jpg"]}
started = sfn.start_execution(stateMachineArn=machine, input=json.dumps(photos))
cloud.run()

view = pocketcloud.show_execution(cloud, started["executionArn"])
print([result["key"] for result in view.output])
print("iterations:", view.states["Resize all"].iterations)
took = view.description["stopDate"] - view.description["startDate"]
print(f"4 photos, 2 at a time: {took.total_seconds():.1f} s")
view  # noqa: B018

# expect: ['cat-small.jpg', 'dog-small.jpg', 'owl-small.jpg', 'fox-small.jpg']
# expect: iterations: {'started': 4, 'succeeded': 4}
# expect: 4 photos, 2 at a time: 2.
