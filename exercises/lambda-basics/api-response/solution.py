import json


def handler(event, context):
    name = event.get("name", "world")
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"message": f"hello, {name}"}),
    }


if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    fn = pocketcloud.deploy(cloud, handler, setup="import json")
    print(fn.invoke({"name": "Ada"}).payload)
    print(fn.invoke({}).payload)
