"""A function URL: an HTTPS address for a function, public once its policy allows it."""

import json

import pocketcloud

APP = """
import json


def handler(event, context):
    name = (event.get("queryStringParameters") or {}).get("name", "world")
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"hello": name, "path": event["rawPath"]}),
    }
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
lam.create_function(
    FunctionName="greeter",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)

# 1. Create the URL. AuthType="NONE": Lambda does not authenticate callers.
config = lam.create_function_url_config(FunctionName="greeter", AuthType="NONE")
url = config["FunctionUrl"]
print("URL:", url)

# 2. Without a policy that lets everyone in, the URL answers 403.
first = cloud.http_request("GET", url + "hi?name=Ana")
print(first["statusCode"], first["body"])

# 3. The two statements a public URL needs: InvokeFunctionUrl and InvokeFunction.
lam.add_permission(
    FunctionName="greeter",
    StatementId="FunctionURLAllowPublicAccess",
    Action="lambda:InvokeFunctionUrl",
    Principal="*",
    FunctionUrlAuthType="NONE",
)
lam.add_permission(
    FunctionName="greeter",
    StatementId="FunctionURLInvokeAllowPublicAccess",
    Action="lambda:InvokeFunction",
    Principal="*",
    InvokedViaFunctionUrl=True,
)

# 4. Now any HTTP client can call it; the handler gets a payload format 2.0 event.
answer = cloud.http_request("GET", url + "hi?name=Ana")
print(answer["statusCode"], json.loads(answer["body"]))
print("request ID:", answer["headers"]["x-amzn-requestid"])

# expect: .lambda-url.ap-northeast-2.on.aws/
# expect: 403 {"Message":"Forbidden"}
# expect: 200 {'hello': 'Ana', 'path': '/hi'}
