from pocketcloud import pricing


def compare(requests, avg_billed_ms, memory_mb):
    x86 = pricing.monthly_cost(requests, avg_billed_ms, memory_mb, "x86_64", "us-east-1", free_tier=False)
    arm = pricing.monthly_cost(requests, avg_billed_ms, memory_mb, "arm64", "us-east-1", free_tier=False)
    if arm.total_usd <= x86.total_usd:
        return ("arm64", x86.total_usd - arm.total_usd)
    return ("x86_64", arm.total_usd - x86.total_usd)


if __name__ == "__main__":
    print(compare(8_000_000, 120, 1024))
