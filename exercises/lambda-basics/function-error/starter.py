import json


def call(lam, function_name, event):
    response = lam.invoke(FunctionName=function_name, Payload=json.dumps(event))
    result = json.loads(response["Payload"].read())
    # A failed function still answers StatusCode 200: look at the response more closely.
    return ("ok", result)


ORDERS = """
def handler(event, context):
    if event.get("qty", 0) <= 0:
        raise ValueError("qty must be positive")
    return {"order": event["order"], "total": event["qty"] * 1200}
"""

if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    pocketcloud.deploy(cloud, source=ORDERS, handler_name="handler", name="orders")
    lam = cloud.client("lambda")
    print(call(lam, "orders", {"order": 1, "qty": 2}))
    print(call(lam, "orders", {"order": 2, "qty": 0}))
