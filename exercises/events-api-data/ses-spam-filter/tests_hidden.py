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


def test_every_failed_verdict_stops_it(learner):
    """ko: 바이러스, SPF, DKIM 판정이 FAIL이어도 멈춥니다
    en: a failed virus, SPF or DKIM verdict stops it too"""
    cloud = inbox(learner, seed=2)
    for check in ("virus", "spf", "dkim"):
        expect_equal(
            stored(cloud, **{check: "FAIL"}),
            False,
            ko=f"{check} FAIL인 메시지가 저장되었는지",
            en=f"whether a message failing {check} was stored",
        )


def test_gray_is_not_fail(learner):
    """ko: GRAY나 PROCESSING_FAILED는 FAIL이 아니므로 저장됩니다
    en: GRAY and PROCESSING_FAILED are not FAIL, so the message is stored"""
    cloud = inbox(learner, seed=3)
    expect_equal(
        stored(cloud, spam="GRAY", spf="PROCESSING_FAILED"), True, ko="저장되었는지", en="whether it was stored"
    )
