"""Amazon API Gateway HTTP APIs (``cloud.client("apigatewayv2")``)."""
