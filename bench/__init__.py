"""Benchmarks that compare pocketcloud against peers measured in the same run (ratios, never absolute limits)."""
