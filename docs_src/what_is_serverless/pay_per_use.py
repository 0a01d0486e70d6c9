"""Pay per use: a month of Lambda is requests plus GB-seconds; idle costs nothing."""

import html
import math
from dataclasses import dataclass

# US East (N. Virginia), x86, first price tier, free tier left out.
# https://aws.amazon.com/lambda/pricing/ and the AWS News Blog post
# "New for AWS Lambda - 1ms Billing Granularity Adds Cost Savings" (2020-12-01).
PRICE_PER_REQUEST = 0.20 / 1_000_000  # USD
PRICE_PER_GB_SECOND = 0.0000166667  # USD


def monthly_cost(requests: int, duration_ms: float, memory_mb: int) -> float:
    """Requests plus compute; each invocation is billed in whole milliseconds."""
    billed_seconds = math.ceil(duration_ms) / 1000
    gb_seconds = requests * billed_seconds * memory_mb / 1024
    return requests * PRICE_PER_REQUEST + gb_seconds * PRICE_PER_GB_SECOND


@dataclass
class Scenario:
    name: str
    requests: int
    duration_ms: float
    memory_mb: int

    @property
    def cost(self) -> float:
        return monthly_cost(self.requests, self.duration_ms, self.memory_mb)


class CostTable:
    """Shown as a table when it is the last expression (notebooks do the same)."""

    def __init__(self, scenarios: list[Scenario]) -> None:
        self.scenarios = scenarios

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{h}</th>"
            for h in ("scenario", "requests", "duration", "memory", "USD")
        )
        rows = "".join(
            f"<tr><td>{html.escape(s.name)}</td><td>{s.requests:,}</td>"
            f"<td>{s.duration_ms:g} ms</td><td>{s.memory_mb} MB</td>"
            f"<td><b>${s.cost:,.2f}</b></td></tr>"
            for s in self.scenarios
        )
        return f"<table><tr>{head}</tr>{rows}</table>"


scenarios = [
    Scenario("idle month", 0, 120, 128),
    Scenario("side project", 100_000, 50, 128),
    Scenario("busy API", 5_000_000, 120, 512),
    Scenario("AWS blog example", 60_000_000, 28, 1024),  # $12 + $28 in the post
]
for s in scenarios:
    print(f"{s.name:>16}: ${s.cost:>8,.2f}")

CostTable(scenarios)  # the last expression: the page shows it as a table
