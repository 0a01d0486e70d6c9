import json


def handler(event, context):
    for record in event["Records"]:
        order = json.loads(record["body"])  # a message that is not JSON raises here...
        print("shipped", order["id"])
    # ...and the whole batch, shipped orders included, comes back to the queue.
