"""API Gateway HTTP API: the payload format 2.0 event (function URLs send the same
format)."""

import pocketcloud

REGION, ACCOUNT = "ap-northeast-2", "123456789012"
cloud = pocketcloud.Cloud(seed=0)
apigw, lam = cloud.client("apigatewayv2"), cloud.client("lambda")
explorer = pocketcloud.record_events(cloud, returns="http")

api = apigw.create_api(Name="shop", ProtocolType="HTTP")
integration = apigw.create_integration(
    ApiId=api["ApiId"],
    IntegrationType="AWS_PROXY",
    IntegrationUri=explorer.arn,
    PayloadFormatVersion="2.0",
)
apigw.create_route(
    ApiId=api["ApiId"],
    RouteKey="POST /orders/{orderId}",
    Target=f"integrations/{integration['IntegrationId']}",
)
apigw.create_stage(ApiId=api["ApiId"], StageName="$default", AutoDeploy=True)
lam.add_permission(
    FunctionName="explorer",
    StatementId="apigateway",
    Action="lambda:InvokeFunction",
    Principal="apigateway.amazonaws.com",
    SourceArn=f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{api['ApiId']}/*",
)

cloud.http_request(
    "POST",
    api["ApiEndpoint"] + "/orders/1017?gift=yes",
    headers={"Content-Type": "application/json", "Cookie": "session=abc"},
    body='{"item": "tea"}',
)

explorer.show()

# expect: "version": "2.0"
# expect: "routeKey": "POST /orders/{orderId}"
# expect: "rawQueryString": "gift=yes"
# expect: "cookies"
# expect: "body": "{\"item\": \"tea\"}"
