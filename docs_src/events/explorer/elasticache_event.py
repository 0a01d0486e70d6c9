"""ElastiCache: a cluster event, published to its notification topic (SNS -> Lambda)."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
elasticache, sns = cloud.client("elasticache"), cloud.client("sns")
lam = cloud.client("lambda")
explorer = pocketcloud.record_events(cloud)

topic_arn = sns.create_topic(Name="cache-events")["TopicArn"]
lam.add_permission(
    FunctionName="explorer",
    StatementId="sns",
    Action="lambda:InvokeFunction",
    Principal="sns.amazonaws.com",
    SourceArn=topic_arn,
)
sns.subscribe(TopicArn=topic_arn, Protocol="lambda", Endpoint=explorer.arn)

# ElastiCache never invokes a function: NotificationTopicArn makes it publish to SNS.
elasticache.create_cache_cluster(
    CacheClusterId="sessions",
    Engine="redis",
    CacheNodeType="cache.t3.micro",
    NumCacheNodes=1,
    NotificationTopicArn=topic_arn,
)
cloud.run(until=cloud.now + 900)

explorer.show()
print("Sns.Message, parsed:", json.loads(explorer.last["Records"][0]["Sns"]["Message"]))

# expect: "EventSource": "aws:sns"
# expect: ElastiCache:CacheClusterProvisioningComplete
