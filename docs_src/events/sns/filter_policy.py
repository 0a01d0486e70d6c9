"""Subscription filter policies: each subscriber gets only the messages it asks for."""

import json

import pocketcloud

cloud = pocketcloud.Cloud(seed=0)
sns, lam = cloud.client("sns"), cloud.client("lambda")
topic_arn = sns.create_topic(Name="orders")["TopicArn"]


def subscriber(name, filter_policy, scope="MessageAttributes"):
    fn = pocketcloud.deploy(
        cloud,
        source="def handler(event, context):\n"
        "    print('got', event['Records'][0]['Sns']['Message'])\n",
        handler_name="handler",
        name=name,
    )
    lam.add_permission(
        FunctionName=name,
        StatementId="sns-invoke",
        Action="lambda:InvokeFunction",
        Principal="sns.amazonaws.com",
        SourceArn=topic_arn,
    )
    sns.subscribe(
        TopicArn=topic_arn,
        Protocol="lambda",
        Endpoint=fn.arn,
        Attributes={
            "FilterPolicy": json.dumps(filter_policy),
            "FilterPolicyScope": scope,
        },
    )
    return fn


gifts = subscriber("gift-wrap", {"kind": ["gift"]})
big = subscriber("fraud-check", {"total": [{"numeric": [">=", 100]}]}, "MessageBody")

for kind, total in (("gift", 20), ("regular", 250), ("gift", 120)):
    sns.publish(
        TopicArn=topic_arn,
        Message=json.dumps({"kind": kind, "total": total}),
        MessageAttributes={"kind": {"DataType": "String", "StringValue": kind}},
    )
cloud.run()
for fn in (gifts, big):
    got = [json.loads(line[4:]) for line in fn.logs() if line.startswith("got")]
    # SNS invokes each function asynchronously: arrival order is not guaranteed.
    print(f"{fn.name:<11}", sorted((m["kind"], m["total"]) for m in got))

# expect: gift-wrap   [('gift', 20), ('gift', 120)]
# expect: fraud-check [('gift', 120), ('regular', 250)]
