# Edit these inputs, then press Run. Prices are us-east-1 list prices (see the note).
REQUESTS_PER_MONTH = 8_000_000  # invocations a month
AVG_BILLED_MS = 120  # average "Billed Duration" of the REPORT lines, in ms
MEMORY_MB = 1024  # 128 to 10,240
ARCHITECTURE = "arm64"  # "x86_64" or "arm64"
FREE_TIER = True  # 1M requests + 400,000 GB-s a month (not with provisioned conc.)
PROVISIONED_CONCURRENCY = 0  # environments kept initialised (0 = none)
PROVISIONED_HOURS = 720  # hours a month provisioned concurrency stays enabled
EPHEMERAL_STORAGE_MB = 512  # /tmp size; only the part above 512 MB is billed

# ruff: noqa: E402 -- the inputs come first on purpose; the calculator follows.
import html
from decimal import Decimal

from pocketcloud import pricing
from pocketcloud.pricing import ProvisionedConcurrency


def money(usd: Decimal) -> str:
    """Cents for display (the sums themselves are exact)."""
    if 0 < usd < Decimal("0.01"):
        return "< $0.01"
    return f"${pricing.round_usd(usd):,}"


def estimate(architecture: str) -> pricing.MonthlyCost:
    provisioned = None
    if PROVISIONED_CONCURRENCY:
        seconds = PROVISIONED_HOURS * 3600
        provisioned = ProvisionedConcurrency(PROVISIONED_CONCURRENCY, seconds)
    return pricing.monthly_cost(
        REQUESTS_PER_MONTH,
        AVG_BILLED_MS,
        MEMORY_MB,
        architecture,
        "us-east-1",
        free_tier=FREE_TIER,
        provisioned=provisioned,
        ephemeral_storage_mb=EPHEMERAL_STORAGE_MB,
    )


def bill_lines(m: pricing.MonthlyCost) -> list[tuple[str, str, Decimal]]:
    """(what, how it is computed, USD) for every line of the month's bill."""
    free = m.free_tier_applied
    lines = [
        (
            "Requests",
            f"{m.billable_requests:,} billable"
            + (f", {m.free_requests:,} free" if free else "")
            + " x $0.20 per 1M",
            m.request_usd,
        )
    ]
    free_gbs = f" ({m.free_gb_seconds:,.0f} GB-s free)" if free else ""
    if not m.compute_charges:
        lines.append(("Duration", f"0 GB-s billable{free_gbs}", Decimal(0)))
    what = "Duration (provisioned)" if m.provisioned_gb_seconds else "Duration"
    for tier in m.compute_charges:
        how = f"{tier.gb_seconds:,.0f} GB-s x ${tier.usd_per_gb_second}{free_gbs}"
        lines.append((what, how, tier.usd))
        free_gbs = ""
    if m.provisioned_gb_seconds:
        how = f"{PROVISIONED_CONCURRENCY} x {MEMORY_MB:,} MB x {PROVISIONED_HOURS:,} h"
        how += f" = {m.provisioned_gb_seconds:,.0f} GB-s"
        lines.append(("Provisioned concurrency", how, m.provisioned_concurrency_usd))
    if m.ephemeral_storage_gb_seconds:
        how = f"{m.ephemeral_storage_gb_seconds:,.0f} GB-s above 512 MB"
        lines.append(("Ephemeral storage", how, m.ephemeral_storage_usd))
    return lines


class Bill:
    """A month's estimate, line by line: printed as text, drawn as a table."""

    def __init__(self, month: pricing.MonthlyCost) -> None:
        self.month = month
        self.lines = bill_lines(month)
        self.title = (
            f"{month.requests:,} requests x {AVG_BILLED_MS:,} ms x {MEMORY_MB:,} MB,"
            f" {month.architecture}, {month.region}"
        )
        self.note = (
            f"{month.region} list prices checked {pricing.CHECKED}; no other region"
            f" is verified. Current prices: {pricing.PRICING_PAGE}"
        )
        if month.provisioned_gb_seconds:
            self.note += " Assumes the provisioned environments serve every request."

    def __str__(self) -> str:
        rows = [f"Lambda month: {self.title}"]
        rows += [f"  {a:<24}{b:<52}{money(c):>12}" for a, b, c in self.lines]
        rows.append(f"  {'Total':<76}{money(self.month.total_usd):>12}")
        return "\n".join(rows)

    def _repr_html_(self) -> str:
        e = html.escape
        td = "padding:4px 10px;border:0;border-bottom:1px solid rgba(127,127,127,.25)"
        right = f"{td};text-align:right;white-space:nowrap"
        rows = "".join(
            f"<tr><td style='{td}'>{e(a)}</td><td style='{td};opacity:.8'>{e(b)}</td>"
            f"<td style='{right}'>{e(money(c))}</td></tr>"
            for a, b, c in self.lines
        )
        rows += (
            f"<tr><td colspan='2' style='{td};font-weight:700'>Total</td>"
            f"<td style='{right};font-weight:700;font-size:15px'>"
            f"{e(money(self.month.total_usd))}</td></tr>"
        )
        return (
            "<div style='color:inherit;max-width:760px'>"
            f"<div style='font-weight:600;margin-bottom:4px'>{e(self.title)}</div>"
            "<table style='border-collapse:collapse;width:100%;font-size:13px;"
            f"background:rgba(127,127,127,.06)'>{rows}</table>"
            "<div style='font-size:12px;opacity:.7;margin-top:4px'>"
            f"{e(self.note)}</div></div>"
        )


bill = Bill(estimate(ARCHITECTURE))
other = "x86_64" if ARCHITECTURE == "arm64" else "arm64"
print(bill)
print(f"  (on {other} the same month: {money(estimate(other).total_usd)})")
bill  # noqa: B018 -- the last expression: drawn as a table on the page

# expect: Lambda month: 8,000,000 requests x 120 ms x 1,024 MB, arm64, us-east-1
# expect: 7,000,000 billable, 1,000,000 free x $0.20 per 1M          $1.40
# expect: 560,000 GB-s x $0.0000133334 (400,000 GB-s free)           $7.47
# expect: $8.87
# expect: (on x86_64 the same month: $10.73)
