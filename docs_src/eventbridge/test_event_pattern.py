"""TestEventPattern: try event patterns against one event without creating a rule."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
events = cloud.client("events")

event = {
    "version": "0",
    "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "Order Placed",
    "source": "my.shop",
    "account": "123456789012",
    "time": "2026-01-01T00:00:00Z",
    "region": "ap-northeast-2",
    "resources": [],
    "detail": {
        "total": 250,
        "country": "KR",
        "coupon": None,
        "items": ["book", "pen"],
        "email": "a@example.com",
    },
}

patterns = {
    "exact value": {"source": ["my.shop"]},
    "prefix": {"detail-type": [{"prefix": "Order"}]},
    "suffix": {"detail": {"email": [{"suffix": "@example.com"}]}},
    "anything-but": {"detail": {"country": [{"anything-but": ["US", "CA"]}]}},
    "numeric range": {"detail": {"total": [{"numeric": [">=", 100, "<", 500]}]}},
    "exists": {"detail": {"gift": [{"exists": True}]}},
    "null": {"detail": {"coupon": [None]}},
    "array (any element)": {"detail": {"items": ["pen"]}},
    "wildcard": {"detail": {"email": [{"wildcard": "*@*.com"}]}},
    "$or": {
        "detail": {"$or": [{"total": [{"numeric": [">", 1000]}]}, {"country": ["KR"]}]}
    },
}
for name, pattern in patterns.items():
    result = events.test_event_pattern(
        EventPattern=json.dumps(pattern), Event=json.dumps(event)
    )["Result"]
    print(f"{name:20} {result}")

# A pattern EventBridge cannot read is refused with the reason.
try:
    events.test_event_pattern(
        EventPattern=json.dumps({"source": "my.shop"}), Event=json.dumps(event)
    )
except events.exceptions.InvalidEventPatternException as error:
    print(error.response["Error"]["Message"])

# expect: numeric range        True
# expect: exists               False
# expect: Event pattern is not valid. Reason:
