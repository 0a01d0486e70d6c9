"""Workflow variables: Assign stores a value once, later states read it as $name,
even after the data passed between states has changed shape."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sfn = cloud.client("stepfunctions")

definition = {
    "StartAt": "Remember",
    "States": {
        "Remember": {
            "Type": "Pass",
            "Assign": {"customer.$": "$.customer", "discount": 0.1},
            "OutputPath": "$.items",  # only the items go on as data
            "Next": "Each item",
        },
        "Each item": {
            "Type": "Map",
            "ItemProcessor": {
                "StartAt": "Price",
                "States": {
                    "Price": {  # an iteration sees the outer variables
                        "Type": "Pass",
                        "Parameters": {
                            "item.$": "$.name",
                            "price.$": "States.MathAdd($.price, -1000)",
                            "for.$": "$customer",
                        },
                        "End": True,
                    }
                },
            },
            "Assign": {"count.$": "States.ArrayLength($)"},
            "Next": "Summary",
        },
        "Summary": {
            "Type": "Pass",
            "Parameters": {
                "customer.$": "$customer",
                "items.$": "$count",
                "discount.$": "$discount",
                "lines.$": "$",
            },
            "End": True,
        },
    },
}
machine = sfn.create_state_machine(
    name="variables",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
order = {
    "customer": "Ada",
    "items": [{"name": "book", "price": 12000}, {"name": "pen", "price": 3000}],
}
started = sfn.start_execution(stateMachineArn=machine, input=json.dumps(order))
cloud.run()
print(
    json.loads(sfn.describe_execution(executionArn=started["executionArn"])["output"])
)

# The history records each assignment on the state that made it.
for event in sfn.get_execution_history(executionArn=started["executionArn"])["events"]:
    assigned = event.get("stateExitedEventDetails", {}).get("assignedVariables")
    if assigned:
        print(event["stateExitedEventDetails"]["name"], "assigned", assigned)

# expect: {'customer': 'Ada', 'items': 2, 'discount': 0.1, 'lines': [{'item': 'book',
# expect: {'item': 'pen', 'price': 2000, 'for': 'Ada'}]}
# expect: Remember assigned {'customer': '"Ada"', 'discount': '0.1'}
# expect: Each item assigned {'count': '2'}
