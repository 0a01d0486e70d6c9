"""Step Functions prices and billed state transitions. https://aws.amazon.com/step-functions/pricing/ (checked
2026-12-01): $0.025 per 1,000 state transitions in us-east-1 after 4,000 free ones a month; Express $1.00 per million
requests and GB-seconds of 64-MB chunks rounded up to 100 ms; retries count as transitions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import pocketcloud
from pocketcloud import pricing
from pocketcloud.services.stepfunctions.service import StepFunctionsService

from .sfn_support import run


def test_standard_price_and_free_tier() -> None:
    """4,000 free transitions, then $0.025 per 1,000 (us-east-1); $0.0271 in Seoul."""
    assert pricing.standard_workflow_cost(4_000).usd == 0
    assert pricing.standard_workflow_cost(1_004_000).usd == Decimal("25")
    assert pricing.standard_workflow_cost(1_000, "ap-northeast-2", free_tier=False).usd == Decimal("0.0271")
    with pytest.raises(pricing.PricingError):
        pricing.standard_workflow_cost(1, "eu-north-9")


def test_express_price_rounds_duration_and_memory() -> None:
    """Duration rounds up to 100 ms, memory to 64-MB chunks; $1.00 per million requests."""
    cost = pricing.express_workflow_cost(1_000_000, 101, memory_mb=65)
    assert (cost.billed_ms, cost.memory_mb) == (200, 128)
    assert cost.request_usd == Decimal("1")
    assert cost.gb_seconds == Decimal(1_000_000) * Decimal("0.125") * Decimal("0.2")


def test_transitions_count_states_and_retries() -> None:
    """ "Step Functions counts a state transition each time a step of your workflow is executed ... including
    retries": two Pass states and a Parallel with one Fail state retried once."""
    cloud = pocketcloud.Cloud(seed=0)
    definition: dict[str, Any] = {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Next": "P"},
            "P": {
                "Type": "Parallel",
                "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}],
                "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}],
                "End": True,
            },
            "B": {"Type": "Pass", "End": True},
        },
    }
    outcome = run(cloud, definition)
    service = cloud.backend("stepfunctions", StepFunctionsService)
    # A, P, F, (retry) F, B = 5 states entered, plus 1 retry
    assert service.billed_transitions(outcome.arn) == 6
