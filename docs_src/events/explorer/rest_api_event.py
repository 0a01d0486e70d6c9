"""API Gateway REST API: the payload format 1.0 event of a Lambda proxy integration."""

import pocketcloud

REGION, ACCOUNT = "ap-northeast-2", "123456789012"
cloud = pocketcloud.Cloud(seed=0)
apigw, lam = cloud.client("apigateway"), cloud.client("lambda")
# returns="http": the function answers with a proxy response whose body is the event.
explorer = pocketcloud.record_events(cloud, returns="http")

api_id = apigw.create_rest_api(name="shop")["id"]
root_id = apigw.get_resources(restApiId=api_id)["items"][0]["id"]
orders_id = apigw.create_resource(restApiId=api_id, parentId=root_id, pathPart="orders")
order_id = apigw.create_resource(
    restApiId=api_id, parentId=orders_id["id"], pathPart="{orderId}"
)["id"]
apigw.put_method(
    restApiId=api_id, resourceId=order_id, httpMethod="GET", authorizationType="NONE"
)
apigw.put_integration(
    restApiId=api_id,
    resourceId=order_id,
    httpMethod="GET",
    type="AWS_PROXY",
    integrationHttpMethod="POST",
    uri=f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/"
    f"{explorer.arn}/invocations",
)
apigw.create_deployment(restApiId=api_id, stageName="prod")
lam.add_permission(
    FunctionName="explorer",
    StatementId="apigateway",
    Action="lambda:InvokeFunction",
    Principal="apigateway.amazonaws.com",
    SourceArn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api_id}/*/GET/orders/*",
)

url = f"https://{api_id}.execute-api.{REGION}.amazonaws.com/prod/orders/1017"
cloud.http_request("GET", url + "?fields=items&fields=total", headers={"Accept": "*/*"})

explorer.show()

# expect: "resource": "/orders/{orderId}"
# expect: "httpMethod": "GET"
# expect: "orderId": "1017"
# expect: "multiValueQueryStringParameters"
