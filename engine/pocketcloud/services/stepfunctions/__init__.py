"""AWS Step Functions: state machines, the Amazon States Language interpreter, executions and their history."""
