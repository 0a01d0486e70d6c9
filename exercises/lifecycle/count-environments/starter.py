import json


def environments_for_burst(cloud, function_name, n):
    lam = cloud.client("lambda")
    logs = cloud.client("logs")
    for i in range(n):
        lam.invoke(FunctionName=function_name, InvocationType="Event", Payload=json.dumps({"n": i}))
    # Let the queued events run, then count the function's log streams.
    return 1


RESIZE = """
import time


def handler(event, context):
    time.sleep(1)  # each request keeps its environment busy for a second
    return event["n"]
"""

if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    pocketcloud.deploy(cloud, source=RESIZE, handler_name="handler", name="resize")
    print(environments_for_burst(cloud, "resize", 4))
