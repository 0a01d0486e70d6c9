"""CloudWatch Logs: the log groups and streams Lambda writes to."""
