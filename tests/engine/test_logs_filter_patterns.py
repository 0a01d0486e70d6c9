"""The filter pattern syntax, with the examples of AWS's filter pattern page, through TestMetricFilter (the
operation AWS offers "to validate the correctness of a metric filter pattern") and FilterLogEvents.

Source: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html (the JSON and
space-delimited examples below are the page's own), and
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TestMetricFilter.html
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import pocketcloud

JSON_EVENT = json.dumps(
    {
        "eventType": "UpdateTrail",
        "sourceIPAddress": "111.111.111.111",
        "arrayKey": ["value", "another value"],
        "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}],
        "SomeObject": None,
        "ThisFlag": True,
    }
)
COMPOUND_EVENT = json.dumps(
    {
        "user": {"id": 1, "email": "John.Stiles@example.com"},
        "users": [{"id": 2, "email": "John.Doe@example.com"}, {"id": 3, "email": "Jane.Doe@example.com"}],
        "actions": ["GET", "PUT", "DELETE"],
        "coordinates": [[0, 1, 2], [4, 5, 6], [7, 8, 9]],
    }
)
APACHE = [
    '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
    '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
    '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 200 4355',
]


@pytest.fixture
def logs(cloud: pocketcloud.Cloud) -> Any:
    return cloud.client("logs")


def matching(logs: Any, pattern: str, messages: list[str]) -> list[int]:
    """The 0-based positions of the messages the pattern matches."""
    found = logs.test_metric_filter(filterPattern=pattern, logEventMessages=messages)["matches"]
    return [m["eventNumber"] - 1 for m in found]


@pytest.mark.parametrize(
    ("pattern", "wanted"),
    [
        ("", [0, 1, 2]),
        ("ERROR", [0, 1]),
        ("?ERROR ?WARN", [0, 1, 2]),
        ("ERROR WARN", [0]),
        ("ERROR -WARN", [1]),
        ('"WARN message"', [0, 2]),
    ],
)
def test_term_patterns_as_documented(logs, pattern: str, wanted: list[int]) -> None:  # type: ignore[no-untyped-def]
    """ "ERROR matches examples 1 and 2. ?ERROR ?WARN matches examples 1, 2, and 3 ... ERROR WARN only matches
    example 1 ... ERROR -WARN matches example 2" (OR pattern matching)."""
    assert matching(logs, pattern, ["ERROR WARN message", "ERROR message", "WARN message"]) == wanted


def test_a_term_matches_inside_a_word_and_case_matters(logs) -> None:  # type: ignore[no-untyped-def]
    """ "The filter pattern "ERROR" matches log event messages that contain this term, such as ... Exiting with
    ERRORCODE: -1"; "Metric filters are case sensitive"."""
    messages = ["[ERROR] A fatal exception has occurred", "Exiting with ERRORCODE: -1", "error: lower case"]
    assert matching(logs, "ERROR", messages) == [0, 1]
    assert matching(logs, '"ERROR" -"Exiting"', messages) == [0]


@pytest.mark.parametrize("pattern", ["?Status: timeout", "a,b", "[unbalanced", "x(y)", "wild*"])
def test_unquoted_terms_with_other_characters_are_refused(logs, pattern: str) -> None:  # type: ignore[no-untyped-def]
    """ "Metric filter terms that include characters other than alphanumeric or underscore must be placed inside
    double quotes"; AWS answers InvalidParameterException "Invalid character(s) in term ':'" (as learners quote it
    for ``?Status: timeout``)."""
    with pytest.raises(logs.exceptions.InvalidParameterException, match=r"Invalid character\(s\) in term"):
        logs.test_metric_filter(filterPattern=pattern, logEventMessages=["x"])
    assert matching(logs, '?"Status: timeout"', ["Status: timeout", "ok"]) == [0]


@pytest.mark.parametrize(
    "pattern",
    [
        '{ $.eventType = "UpdateTrail" }',
        "{ $.sourceIPAddress != 123.123.* }",
        '{ $.arrayKey[0] = "value" }',
        "{ $.objectList[1].id = 2 }",
        "{ $.SomeObject IS NULL }",
        "{ $.SomeOtherObject NOT EXISTS }",
        "{ $.ThisFlag IS TRUE }",
        "{ $.eventType = Update* }",
        "{ $.eventType = *Trail }",
    ],
)
def test_the_json_examples_match(logs, pattern: str) -> None:  # type: ignore[no-untyped-def]
    """ "The following filters would match" the page's JSON example event (and the documented * wildcards)."""
    assert matching(logs, pattern, [JSON_EVENT]) == [0]


@pytest.mark.parametrize(
    ("pattern", "matches"),
    [
        ('{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', True),
        ('{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', False),
        (
            '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }',
            True,
        ),
        (
            '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) '
            "&& $.actions[2] = nomatch }",
            False,
        ),
    ],
)
def test_json_compound_conditions(logs, pattern: str, matches: bool) -> None:  # type: ignore[no-untyped-def]
    """ "Parenthesis are allowed and the syntax follows standard order of operations () > && > ||": the page's
    four examples, with the page's verdicts."""
    assert matching(logs, pattern, [COMPOUND_EVENT]) == ([0] if matches else [])


def test_json_selectors_on_arrays_and_objects_do_not_apply(logs) -> None:  # type: ignore[no-untyped-def]
    """ "both {$.users = 1} and {$.users != 1} will fail to match a log event where users is an array"."""
    event = json.dumps({"users": [1, 2, 3]})
    assert matching(logs, "{ $.users = 1 }", [event]) == []
    assert matching(logs, "{ $.users != 1 }", [event]) == []
    assert matching(logs, "{ $.users[0] = 1 }", [event]) == [0]


@pytest.mark.parametrize(
    "pattern",
    [
        "{ $.latency >= 500 }",
        "{ $.numbers[0] < 10e3 }",
        "{ $.processes[4].averageRuntime <= 55.5 }",
        "{ $.errorCode = 400 }",
        "{ $.errorCode != 500 }",
        "{ $.latency > +1000 }",
    ],
)
def test_numeric_comparisons(logs, pattern: str) -> None:  # type: ignore[no-untyped-def]
    event = json.dumps(
        {"latency": 1500, "numbers": [5], "processes": [{}, {}, {}, {}, {"averageRuntime": 55.5}], "errorCode": 400}
    )
    assert matching(logs, pattern, [event]) == [0]


def test_a_json_pattern_never_matches_text_events(logs) -> None:  # type: ignore[no-untyped-def]
    assert matching(logs, "{ $.level = * }", ["level=ERROR", '{"level": "ERROR"}', '["not", "an object"]']) == [1]


@pytest.mark.parametrize(
    ("pattern", "wanted"),
    [
        ("[ip, user, username, timestamp, request, status_code, bytes]", [0, 1, 2]),
        ("[..., status_code, bytes]", [0, 1, 2]),
        ("[ip, user, ..., status_code, bytes]", [0, 1, 2]),
        ("[ip, user, ...]", [0, 1, 2]),
        ("[ip, user, username, timestamp, request, status_code, bytes > 5000]", [1]),
        ("[ip, user, username, timestamp, request, status_code = 200, bytes]", [0, 2]),
        ("[ip, user, username, timestamp, request, status_code = 5*, bytes]", [1]),
        ("[ip, user, username, timestamp, request = *gif*, status_code = 2*, bytes]", [0, 2]),
        ("[ip, user, username, timestamp, request, status_code = 200 && bytes > 4000, bytes]", [2]),
        ("[ip, user, username, timestamp, request, status_code = 403 || status_code = 500, bytes]", [1]),
        ("[ip, user, username, timestamp, request, status_code]", []),
    ],
)
def test_space_delimited_patterns(logs, pattern: str, wanted: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Fields by name in square brackets, ``...`` for any number of fields, conditions with wildcards, numeric
    operators, ``&&`` and ``||``; without an ellipsis the number of fields must agree."""
    assert matching(logs, pattern, APACHE) == wanted


def test_space_delimited_extracted_values_as_documented(logs) -> None:  # type: ignore[no-untyped-def]
    """The page's example: ``[..., request=*.html*, status_code=4*,]`` on an access-log line extracts
    ``$status_code``, ``$request`` and the unnamed fields by position (``$1`` ... ``$4``, ``$7``); brackets and
    quotes delimit one field and are not part of it."""
    line = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534'
    (match,) = logs.test_metric_filter(
        filterPattern="[..., request=*.html*, status_code=4*,]", logEventMessages=[line]
    )["matches"]
    assert match["eventMessage"] == line
    assert match["extractedValues"] == {
        "$status_code": "404",
        "$request": "GET /index.html HTTP/1.0",
        "$7": "1534",
        "$4": "10/Oct/2000:13:25:15 -0700",
        "$3": "frank",
        "$2": "-",
        "$1": "127.0.0.1",
    }


def test_or_in_space_delimited_patterns(logs) -> None:  # type: ignore[no-untyped-def]
    """ "[w1=ERROR, w2] matches pattern 2 because ERROR is the first word, and [w1=ERROR || w1=WARN, w2] matches
    patterns 2 and 3"."""
    messages = ["ERROR WARN message", "ERROR message", "WARN message"]
    assert matching(logs, "[w1=ERROR, w2]", messages) == [1]
    assert matching(logs, "[w1=ERROR || w1=WARN, w2]", messages) == [1, 2]


def test_regex_terms_and_values(logs) -> None:  # type: ignore[no-untyped-def]
    """Regular expressions between % signs, as a term or as a JSON / space-delimited value; at most two in one
    pattern ("a quota of two regular expression patterns within a single filter pattern", API_PutMetricFilter)."""
    messages = ["ERROR 1", "WARN 2", "INFO 3"]
    assert matching(logs, "%ERROR|WARN%", messages) == [0, 1]
    assert matching(logs, "[level = %^(ERROR|INFO)$%, n]", messages) == [0, 2]
    assert matching(logs, "{ $.code = %^5\\d\\d$% }", ['{"code": "503"}', '{"code": "404"}']) == [0]
    with pytest.raises(logs.exceptions.InvalidParameterException, match="at most 2 regular expressions"):
        logs.test_metric_filter(filterPattern="%a% %b% %c%", logEventMessages=["abc"])
    with pytest.raises(logs.exceptions.InvalidParameterException, match="look-arounds"):
        logs.test_metric_filter(filterPattern="%(?=a)%", logEventMessages=["a"])


@pytest.mark.parametrize(
    "pattern", ["{ level = ERROR }", "{ $.a = }", "{ $.a = 1 ", "[a b]", '"unclosed', "{ ($.a = 1 }"]
)
def test_malformed_patterns_are_invalid_parameters(logs, pattern: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.test_metric_filter(filterPattern=pattern, logEventMessages=["x"])


def test_filter_log_events_uses_the_same_patterns(cloud, logs) -> None:  # type: ignore[no-untyped-def]
    from pocketcloud.timeutil import epoch_millis

    logs.create_log_group(logGroupName="web")
    logs.create_log_stream(logGroupName="web", logStreamName="access")
    now = epoch_millis(cloud.now)
    logs.put_log_events(
        logGroupName="web", logStreamName="access", logEvents=[{"timestamp": now, "message": m} for m in APACHE]
    )
    found = logs.filter_log_events(logGroupName="web", filterPattern="[..., status_code = 5*, bytes]")["events"]
    assert [e["message"] for e in found] == [APACHE[1]]
