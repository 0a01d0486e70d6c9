"""What containers and servers cost: dated price tables for AWS Fargate and a few EC2 instance types, with sources.

The companion of :mod:`pocketcloud.pricing` (Lambda, Step Functions), in the same style: every figure carries where
it was checked and when (:data:`CHECKED`), and asking for a region or a size without a verified figure raises
:class:`~pocketcloud.pricing.PricingError` listing what *is* known.

How Fargate bills (https://aws.amazon.com/fargate/pricing/, checked 2026-12-01):

* per vCPU-hour and per GB-hour of the task's *configured* size ("you pay for the amount of vCPU, memory, and
  storage resources consumed by your containerized applications"; the task size, not what it uses), by operating
  system and architecture (Linux/x86, Linux/ARM);
* "Pricing is calculated based on the vCPU, memory, and storage resources used from the time you start to download
  your container image until the Amazon ECS Task ... terminates, rounded up to the nearest second", with "a 1-minute
  minimum" (Linux);
* 20 GB of ephemeral storage per task is included; more is billed per GB-hour;
* Fargate Spot runs "at up to a 70% discount off the regular Fargate price" and its price varies: no fixed figure
  exists, so :func:`fargate_task_cost` takes the discount as an input (``spot_discount``) and never invents one.
  https://aws.amazon.com/blogs/aws/aws-fargate-spot-now-generally-available/

How EC2 On-Demand bills (https://aws.amazon.com/ec2/pricing/on-demand/): per instance-hour by type, "in one-second
increments, with a minimum of 60 seconds" for Linux.

The pricing pages render their per-region tables client-side, so the stored copies carry no table digits; but the
Fargate page's worked examples state the us-east-1 rates per second, and those are what the figures below are checked
against (checked 2026-12-01, as quoted verbatim from the page by several independent transcriptions):

* Example 1, Linux/x86, US East (N. Virginia): "$0.000011244 per vCPU second" (x 3600 = $0.0404784, the Price List's
  $0.04048 per vCPU-hour) and "$0.000001235 per GB second" ($0.004445 per GB-hour in the Price List; 0.000001235 is
  that figure rounded per second); extra ephemeral storage "$0.0000000308 per GB second" (x 3600 = $0.000111 per
  GB-hour);
* Example 2, Linux/ARM: "$0.0000089944 per vCPU-second" and "$0.0000009889 per GB-second" (x 3600 = $0.03238 and
  $0.00356 an hour).

The hourly figures also match the Price List as the 2025-2026 pricing guides transcribe it (e.g. Vantage's Fargate
guide: $0.04048 / $0.004445 for Linux/x86, $0.03238 / $0.00356 for Linux/ARM, $0.000111 per storage GB-hour).

**Not verified, so not listed:** Asia Pacific (Seoul, ap-northeast-2), the site's region, for Fargate and EC2: no
stored AWS page or AWS example states a Seoul figure (2026-12-01), so asking for it raises
:class:`~pocketcloud.pricing.PricingError` instead of inventing one. Application Load Balancer charges (per
ALB-hour and per LCU-hour) are not priced here either: the comparisons leave the load balancer out, as it costs the
same in front of either compute (see :mod:`pocketcloud.compare`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .pricing import PricingError, _number

#: The date every figure in this module was last checked.
CHECKED = "2026-12-01"
FARGATE_PRICING_PAGE = "https://aws.amazon.com/fargate/pricing/"
EC2_PRICING_PAGE = "https://aws.amazon.com/ec2/pricing/on-demand/"

#: "a 1-minute minimum", then per second (Fargate Linux tasks and EC2 Linux instances alike).
MINIMUM_BILLED_S = 60
#: Ephemeral storage included with every Fargate task (GB).
FARGATE_FREE_STORAGE_GB = 20
#: "up to a 70% discount off the regular Fargate price" (https://aws.amazon.com/fargate/pricing/): Fargate Spot's
#: variable price never goes deeper than this.
FARGATE_SPOT_MAX_DISCOUNT = Decimal("0.70")
_SECONDS_PER_HOUR = Decimal(3600)


@dataclass(frozen=True)
class FargatePrices:
    """Fargate's prices for one operating system and architecture in one region."""

    usd_per_vcpu_hour: Decimal
    usd_per_gb_hour: Decimal


#: (region, architecture) -> prices; architecture as ECS's runtimePlatform.cpuArchitecture names it.
FARGATE: Mapping[tuple[str, str], FargatePrices] = {
    ("us-east-1", "X86_64"): FargatePrices(Decimal("0.04048"), Decimal("0.004445")),
    ("us-east-1", "ARM64"): FargatePrices(Decimal("0.03238"), Decimal("0.00356")),
}
#: Ephemeral storage above the included 20 GB, per GB-hour (us-east-1, both architectures).
FARGATE_STORAGE_USD_PER_GB_HOUR: Mapping[str, Decimal] = {"us-east-1": Decimal("0.000111")}


@dataclass(frozen=True)
class InstanceType:
    """One EC2 instance type: its size and its Linux On-Demand price in us-east-1."""

    name: str
    vcpus: int
    memory_gib: float
    architecture: str
    usd_per_hour: Decimal


#: A few instance types labs use (burstable t3, general-purpose m5 and Graviton m6g, compute-optimised c5 and
#: Graviton c6g), Linux On-Demand in us-east-1 (checked 2026-12-01; sizes from
#: https://aws.amazon.com/ec2/instance-types/). The On-Demand page renders its table client-side and gives no worked
#: example, so these are the Price List figures as independent transcriptions agree on them (several public price
#: tables list exactly t3.micro 0.0104, t3.small 0.0208, t3.medium 0.0416, m5.large 0.096, m5.xlarge 0.192,
#: m6g.medium 0.0385, m6g.large 0.077, c5.large 0.085, c6g.medium 0.034 and c6g.large 0.068 an hour); no AWS page
#: seen through the search tool states them. Seoul prices are not listed (see the module docstring).
EC2_US_EAST_1: Mapping[str, InstanceType] = {
    t.name: t
    for t in (
        InstanceType("t3.micro", 2, 1, "x86_64", Decimal("0.0104")),
        InstanceType("t3.small", 2, 2, "x86_64", Decimal("0.0208")),
        InstanceType("t3.medium", 2, 4, "x86_64", Decimal("0.0416")),
        InstanceType("t3.large", 2, 8, "x86_64", Decimal("0.0832")),
        InstanceType("m5.large", 2, 8, "x86_64", Decimal("0.096")),
        InstanceType("m5.xlarge", 4, 16, "x86_64", Decimal("0.192")),
        InstanceType("m6g.medium", 1, 4, "arm64", Decimal("0.0385")),
        InstanceType("m6g.large", 2, 8, "arm64", Decimal("0.077")),
        InstanceType("c5.large", 2, 4, "x86_64", Decimal("0.085")),
        InstanceType("c6g.medium", 1, 2, "arm64", Decimal("0.034")),
        InstanceType("c6g.large", 2, 4, "arm64", Decimal("0.068")),
    )
}
EC2: Mapping[str, Mapping[str, InstanceType]] = {"us-east-1": EC2_US_EAST_1}


def billed_seconds(seconds: float | int | Decimal) -> Decimal:
    """Seconds billed for a run of ``seconds``: rounded up to the second, at least 60."""
    exact = _number(seconds, "seconds")
    return Decimal(max(MINIMUM_BILLED_S, math.ceil(exact)))


def fargate_prices(region: str = "us-east-1", architecture: str = "X86_64") -> FargatePrices:
    prices = FARGATE.get((region, architecture.upper()))
    if prices is None:
        known = ", ".join(f"{r} {a}" for r, a in sorted(FARGATE))
        raise PricingError(
            f"No verified Fargate prices for {region} {architecture} (checked {CHECKED}). Known: {known}."
        )
    return prices


@dataclass(frozen=True)
class FargateCost:
    """One task's (or one task-size's) bill for a run, split as the bill splits it (exact Decimal dollars)."""

    vcpu: Decimal
    memory_gb: Decimal
    billed_seconds: Decimal
    vcpu_usd: Decimal
    memory_usd: Decimal
    storage_usd: Decimal
    spot_discount: Decimal

    @property
    def total_usd(self) -> Decimal:
        return (self.vcpu_usd + self.memory_usd + self.storage_usd) * (1 - self.spot_discount)


def fargate_task_cost(
    vcpu: float | Decimal,
    memory_gb: float | Decimal,
    seconds: float,
    *,
    architecture: str = "X86_64",
    region: str = "us-east-1",
    ephemeral_storage_gb: int = FARGATE_FREE_STORAGE_GB,
    spot_discount: float | Decimal | None = None,
) -> FargateCost:
    """What one Fargate task of ``vcpu`` vCPU and ``memory_gb`` GB costs for ``seconds`` (1-minute minimum).

    ``spot_discount`` (0 to 0.70) prices a Fargate Spot task at a discount you give: AWS publishes no fixed Spot
    price. ``cpu="256"`` in a task definition is 0.25 vCPU; ``memory="512"`` is 0.5 GB.

    >>> fargate_task_cost(0.25, 0.5, 3600).total_usd
    Decimal('0.0123425')
    """
    prices = fargate_prices(region, architecture)
    cpu, memory = _number(vcpu, "vcpu"), _number(memory_gb, "memory_gb")
    billed = billed_seconds(seconds)
    hours = billed / _SECONDS_PER_HOUR
    extra_storage = Decimal(max(0, ephemeral_storage_gb - FARGATE_FREE_STORAGE_GB))
    storage_rate = FARGATE_STORAGE_USD_PER_GB_HOUR.get(region, Decimal(0))
    discount = Decimal(0) if spot_discount is None else _number(spot_discount, "spot_discount")
    if discount > FARGATE_SPOT_MAX_DISCOUNT:
        raise PricingError(f"Fargate Spot is 'up to a 70% discount'; got spot_discount={spot_discount}")
    return FargateCost(
        cpu, memory, billed, cpu * hours * prices.usd_per_vcpu_hour, memory * hours * prices.usd_per_gb_hour,
        extra_storage * hours * storage_rate, discount,
    )  # fmt: skip


def instance_type(name: str, region: str = "us-east-1") -> InstanceType:
    types = EC2.get(region)
    if types is None:
        raise PricingError(f"No verified EC2 prices for region '{region}' (checked {CHECKED}). Known: us-east-1.")
    found = types.get(name)
    if found is None:
        raise PricingError(f"No verified price for {name} in {region}. Known types: {', '.join(sorted(types))}.")
    return found


def ec2_instance_cost(name: str, seconds: float, region: str = "us-east-1") -> Decimal:
    """What one Linux On-Demand instance of type ``name`` costs for ``seconds`` (per second, 60-second minimum).

    >>> ec2_instance_cost("t3.micro", 3600)
    Decimal('0.0104')
    """
    return instance_type(name, region).usd_per_hour * billed_seconds(seconds) / _SECONDS_PER_HOUR
