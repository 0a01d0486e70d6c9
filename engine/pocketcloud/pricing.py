"""What a Lambda invocation, or a month of them, costs: a dated price table with its sources, and a calculator.

The site teaches that serverless is billed per request and per GB-second, so the engine needs real numbers a
learner can check against AWS. Every price below carries the page it was verified on and the date (see
:data:`CHECKED`); figures that could not be verified are left out rather than guessed, and asking for them raises
:class:`PricingError` listing what *is* known.

How Lambda bills (https://aws.amazon.com/lambda/pricing/, checked 2026-11-25):

* **Requests** — a flat price per request.
* **Duration** — GB-seconds: configured memory in GB (MB / 1024) × billed duration in seconds. AWS's own worked
  example computes "Total compute (GB-s) = 3,000,000 * 512MB/1024 = 1,500,000 GB-s" for 3M one-second runs.
  Billed duration is rounded up to the next 1 ms. Since 1 August 2025 it includes the Init phase of on-demand
  functions, so the engine's REPORT line already carries the billed figure; the calculator takes billed ms as is.
  https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/
* **Tiers** — the duration price drops 10% and then 20% once a month's GB-seconds, per architecture, per region,
  per account, pass 6 and 15 billion (x86) or 7.5 and 18.75 billion (Arm).
  https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/
* **Free tier** — each month, 1M requests and 400,000 GB-seconds, shared by x86 and Arm functions; it does not
  apply to functions with provisioned concurrency enabled.
* **Provisioned concurrency** — a price per GB-second configured (billed for the time it is enabled, "rounded up
  to the nearest five minutes"), plus a lower duration price for the invocations it serves.
* **Ephemeral storage** — only the part above the free 512 MB, per GB-second of duration.

Regions: only US East (N. Virginia), ``us-east-1``, is in the table. AWS's pricing page renders its per-region
figures client-side, so the stored copies of it carry no digits for Asia Pacific (Seoul), ``ap-northeast-2``; the
only evidence that Seoul charges the same as us-east-1 is third-party (e.g. AWS Lambda Power Tuning's default
cost table), which is not verification. Seoul is therefore not listed until someone checks it against AWS.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from . import limits
from .errors import PocketCloudError

#: The date every figure in this module was last checked.
CHECKED = "2026-11-25"

PRICING_PAGE = "https://aws.amazon.com/lambda/pricing/"

Architecture = Literal["x86_64", "arm64"]
#: Lambda's architecture names, as CreateFunction's ``Architectures`` takes them.
ARCHITECTURES: tuple[str, ...] = ("x86_64", "arm64")

# --- Free tier ---------------------------------------------------------------------------------------------------
# "Free Tier: 1 million requests per month." / "400,000 GB-seconds per month free, up to 3.2 million seconds of
# compute time." https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html
# The pricing page: "The free tier includes one million requests and 400,000 GB-seconds per month", usable by x86
# and Arm functions in aggregate; "The Lambda free tier does not apply to functions that have Provisioned
# Concurrency enabled." https://aws.amazon.com/lambda/pricing/ (checked 2026-11-25)
FREE_TIER_REQUESTS = 1_000_000
FREE_TIER_GB_SECONDS = Decimal(400_000)

# Provisioned concurrency "is calculated from the time you enable it on your function until it is disabled,
# rounded up to the nearest five minutes." https://aws.amazon.com/lambda/pricing/ (checked 2026-11-25)
PROVISIONED_BILLING_INCREMENT_S = 5 * 60

_MB_PER_GB = Decimal(1024)
_MS_PER_S = Decimal(1000)


class PricingError(PocketCloudError, ValueError):
    """A region or architecture without verified prices, or an input Lambda would not accept."""


@dataclass(frozen=True)
class Tier:
    """One duration price band: this price applies to a month's GB-seconds up to ``up_to_gb_seconds``."""

    up_to_gb_seconds: Decimal | None  # cumulative upper bound for the month; None = no bound
    usd_per_gb_second: Decimal


@dataclass(frozen=True)
class ArchitecturePrices:
    """The duration prices of one architecture in one region."""

    duration_tiers: tuple[Tier, ...]
    provisioned_concurrency_usd_per_gb_second: Decimal
    provisioned_duration_usd_per_gb_second: Decimal

    @property
    def first_tier_usd_per_gb_second(self) -> Decimal:
        return self.duration_tiers[0].usd_per_gb_second


@dataclass(frozen=True)
class RegionPrices:
    """Every Lambda price pocketcloud knows for one region, and where each came from."""

    region: str
    location: str
    usd_per_request: Decimal
    architectures: Mapping[str, ArchitecturePrices]
    ephemeral_storage_usd_per_gb_second: Decimal
    sources: tuple[str, ...]


US_EAST_1 = RegionPrices(
    region="us-east-1",
    location="US East (N. Virginia)",
    # "$0.20 per 1 million requests thereafter, or $0.0000002 per request."
    # https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html (checked 2026-11-25);
    # the same $0.20 per 1M in US East (N. Virginia): "60 million invocations * $0.20 per 1M requests = $12"
    # https://aws.amazon.com/blogs/aws/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings/
    usd_per_request=Decimal("0.0000002"),
    architectures={
        "x86_64": ArchitecturePrices(
            duration_tiers=(
                # "$0.0000166667 for every GB-second" in US East (N. Virginia):
                # https://aws.amazon.com/blogs/aws/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings/
                # Tiers as AWS's tiered-pricing announcement (2022-08-04) states them for x86 in US East (Ohio),
                # whose first tier is the same $0.0000166667: 0.0000166667 USD per GB-second for the first 6 billion
                # GB-seconds a month, 0.0000150000 for the next 9 billion, 0.0000133334 beyond 15 billion.
                # https://aws.amazon.com/jp/about-aws/whats-new/2022/08/aws-lambda-tiered-pricing/
                # The bands (0-6B / 6-15B / over 15B GB-s, 10% / 20% off) apply in every Region:
                # https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/ ; the us-east-1
                # figures match transcriptions of AWS's Price List (usage type Lambda-GB-Second). Checked 2026-11-25.
                Tier(Decimal(6_000_000_000), Decimal("0.0000166667")),
                Tier(Decimal(15_000_000_000), Decimal("0.0000150000")),
                Tier(None, Decimal("0.0000133334")),
            ),
            # Provisioned concurrency $0.0000041667 and its duration $0.0000097222 per GB-second (us-east-1).
            # Checked 2026-11-25 against transcriptions of AWS's Price List (usage types
            # Lambda-Provisioned-Concurrency, Lambda-Provisioned-GB-Second): the pricing page shows these figures
            # only through client-side price tokens, so its stored text could not be read for them directly.
            provisioned_concurrency_usd_per_gb_second=Decimal("0.0000041667"),
            provisioned_duration_usd_per_gb_second=Decimal("0.0000097222"),
        ),
        "arm64": ArchitecturePrices(
            duration_tiers=(
                # "For functions using the Arm/Graviton2 architecture, duration charges are 20 percent lower than
                # the current pricing for x86. The same 20 percent reduction also applies to duration charges for
                # functions using Provisioned Concurrency."
                # https://aws.amazon.com/blogs/aws/aws-lambda-functions-powered-by-aws-graviton2-processor-run-your-functions-on-arm-and-get-up-to-34-better-price-performance/
                # Arm bands 0-7.5B / 7.5-18.75B / over 18.75B GB-s with 10% / 20% discounts:
                # https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/
                # The published figures (Price List usage type Lambda-GB-Second-ARM, us-east-1) are these, i.e.
                # x86 x 0.8 and then x 0.9 / x 0.8, rounded to 10 decimal places (checked 2026-11-25).
                Tier(Decimal(7_500_000_000), Decimal("0.0000133334")),
                Tier(Decimal(18_750_000_000), Decimal("0.0000120001")),
                Tier(None, Decimal("0.0000106667")),
            ),
            # x86's provisioned prices x 0.8 (the Graviton2 post above), as published in the Price List
            # (Lambda-Provisioned-Concurrency-ARM, Lambda-Provisioned-GB-Second-ARM), checked 2026-11-25.
            provisioned_concurrency_usd_per_gb_second=Decimal("0.0000033334"),
            provisioned_duration_usd_per_gb_second=Decimal("0.0000077778"),
        ),
    },
    # $0.0000000309 per GB-second of ephemeral storage above 512 MB, both architectures (Price List usage type
    # Lambda-Storage-GB-Second, us-east-1; checked 2026-11-25 like the provisioned prices above). The pricing
    # page: "512 MB of ephemeral storage is available to each Lambda function at no additional cost."
    ephemeral_storage_usd_per_gb_second=Decimal("0.0000000309"),
    sources=(
        PRICING_PAGE,
        "https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html",
        "https://aws.amazon.com/blogs/aws/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings/",
        "https://aws.amazon.com/jp/about-aws/whats-new/2022/08/aws-lambda-tiered-pricing/",
        "https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/",
    ),
)

#: Regions with verified prices, by region code.
REGIONS: Mapping[str, RegionPrices] = {US_EAST_1.region: US_EAST_1}


def region_prices(region: str) -> RegionPrices:
    """The price table of ``region``, or a PricingError naming the regions that have one."""
    prices = REGIONS.get(region)
    if prices is None:
        raise PricingError(
            f"No verified Lambda prices for region '{region}' (checked {CHECKED}). "
            f"Supported regions: {', '.join(sorted(REGIONS))}."
        )
    return prices


def architecture_prices(region: str, architecture: str) -> ArchitecturePrices:
    prices = region_prices(region)
    arch = prices.architectures.get(architecture)
    if arch is None:
        raise PricingError(
            f"Unknown architecture '{architecture}'. Supported architectures: {', '.join(sorted(ARCHITECTURES))}."
        )
    return arch


def gb_seconds(memory_mb: int | float | Decimal, duration_ms: int | float | Decimal) -> Decimal:
    """Memory (MB) / 1024 x duration (ms) / 1000, exactly, as AWS's examples compute GB-seconds."""
    return _number(memory_mb, "memory_mb") / _MB_PER_GB * _number(duration_ms, "duration_ms") / _MS_PER_S


def round_usd(amount: Decimal, places: int = 2) -> Decimal:
    """Round a dollar amount half-up for display (cents by default); the calculator itself stays exact."""
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --- One invocation ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class InvocationCost:
    """The price of one on-demand invocation, split as AWS's bill splits it (exact Decimal dollars)."""

    region: str
    architecture: str
    memory_mb: int
    billed_duration_ms: int
    gb_seconds: Decimal
    request_usd: Decimal
    compute_usd: Decimal
    ephemeral_storage_usd: Decimal

    @property
    def total_usd(self) -> Decimal:
        return self.request_usd + self.compute_usd + self.ephemeral_storage_usd


def price_invocation(
    memory_mb: int,
    billed_duration_ms: int,
    architecture: str = "x86_64",
    region: str = "us-east-1",
    *,
    ephemeral_storage_mb: int = limits.LAMBDA_EPHEMERAL_STORAGE_MIN_MB,
    provisioned: bool = False,
) -> InvocationCost:
    """What one invocation costs at list price: one request plus its GB-seconds at the first tier's price.

    ``provisioned=True`` prices an invocation served by a provisioned-concurrency environment at the lower
    provisioned duration price (the provisioned capacity itself is billed by time, see :func:`monthly_cost`).

    Pass the REPORT line's ``Billed Duration`` (whole milliseconds, Init included on a cold start). The free tier
    is a monthly allowance, not a per-invocation discount, so it is left to :func:`monthly_cost`.

    >>> cost = price_invocation(128, 100)
    >>> cost.gb_seconds, cost.compute_usd, cost.request_usd
    (Decimal('0.0125'), Decimal('2.0833375E-7'), Decimal('2E-7'))
    """
    arch = architecture_prices(region, architecture)
    prices = region_prices(region)
    memory = _memory(memory_mb)
    if isinstance(billed_duration_ms, bool) or not isinstance(billed_duration_ms, int) or billed_duration_ms < 1:
        raise PricingError(
            f"billed_duration_ms must be a whole number of milliseconds >= 1 (Lambda rounds up to the next 1 ms), "
            f"got {billed_duration_ms!r}; use math.ceil() on a measured duration."
        )
    usage = gb_seconds(memory, billed_duration_ms)
    storage = _extra_storage_gb(ephemeral_storage_mb) * _number(billed_duration_ms, "billed_duration_ms") / _MS_PER_S
    return InvocationCost(
        region=region,
        architecture=architecture,
        memory_mb=memory,
        billed_duration_ms=billed_duration_ms,
        gb_seconds=usage,
        request_usd=prices.usd_per_request,
        compute_usd=usage
        * (arch.provisioned_duration_usd_per_gb_second if provisioned else arch.first_tier_usd_per_gb_second),
        ephemeral_storage_usd=storage * prices.ephemeral_storage_usd_per_gb_second,
    )


# --- A month -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProvisionedConcurrency:
    """Provisioned concurrency kept enabled for ``seconds`` this month, serving every invocation of the month."""

    concurrency: int
    seconds: float


@dataclass(frozen=True)
class TierCharge:
    """The GB-seconds billed in one duration tier, its price, and the charge."""

    gb_seconds: Decimal
    usd_per_gb_second: Decimal
    usd: Decimal


@dataclass(frozen=True)
class MonthlyCost:
    """A month's Lambda bill for one workload, line by line (exact Decimal dollars; round with :func:`round_usd`)."""

    region: str
    architecture: str
    free_tier_applied: bool
    requests: int
    free_requests: int
    billable_requests: int
    request_usd: Decimal
    gb_seconds: Decimal
    free_gb_seconds: Decimal
    billable_gb_seconds: Decimal
    compute_charges: tuple[TierCharge, ...]
    compute_usd: Decimal
    provisioned_gb_seconds: Decimal
    provisioned_concurrency_usd: Decimal
    ephemeral_storage_gb_seconds: Decimal
    ephemeral_storage_usd: Decimal

    @property
    def total_usd(self) -> Decimal:
        return self.request_usd + self.compute_usd + self.provisioned_concurrency_usd + self.ephemeral_storage_usd


def monthly_cost(
    requests: int,
    avg_billed_ms: int | float | Decimal,
    memory_mb: int,
    architecture: str = "x86_64",
    region: str = "us-east-1",
    *,
    free_tier: bool = True,
    provisioned: ProvisionedConcurrency | None = None,
    ephemeral_storage_mb: int = limits.LAMBDA_EPHEMERAL_STORAGE_MIN_MB,
) -> MonthlyCost:
    """A month of ``requests`` invocations averaging ``avg_billed_ms`` billed milliseconds each.

    Follows AWS's worked examples: "Total compute – Free tier compute = Monthly billable compute GB-s", then the
    price per GB-second, band by band. Tiers count a whole account's usage per region and architecture, so this
    treats the workload as the account's only one of its architecture. With ``provisioned``, every invocation is
    assumed to run on provisioned environments (billed at the provisioned duration price) and the free tier does
    not apply, as AWS states.
    """
    prices = region_prices(region)
    arch = architecture_prices(region, architecture)
    if isinstance(requests, bool) or not isinstance(requests, int) or requests < 0:
        raise PricingError(f"requests must be a whole number >= 0, got {requests!r}")
    memory = _memory(memory_mb)
    usage = requests * gb_seconds(memory, avg_billed_ms)
    seconds = requests * _number(avg_billed_ms, "avg_billed_ms") / _MS_PER_S
    apply_free_tier = free_tier and provisioned is None
    free_requests = min(requests, FREE_TIER_REQUESTS) if apply_free_tier else 0
    billable_requests = requests - free_requests
    free_gb_seconds = min(usage, FREE_TIER_GB_SECONDS) if apply_free_tier else Decimal(0)
    billable = usage - free_gb_seconds
    provisioned_usage = Decimal(0)
    if provisioned is None:
        charges = _tiered(billable, arch.duration_tiers)
    else:
        rate = arch.provisioned_duration_usd_per_gb_second
        charges = (TierCharge(billable, rate, billable * rate),) if billable else ()
        provisioned_usage = _provisioned_gb_seconds(provisioned, memory)
    storage = _extra_storage_gb(ephemeral_storage_mb) * seconds
    return MonthlyCost(
        region=region,
        architecture=architecture,
        free_tier_applied=apply_free_tier,
        requests=requests,
        free_requests=free_requests,
        billable_requests=billable_requests,
        request_usd=billable_requests * prices.usd_per_request,
        gb_seconds=usage,
        free_gb_seconds=free_gb_seconds,
        billable_gb_seconds=billable,
        compute_charges=charges,
        compute_usd=sum((charge.usd for charge in charges), Decimal(0)),
        provisioned_gb_seconds=provisioned_usage,
        provisioned_concurrency_usd=provisioned_usage * arch.provisioned_concurrency_usd_per_gb_second,
        ephemeral_storage_gb_seconds=storage,
        ephemeral_storage_usd=storage * prices.ephemeral_storage_usd_per_gb_second,
    )


def _tiered(billable: Decimal, tiers: tuple[Tier, ...]) -> tuple[TierCharge, ...]:
    """Split ``billable`` GB-seconds across the bands: each band's price applies only to the part inside it."""
    charges: list[TierCharge] = []
    lower = Decimal(0)
    for tier in tiers:
        upper = billable if tier.up_to_gb_seconds is None else min(billable, tier.up_to_gb_seconds)
        amount = upper - lower
        if amount > 0:
            charges.append(TierCharge(amount, tier.usd_per_gb_second, amount * tier.usd_per_gb_second))
        if tier.up_to_gb_seconds is None or billable <= tier.up_to_gb_seconds:
            break
        lower = tier.up_to_gb_seconds
    return tuple(charges)


def _provisioned_gb_seconds(provisioned: ProvisionedConcurrency, memory_mb: int) -> Decimal:
    concurrency = provisioned.concurrency
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise PricingError(f"provisioned concurrency must be a whole number >= 1, got {concurrency!r}")
    seconds = _number(provisioned.seconds, "provisioned seconds")
    increment = PROVISIONED_BILLING_INCREMENT_S
    billed_seconds = Decimal(math.ceil(seconds / increment) * increment)
    return concurrency * Decimal(memory_mb) / _MB_PER_GB * billed_seconds


def _memory(memory_mb: int) -> int:
    if (
        isinstance(memory_mb, bool)
        or not isinstance(memory_mb, int)
        or not limits.LAMBDA_MEMORY_MIN_MB <= memory_mb <= limits.LAMBDA_MEMORY_MAX_MB
    ):
        raise PricingError(
            f"memory_mb must be a whole number of MB from {limits.LAMBDA_MEMORY_MIN_MB} to "
            f"{limits.LAMBDA_MEMORY_MAX_MB}, as Lambda's MemorySize is; got {memory_mb!r}"
        )
    return memory_mb


def _extra_storage_gb(ephemeral_storage_mb: int) -> Decimal:
    """GB of ephemeral storage above the free 512 MB."""
    low, high = limits.LAMBDA_EPHEMERAL_STORAGE_MIN_MB, limits.LAMBDA_EPHEMERAL_STORAGE_MAX_MB
    if (
        isinstance(ephemeral_storage_mb, bool)
        or not isinstance(ephemeral_storage_mb, int)
        or not low <= ephemeral_storage_mb <= high
    ):
        raise PricingError(
            f"ephemeral_storage_mb must be a whole number from {low} to {high}, got {ephemeral_storage_mb!r}"
        )
    return Decimal(ephemeral_storage_mb - low) / _MB_PER_GB


def _number(value: int | float | Decimal, name: str) -> Decimal:
    """A non-negative finite number as an exact Decimal (floats go through their shortest repr, 0.1 -> 0.1)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise PricingError(f"{name} must be a number, got {value!r}")
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or number < 0:
        raise PricingError(f"{name} must be a finite number >= 0, got {value!r}")
    return number


# --- Step Functions ------------------------------------------------------------------------------------------------
# Standard Workflows: "You are charged based on the number of state transitions"; "Step Functions counts a state
# transition each time a step of your workflow is executed ... including retries"; "The Step Functions free tier
# includes 4,000 free state transitions per month" (it "does not automatically expire"); US East (N. Virginia)
# "$0.0250" per 1,000 state transitions (Asia Pacific (Seoul) "$0.0271").
# Express Workflows: "$1.00 per million invocations" (https://aws.amazon.com/blogs/compute/building-cost-effective-
# aws-step-functions-workflows/); duration "rounded up to the nearest 100ms" and memory "billed in 64-MB chunks";
# the duration price of the first tier, $0.00001667 per GB-second ($0.06 per GB-hour), is the figure third-party
# guides quote from the page; AWS's page renders its per-region duration table client-side, so the lower tiers
# beyond the first 1,000 GB-hours are not in the table (asking for more raises nothing: the first tier is applied
# and ``duration_tiers_verified`` says so).
# https://aws.amazon.com/step-functions/pricing/ (checked 2026-12-01)
SFN_PRICING_PAGE = "https://aws.amazon.com/step-functions/pricing/"
SFN_CHECKED = "2026-12-01"
SFN_FREE_TIER_TRANSITIONS = 4_000
SFN_USD_PER_1000_TRANSITIONS: Mapping[str, Decimal] = {
    "us-east-1": Decimal("0.0250"),
    "ap-northeast-2": Decimal("0.0271"),
}
SFN_EXPRESS_USD_PER_REQUEST = Decimal("0.000001")
SFN_EXPRESS_USD_PER_GB_SECOND = Decimal("0.00001667")
SFN_EXPRESS_MEMORY_CHUNK_MB = 64
SFN_EXPRESS_DURATION_INCREMENT_MS = 100


@dataclass(frozen=True)
class StandardWorkflowCost:
    """A month of Standard Workflow state transitions: free tier first, then the regional price."""

    region: str
    transitions: int
    free_transitions: int
    billable_transitions: int
    usd: Decimal


def standard_workflow_cost(
    transitions: int, region: str = "us-east-1", *, free_tier: bool = True
) -> StandardWorkflowCost:
    """What ``transitions`` state transitions in a month cost (each state entered, and each retry, counts one).

    >>> standard_workflow_cost(1_004_000).usd
    Decimal('25.0000')
    """
    price = SFN_USD_PER_1000_TRANSITIONS.get(region)
    if price is None:
        raise PricingError(
            f"No verified Step Functions prices for region '{region}' (checked {SFN_CHECKED}). "
            f"Supported regions: {', '.join(sorted(SFN_USD_PER_1000_TRANSITIONS))}."
        )
    if isinstance(transitions, bool) or not isinstance(transitions, int) or transitions < 0:
        raise PricingError(f"transitions must be a whole number >= 0, got {transitions!r}")
    free = min(transitions, SFN_FREE_TIER_TRANSITIONS) if free_tier else 0
    billable = transitions - free
    return StandardWorkflowCost(region, transitions, free, billable, billable * price / 1000)


@dataclass(frozen=True)
class ExpressWorkflowCost:
    """Express Workflow requests and duration (GB-seconds of 64-MB memory chunks, 100-ms increments)."""

    requests: int
    billed_ms: int
    memory_mb: int
    gb_seconds: Decimal
    request_usd: Decimal
    duration_usd: Decimal
    duration_tiers_verified: bool = False

    @property
    def total_usd(self) -> Decimal:
        return self.request_usd + self.duration_usd


def express_workflow_cost(requests: int, avg_duration_ms: int | float, memory_mb: int = 64) -> ExpressWorkflowCost:
    """``requests`` Express executions averaging ``avg_duration_ms`` and using ``memory_mb`` (us-east-1).

    Duration rounds up to 100 ms and memory up to 64-MB chunks, as the pricing page says.

    >>> express_workflow_cost(1_000_000, 50).request_usd
    Decimal('1.000000')
    """
    if isinstance(requests, bool) or not isinstance(requests, int) or requests < 0:
        raise PricingError(f"requests must be a whole number >= 0, got {requests!r}")
    ms = _number(avg_duration_ms, "avg_duration_ms")
    increment = SFN_EXPRESS_DURATION_INCREMENT_MS
    billed_ms = max(increment, math.ceil(ms / increment) * increment)
    chunk = SFN_EXPRESS_MEMORY_CHUNK_MB
    memory = max(chunk, math.ceil(_number(memory_mb, "memory_mb") / chunk) * chunk)
    usage = requests * Decimal(memory) / _MB_PER_GB * Decimal(billed_ms) / _MS_PER_S
    return ExpressWorkflowCost(
        requests=requests,
        billed_ms=billed_ms,
        memory_mb=memory,
        gb_seconds=usage,
        request_usd=requests * SFN_EXPRESS_USD_PER_REQUEST,
        duration_usd=usage * SFN_EXPRESS_USD_PER_GB_SECOND,
    )


# --- SnapStart (Python and .NET) ----------------------------------------------------------------------------------
# "For Python and .NET functions, SnapStart pricing includes a caching charge for each published version with
# SnapStart ... and a restoration charge each time Lambda restores an execution environment from a snapshot",
# both by the function's memory. The pricing page renders its figures client-side; these are its US East (N.
# Virginia) x86 rates as published at launch (November 2024, quoted unchanged since): $0.0000015046 per GB-second
# cached (with a minimum of 3 hours per version) and $0.0001397998 per GB restored.
# https://aws.amazon.com/lambda/pricing/ https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html
SNAPSTART_CACHE_USD_PER_GB_SECOND = Decimal("0.0000015046")
SNAPSTART_RESTORE_USD_PER_GB = Decimal("0.0001397998")
SNAPSTART_MINIMUM_CACHE_S = 3 * 3600


@dataclass(frozen=True)
class SnapStartCost:
    """What SnapStart adds to a published version's bill: the snapshot cache and its restores."""

    cache_gb_seconds: Decimal
    cache_usd: Decimal
    restored_gb: Decimal
    restore_usd: Decimal

    @property
    def total_usd(self) -> Decimal:
        return self.cache_usd + self.restore_usd


def snapstart_cost(memory_mb: int, cached_seconds: int | float | Decimal, restores: int) -> SnapStartCost:
    """SnapStart's charges for one version: cache time (at least 3 hours) and restores, by memory size.

    >>> snapstart_cost(1024, 86_400, 1000).total_usd.quantize(Decimal("0.0001"))
    Decimal('0.2698')
    """
    gb = Decimal(_memory(memory_mb)) / _MB_PER_GB
    seconds = max(_number(cached_seconds, "cached_seconds"), Decimal(SNAPSTART_MINIMUM_CACHE_S))
    if isinstance(restores, bool) or not isinstance(restores, int) or restores < 0:
        raise PricingError(f"restores must be a whole number >= 0, got {restores!r}")
    cache_gb_s = gb * seconds
    restored_gb = gb * restores
    return SnapStartCost(
        cache_gb_s,
        cache_gb_s * SNAPSTART_CACHE_USD_PER_GB_SECOND,
        restored_gb,
        restored_gb * SNAPSTART_RESTORE_USD_PER_GB,
    )
