"""AWS's own worked examples, recomputed with pocketcloud.pricing (us-east-1 prices)."""

from pocketcloud import pricing

usd = pricing.round_usd  # exact Decimal dollars, rounded to cents for display

# 1) AWS News Blog, "1ms Billing Granularity" (2020): 100,000 users x 20 calls a day
#    x 30 days = 60M invocations of 28 ms at 1,024 MB, free tier left out.
month = pricing.monthly_cost(60_000_000, 28, 1024, "x86_64", free_tier=False)
print(
    "1 ms billing:   requests",
    usd(month.request_usd),
    "+ duration",
    usd(month.compute_usd),
    "= $" + str(usd(month.total_usd)),
)

# Before December 2020 the same 28 ms was billed as 100 ms.
old = pricing.monthly_cost(60_000_000, 100, 1024, "x86_64", free_tier=False)
print(
    "100 ms billing: requests",
    usd(old.request_usd),
    "+ duration",
    usd(old.compute_usd),
    "= $" + str(usd(old.total_usd)),
)

# 2) The pricing page's classic example: 3M invocations of 1 s at 512 MB, with the
#    free tier (1M requests and 400,000 GB-s a month).
month = pricing.monthly_cost(3_000_000, 1000, 512, "x86_64", free_tier=True)
print()
print(
    f"{month.gb_seconds:,.0f} GB-s - {month.free_gb_seconds:,.0f} free"
    f" = {month.billable_gb_seconds:,.0f} billable GB-s"
)
print(
    f"{month.requests:,} requests - {month.free_requests:,} free"
    f" = {month.billable_requests:,} billable requests"
)
print(
    "duration",
    usd(month.compute_usd),
    "+ requests",
    usd(month.request_usd),
    "= $" + str(usd(month.total_usd)),
)

# expect: 1 ms billing:   requests 12.00 + duration 28.00 = $40.00
# expect: 100 ms billing: requests 12.00 + duration 100.00 = $112.00
# expect: 1,100,000 billable GB-s
# expect: duration 18.33 + requests 0.40 = $18.73
