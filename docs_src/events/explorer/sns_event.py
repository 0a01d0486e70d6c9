"""SNS: the event a subscribed function receives (SNS invokes it asynchronously)."""

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sns, lam = cloud.client("sns"), cloud.client("lambda")
explorer = pocketcloud.record_events(cloud)

topic_arn = sns.create_topic(Name="orders")["TopicArn"]
lam.add_permission(
    FunctionName="explorer",
    StatementId="sns-invoke",
    Action="lambda:InvokeFunction",
    Principal="sns.amazonaws.com",
    SourceArn=topic_arn,
)
sns.subscribe(TopicArn=topic_arn, Protocol="lambda", Endpoint=explorer.arn)
sns.publish(
    TopicArn=topic_arn,
    Subject="New order",
    Message='{"order": 1017}',
    MessageAttributes={"channel": {"DataType": "String", "StringValue": "web"}},
)
cloud.run()

explorer.show()

# expect: "EventSource": "aws:sns"
# expect: "Type": "Notification"
# expect: "Subject": "New order"
# expect: "Message": "{\"order\": 1017}"
