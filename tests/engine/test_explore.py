"""pocketcloud.record_events: a function that keeps every event it receives, read back through CloudWatch Logs.

A learner's helper (not an AWS feature) built only from public operations: ``deploy`` and the ``logs`` client.
"""

from __future__ import annotations

import doctest
import json

import pytest

import pocketcloud
from pocketcloud import explore


def test_module_examples_run() -> None:
    assert doctest.testmod(explore).failed == 0


def test_events_come_back_in_order_and_unchanged() -> None:
    cloud = pocketcloud.Cloud(seed=1)
    recorder = pocketcloud.record_events(cloud, "rec", returns="none")
    assert recorder.events == []  # never invoked: no log group yet
    sent = [{"n": n, "text": "한국어 <b>&</b>"} for n in range(3)]
    for event in sent:
        assert recorder.invoke(event).payload is None
    assert recorder.events == sent
    assert recorder.last == sent[-1]


def test_http_mode_answers_with_a_proxy_response_whose_body_is_the_event() -> None:
    cloud = pocketcloud.Cloud(seed=1)
    recorder = pocketcloud.record_events(cloud, returns="http")
    answer = recorder.invoke({"path": "/x"}).payload
    assert answer["statusCode"] == 200
    assert json.loads(answer["body"]) == {"path": "/x"}


def test_last_without_events_says_what_to_do() -> None:
    recorder = pocketcloud.record_events(pocketcloud.Cloud(seed=1))
    with pytest.raises(LookupError, match=r"cloud\.run\(\)"):
        _ = recorder.last


def test_an_unknown_answer_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="returns must be one of"):
        pocketcloud.record_events(pocketcloud.Cloud(seed=1), returns="xml")
