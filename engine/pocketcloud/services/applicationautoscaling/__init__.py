"""Application Auto Scaling (boto3 ``application-autoscaling``): scalable targets, policies, scheduled actions."""
