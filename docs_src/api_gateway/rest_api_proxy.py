"""A REST API built step by step, as in the AWS tutorial: resource, method, Lambda
proxy integration, deployment.
"""

import json

import pocketcloud

APP = """
import json

def handler(event, context):
    # A REST API sends payload format 1.0: resource, path, httpMethod, multiValue* ...
    seen = {
        "version": event.get("version", "(no version key: 1.0)"),
        "resource": event["resource"],
        "path": event["path"],
        "httpMethod": event["httpMethod"],
        "pathParameters": event["pathParameters"],
        "queryStringParameters": event["queryStringParameters"],
        "multiValueQueryStringParameters": event["multiValueQueryStringParameters"],
        "stage": event["requestContext"]["stage"],
    }
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "multiValueHeaders": {"Set-Cookie": ["theme=dark", "lang=ko"]},
        "body": json.dumps(seen),
    }
"""

REGION, ACCOUNT = "ap-northeast-2", "123456789012"
cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
apigw = cloud.client("apigateway")  # boto3.client("apigateway")

function_arn = lam.create_function(
    FunctionName="pets",
    Runtime="python3.13",
    Role=f"arn:aws:iam::{ACCOUNT}:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)["FunctionArn"]

api_id = apigw.create_rest_api(name="PetStore")["id"]
root_id = apigw.get_resources(restApiId=api_id)["items"][0]["id"]  # the "/" resource
pets_id = apigw.create_resource(restApiId=api_id, parentId=root_id, pathPart="pets")[
    "id"
]
pet_id = apigw.create_resource(restApiId=api_id, parentId=pets_id, pathPart="{petId}")[
    "id"
]

apigw.put_method(
    restApiId=api_id, resourceId=pet_id, httpMethod="GET", authorizationType="NONE"
)
apigw.put_integration(
    restApiId=api_id,
    resourceId=pet_id,
    httpMethod="GET",
    type="AWS_PROXY",  # Lambda proxy integration
    integrationHttpMethod="POST",  # API Gateway always calls Lambda's Invoke with POST
    uri=f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function_arn}/invocations",
)
# Nothing answers until the API is deployed to a stage.
apigw.create_deployment(restApiId=api_id, stageName="prod")
lam.add_permission(
    FunctionName="pets",
    StatementId="apigateway",
    Action="lambda:InvokeFunction",
    Principal="apigateway.amazonaws.com",
    SourceArn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api_id}/*/GET/pets/*",
)

url = f"https://{api_id}.execute-api.{REGION}.amazonaws.com/prod/pets/7?tag=cute&tag=small"
answer = cloud.http_request("GET", url)
print("statusCode:", answer["statusCode"])
print("Set-Cookie:", answer["multiValueHeaders"]["Set-Cookie"])
for key, value in json.loads(answer["body"]).items():
    print(f"{key:>32}: {value}")

# expect: statusCode: 200
# expect: Set-Cookie: ['theme=dark', 'lang=ko']
# expect: resource: /pets/{petId}
# expect: path: /pets/7
# expect: pathParameters: {'petId': '7'}
# expect: multiValueQueryStringParameters: {'tag': ['cute', 'small']}
