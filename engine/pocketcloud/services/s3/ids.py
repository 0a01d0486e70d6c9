"""The identifiers S3 hands out, in the shapes S3 uses, all drawn from the cloud's seeded source.

* ``x-amz-request-id``: 16 upper-case letters and digits (``C3D13FE58DE4C810``, ``YMSSR8BZJ2Y99K6P``; here
  upper-case hex, as in the older examples), and
  ``x-amz-id-2``: a base64 string naming the host that served the request. boto3 puts both in
  ``ResponseMetadata`` (``RequestId``, ``HostId``), and an event notification repeats them in its
  ``responseElements``: "These values are the same as those that Amazon S3 returns in the response to the
  request that initiates the events". https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
* The owner's IDs: the 64-hex-digit canonical user ID that ListBuckets and ListParts show (``Owner.ID``), and the
  short "Amazon customer ID" an event shows as ``principalId`` (``A3NL1KOZZKExample``, ``A1YQ72UWCM96UF``). Both
  are derived from the account ID (a pocketcloud model: AWS does not publish how it assigns them), so they are
  the same in every run and every cloud of one account.
* The ``sequencer`` of an event: "a string representation of a hexadecimal value used to determine event
  sequence" — the later event on a key has the greater value. Here it is ``00`` + the eight hex digits of the
  Unix time + an eight-digit counter (18 upper-case hex digits, the length of AWS's ``0055AED6DCD90281E5``), so
  it grows with every write or delete in the cloud and therefore with every write or delete of one key.
"""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from ...timeutil import EPOCH_SECONDS

if TYPE_CHECKING:
    from ...cloud import Cloud

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def request_id(cloud: Cloud) -> str:
    """A 16-character x-amz-request-id (upper-case hex, like ``C3D13FE58DE4C810`` in S3's examples)."""
    return cloud.random_hex(16).upper()


def host_id(cloud: Cloud) -> str:
    """A 76-character x-amz-id-2 (57 random bytes in base64, the length of AWS's longer host IDs)."""
    return base64.b64encode(bytes.fromhex(cloud.random_hex(114))).decode("ascii")


def canonical_user_id(account_id: str) -> str:
    """The account's canonical user ID (64 hex digits), e.g. ListBuckets' ``Owner.ID``."""
    return hashlib.sha256(f"pocketcloud-canonical:{account_id}".encode()).hexdigest()


def principal_id(account_id: str) -> str:
    """The account's short Amazon customer ID, as an event's ``ownerIdentity``/``userIdentity`` shows it."""
    number = int.from_bytes(hashlib.sha256(f"pocketcloud-principal:{account_id}".encode()).digest()[:9], "big")
    out = []
    for _ in range(13):
        number, digit = divmod(number, 36)
        out.append(_ALPHABET[digit])
    return "A" + "".join(out)


def sequencer(now: float, counter: int) -> str:
    """The sequencer of the ``counter``-th write or delete of the cloud, at virtual time ``now``."""
    return f"00{int(EPOCH_SECONDS + now) & 0xFFFFFFFF:08X}{counter & 0xFFFFFFFF:08X}"
