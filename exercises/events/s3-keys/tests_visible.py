import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def upload_and_copy(cloud, learner, keys):
    """A bucket "uploads" whose ObjectCreated events invoke the learner's function, which copies to "processed"."""
    s3 = cloud.client("s3")
    for bucket in ("uploads", "processed"):
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": cloud.region})
    fn = deploy_learner(cloud, learner, name="copier", timeout=10)
    cloud.client("lambda").add_permission(
        FunctionName="copier",
        StatementId="s3",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn="arn:aws:s3:::uploads",
        SourceAccount=cloud.account_id,
    )
    s3.put_bucket_notification_configuration(
        Bucket="uploads",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [{"LambdaFunctionArn": fn.arn, "Events": ["s3:ObjectCreated:*"]}]
        },
    )
    for key in keys:
        s3.put_object(Bucket="uploads", Key=key, Body=key.encode())
    cloud.run()
    listed = s3.list_objects_v2(Bucket="processed").get("Contents", [])
    return sorted(obj["Key"] for obj in listed)


def test_a_plain_key_is_copied(learner):
    """ko: 특수 문자가 없는 키는 그대로 복사됩니다
    en: a key without special characters is copied"""
    got = upload_and_copy(pocketcloud.Cloud(seed=0), learner, ["cat.jpg"])
    expect_equal(got, ["cat.jpg"], ko="processed 버킷의 키", en="keys in the processed bucket")


def test_a_key_with_a_space_is_copied_under_its_real_name(learner):
    """ko: 공백이 있는 키도 실제 이름으로 복사됩니다
    en: a key with a space is copied under its real name"""
    got = upload_and_copy(pocketcloud.Cloud(seed=0), learner, ["summer trip.jpg"])
    expect_equal(got, ["summer trip.jpg"], ko="processed 버킷의 키", en="keys in the processed bucket")
