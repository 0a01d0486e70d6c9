"""CloudWatch: metrics (read from ``cloud.metrics``, written by the services and PutMetricData) and metric alarms."""
