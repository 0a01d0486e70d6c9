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

What is a pocketcloud model rather than DynamoDB's exact behaviour (each documented where it is implemented):

* a table is ACTIVE as soon as CreateTable returns (its response still says CREATING, as AWS's does);
* every read is strongly consistent and a global secondary index is updated with the write (on AWS an index is
  eventually consistent); ``ConsistentRead`` changes only the reported read units;
* nothing is throttled: ``UnprocessedItems`` is always empty, ``ProvisionedThroughputExceededException`` never
  happens; ``ItemCount``, ``TableSizeBytes`` and the index counts are exact at every moment;
* Scan visits partitions in the order of an MD5 hash of the partition key (stable, not insertion order);
* a table's stream has one shard (see :mod:`pocketcloud.services.dynamodbstreams.store`).

Not simulated (refused with a message, or not offered): Time to Live, PartiQL, backups and restores, global
tables, Kinesis streaming destinations, resource policies, vector indexes, and the legacy conditional parameters
(``Expected``, ``KeyConditions``, ``QueryFilter``, ``ScanFilter``, ``AttributeUpdates``; ``AttributesToGet`` is
simulated).
"""
