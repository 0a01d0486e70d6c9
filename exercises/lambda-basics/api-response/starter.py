import json


def handler(event, context):
    # Return a proxy-integration response: statusCode, headers and a JSON *string* body.
    return {"message": "hello, " + event["name"]}


if __name__ == "__main__":
    import pocketcloud

    cloud = pocketcloud.Cloud(seed=0)
    fn = pocketcloud.deploy(cloud, handler, setup="import json")
    print(fn.invoke({"name": "Ada"}).payload)
    print(fn.invoke({}).payload)
