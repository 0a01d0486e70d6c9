import json


def queue_orders(lam, function_name, orders):
    codes = []
    for order in orders:
        response = lam.invoke(FunctionName=function_name, Payload=json.dumps(order))
        codes.append(response["StatusCode"])
    return codes


ORDERS = """
import time


def handler(event, context):
    time.sleep(0.5)  # half a second of (virtual) work
    print(f"processed order {event['order']}")
    return {"order": event["order"], "status": "shipped"}
"""

if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    pocketcloud.deploy(cloud, source=ORDERS, handler_name="handler", name="orders")
    print(queue_orders(cloud.client("lambda"), "orders", [{"order": 1}, {"order": 2}]))
    print(f"t={cloud.now:.3f} s")
