"""Which prices does pocketcloud know? Only the ones it could check against AWS."""

import pocketcloud
from pocketcloud import pricing

print("verified regions:", ", ".join(pricing.REGIONS), f"(checked {pricing.CHECKED})")
print("current prices:", pricing.PRICING_PAGE)

try:
    pricing.price_invocation(128, 100, "x86_64", region="ap-northeast-2")
except pricing.PricingError as err:
    print("PricingError:", err)

# The engine's cloud lives in Seoul, but an invocation's cost uses us-east-1 prices.
cloud = pocketcloud.Cloud(seed=0)


@cloud.function()
def ping(event, context):
    return "pong"


result = ping.invoke()
print(f"cloud region {cloud.region}, cost priced in {result.price_region}")

# expect: verified regions: us-east-1
# expect: PricingError: No verified Lambda prices for region 'ap-northeast-2'
# expect: cloud region ap-northeast-2, cost priced in us-east-1
