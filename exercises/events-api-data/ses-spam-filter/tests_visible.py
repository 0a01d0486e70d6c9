import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal
from pocketcloud.services.ses import receive


def inbox(learner, seed=0):
    """Rule 1 runs the learner's filter (RequestResponse); rule 2 stores what passes in S3."""
    cloud = pocketcloud.Cloud(seed=seed)
    fn = deploy_learner(cloud, learner, name="spam-filter")
    cloud.client("lambda").add_permission(
        FunctionName="spam-filter",
        StatementId="ses",
        Action="lambda:InvokeFunction",
        Principal="ses.amazonaws.com",
        SourceAccount=cloud.account_id,
    )
    cloud.client("s3").create_bucket(Bucket="mail", CreateBucketConfiguration={"LocationConstraint": cloud.region})
    ses = cloud.client("ses")
    ses.verify_domain_identity(Domain="example.com")
    ses.create_receipt_rule_set(RuleSetName="main")
    ses.create_receipt_rule(
        RuleSetName="main",
        Rule={
            "Name": "filter",
            "Enabled": True,
            "ScanEnabled": True,
            "Actions": [{"LambdaAction": {"FunctionArn": fn.arn, "InvocationType": "RequestResponse"}}],
        },
    )
    ses.create_receipt_rule(
        RuleSetName="main",
        After="filter",
        Rule={
            "Name": "store",
            "Enabled": True,
            "Actions": [{"S3Action": {"BucketName": "mail"}}],
        },
    )
    ses.set_active_receipt_rule_set(RuleSetName="main")
    return cloud


def stored(cloud, **verdicts):
    """Deliver one message with these verdicts; True when the second rule stored it."""
    receipt = receive(cloud, to="hello@example.com", subject="test", verdicts=verdicts)
    cloud.run()
    return "S3Action" in [action["action"] for action in receipt.actions]


def test_a_clean_message_is_stored(learner):
    """ko: 모든 판정이 PASS인 메시지는 둘째 규칙이 저장합니다
    en: a message whose verdicts all pass is stored by the second rule"""
    expect_equal(
        stored(inbox(learner)), True, ko="깨끗한 메시지가 저장되었는지", en="whether the clean message was stored"
    )


def test_spam_stops_the_rule_set(learner):
    """ko: 스팸 판정이 FAIL이면 규칙 세트가 멈춰 저장되지 않습니다
    en: a failed spam verdict stops the rule set, so nothing is stored"""
    expect_equal(stored(inbox(learner), spam="FAIL"), False, ko="스팸이 저장되었는지", en="whether the spam was stored")
