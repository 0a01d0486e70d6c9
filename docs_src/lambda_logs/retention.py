"""Lambda's log groups keep events forever unless you set a retention policy."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
lam = cloud.client("lambda")
logs = cloud.client("logs")
APP = "def handler(event, context):\n    return 'ok'\n"
lam.create_function(
    FunctionName="orders",
    Runtime="python3.13",
    Role="arn:aws:iam::123456789012:role/lambda-role",
    Handler="app.handler",
    Code={"ZipFile": pocketcloud.zip_code({"app.py": APP})},
)
GROUP = "/aws/lambda/orders"


def show(label: str) -> None:
    (group,) = logs.describe_log_groups(logGroupNamePrefix=GROUP)["logGroups"]
    events = logs.filter_log_events(logGroupName=GROUP)["events"]
    days = group.get("retentionInDays", "-")
    day = cloud.now / 86_400
    print(f"day {day:4.1f}: {len(events):>2} events, retention {days:>2}: {label}")


for day in range(10):  # one call a day at noon, ten days (4 log lines each)
    cloud.run(until=day * 86_400 + 43_200)
    lam.invoke(FunctionName="orders")
cloud.run(until=10 * 86_400)
show("no policy, kept forever")

logs.put_retention_policy(logGroupName=GROUP, retentionInDays=7)
show("older than 7 days: hidden")

logs.delete_retention_policy(logGroupName=GROUP)
show("deleted too soon: they are back")

logs.put_retention_policy(logGroupName=GROUP, retentionInDays=7)
cloud.run(until=cloud.now + 3 * 86_400)  # keep the policy for 72 hours
logs.delete_retention_policy(logGroupName=GROUP)
show("after 72 hours: gone for good")

# expect: day 10.0: 40 events, retention  -: no policy, kept forever
# expect: day 10.0: 28 events, retention  7: older than 7 days: hidden
# expect: day 10.0: 40 events, retention  -: deleted too soon: they are back
# expect: day 13.0: 28 events, retention  -: after 72 hours: gone for good
