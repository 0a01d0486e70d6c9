"""``cloud.client("ses")``: Amazon SES (the classic v1 API) with boto3's operation and parameter names.

SES v1 speaks the Query protocol. Its modeled errors travel with their own codes (``MessageRejected``,
``RuleSetDoesNotExist``, ``InvalidLambdaFunction`` ...); a value outside the model's constraints (an InvocationType
other than Event/RequestResponse) is answered, like other Query services, with ``ValidationError`` "1 validation
error detected: ..." (the code moto's SES backend uses for such answers): ``validation_error_code``.

Simulated: identities (verified at once, see :mod:`.identities`), the sandbox and its quotas, SendEmail and
SendRawEmail with a sent-mail mailbox, receipt rule sets and rules with S3, SNS, Lambda, Stop and AddHeader
actions. Not simulated: real delivery to the Internet, bounces and complaints (the mailbox simulator's addresses
are accepted recipients and nothing more), templates, configuration sets, DKIM/MAIL FROM settings, receipt filters,
Bounce/WorkMail/Connect actions. https://docs.aws.amazon.com/ses/latest/APIReference/API_Operations.html
"""

from __future__ import annotations

from typing import Any

from ...client import BaseClient, operation
from . import sending
from .service import SesService


class SesClient(BaseClient):
    """A boto3-shaped SES client. Every call goes to the cloud's one SES state."""

    service_name = "ses"
    validation_error_code = "ValidationError"

    @property
    def _service(self) -> SesService:
        service: SesService = self._cloud.backend("ses", SesService)
        return service

    # -- identities ------------------------------------------------------------------------------------------
    @operation("VerifyEmailIdentity")
    def verify_email_identity(self, **params: Any) -> dict[str, Any]:
        """Add an address; in pocketcloud it is verified at once (see :mod:`.identities`)."""
        self._service.identities.verify_email(params["EmailAddress"])
        return {}

    @operation("VerifyEmailAddress")
    def verify_email_address(self, **params: Any) -> dict[str, Any]:
        """The deprecated form of VerifyEmailIdentity."""
        self._service.identities.verify_email(params["EmailAddress"])
        return {}

    @operation("VerifyDomainIdentity")
    def verify_domain_identity(self, **params: Any) -> dict[str, Any]:
        token = self._service.identities.verify_domain(params["Domain"]).token
        return {"VerificationToken": token}

    @operation("ListIdentities")
    def list_identities(self, **params: Any) -> dict[str, Any]:
        return self._service.list_identities(params)

    @operation("ListVerifiedEmailAddresses")
    def list_verified_email_addresses(self, **params: Any) -> dict[str, Any]:
        identities = self._service.identities.by_name.values()
        return {"VerifiedEmailAddresses": [i.name for i in identities if i.kind == "EmailAddress"]}

    @operation("GetIdentityVerificationAttributes")
    def get_identity_verification_attributes(self, **params: Any) -> dict[str, Any]:
        return self._service.verification_attributes(params)

    @operation("DeleteIdentity")
    def delete_identity(self, **params: Any) -> dict[str, Any]:
        self._service.identities.delete(params["Identity"])
        return {}

    @operation("DeleteVerifiedEmailAddress")
    def delete_verified_email_address(self, **params: Any) -> dict[str, Any]:
        self._service.identities.delete(params["EmailAddress"])
        return {}

    # -- sending ---------------------------------------------------------------------------------------------
    @operation("GetSendQuota")
    def get_send_quota(self, **params: Any) -> dict[str, Any]:
        return self._service.send_quota()

    @operation("GetSendStatistics")
    def get_send_statistics(self, **params: Any) -> dict[str, Any]:
        return self._service.send_statistics()

    @operation("GetAccountSendingEnabled")
    def get_account_sending_enabled(self, **params: Any) -> dict[str, Any]:
        return {"Enabled": True}

    @operation("SendEmail")
    def send_email(self, **params: Any) -> dict[str, Any]:
        """Send a message built from its parts; in the sandbox every recipient must be verified too."""
        return sending.send_email(self._service, params, self._service.now())

    @operation("SendRawEmail")
    def send_raw_email(self, **params: Any) -> dict[str, Any]:
        return sending.send_raw_email(self._service, params, self._service.now())

    # -- receipt rules ---------------------------------------------------------------------------------------
    @operation("CreateReceiptRuleSet")
    def create_receipt_rule_set(self, **params: Any) -> dict[str, Any]:
        self._service.create_rule_set(params["RuleSetName"])
        return {}

    @operation("DeleteReceiptRuleSet")
    def delete_receipt_rule_set(self, **params: Any) -> dict[str, Any]:
        self._service.delete_rule_set(params["RuleSetName"])
        return {}

    @operation("ListReceiptRuleSets")
    def list_receipt_rule_sets(self, **params: Any) -> dict[str, Any]:
        from ...timeutil import to_datetime

        sets = sorted(self._service.rule_sets.values(), key=lambda s: s.name)
        return {"RuleSets": [{"Name": s.name, "CreatedTimestamp": to_datetime(s.created)} for s in sets]}

    @operation("DescribeReceiptRuleSet")
    def describe_receipt_rule_set(self, **params: Any) -> dict[str, Any]:
        return self._service.describe(self._service.rule_set(params["RuleSetName"]))

    @operation("SetActiveReceiptRuleSet")
    def set_active_receipt_rule_set(self, **params: Any) -> dict[str, Any]:
        self._service.set_active(params.get("RuleSetName"))
        return {}

    @operation("DescribeActiveReceiptRuleSet")
    def describe_active_receipt_rule_set(self, **params: Any) -> dict[str, Any]:
        active = self._service.active_rule_set()
        return {} if active is None else self._service.describe(active)

    @operation("CreateReceiptRule")
    def create_receipt_rule(self, **params: Any) -> dict[str, Any]:
        """Add a rule (first, or after ``After``); SES checks it may use every destination first."""
        self._service.create_rule(params)
        return {}

    @operation("UpdateReceiptRule")
    def update_receipt_rule(self, **params: Any) -> dict[str, Any]:
        self._service.update_rule(params)
        return {}

    @operation("DescribeReceiptRule")
    def describe_receipt_rule(self, **params: Any) -> dict[str, Any]:
        return {"Rule": self._service.rule(params["RuleSetName"], params["RuleName"])}

    @operation("DeleteReceiptRule")
    def delete_receipt_rule(self, **params: Any) -> dict[str, Any]:
        self._service.delete_rule(params["RuleSetName"], params["RuleName"])
        return {}
