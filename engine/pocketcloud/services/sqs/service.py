"""The queues of one cloud and the queue-level operations (create, look up, list, attributes, tags, delete).

Sending and receiving are in :mod:`.messaging`. A queue is found by its URL (any host, ``/<account>/<name>``) in
this cloud's account; anything else is ``QueueDoesNotExist``.
https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Operations.html
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import EPOCH_SECONDS
from . import attributes as queue_attributes
from .errors import invalid_value, queue_does_not_exist
from .queue import Queue
from .urls import check_name, parse_arn, parse_url, queue_arn, queue_url

if TYPE_CHECKING:
    from ...cloud import Cloud


@dataclass
class SqsSettings:
    """Behaviour models of SQS in this cloud, reached through ``cloud.backend("sqs", SqsService).settings``.

    ``duplicate_delivery_rate``: the share of DeleteMessage calls on a *standard* queue after which a copy of the
    message survives and is delivered again once its visibility timeout ends. AWS: "For standard queues, it is
    possible to receive a message even after you delete it. This might happen on rare occasions if one of the
    servers which stores a copy of the message is unavailable when you send the request to delete the message"
    (API_DeleteMessage); "Standard queues support at-least-once message delivery" (standard-queues). AWS gives
    no rate, so pocketcloud's default is 0 (every delete sticks); a lab that teaches idempotent consumers sets
    e.g. 0.05. Which deletes are affected follows from the cloud's seed, so a run repeats exactly.
    """

    duplicate_delivery_rate: float = 0.0


class SqsService:
    """Queues by name, plus the names deleted in the last 60 seconds (which cannot be reused yet)."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.settings = SqsSettings()
        self.queues: dict[str, Queue] = {}
        self.deleted: dict[str, float] = {}
        #: StartMessageMoveTask's tasks, oldest first (see :mod:`.movetasks`).
        self.move_tasks: list[Any] = []
        self._uids = 0

    # -- lookup ----------------------------------------------------------------------------------------------
    def queue(self, url: str) -> Queue:
        """The queue a QueueUrl names, refreshed to the current virtual time."""
        parsed = parse_url(url)
        if parsed is None or parsed[0] != self.cloud.account_id:
            raise queue_does_not_exist()
        found = self.queues.get(parsed[1])
        if found is None:
            raise queue_does_not_exist()
        found.refresh(self.cloud.now)
        return found

    def by_arn(self, arn: str) -> Queue | None:
        parsed = parse_arn(arn)
        if parsed is None or parsed[0] != self.cloud.region or parsed[1] != self.cloud.account_id:
            return None
        return self.queues.get(parsed[2])

    # -- CreateQueue / GetQueueUrl ---------------------------------------------------------------------------
    def create_queue(self, params: dict[str, Any]) -> dict[str, Any]:
        """CreateQueue. "If you provide the name of an existing queue along with the exact names and values of
        all the queue's attributes, CreateQueue returns the queue URL for the existing queue. If the queue name,
        attribute names, or attribute values don't match an existing queue, CreateQueue returns an error."
        https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
        """
        name = params["QueueName"]
        requested = dict(params.get("Attributes") or {})
        fifo = requested.get("FifoQueue", "").lower() == "true"
        check_name(name, fifo)
        region, account = self.cloud.region, self.cloud.account_id
        arn = queue_arn(region, account, name)
        existing = self.queues.get(name)
        current = queue_attributes.defaults(fifo)
        checked = queue_attributes.check(requested, fifo=fifo, current=current, find_queue=self.by_arn, own_arn=arn)
        tags = dict(params.get("tags") or {})
        if existing is not None:
            for key, value in checked.items():
                if existing.attributes.get(key, "") != value:
                    raise ServiceError(
                        "QueueNameExists",
                        f"A queue already exists with the same name and a different value for attribute {key}",
                    )
            return {"QueueUrl": existing.url}
        now = self.cloud.now
        deleted_at = self.deleted.get(name)
        if deleted_at is not None and now - deleted_at < limits.SQS_RECREATE_WAIT_S:
            raise ServiceError(
                "QueueDeletedRecently",
                "You must wait 60 seconds after deleting a queue before you can create another with the same name.",
            )
        self.deleted.pop(name, None)
        attributes = {**current, **{k: v for k, v in checked.items() if v != ""}}
        self._uids += 1
        created = Queue(self._uids, name, queue_url(region, account, name), arn, fifo, attributes, now)
        created.tags = tags
        self.queues[name] = created
        return {"QueueUrl": created.url}

    def get_queue_url(self, params: dict[str, Any]) -> dict[str, Any]:
        owner = params.get("QueueOwnerAWSAccountId")
        found = self.queues.get(params["QueueName"])
        if found is None or (owner is not None and owner != self.cloud.account_id):
            raise queue_does_not_exist()
        return {"QueueUrl": found.url}

    # -- ListQueues / ListDeadLetterSourceQueues ---------------------------------------------------------------
    def _page(self, names: list[str], params: dict[str, Any], key: str) -> dict[str, Any]:
        """A page of queue URLs in name order. "NextToken ... only returned if MaxResults was set" and the list
        holds at most 1,000 URLs (API_ListQueues)."""
        limit = params.get("MaxResults")
        if limit is not None and not 1 <= limit <= limits.SQS_LIST_MAX_RESULTS:
            raise invalid_value("MaxResults", limit, "MaxResults must be an integer between 1 and 1000.")
        start = 0
        token = params.get("NextToken")
        if token:
            try:
                after = json.loads(base64.b64decode(token, validate=True))["after"]
            except (ValueError, KeyError, TypeError, binascii.Error):
                raise ServiceError("InvalidParameterValue", "Invalid NextToken value.") from None
            start = next((i for i, name in enumerate(names) if name > str(after)), len(names))
        size = limit if limit is not None else limits.SQS_LIST_MAX_RESULTS
        chosen = names[start : start + size]
        result: dict[str, Any] = {}
        if chosen:
            result[key] = [self.queues[name].url for name in chosen]
        if limit is not None and start + size < len(names):
            result["NextToken"] = base64.b64encode(json.dumps({"after": chosen[-1]}).encode()).decode()
        return result

    def list_queues(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueues.html"""
        prefix = params.get("QueueNamePrefix", "")
        names = sorted(name for name in self.queues if name.startswith(prefix))
        return self._page(names, params, "QueueUrls")

    def list_dead_letter_source_queues(self, params: dict[str, Any]) -> dict[str, Any]:
        """The queues whose RedrivePolicy targets this one.
        https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListDeadLetterSourceQueues.html
        """
        target = self.queue(params["QueueUrl"])
        names = sorted(name for name, q in self.queues.items() if q.dead_letter_arn == target.arn)
        result = self._page(names, params, "queueUrls")
        result.setdefault("queueUrls", [])  # a required member of the output shape
        return result

    # -- attributes --------------------------------------------------------------------------------------------
    def get_queue_attributes(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html"""
        found = self.queue(params["QueueUrl"])
        wanted = queue_attributes.requested(params.get("AttributeNames"))
        if not wanted:
            return {}
        values: dict[str, str] = {
            **found.attributes,
            **found.counts(),
            "QueueArn": found.arn,
            "CreatedTimestamp": str(int(EPOCH_SECONDS + found.created_at)),
            "LastModifiedTimestamp": str(int(EPOCH_SECONDS + found.last_modified)),
        }
        return {"Attributes": {name: values[name] for name in wanted if name in values}}

    def set_queue_attributes(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change settable attributes; ``""`` removes Policy, RedrivePolicy or RedriveAllowPolicy. Changes apply
        at once (AWS: "can take up to 60 seconds for most of the attributes to propagate").
        https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
        """
        found = self.queue(params["QueueUrl"])
        checked = queue_attributes.check(
            dict(params["Attributes"]),
            fifo=found.fifo,
            current=found.attributes,
            find_queue=self.by_arn,
            own_arn=found.arn,
        )
        for key, value in checked.items():
            if value == "" and key in ("Policy", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId"):
                found.attributes.pop(key, None)
            else:
                found.attributes[key] = value
        found.apply()
        found.last_modified = self.cloud.now
        found.refresh(self.cloud.now)
        return {}

    # -- tags -------------------------------------------------------------------------------------------------
    def tag_queue(self, params: dict[str, Any]) -> dict[str, Any]:
        """https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_TagQueue.html"""
        self.queue(params["QueueUrl"]).tags.update(params["Tags"])
        return {}

    def untag_queue(self, params: dict[str, Any]) -> dict[str, Any]:
        found = self.queue(params["QueueUrl"])
        for key in params["TagKeys"]:
            found.tags.pop(key, None)
        return {}

    def list_queue_tags(self, params: dict[str, Any]) -> dict[str, Any]:
        tags = self.queue(params["QueueUrl"]).tags
        return {"Tags": dict(tags)} if tags else {}

    # -- PurgeQueue / DeleteQueue ------------------------------------------------------------------------------
    def purge_queue(self, params: dict[str, Any]) -> dict[str, Any]:
        """ "Only one PurgeQueue operation on <queue> is allowed every 60 seconds" (PurgeQueueInProgress, 403).
        https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html
        """
        found = self.queue(params["QueueUrl"])
        now = self.cloud.now
        if found.purged_at is not None and now - found.purged_at < limits.SQS_PURGE_INTERVAL_S:
            message = f"Only one PurgeQueue operation on {found.name} is allowed every 60 seconds."
            raise ServiceError("PurgeQueueInProgress", message, 403)
        found.purge(now)
        return {}

    def delete_queue(self, params: dict[str, Any]) -> dict[str, Any]:
        """ "When you delete a queue, any messages in the queue are no longer available"; the name can be reused
        after 60 seconds. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteQueue.html
        """
        found = self.queue(params["QueueUrl"])
        found.purge(self.cloud.now)
        del self.queues[found.name]
        self.deleted[found.name] = self.cloud.now
        return {}
