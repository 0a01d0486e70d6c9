"""RDS event subscriptions: which events go to which SNS topic.

"You can specify the type of source (SourceType) that you want to be notified of and provide a list of RDS sources
(SourceIds) that triggers the events. You can also provide a list of event categories (EventCategories) for events
that you want to be notified of." "If you specify both the SourceType and SourceIds ... you are notified of all
the db-instance events for the specified source. If you specify a SourceType but do not specify SourceIds, you
receive notice of the events for that source type for all your RDS sources. If you don't specify either the
SourceType or the SourceIds, you are notified of events generated from all RDS sources belonging to your customer
account." "You must specify a source type if you specify a source ID."
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateEventSubscription.html

Error texts are the API reference's error descriptions (AWS's exact wording for these is not on record);
a new subscription is ``active`` at once (AWS shows ``creating`` for a moment first, a pocketcloud simplification).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError
from .catalog import CATEGORIES
from .identifiers import invalid_value

if TYPE_CHECKING:
    from .events import RdsEvent


@dataclass
class Subscription:
    name: str
    arn: str
    account: str
    topic_arn: str
    created: str
    source_type: str | None
    source_ids: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    enabled: bool = True
    status: str = "active"
    tags: dict[str, str] = field(default_factory=dict)

    def matches(self, event: RdsEvent) -> bool:
        if not self.enabled:
            return False
        if self.source_type is not None and self.source_type != event.source_type:
            return False
        if self.source_ids and event.source_id not in self.source_ids:
            return False
        return not self.categories or any(c in self.categories for c in event.kind.categories)

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "CustomerAwsId": self.account,
            "CustSubscriptionId": self.name,
            "SnsTopicArn": self.topic_arn,
            "Status": self.status,
            "SubscriptionCreationTime": self.created,
        }
        if self.source_type is not None:
            out["SourceType"] = self.source_type
        if self.source_ids:
            out["SourceIdsList"] = list(self.source_ids)
        if self.categories:
            out["EventCategoriesList"] = list(self.categories)
        out["Enabled"] = self.enabled
        out["EventSubscriptionArn"] = self.arn
        return out


def check_source_type(source_type: str | None) -> None:
    if source_type is not None and source_type not in CATEGORIES:
        raise invalid_value(
            f"Invalid source type: {source_type}. Valid source types are: {', '.join(sorted(CATEGORIES))}"
        )


def check_categories(source_type: str | None, categories: list[str]) -> list[str]:
    """Categories are matched case-insensitively and stored as the catalog spells them."""
    known = {c for cats in CATEGORIES.values() for c in cats} if source_type is None else set(CATEGORIES[source_type])
    out = []
    for category in categories:
        if category.lower() not in known:
            raise ServiceError("SubscriptionCategoryNotFound", "The supplied category does not exist.", 404)
        if category.lower() not in out:
            out.append(category.lower())
    return out


def not_found(name: str) -> ServiceError:
    return ServiceError("SubscriptionNotFound", f"Subscription {name} not found.", 404)
