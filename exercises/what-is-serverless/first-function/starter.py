import pocketcloud

ROLE = "arn:aws:iam::123456789012:role/lambda-role"

# The function's code, as the file app.py of the deployment package.
APP = """
def handler(event, context):
    return {}
"""


def create_hello(cloud):
    lam = cloud.client("lambda")
    # Call lam.create_function(...) here and return the new function's ARN.
    return None


if __name__ == "__main__":
    import json

    cloud = pocketcloud.Cloud(seed=0)
    arn = create_hello(cloud)
    print("created:", arn)
    if arn:
        response = cloud.client("lambda").invoke(FunctionName="hello", Payload=json.dumps({"name": "Ada"}))
        print("answer:", json.loads(response["Payload"].read()))
