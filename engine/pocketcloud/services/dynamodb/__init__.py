"""Amazon DynamoDB: tables, typed items, the expression language, indexes, batches, transactions and streams.

A map for the page authors:

* :mod:`.client` - the boto3-shaped client; :mod:`.backend` - tables and the one write path (:meth:`commit`);
* :mod:`.schema` - key schemas, indexes, billing modes, stream settings (CreateTable's checks);
* :mod:`.values` / :mod:`.numbers` - typed attribute values and 38-digit decimal numbers;
* :mod:`.keys` - primary and index keys; :mod:`.storage` - partitions, sort order, Scan order;
  :mod:`.tables` - a table with its indexes and counters;
* :mod:`.expressions` - condition, update, projection and key condition expressions;
* :mod:`.items`, :mod:`.reads`, :mod:`.batch`, :mod:`.transactions` - the data operations;
* :mod:`.capacity` - ``ConsumedCapacity``; :mod:`.changes` - stream records for each item change, handed to the
  ``dynamodbstreams`` service's store.
"""
