"""AWS Step Functions: state machines written in the Amazon States Language, run on the virtual clock."""
