from decimal import Decimal

from pocketcloud import pricing


def compare(requests, avg_billed_ms, memory_mb):
    x86 = pricing.monthly_cost(requests, avg_billed_ms, memory_mb, "x86_64", "us-east-1", free_tier=False)
    return ("x86_64", Decimal(0))


if __name__ == "__main__":
    print(compare(8_000_000, 120, 1024))
