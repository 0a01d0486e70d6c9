"""EventBridge's event pattern language (pocketcloud.eventpattern), shared by Lambda's FilterCriteria and EventBridge.

Each case states a documented behaviour with its source:

* EG = https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
* OPS = https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
* ARR = https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
* REC = AWS's answers to TestEventPattern recorded in LocalStack's snapshot tests
  (tests/aws/services/events/test_events_patterns.snapshot.json, 2024-12-05) for the named template
* RULER = Event Ruler, EventBridge's matching engine (https://github.com/aws/event-ruler), Field documentation
"""

from __future__ import annotations

from typing import Any

import pytest

from pocketcloud.eventpattern import PatternError, compile_pattern, matches

EC2 = {
    "version": "0",
    "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "EC2 Instance State-change Notification",
    "source": "aws.ec2",
    "account": "111122223333",
    "time": "2017-12-22T18:43:48Z",
    "region": "us-west-1",
    "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
    "detail": {"instance-id": "i-1234567890abcdef0", "state": "terminated"},
}

DETAIL = {
    "detail": {
        "state": "running",
        "c-count": 5,
        "d-count": 3,
        "x-limit": 301.8,
        "source-ip": "10.0.0.255",
        "FileName": "photo.PNG",
        "nothing": None,
        "empty": "",
        "flag": True,
        "tags": ["a", "b"],
        "items": [{"kind": "book", "qty": 1}, {"kind": "pen", "qty": 2}],
        "state.dotted": "yes",
        "nested": {"inner": {"leaf": "v"}},
    }
}

CASES: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    # (source of the fact, pattern, event, matches)
    (
        "EG: the EC2 termination example matches",
        {"source": ["aws.ec2"], "detail": {"state": ["terminated"]}},
        EC2,
        True,
    ),
    ("EG: every field must match (AND)", {"source": ["aws.ec2"], "detail": {"state": ["running"]}}, EC2, False),
    ("EG: any value of a field's array (OR)", {"detail": {"state": ["pending", "terminated"]}}, EC2, True),
    ("EG: fields the pattern does not name are ignored", {"account": ["111122223333"]}, EC2, True),
    ("EG: matching is case-sensitive", {"source": ["AWS.EC2"]}, EC2, False),
    ("EG: a field the event lacks fails an exact match", {"detail": {"missing": ["x"]}}, EC2, False),
    (
        "ARR: an event array matches when it intersects the pattern's",
        {"resources": [EC2["resources"][0], "x"]},
        EC2,
        True,
    ),
    ("ARR: no common value, no match", {"resources": ["arn:aws:ec2:other"]}, EC2, False),
    ("OPS: null matches a null value", {"detail": {"nothing": [None]}}, DETAIL, True),
    ("OPS: null does not match a missing field", {"detail": {"missing": [None]}}, DETAIL, False),
    ("OPS: an empty string matches an empty string", {"detail": {"empty": [""]}}, DETAIL, True),
    ("OPS: numbers match numbers, not strings", {"detail": {"c-count": ["5"]}}, DETAIL, False),
    ("OPS: a number matches numerically", {"detail": {"c-count": [5.0]}}, DETAIL, True),
    ("OPS: booleans match booleans", {"detail": {"flag": [True]}}, DETAIL, True),
    ("OPS: prefix", {"detail": {"state": [{"prefix": "run"}]}}, DETAIL, True),
    ("OPS: prefix is case-sensitive", {"detail": {"state": [{"prefix": "RUN"}]}}, DETAIL, False),
    (
        "OPS: prefix with equals-ignore-case",
        {"detail": {"state": [{"prefix": {"equals-ignore-case": "RUN"}}]}},
        DETAIL,
        True,
    ),
    ("OPS: suffix", {"detail": {"FileName": [{"suffix": ".PNG"}]}}, DETAIL, True),
    (
        "OPS: suffix with equals-ignore-case",
        {"detail": {"FileName": [{"suffix": {"equals-ignore-case": ".png"}}]}},
        DETAIL,
        True,
    ),
    ("OPS: equals-ignore-case", {"detail": {"state": [{"equals-ignore-case": "RUNNING"}]}}, DETAIL, True),
    ("OPS: anything-but a string", {"detail": {"state": [{"anything-but": "stopped"}]}}, DETAIL, True),
    ("OPS: anything-but excludes its value", {"detail": {"state": [{"anything-but": "running"}]}}, DETAIL, False),
    ("OPS: anything-but a list", {"detail": {"state": [{"anything-but": ["stopped", "running"]}]}}, DETAIL, False),
    ("OPS: anything-but a number", {"detail": {"c-count": [{"anything-but": 4}]}}, DETAIL, True),
    ("OPS: anything-but prefix", {"detail": {"state": [{"anything-but": {"prefix": "run"}}]}}, DETAIL, False),
    ("OPS: anything-but suffix", {"detail": {"FileName": [{"anything-but": {"suffix": ".txt"}}]}}, DETAIL, True),
    (
        "OPS: anything-but equals-ignore-case",
        {"detail": {"state": [{"anything-but": {"equals-ignore-case": "RUNNING"}}]}},
        DETAIL,
        False,
    ),
    ("OPS: anything-but wildcard", {"detail": {"FileName": [{"anything-but": {"wildcard": "*.PNG"}}]}}, DETAIL, False),
    (
        "REC content_anything_but_string_null: anything-but matches a null value",
        {"detail": {"nothing": [{"anything-but": "x"}]}},
        DETAIL,
        True,
    ),
    (
        "REC content_anything_but_string_missing_NEG: anything-but needs the field",
        {"detail": {"missing": [{"anything-but": "x"}]}},
        DETAIL,
        False,
    ),
    ("OPS: numeric range", {"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}, DETAIL, True),
    ("OPS: numeric equals", {"detail": {"c-count": [{"numeric": ["=", 5]}]}}, DETAIL, True),
    ("OPS: numeric less than", {"detail": {"d-count": [{"numeric": ["<", 3]}]}}, DETAIL, False),
    ("OPS: numeric on a float", {"detail": {"x-limit": [{"numeric": [">=", 301.8]}]}}, DETAIL, True),
    (
        "REC numeric-string_NEG: numeric never matches a string",
        {"detail": {"state": [{"numeric": [">", 0]}]}},
        DETAIL,
        False,
    ),
    (
        "REC numeric-null_NEG: numeric never matches null",
        {"detail": {"nothing": [{"numeric": [">", 0]}]}},
        DETAIL,
        False,
    ),
    ("OPS: cidr (IPv4)", {"detail": {"source-ip": [{"cidr": "10.0.0.0/24"}]}}, DETAIL, True),
    ("OPS: cidr outside the block", {"detail": {"source-ip": [{"cidr": "10.0.1.0/24"}]}}, DETAIL, False),
    ("OPS: exists true", {"detail": {"state": [{"exists": True}]}}, DETAIL, True),
    ("OPS: exists false", {"detail": {"missing": [{"exists": False}]}}, DETAIL, True),
    ("OPS: exists false fails when present", {"detail": {"state": [{"exists": False}]}}, DETAIL, False),
    ("OPS: exists true on a null leaf", {"detail": {"nothing": [{"exists": True}]}}, DETAIL, True),
    ("OPS: 'Exists matching only works on leaf nodes'", {"detail": {"nested": [{"exists": True}]}}, DETAIL, False),
    ("OPS: wildcard", {"detail": {"FileName": [{"wildcard": "photo.*"}]}}, DETAIL, True),
    ("OPS: wildcard '*' matches zero characters", {"detail": {"state": [{"wildcard": "running*"}]}}, DETAIL, True),
    ("OPS: wildcard anchored at both ends", {"detail": {"state": [{"wildcard": "unn*"}]}}, DETAIL, False),
    ("OPS: $or", {"$or": [{"detail": {"state": ["stopped"]}}, {"detail": {"c-count": [5]}}]}, DETAIL, True),
    (
        "OPS: $or, no branch matches",
        {"$or": [{"detail": {"state": ["stopped"]}}, {"detail": {"c-count": [6]}}]},
        DETAIL,
        False,
    ),
    ("OPS: $or nested in a field", {"detail": {"$or": [{"state": ["x"]}, {"flag": [True]}]}}, DETAIL, True),
    ("ARR: an array of strings", {"detail": {"tags": ["b"]}}, DETAIL, True),
    ("ARR: fields of objects in an array", {"detail": {"items": {"kind": ["pen"]}}}, DETAIL, True),
    (
        "RULER: fields must come from the same array element",
        {"detail": {"items": {"kind": ["book"], "qty": [1]}}},
        DETAIL,
        True,
    ),
    (
        "RULER: peer elements of an array do not combine",
        {"detail": {"items": {"kind": ["book"], "qty": [2]}}},
        DETAIL,
        False,
    ),
    ("EG: a dotted pattern key is a path", {"detail": {"nested.inner.leaf": ["v"]}}, DETAIL, True),
    ("EG: a dotted event key is a path", {"detail": {"state": {"dotted": ["yes"]}}}, DETAIL, True),
    ("REC complex_multi_key: the last of repeated keys wins", {"detail": {"state": [{"prefix": "run"}]}}, DETAIL, True),
]


@pytest.mark.parametrize(("fact", "pattern", "event", "expected"), CASES, ids=[c[0] for c in CASES])
def test_pattern_matching(fact: str, pattern: dict[str, Any], event: dict[str, Any], expected: bool) -> None:
    assert matches(pattern, event) is expected, fact


def test_repeated_keys_in_pattern_text_keep_the_last() -> None:
    """REC complex_multi_key: "if you include a key more than once the last reference will be the one used"."""
    text = '{"detail": {"state": [{"prefix": "x"}], "state": [{"prefix": "run"}]}}'
    assert compile_pattern(text).matches(DETAIL)


ERRORS: list[tuple[str, str, str]] = [
    # (template recorded by LocalStack against AWS, pattern text, AWS's reason)
    ("int_nolist_EXC", '{"int": 42}', '"int" must be an object or an array'),
    ("string_nolist_EXC", '{"string": "my-value"}', '"string" must be an object or an array'),
    ("arrays_empty_EXC", '{"resources": []}', "Empty arrays are not allowed"),
    ("operator_case_sensitive_EXC", '{"my_key": [{"EXISTS": true}]}', "Unrecognized match type EXISTS"),
    (
        "content_numeric_operatorcasing_EXC",
        '{"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}',
        "Unrecognized match type NUMERIC",
    ),
    (
        "content_numeric_EXC",
        '{"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}}',
        "Bad numeric range operator: >",
    ),
    (
        "content_numeric_syntax_EXC",
        '{"detail": {"c-count": [{"numeric": [">", 0, "<"]}]}}',
        "Value of < must be numeric",
    ),
    (
        "content_ignorecase_EXC",
        '{"detail-type": [{"equals-ignore-case": ["x"]}]}',
        "equals-ignore-case match pattern must be a string",
    ),
    (
        "content_ignorecase_list_EXC",
        '{"detail-type": [{"equals-ignore-case": {"prefix": "ec2"}}]}',
        "equals-ignore-case match pattern must be a string",
    ),
    (
        "content_wildcard_repeating_star_EXC",
        '{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}',
        "Consecutive wildcard characters at pos 26",
    ),
    ("content_wildcard_int_EXC", '{"EventBusArn": [{"wildcard": 123}]}', "wildcard match pattern must be a string"),
    ("content_wildcard_list_EXC", '{"EventBusArn": [{"wildcard": ["a*"]}]}', "wildcard match pattern must be a string"),
    (
        "content_anything_wildcard_type_EXC",
        '{"d": {"f": [{"anything-but": {"wildcard": 123}}]}}',
        "wildcard match pattern must be a string",
    ),
    (
        "content_anything_wildcard_list_type_EXC",
        '{"d": {"s": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}}',
        "wildcard match pattern must be a string",
    ),
    (
        "content_anything_suffix_int_EXC",
        '{"d": {"f": [{"anything-but": {"suffix": 123}}]}}',
        "prefix/suffix match pattern must be a string",
    ),
    (
        "content_anything_suffix_list_type_EXC",
        '{"d": {"f": [{"anything-but": {"suffix": [123, ".txt"]}}]}}',
        "prefix/suffix match pattern must be a string",
    ),
    (
        "content_anything_prefix_int_EXC",
        '{"d": {"s": [{"anything-but": {"prefix": 123}}]}}',
        "prefix/suffix match pattern must be a string",
    ),
    (
        "content_anything_prefix_ignorecase_EXC",
        '{"d": {"f": [{"anything-but": {"prefix": {"equals-ignore-case": "file"}}}]}}',
        "Value of anything-but must be an array or single string/number value.",
    ),
    (
        "content_anything_but_ignorecase_EXC",
        '{"d": {"s": [{"anything-but": {"equals-ignore-case": 123}}]}}',
        "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
    ),
    (
        "content_anything_but_ignorecase_list_EXC",
        '{"d": {"s": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}}',
        "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
    ),
    ("content_prefix_list_EXC", '{"time": [{"prefix": ["2022-07-13"]}]}', "prefix match pattern must be a string"),
    ("content_prefix_int_EXC", '{"time": [{"prefix": 123}]}', "prefix match pattern must be a string"),
    ("content_suffix_int_EXC", '{"FileName": [{"suffix": 123}]}', "suffix match pattern must be a string"),
    ("content_suffix_list_EXC", '{"FileName": [{"suffix": [".png"]}]}', "suffix match pattern must be a string"),
    ("content_ip_address_EXC", '{"d": {"ip": [{"cidr": "bad"}]}}', "Malformed CIDR, one '/' required"),
    (
        "content_ip_address_bad_mask_EXC",
        '{"d": {"ip": [{"cidr": "10.0.0.0/x"}]}}',
        "Malformed CIDR, mask bits must be an integer",
    ),
    ("content_ip_address_bad_ip_EXC", '{"d": {"ip": [{"cidr": "xx.11.xx/24"}]}}', "Nonstandard IP address: xx.11.xx"),
    (
        "content_ip_address_v6_bad_ip_EXC",
        '{"d": {"ip": [{"cidr": "xxxx:db8:1234:1a00::/64"}]}}',
        "Nonstandard IP address: xxxx:db8:1234:1a00::",
    ),
    ("content_ip_address_type_EXC", '{"d": {"ip": [{"cidr": ["bad-type"]}]}}', "prefix match pattern must be a string"),
    ("test_invalid_json_event_pattern (list)", '["not", "a", "dict", "but valid json"]', "Filter is not an object"),
]


@pytest.mark.parametrize(("template", "text", "reason"), ERRORS, ids=[e[0] for e in ERRORS])
def test_invalid_patterns_are_refused_with_aws_reason(template: str, text: str, reason: str) -> None:
    """REC: each pattern is refused with the reason AWS gave (InvalidEventPatternException "Event pattern is not
    valid. Reason: ..."; AWS's text also locates the problem in Jackson's words, which pocketcloud leaves out)."""
    with pytest.raises(PatternError) as error:
        compile_pattern(text)
    assert error.value.reason == reason
    assert str(error.value) == f"Event pattern is not valid. Reason: {reason}"


def test_text_that_is_not_json_is_refused() -> None:
    """REC test_invalid_json_event_pattern: text that is not JSON is refused (AWS quotes its JSON parser)."""
    with pytest.raises(PatternError, match="Filter is not valid JSON"):
        compile_pattern("{'bad': 'quotation'}")


def test_a_pattern_object_is_accepted_as_well_as_its_text() -> None:
    pattern = compile_pattern({"source": ["aws.ec2"]})
    assert pattern.matches(EC2) and not pattern.matches({"source": "aws.s3"})
    assert list(pattern.fields) == ["source"]
