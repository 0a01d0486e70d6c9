"""Amazon SNS: standard and FIFO topics, SQS and Lambda subscriptions, filter policies and fan-out.

:mod:`.client` names the AWS operations, :mod:`.service` holds topics and subscriptions, :mod:`.publishing`
checks what is published, :mod:`.filter_policy` validates and evaluates subscription filter policies,
:mod:`.envelopes` builds what a subscriber receives (the JSON notification an SQS queue gets, the event a Lambda
function gets) and :mod:`.delivery` hands each message to SQS and Lambda through their public clients, as the
``sns.amazonaws.com`` service principal.
"""
