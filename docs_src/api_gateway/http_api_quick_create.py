"""An HTTP API in front of a Lambda function: quick create, then one request (payload
format 2.0).
"""

import json

import pocketcloud

APP = """
import json

def handler(event, context):
    # An HTTP API sends the request as a payload format 2.0 event.
    seen = {
        "version": event["version"],
        "routeKey": event["routeKey"],
        "rawPath": event["rawPath"],
        "rawQueryString": event["rawQueryString"],
        "queryStringParameters": event.get("queryStringParameters"),
        "method": event["requestContext"]["http"]["method"],
        "stage": event["requestContext"]["stage"],
    }
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(seen),
    }
"""

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
apigw = cloud.client("apigatewayv2")  # boto3.client("apigatewayv2")

function_arn = lam.create_function(
    FunctionName="hello-http",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)["FunctionArn"]

# Quick create: one call makes the API, a Lambda integration (format 2.0),
# the $default route and an auto-deploying $default stage.
api = apigw.create_api(Name="hello", ProtocolType="HTTP", Target=function_arn)
print("ApiEndpoint:", api["ApiEndpoint"])

# API Gateway may invoke the function only if its resource-based policy says so.
lam.add_permission(
    FunctionName="hello-http",
    StatementId="apigateway",
    Action="lambda:InvokeFunction",
    Principal="apigateway.amazonaws.com",
    SourceArn=f"arn:aws:execute-api:ap-northeast-2:123456789012:{api['ApiId']}/*",
)

answer = cloud.http_request("GET", api["ApiEndpoint"] + "/hello?name=Ada&lang=ko")
print("statusCode:", answer["statusCode"])
print("content-type:", answer["headers"]["content-type"])
for key, value in json.loads(answer["body"]).items():
    print(f"{key:>22}: {value}")

# expect: ApiEndpoint: https://
# expect: .execute-api.ap-northeast-2.amazonaws.com
# expect: statusCode: 200
# expect: version: 2.0
# expect: routeKey: $default
# expect: rawQueryString: name=Ada&lang=ko
# expect: stage: $default
