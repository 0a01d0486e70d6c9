"""What a workflow costs: count its state transitions, then price a month of them."""

import json

import pocketcloud
from pocketcloud import pricing

cloud = pocketcloud.Cloud(seed=0)  # a Seoul (ap-northeast-2) account
sfn = cloud.client("stepfunctions")

definition = {
    "StartAt": "Validate",
    "States": {
        "Validate": {"Type": "Pass", "Next": "Items"},
        "Items": {
            "Type": "Map",
            "ItemProcessor": {
                "StartAt": "Reserve",
                "States": {"Reserve": {"Type": "Pass", "End": True}},
            },
            "Next": "Receipt",
        },
        "Receipt": {"Type": "Succeed"},
    },
}
machine = sfn.create_state_machine(
    name="checkout",
    definition=json.dumps(definition),
    roleArn="arn:aws:iam::123456789012:role/sfn-role",
)["stateMachineArn"]
order = ["book", "pen", "mug"]  # three items: the Map runs "Reserve" three times
started = sfn.start_execution(stateMachineArn=machine, input=json.dumps(order))
arn = started["executionArn"]
cloud.run()

view = pocketcloud.show_execution(cloud, arn)
print("states entered:", view.path)
print("state transitions per order:", view.state_transitions)

orders = 100_000  # a month
standard = pricing.standard_workflow_cost(
    orders * view.state_transitions, region=cloud.region
)
print(
    f"Standard, {orders:,} orders: {standard.transitions:,} transitions, "
    f"{standard.free_transitions:,} free, ${standard.usd:.2f}"
)
express = pricing.express_workflow_cost(orders, avg_duration_ms=120, memory_mb=64)
print(
    f"Express, {orders:,} orders of 120 ms: ${express.request_usd:.2f} requests "
    f"+ ${express.duration_usd:.4f} duration"
)
print("prices checked", pricing.SFN_CHECKED, "at", pricing.SFN_PRICING_PAGE)

# expect: state transitions per order: 6
# expect: Standard, 100,000 orders: 600,000 transitions, 4,000 free, $16.15
# expect: Express, 100,000 orders of 120 ms: $0.10 requests + $0.0208 duration
