"""Amazon DynamoDB Streams: the change logs of DynamoDB tables, read through the ``dynamodbstreams`` client.

:mod:`.store` holds the streams and records (and is the only thing the ``dynamodb`` service writes to);
:mod:`.iterators` the shard iterators; :mod:`.client` the four operations of the API.
"""
