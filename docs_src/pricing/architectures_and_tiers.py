"""x86_64 or arm64, and the duration tiers that cut the price of very large months."""

from pocketcloud import pricing

usd = pricing.round_usd

# The same work on both architectures: 5M requests, 120 ms, 512 MB, free tier off.
# pocketcloud runs both at the same speed, so only the price differs.
for arch in ("x86_64", "arm64"):
    m = pricing.monthly_cost(5_000_000, 120, 512, arch, free_tier=False)
    rate = m.compute_charges[0].usd_per_gb_second
    print(
        f"{arch:>6}: ${rate}/GB-s  duration ${usd(m.compute_usd)}"
        f" + requests ${usd(m.request_usd)} = ${usd(m.total_usd)}"
    )

x86 = pricing.architecture_prices("us-east-1", "x86_64").first_tier_usd_per_gb_second
arm = pricing.architecture_prices("us-east-1", "arm64").first_tier_usd_per_gb_second
print(f"arm64 duration price = {arm / x86:.1%} of x86_64")

# Tiers: the AWS Compute Blog's scenario, 75M invocations of 60 s at 2,048 MB.
print()
for arch in ("x86_64", "arm64"):
    m = pricing.monthly_cost(75_000_000, 60_000, 2048, arch, free_tier=False)
    flat = m.gb_seconds * m.compute_charges[0].usd_per_gb_second  # without tiers
    print(f"{arch}: {m.gb_seconds / 10**9:.0f} billion GB-s")
    for tier in m.compute_charges:
        print(
            f"  {tier.gb_seconds / 10**9:>4.1f}B GB-s x ${tier.usd_per_gb_second}"
            f" = ${usd(tier.usd):>10,}"
        )
    print(f"  duration ${usd(m.compute_usd):,} (one flat price: ${usd(flat):,})")

# expect: arm64 duration price = 80.0% of x86_64
# expect: 6.0B GB-s x $0.0000166667 = $100,000.20
# expect: 3.0B GB-s x $0.0000150000 = $ 45,000.00
# expect: duration $145,000.20 (one flat price: $150,000.30)
