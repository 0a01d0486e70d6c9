"""The SES state of one cloud: identities, quotas, the sent-mail mailbox, receipt rule sets, received mail."""

from __future__ import annotations

import base64
import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import ServiceError
from ...timeutil import to_datetime
from . import inbound, sending
from .identities import Identities, domain_of
from .rules import RuleSet, check_actions, check_name, normalised

if TYPE_CHECKING:
    from ...cloud import Cloud


#: Email receiving quotas as remembered from the "Email receiving" part of https://docs.aws.amazon.com/ses/latest/dg/quotas.html
#: (40 rule sets, 200 rules per set, 100 recipients and 10 actions per rule). The stored copies of that page read on
#: 2026-12-03 stop before that part, so these four figures are NOT verified: re-check them before relying on them.
RULE_SETS_MAX = 40
RULES_PER_SET_MAX = 200
RECIPIENTS_PER_RULE_MAX = 100
ACTIONS_PER_RULE_MAX = 10


@dataclass
class Settings:
    """SES behaviour-model settings (``cloud.backend("ses", SesService).settings``).

    ``sandbox`` (default True, as every new account starts): recipients must be verified and the quotas are the
    sandbox's. Set it to False to model production access; the production quotas here are an example (AWS sets them
    per account). ``delivery_s`` is how long a message sent to one of the account's receiving domains takes to
    arrive, ``action_s`` the processing time before each receipt rule action (both pocketcloud models).
    """

    sandbox: bool = True
    max_24_hour_send: int = limits.SES_SANDBOX_MAX_24_HOUR_SEND
    max_send_rate: float = float(limits.SES_SANDBOX_MAX_SEND_RATE)
    delivery_s: float = 1.0
    action_s: float = 0.2


class SesService:
    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.settings = Settings()
        self.identities = Identities()
        #: The sent-mail mailbox: every accepted message, oldest first.
        self.sent: list[sending.SentEmail] = []
        self.send_log: list[tuple[float, int]] = []
        self.tokens = float(self.settings.max_send_rate)
        self.tokens_at = 0.0
        self.rule_sets: dict[str, RuleSet] = {}
        self.active: str | None = None
        #: Every received message and what the rules did with it.
        self.received: list[inbound.Receipt] = []
        #: Verdicts the next received messages get (spam, virus, spf, dkim, dmarc): PASS/GRAY unless a lab says.
        self.verdicts: dict[str, str] = {}

    def now(self) -> float:
        from ..awslambda.sandbox import current_clock

        clock = current_clock()
        return self.cloud.now if clock is None else clock.now

    def set_sandbox(self, sandbox: bool) -> None:
        self.settings.sandbox = sandbox
        if not sandbox:
            self.settings.max_24_hour_send, self.settings.max_send_rate = 50_000, 14.0

    # -- identities ------------------------------------------------------------------------------------------
    def list_identities(self, p: dict[str, Any]) -> dict[str, Any]:
        kind = p.get("IdentityType")
        names = [i.name for i in self.identities.by_name.values() if kind is None or i.kind == kind]
        size = p.get("MaxItems", 1000)
        if not 1 <= size <= 1000:
            raise ServiceError("InvalidParameterValue", "MaxItems must be between 1 and 1000.", 400)
        start = 0
        token = p.get("NextToken")
        if token:
            try:
                start = int(base64.b64decode(token))
            except ValueError:
                raise ServiceError("InvalidParameterValue", "Invalid NextToken.", 400) from None
        out: dict[str, Any] = {"Identities": names[start : start + size]}
        if start + size < len(names):
            out["NextToken"] = base64.b64encode(str(start + size).encode()).decode()
        return out

    def verification_attributes(self, p: dict[str, Any]) -> dict[str, Any]:
        """ "Given a list of identities (email addresses and/or domains), returns the verification status and (for
        domain identities) the verification token"; up to 100 identities per call; unknown ones are left out."""
        if len(p["Identities"]) > 100:
            raise ServiceError("InvalidParameterValue", "Too many identities: the maximum is 100.", 400)
        out: dict[str, Any] = {}
        for name in p["Identities"]:
            found = self.identities.by_name.get(name.lower())
            if found is None:
                continue
            attrs: dict[str, Any] = {"VerificationStatus": found.status}
            if found.token is not None:
                attrs["VerificationToken"] = found.token
            out[name] = attrs
        return {"VerificationAttributes": out}

    # -- sending ---------------------------------------------------------------------------------------------
    def send_quota(self) -> dict[str, Any]:
        now = self.now()
        sent = sum(n for t, n in self.send_log if t > now - 86_400)
        return {
            "Max24HourSend": float(self.settings.max_24_hour_send),
            "MaxSendRate": float(self.settings.max_send_rate),
            "SentLast24Hours": float(sent),
        }

    def send_statistics(self) -> dict[str, Any]:
        """Data points of 15 minutes for the last two weeks ("Each data point in the list contains statistics for a
        15-minute period of time"). https://docs.aws.amazon.com/ses/latest/APIReference/API_GetSendStatistics.html"""
        now = self.cloud.now
        buckets: dict[int, int] = {}
        for t, n in self.send_log:
            if t > now - 14 * 86_400:
                buckets[int(t // 900)] = buckets.get(int(t // 900), 0) + n
        points = [
            {"Timestamp": to_datetime(b * 900.0), "DeliveryAttempts": n, "Bounces": 0, "Complaints": 0, "Rejects": 0}
            for b, n in sorted(buckets.items())
        ]
        return {"SendDataPoints": points}

    def deliver(self, sent: sending.SentEmail) -> None:
        """Keep the message; deliver a copy to recipients at domains this account receives mail for."""
        self.sent.append(sent)
        local = [r for r in sent.recipients if self._receives(r)]
        if local:
            self.cloud.kernel.schedule(self.settings.delivery_s, self._arrive, sent, local)

    def _receives(self, address: str) -> bool:
        return self.active is not None and self.identities.covers(address) and not self.identities.is_simulator(address)

    def _arrive(self, sent: sending.SentEmail, recipients: list[str]) -> None:
        # A refused message would bounce back to the sender; pocketcloud does not simulate bounces.
        with contextlib.suppress(inbound.MailRejected):
            inbound.receive(self, sent.raw, sent.source, recipients)

    # -- receipt rule sets -----------------------------------------------------------------------------------
    def rule_set(self, name: str) -> RuleSet:
        found = self.rule_sets.get(name)
        if found is None:
            raise ServiceError("RuleSetDoesNotExist", f"Rule set does not exist: {name}", 400)
        return found

    def active_rule_set(self) -> RuleSet | None:
        return None if self.active is None else self.rule_sets.get(self.active)

    def create_rule_set(self, name: str) -> None:
        check_name(name, "rule set")
        if name in self.rule_sets:
            raise ServiceError("AlreadyExists", f"Rule set already exists: {name}", 400)
        if len(self.rule_sets) >= RULE_SETS_MAX:
            raise ServiceError("LimitExceeded", "Maximum number of receipt rule sets exceeded.", 400)
        self.rule_sets[name] = RuleSet(name, self.cloud.now)

    def delete_rule_set(self, name: str) -> None:
        if name == self.active:
            raise ServiceError("CannotDelete", f"Cannot delete active rule set: {name}", 400)
        self.rule_sets.pop(name, None)

    def set_active(self, name: str | None) -> None:
        """ "To disable your email-receiving through Amazon SES completely, you can call this operation with
        RuleSetName set to null." https://docs.aws.amazon.com/ses/latest/APIReference/API_SetActiveReceiptRuleSet.html"""
        if name is not None:
            self.rule_set(name)
        self.active = name

    def describe(self, found: RuleSet) -> dict[str, Any]:
        return {
            "Metadata": {"Name": found.name, "CreatedTimestamp": to_datetime(found.created)},
            "Rules": [normalised(r) for r in found.rules],
        }

    def create_rule(self, p: dict[str, Any]) -> None:
        found = self.rule_set(p["RuleSetName"])
        rule = p["Rule"]
        check_name(rule["Name"], "rule", rule=True)
        after = p.get("After")
        names = [r["Name"] for r in found.rules]
        if rule["Name"] in names:
            raise ServiceError("AlreadyExists", f"Rule already exists: {rule['Name']}", 400)
        if after is not None and after not in names:
            raise ServiceError("RuleDoesNotExist", f"Rule does not exist: {after}", 400)
        if len(found.rules) >= RULES_PER_SET_MAX:
            raise ServiceError("LimitExceeded", "Maximum number of receipt rules exceeded.", 400)
        self._check_rule(found.name, rule)
        position = 0 if after is None else names.index(after) + 1
        found.rules.insert(position, normalised(rule))

    def _check_rule(self, rule_set: str, rule: dict[str, Any]) -> None:
        if len(rule.get("Recipients") or []) > RECIPIENTS_PER_RULE_MAX:
            raise ServiceError("LimitExceeded", "Maximum number of recipients per receipt rule exceeded.", 400)
        if len(rule.get("Actions") or []) > ACTIONS_PER_RULE_MAX:
            raise ServiceError("LimitExceeded", "Maximum number of actions per receipt rule exceeded.", 400)
        for entry in rule.get("Recipients") or []:
            domain = domain_of(entry).lstrip(".")
            if not domain or " " in entry:
                raise ServiceError("InvalidParameterValue", f"Invalid recipient: {entry}", 400)
        check_actions(self, rule_set, rule)

    def update_rule(self, p: dict[str, Any]) -> None:
        found = self.rule_set(p["RuleSetName"])
        rule = p["Rule"]
        for i, existing in enumerate(found.rules):
            if existing["Name"] == rule["Name"]:
                self._check_rule(found.name, rule)
                found.rules[i] = normalised(rule)
                return
        raise ServiceError("RuleDoesNotExist", f"Rule does not exist: {rule['Name']}", 400)

    def rule(self, rule_set: str, name: str) -> dict[str, Any]:
        for rule in self.rule_set(rule_set).rules:
            if rule["Name"] == name:
                return rule
        raise ServiceError("RuleDoesNotExist", f"Rule does not exist: {name}", 400)

    def delete_rule(self, rule_set: str, name: str) -> None:
        found = self.rule_set(rule_set)
        found.rules = [r for r in found.rules if r["Name"] != name]
