import pocketcloud

ROLE = "arn:aws:iam::123456789012:role/lambda-role"

# The function's code, as the file app.py of the deployment package.
APP = """
def handler(event, context):
    return {"hello": event["name"]}
"""


def create_hello(cloud):
    lam = cloud.client("lambda")
    response = lam.create_function(
        FunctionName="hello",
        Runtime="python3.13",
        Role=ROLE,
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
    )
    return response["FunctionArn"]


if __name__ == "__main__":
    import json

    cloud = pocketcloud.Cloud(seed=0)
    arn = create_hello(cloud)
    print("created:", arn)
    if arn:
        response = cloud.client("lambda").invoke(FunctionName="hello", Payload=json.dumps({"name": "Ada"}))
        print("answer:", json.loads(response["Payload"].read()))
