"""Lambda tags: TagResource, UntagResource, ListTags, ``Tags`` on CreateFunction and CreateEventSourceMapping.

Sources: https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html ("Tags apply at the function level,
not to versions or aliases"), https://docs.aws.amazon.com/lambda/latest/api/API_TagResource.html (204, no body),
https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html (``Tags``),
https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html (50 tags per resource), checked 2026-12-01.
Messages of the refusals as LocalStack's AWS-validated Lambda provider records them.
"""

from __future__ import annotations

import pytest

from pocketcloud import ClientError

from .conftest import make_function


def _error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return exc.value.response["Error"]["Code"], exc.value.response["Error"]["Message"]


def test_tag_list_untag(lam) -> None:
    arn = make_function(lam)["FunctionArn"]
    assert lam.list_tags(Resource=arn)["Tags"] == {}
    assert lam.tag_resource(Resource=arn, Tags={"spam": "eggs"})["ResponseMetadata"]["HTTPStatusCode"] == 204
    lam.tag_resource(Resource=arn, Tags={"foo": "bar", "spam": "ham"})
    assert lam.list_tags(Resource=arn)["Tags"] == {"spam": "ham", "foo": "bar"}
    untagged = lam.untag_resource(Resource=arn, TagKeys=["spam", "not-there"])
    assert untagged["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert lam.list_tags(Resource=arn)["Tags"] == {"foo": "bar"}


def test_tags_on_create_are_returned_by_get_function_only(lam) -> None:
    """GetFunction returns ``Tags`` (only when there are some); ListFunctions' entries carry none."""
    make_function(lam, "plain")
    arn = make_function(lam, Tags={"team": "a", "stage": "dev"})["FunctionArn"]
    assert lam.get_function(FunctionName="hello")["Tags"] == {"team": "a", "stage": "dev"}
    assert "Tags" not in lam.get_function(FunctionName="plain")
    assert lam.list_tags(Resource=arn)["Tags"] == {"team": "a", "stage": "dev"}
    assert all("Tags" not in f for f in lam.list_functions()["Functions"])


def test_tagging_changes_the_revision_id(lam) -> None:
    config = make_function(lam)
    lam.tag_resource(Resource=config["FunctionArn"], Tags={"a": "b"})
    assert lam.get_function(FunctionName="hello")["Configuration"]["RevisionId"] != config["RevisionId"]


def test_versions_and_aliases_take_no_tags(lam) -> None:
    arn = make_function(lam)["FunctionArn"]
    lam.publish_version(FunctionName="hello")
    with pytest.raises(ClientError) as exc:
        lam.tag_resource(Resource=arn + ":1", Tags={"a": "b"})
    assert _error(exc) == (
        "InvalidParameterValueException",
        "Tagging operations are permitted on Lambda functions only. Tags on aliases and versions are not supported. "
        "Please specify either a function name or a function ARN.",
    )


def test_unknown_function_and_too_many_tags(lam) -> None:
    missing = "arn:aws:lambda:ap-northeast-2:123456789012:function:nope"
    for call in (
        lambda: lam.list_tags(Resource=missing),
        lambda: lam.tag_resource(Resource=missing, Tags={"a": "b"}),
        lambda: lam.untag_resource(Resource=missing, TagKeys=["a"]),
    ):
        with pytest.raises(ClientError) as exc:
            call()
        assert _error(exc) == ("ResourceNotFoundException", f"Function not found: {missing}")
    too_many = {f"k{i}": "v" for i in range(51)}
    with pytest.raises(ClientError) as exc:
        make_function(lam, Tags=too_many)
    assert _error(exc) == ("InvalidParameterValueException", "Number of tags exceeds function tag limit.")
    assert lam.list_functions()["Functions"] == []
    arn = make_function(lam, Tags={f"k{i}": "v" for i in range(50)})["FunctionArn"]
    with pytest.raises(ClientError) as exc:
        lam.tag_resource(Resource=arn, Tags={"one-more": "v"})
    assert _error(exc)[0] == "InvalidParameterValueException"
    assert len(lam.list_tags(Resource=arn)["Tags"]) == 50


def test_a_resource_arn_must_be_a_lambda_arn(lam) -> None:
    """Resource's pattern (the model): a function, event source mapping or code signing configuration ARN."""
    with pytest.raises(ClientError) as exc:
        lam.list_tags(Resource="hello")
    code, message = _error(exc)
    assert code == "ValidationException"
    assert "at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern" in message


def test_event_source_mappings_take_tags(cloud, lam) -> None:
    make_function(lam)
    sqs = cloud.client("sqs")
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    mapping = lam.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName="hello", Tags={"a": "1"})
    arn = mapping["EventSourceMappingArn"]
    assert lam.list_tags(Resource=arn)["Tags"] == {"a": "1"}
    lam.tag_resource(Resource=arn, Tags={"b": "2"})
    lam.untag_resource(Resource=arn, TagKeys=["a"])
    assert lam.list_tags(Resource=arn)["Tags"] == {"b": "2"}
    gone = arn[:-12] + "000000000000"
    with pytest.raises(ClientError) as exc:
        lam.list_tags(Resource=gone)
    assert _error(exc)[0] == "ResourceNotFoundException"
