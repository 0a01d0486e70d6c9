import base64
import json


def count_cold_starts(lam, function_name, events):
    cold = 0
    for event in events:
        response = lam.invoke(FunctionName=function_name, Payload=json.dumps(event), LogType="Tail")
        log = base64.b64decode(response["LogResult"]).decode()
        print(log.strip().splitlines()[-1])  # the REPORT line
        if "Init Duration" in log:
            cold += 1
    return cold


if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)

    @cloud.function()
    def hello(event, context):
        return {"hello": event["name"]}

    print(count_cold_starts(cloud.client("lambda"), "hello", [{"name": "a"}, {"name": "b"}, {"name": "c"}]))
