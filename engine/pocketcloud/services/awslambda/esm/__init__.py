"""Event source mappings: Lambda polling a queue or a stream and invoking a function with batches of records.

"An event source mapping is a Lambda resource that reads items from stream and queue-based services and invokes
a function with batches of records." Lambda, not the source, does the work: its pollers read the source with the
function's execution role, filter, batch, invoke the function *synchronously* and act on the result (delete the
messages, advance the stream's checkpoint, retry, or give up and send a record to a destination).
https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html

The package, one idea per module:

* :mod:`.model` — the mapping itself: its settings, its ``State`` transitions (Creating, Enabling, Enabled,
  Updating, Disabling, Disabled, Deleting) on the virtual clock, and the configuration the API returns.
* :mod:`.api` — Create/Get/Update/Delete/ListEventSourceMappings, with AWS's validation answers.
* :mod:`.sqs` — the SQS poller: ReceiveMessage batches, DeleteMessage on success, visibility timeouts and the
  queue's own redrive policy for failures, and the documented scaling (5 concurrent batches, up to 300 more per
  minute, at most 1,250, capped by ``ScalingConfig.MaximumConcurrency``).
* :mod:`.streams` — what Kinesis and DynamoDB Streams mappings share: one reader per shard, ``ParallelizationFactor``
  lanes per shard, in-order batches, retries that block the lane, bisecting, record age, tumbling windows, partial
  batch responses and on-failure destinations; :mod:`.kinesis` and :mod:`.dynamodb` read each source through its
  public client.
* :mod:`.batch_response` — reading a function's partial batch response (``ReportBatchItemFailures``).
* :mod:`.activity` — what the pollers did and when, for learners (``cloud.lambda_esm_activity(uuid)``).

Filtering (``FilterCriteria``) is :mod:`..filtering`; when a batch is ready is :mod:`..batching`.

Every invocation goes through Lambda's one invoke path (:func:`..invoke.start_invocation`), so cold starts,
concurrency, logs and billing are the same as for any other invocation. Sources are read only through their
public clients, called as the account (Lambda polls "using the permissions in the function's execution role").
"""
