"""Amazon SQS: standard and FIFO queues on the virtual clock.

The package follows the pattern of every pocketcloud service: :mod:`.client` names the AWS operations,
:mod:`.service` holds the queues of one cloud, :mod:`.queue` is one queue's message store (visibility, delays,
retention, FIFO message groups, dead-letter moves), :mod:`.messages` checks and digests what is sent,
:mod:`.attributes` the queue attributes, :mod:`.batch` the ``*Batch`` operations, :mod:`.policy` the queue
policy that other AWS services need before they may send, and :mod:`.errors` the error codes as SQS answers
them on its JSON protocol.
"""
