def capacity_after(current, metric, threshold, steps, minimum, maximum):
    # Always the first step, and no limits?
    return current + steps[0]["ScalingAdjustment"]


if __name__ == "__main__":
    STEPS = [
        {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 15, "ScalingAdjustment": 1},
        {"MetricIntervalLowerBound": 15, "MetricIntervalUpperBound": 30, "ScalingAdjustment": 2},
        {"MetricIntervalLowerBound": 30, "ScalingAdjustment": 4},
    ]
    # CPU alarm at 60 %: the breach is 95 - 60 = 35, so the third step applies.
    print(capacity_after(2, 95, 60, STEPS, minimum=1, maximum=10))
    print(capacity_after(9, 95, 60, STEPS, minimum=1, maximum=10))
