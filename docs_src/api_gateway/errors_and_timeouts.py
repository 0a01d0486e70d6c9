"""What a client sees when things go wrong, on a REST API (format 1.0) and an HTTP API
(format 2.0).
"""

import pocketcloud

REGION, ACCOUNT = "ap-northeast-2", "123456789012"
HANDLERS = {
    "raises": "def handler(event, context):\n    raise ValueError('boom')\n",
    "malformed": "def handler(event, context):\n"
    "    return {'statusCode': 200, 'body': {'not': 'a string'}}\n",
    "plain-dict": "def handler(event, context):\n    return {'message': 'hi'}\n",
    "slow": "import time\n\ndef handler(event, context):\n"
    "    time.sleep(40)\n    return {'statusCode': 200}\n",
    "throttled": "def handler(event, context):\n    return {'statusCode': 200}\n",
}

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
apigw = cloud.client("apigateway")
v2 = cloud.client("apigatewayv2")


def make_function(name: str) -> str:
    arn = lam.create_function(
        FunctionName=name,
        Runtime="python3.13",
        Role=f"arn:aws:iam::{ACCOUNT}:role/lambda-role",
        Handler="app.handler",
        Code={"ZipFile": pocketcloud.zip_code({"app.py": HANDLERS[name]})},
        Timeout=60,
    )["FunctionArn"]
    lam.add_permission(
        FunctionName=name,
        StatementId="apigateway",
        Action="lambda:InvokeFunction",
        Principal="apigateway.amazonaws.com",
    )
    return arn


def rest_url(name: str, arn: str) -> str:
    """A REST API whose root resource has an ANY method proxied to the function."""
    api_id = apigw.create_rest_api(name=name)["id"]
    root = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
    apigw.put_method(
        restApiId=api_id, resourceId=root, httpMethod="ANY", authorizationType="NONE"
    )
    apigw.put_integration(
        restApiId=api_id,
        resourceId=root,
        httpMethod="ANY",
        type="AWS_PROXY",
        integrationHttpMethod="POST",
        uri=f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{arn}/invocations",
    )
    apigw.create_deployment(restApiId=api_id, stageName="prod")
    return f"https://{api_id}.execute-api.{REGION}.amazonaws.com/prod/"


print(f"{'function':<11} {'REST API (1.0)':<46} HTTP API (2.0)")
for name in HANDLERS:
    arn = make_function(name)
    if name == "throttled":  # reserved concurrency 0: Lambda refuses every invoke
        lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
    rest = cloud.http_request("GET", rest_url(name, arn))
    api = v2.create_api(Name=name, ProtocolType="HTTP", Target=arn)
    http = cloud.http_request("GET", api["ApiEndpoint"])
    rest_answer = f"{rest['statusCode']} {rest['body']}"
    print(f"{name:<11} {rest_answer:<46} {http['statusCode']} {http['body']}")

# A request nothing is defined for. The REST API has only "/" (its ANY method);
# the HTTP API has one route, GET /pets, and no $default route.
rest = cloud.http_request("GET", rest_url("only-root", arn) + "nope")
print("\nREST API, no resource:", rest["statusCode"], rest["body"])
api = v2.create_api(Name="pets", ProtocolType="HTTP", Target=arn, RouteKey="GET /pets")
http = cloud.http_request("GET", api["ApiEndpoint"] + "/nope")
print("HTTP API, no route:   ", http["statusCode"], http["body"])

# expect: raises      502 {"message":"Internal server error"}
# expect: 500 {"message":"Internal Server Error"}
# expect: plain-dict  502
# expect: 200 {"message": "hi"}
# expect: slow        504 {"message":"Endpoint request timed out"}
# expect: 503 {"message":"Service Unavailable"}
# expect: throttled   500
# expect: REST API, no resource: 403 {"message":"Missing Authentication Token"}
# expect: HTTP API, no route:    404 {"message":"Not Found"}
