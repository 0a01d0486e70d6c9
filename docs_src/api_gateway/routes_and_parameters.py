"""An HTTP API with routes: path parameters, a greedy {proxy+}, $default, and what 'no
route' answers.
"""

import json

import pocketcloud

APP = """
import json

ITEMS = {"1": "keyboard", "2": "mouse"}

def handler(event, context):
    route = event["routeKey"]
    if route == "GET /items/{id}":
        item_id = event["pathParameters"]["id"]
        if item_id not in ITEMS:
            error = {"error": f"no item {item_id}"}
            return {"statusCode": 404, "body": json.dumps(error)}
        # Format 2.0: a plain dict (no statusCode) means 200 with a JSON body.
        return {"id": item_id, "name": ITEMS[item_id]}
    if route == "POST /items":
        item = json.loads(event["body"])
        headers = {"location": "/items/3"}
        return {"statusCode": 201, "headers": headers, "body": json.dumps(item)}
    return {"route": route, "path": event["rawPath"]}
"""

REGION, ACCOUNT = "ap-northeast-2", "123456789012"
cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
v2 = cloud.client("apigatewayv2")

function_arn = lam.create_function(
    FunctionName="items",
    Runtime="python3.13",
    Role=f"arn:aws:iam::{ACCOUNT}:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)["FunctionArn"]

api = v2.create_api(Name="items", ProtocolType="HTTP")
integration = v2.create_integration(
    ApiId=api["ApiId"],
    IntegrationType="AWS_PROXY",
    IntegrationUri=function_arn,
    PayloadFormatVersion="2.0",
)["IntegrationId"]
for route_key in ("GET /items/{id}", "POST /items", "GET /files/{proxy+}"):
    v2.create_route(
        ApiId=api["ApiId"], RouteKey=route_key, Target=f"integrations/{integration}"
    )
v2.create_stage(ApiId=api["ApiId"], StageName="$default", AutoDeploy=True)
lam.add_permission(
    FunctionName="items",
    StatementId="apigateway",
    Action="lambda:InvokeFunction",
    Principal="apigateway.amazonaws.com",
    SourceArn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api['ApiId']}/*",
)

for route in v2.get_routes(ApiId=api["ApiId"])["Items"]:
    print("route:", route["RouteKey"])

base = api["ApiEndpoint"]
requests = [
    ("GET", "/items/1", None),
    ("GET", "/items/9", None),
    ("POST", "/items", json.dumps({"name": "monitor"})),
    ("GET", "/files/docs/2026/report.pdf", None),
    ("DELETE", "/items/1", None),  # no route for DELETE, and no $default route
]
for method, path, body in requests:
    # A JSON body with its content type reaches Lambda as text; without a
    # content type, as base64 (isBase64Encoded: true).
    headers = {"content-type": "application/json"} if body else None
    answer = cloud.http_request(method, base + path, headers=headers, body=body)
    print(f"{method:<6} {path:<28} -> {answer['statusCode']} {answer['body']}")

# Add a $default route and the unmatched request finds a home.
v2.create_route(
    ApiId=api["ApiId"], RouteKey="$default", Target=f"integrations/{integration}"
)
answer = cloud.http_request("DELETE", base + "/items/1")
print(f"with $default: DELETE /items/1 -> {answer['statusCode']} {answer['body']}")

# Route keys are checked when you create them.
try:
    v2.create_route(
        ApiId=api["ApiId"],
        RouteKey="FETCH /items",
        Target=f"integrations/{integration}",
    )
except v2.exceptions.BadRequestException as error:
    print(error.response["Error"]["Code"], "-", error.response["Error"]["Message"])

# expect: -> 200 {"id": "1", "name": "keyboard"}
# expect: -> 404 {"error": "no item 9"}
# expect: -> 201 {"name": "monitor"}
# expect: "route": "GET /files/{proxy+}"
# expect: -> 404 {"message":"Not Found"}
# expect: with $default: DELETE /items/1 -> 200
# expect: BadRequestException
