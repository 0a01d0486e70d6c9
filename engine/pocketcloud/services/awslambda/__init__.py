"""AWS Lambda: functions, execution environments, the handler sandbox and the invoke path."""
