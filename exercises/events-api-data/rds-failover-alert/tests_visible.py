import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def alert_lines(learner, instance="orders-db", seed=0):
    """Subscribe the learner's function to RDS events through SNS, force a failover; the FAILOVER lines it printed."""
    cloud = pocketcloud.Cloud(seed=seed)
    sns, rds, lam, logs = (cloud.client(n) for n in ("sns", "rds", "lambda", "logs"))
    topic = sns.create_topic(Name="db-events")["TopicArn"]
    fn = deploy_learner(cloud, learner, name="db-alert")
    lam.add_permission(
        FunctionName="db-alert",
        StatementId="sns",
        Action="lambda:InvokeFunction",
        Principal="sns.amazonaws.com",
        SourceArn=topic,
    )
    sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=fn.arn)
    rds.create_db_instance(DBInstanceIdentifier=instance, DBInstanceClass="db.t3.micro", Engine="mysql", MultiAZ=True)
    cloud.run(until=cloud.now + 900)
    rds.create_event_subscription(
        SubscriptionName="alerts",
        SnsTopicArn=topic,
        SourceType="db-instance",
        EventCategories=["failover", "availability"],
    )
    rds.reboot_db_instance(DBInstanceIdentifier=instance, ForceFailover=True)
    cloud.run(until=cloud.now + 300)
    lines = []
    for stream in logs.describe_log_streams(logGroupName="/aws/lambda/db-alert")["logStreams"]:
        events = logs.get_log_events(logGroupName="/aws/lambda/db-alert", logStreamName=stream["logStreamName"])
        lines += [(e["timestamp"], e["message"].strip()) for e in events["events"] if "FAILOVER" in e["message"]]
    return [line for _, line in sorted(lines)]


def test_the_failover_is_reported(learner):
    """ko: 장애 조치 시작과 완료가 차례로 한 줄씩 출력됩니다
    en: the failover's start and completion are printed, one line each, in order"""
    expect_equal(
        alert_lines(learner),
        ["FAILOVER orders-db RDS-EVENT-0013", "FAILOVER orders-db RDS-EVENT-0049"],
        ko="FAILOVER 줄",
        en="the FAILOVER lines",
    )
