"""Provisioned concurrency: pay for warm environments by the hour, then less per use."""

from pocketcloud import pricing
from pocketcloud.pricing import ProvisionedConcurrency

usd = pricing.round_usd
MONTH_S = 30 * 24 * 3600  # a 30-day month, in seconds
pc = ProvisionedConcurrency(concurrency=10, seconds=MONTH_S)  # 10 envs all month

# Ten 1,024 MB environments can serve at most 10 x MONTH_S / 0.1 s requests of
# 100 ms. How busy must they be before provisioning them is cheaper?
full = 10 * MONTH_S * 10
print("busy   on-demand   provisioned")
for busy in (0.2, 0.4, 0.6, 0.8, 1.0):
    requests = int(full * busy)
    od = pricing.monthly_cost(requests, 100, 1024, "x86_64", free_tier=True)
    pv = pricing.monthly_cost(requests, 100, 1024, "x86_64", provisioned=pc)
    print(f"{busy:>4.0%} {usd(od.total_usd):>11,} {usd(pv.total_usd):>13,}")

prices = pricing.architecture_prices("us-east-1", "x86_64")
on_demand = prices.first_tier_usd_per_gb_second
break_even = prices.provisioned_concurrency_usd_per_gb_second / (
    on_demand - prices.provisioned_duration_usd_per_gb_second
)
print(f"break-even utilisation: {break_even:.1%}")
print("free tier applied with provisioned concurrency:", pv.free_tier_applied)

# Enabled for 61 minutes? Billed in 5-minute steps: 65 minutes.
short = pricing.monthly_cost(
    0, 1, 1024, provisioned=ProvisionedConcurrency(concurrency=1, seconds=61 * 60)
)
print(
    f"61 min x 1 env x 1 GB -> {short.provisioned_gb_seconds:,.0f} GB-s"
    f" = {short.provisioned_gb_seconds / 60:.0f} GB-minutes"
)

# expect: break-even utilisation: 60.0%
# expect: free tier applied with provisioned concurrency: False
# expect: 61 min x 1 env x 1 GB -> 3,900 GB-s = 65 GB-minutes
