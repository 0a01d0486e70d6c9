"""SES identities: email addresses and domains an account may send from (and, for domains, receive mail for).

On AWS, VerifyEmailIdentity sends a verification email and the address stays ``Pending`` until its owner clicks the
link; VerifyDomainIdentity returns a token to publish as a DNS TXT record. pocketcloud has neither mailboxes nor DNS,
so **verification succeeds at once** (``VerificationStatus`` ``Success``): the model is "the owner confirmed right
away". The domain token is still returned (a deterministic base64 string of AWS's length), so code that prints the
TXT record works. https://docs.aws.amazon.com/ses/latest/dg/creating-identities.html
https://docs.aws.amazon.com/ses/latest/APIReference/API_VerifyDomainIdentity.html

"If you verify a domain, you can send email from any address on that domain" (and its subdomains, unless a
subdomain is verified on its own), which :meth:`Identities.covers` applies. Addresses of the mailbox simulator
(``success@simulator.amazonses.com`` ...) may be recipients without verification, in the sandbox too.
https://docs.aws.amazon.com/ses/latest/dg/send-an-email-from-console.html#send-email-simulator
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass

from ...errors import ServiceError

SIMULATOR_DOMAIN = "simulator.amazonses.com"
_ADDRESS = re.compile(r"[^@\s]+@([A-Za-z0-9-]+\.)+[A-Za-z0-9-]+")
_DOMAIN = re.compile(r"([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")


@dataclass
class Identity:
    name: str
    kind: str  # "EmailAddress" | "Domain"
    token: str | None = None
    status: str = "Success"


def invalid(message: str) -> ServiceError:
    return ServiceError("InvalidParameterValue", message, 400)


def address_of(value: str) -> str:
    """The bare address of ``"Name" <user@example.com>`` or ``user@example.com``."""
    from email.utils import parseaddr

    return parseaddr(value)[1] or value


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()


class Identities:
    """The verified identities of one account in one Region, in the order they were added."""

    def __init__(self) -> None:
        self.by_name: dict[str, Identity] = {}

    def verify_email(self, address: str) -> Identity:
        if _ADDRESS.fullmatch(address) is None:
            raise invalid(f"Invalid email address<{address}>.")
        key = address.lower()
        found = self.by_name.get(key)
        if found is None:
            found = self.by_name[key] = Identity(address, "EmailAddress")
        return found

    def verify_domain(self, domain: str) -> Identity:
        if _DOMAIN.fullmatch(domain) is None:
            raise invalid(f"Invalid domain name <{domain}>.")
        key = domain.lower()
        found = self.by_name.get(key)
        if found is None:
            digest = hashlib.sha256(f"pocketcloud-ses:{key}".encode()).digest()
            found = self.by_name[key] = Identity(domain, "Domain", base64.b64encode(digest[:32]).decode()[:44])
        return found

    def delete(self, name: str) -> None:
        self.by_name.pop(name.lower(), None)

    def covers(self, address: str) -> bool:
        """Whether ``address`` is verified, itself or through its domain or a parent domain."""
        address = address_of(address).lower()
        if address in self.by_name:
            return True
        domain = domain_of(address)
        parts = domain.split(".")
        return any(".".join(parts[i:]) in self.by_name for i in range(len(parts) - 1))

    @staticmethod
    def is_simulator(address: str) -> bool:
        return domain_of(address_of(address)) == SIMULATOR_DOMAIN

    @staticmethod
    def well_formed(address: str) -> bool:
        return _ADDRESS.fullmatch(address_of(address)) is not None
