"""Amazon API Gateway: REST APIs (``cloud.client("apigateway")``) and what HTTP APIs share with them."""
