import pocketcloud
from pocketcloud.grading.checks import deploy_learner, expect_equal


def test_plus_signs_hangul_and_folders_survive(learner):
    """ko: +, 한글, 폴더 구분자가 있는 키도 실제 이름 그대로 복사됩니다
    en: keys with a plus sign, Hangul and folders are copied under their real names"""
    cloud = pocketcloud.Cloud(seed=3)
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
    keys = ["2026/여름 휴가.jpg", "a+b=c.txt", "100% done?.pdf"]
    for key in keys:
        s3.put_object(Bucket="uploads", Key=key, Body=b"x")
    cloud.run()
    listed = s3.list_objects_v2(Bucket="processed").get("Contents", [])
    expect_equal(
        sorted(o["Key"] for o in listed), sorted(keys), ko="processed 버킷의 키", en="keys in the processed bucket"
    )
