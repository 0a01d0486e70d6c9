"""Versions, aliases with weighted routing, layers, and resource policies.

Sources (checked 2026-11-25):
- Versions: https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html
- Aliases and routing: https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html
- Layers: https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html,
  https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html
- Limits (5 layers, 250 MB unzipped): https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
- Resource-based policy: https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

import pocketcloud

from .conftest import make_function

WHO = "import who\ndef handler(event, context):\n    return who.NAME\n"


def layer(lam, name: str, files: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    response = lam.publish_layer_version(LayerName=name, Content={"ZipFile": pocketcloud.zip_code(files)})
    return str(response["LayerVersionArn"])


def payload(lam, **kwargs) -> object:  # type: ignore[no-untyped-def]
    return json.loads(lam.invoke(FunctionName="hello", **kwargs)["Payload"].read())


# -- versions -------------------------------------------------------------------------------------------------


def test_publish_version_numbers_from_1_and_skips_unchanged_code(lam) -> None:
    make_function(lam)
    assert lam.publish_version(FunctionName="hello")["Version"] == "1"
    # "Lambda doesn't publish a version if the function's configuration and code haven't changed"
    assert lam.publish_version(FunctionName="hello")["Version"] == "1"
    lam.update_function_configuration(FunctionName="hello", Timeout=10)
    assert lam.publish_version(FunctionName="hello")["Version"] == "2"
    versions = [v["Version"] for v in lam.list_versions_by_function(FunctionName="hello")["Versions"]]
    assert versions == ["$LATEST", "1", "2"]


def test_a_version_is_immutable_and_has_a_qualified_arn(lam) -> None:
    make_function(lam, source="def handler(e, c):\n    return 'v1'\n")
    config = lam.publish_version(FunctionName="hello")
    assert config["FunctionArn"].endswith(":function:hello:1")
    lam.update_function_code(
        FunctionName="hello", ZipFile=pocketcloud.zip_code({"app.py": "def handler(e, c):\n    return 'v2'\n"})
    )
    assert payload(lam, Qualifier="1") == "v1"
    assert payload(lam) == "v2"
    response = lam.invoke(FunctionName="hello:1")
    assert response["ExecutedVersion"] == "1"


def test_unknown_version_is_not_found(lam) -> None:
    make_function(lam)
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.invoke(FunctionName="hello", Qualifier="9")


# -- aliases --------------------------------------------------------------------------------------------------


def test_alias_points_at_a_version_and_can_move(lam) -> None:
    make_function(lam, source="def handler(e, c):\n    return 'one'\n")
    lam.publish_version(FunctionName="hello")
    lam.update_function_code(
        FunctionName="hello", ZipFile=pocketcloud.zip_code({"app.py": "def handler(e, c):\n    return 'two'\n"})
    )
    lam.publish_version(FunctionName="hello")
    alias = lam.create_alias(FunctionName="hello", Name="live", FunctionVersion="1")
    assert alias["AliasArn"].endswith(":function:hello:live")
    assert payload(lam, Qualifier="live") == "one"
    lam.update_alias(FunctionName="hello", Name="live", FunctionVersion="2")
    assert payload(lam, Qualifier="live") == "two"
    assert lam.get_alias(FunctionName="hello", Name="live")["FunctionVersion"] == "2"


def test_weighted_alias_splits_traffic_by_weight_reproducibly(cloud, lam) -> None:
    make_function(lam)
    lam.publish_version(FunctionName="hello")
    lam.update_function_configuration(FunctionName="hello", Timeout=5)
    lam.publish_version(FunctionName="hello")
    lam.create_alias(
        FunctionName="hello", Name="canary", FunctionVersion="1", RoutingConfig={"AdditionalVersionWeights": {"2": 0.1}}
    )
    executed = Counter(lam.invoke(FunctionName="hello", Qualifier="canary")["ExecutedVersion"] for _ in range(2000))
    assert set(executed) == {"1", "2"}
    assert executed["2"] / 2000 == pytest.approx(0.1, abs=0.03)


def test_alias_routing_rules(lam) -> None:
    make_function(lam)
    lam.publish_version(FunctionName="hello")
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        lam.create_alias(
            FunctionName="hello", Name="x", FunctionVersion="1", RoutingConfig={"AdditionalVersionWeights": {"1": 0.5}}
        )
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.create_alias(FunctionName="hello", Name="y", FunctionVersion="7")
    lam.create_alias(FunctionName="hello", Name="live", FunctionVersion="1")
    with pytest.raises(lam.exceptions.ResourceConflictException):
        lam.create_alias(FunctionName="hello", Name="live", FunctionVersion="1")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_alias(FunctionName="hello", Name="nope")


# -- layers ---------------------------------------------------------------------------------------------------


def test_a_layers_python_folder_is_importable(lam) -> None:
    arn = layer(lam, "common", {"python/who.py": "NAME = 'from a layer'\n"})
    make_function(lam, source=WHO, Layers=[arn])
    assert payload(lam) == "from a layer"
    assert lam.get_function_configuration(FunctionName="hello")["Layers"][0]["Arn"] == arn


def test_site_packages_path_inside_a_layer_is_importable(lam) -> None:
    arn = layer(lam, "deps", {"python/lib/python3.13/site-packages/who.py": "NAME = 'site-packages'\n"})
    make_function(lam, source=WHO, Layers=[arn])
    assert payload(lam) == "site-packages"


def test_a_later_layer_overrides_an_earlier_one(lam) -> None:
    first = layer(lam, "first", {"python/who.py": "NAME = 'first'\n"})
    second = layer(lam, "second", {"python/who.py": "NAME = 'second'\n"})
    make_function(lam, "a", source=WHO, Layers=[first, second])
    make_function(lam, "b", source=WHO, Layers=[second, first])
    assert json.loads(lam.invoke(FunctionName="a")["Payload"].read()) == "second"
    assert json.loads(lam.invoke(FunctionName="b")["Payload"].read()) == "first"


def test_the_functions_own_code_wins_over_layers(lam) -> None:
    arn = layer(lam, "common", {"python/who.py": "NAME = 'layer'\n"})
    code = pocketcloud.zip_code({"app.py": WHO, "who.py": "NAME = 'function'\n"})
    make_function(lam, Code={"ZipFile": code}, Layers=[arn])
    assert payload(lam) == "function"


def test_at_most_five_layers(lam) -> None:
    arns = [layer(lam, f"l{i}", {f"python/m{i}.py": ""}) for i in range(6)]
    make_function(lam, "five", Layers=arns[:5])
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as exc:
        make_function(lam, "six", Layers=arns)
    assert exc.value.response["Error"]["Message"] == "Cannot reference more than 5 layers."


def test_function_plus_layers_must_fit_in_250_mb_unzipped(lam, monkeypatch) -> None:
    from pocketcloud import limits

    monkeypatch.setattr(limits, "LAMBDA_UNZIPPED_MAX_BYTES", 1000)
    arn = layer(lam, "big", {"python/big.py": "#" * 600})
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as exc:
        make_function(lam, source="# " + "x" * 500 + "\ndef handler(e, c):\n    return 1\n", Layers=[arn])
    assert "exceeds the maximum allowed size of 1000 bytes" in exc.value.response["Error"]["Message"]


def test_layer_versions_are_immutable_and_functions_keep_theirs(lam) -> None:
    v1 = layer(lam, "common", {"python/who.py": "NAME = 'v1'\n"})
    make_function(lam, source=WHO, Layers=[v1])
    v2 = layer(lam, "common", {"python/who.py": "NAME = 'v2'\n"})
    assert v1.endswith(":layer:common:1") and v2.endswith(":layer:common:2")
    assert payload(lam) == "v1"
    # Deleting the version the function uses does not break the function ...
    lam.delete_layer_version(LayerName="common", VersionNumber=1)
    lam.update_function_configuration(FunctionName="hello", Timeout=4)
    assert payload(lam) == "v1"
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_layer_version(LayerName="common", VersionNumber=1)
    # ... and version numbers are never reused.
    assert layer(lam, "common", {"python/who.py": ""}).endswith(":layer:common:3")
    lam.update_function_configuration(FunctionName="hello", Layers=[v2])
    assert payload(lam) == "v2"


def test_list_layers_and_versions(lam) -> None:
    layer(lam, "a", {"python/x.py": ""})
    layer(lam, "a", {"python/x.py": ""})
    layer(lam, "b", {"python/y.py": ""})
    listed = lam.list_layers()["Layers"]
    assert [(item["LayerName"], item["LatestMatchingVersion"]["Version"]) for item in listed] == [("a", 2), ("b", 1)]
    assert [v["Version"] for v in lam.list_layer_versions(LayerName="a")["LayerVersions"]] == [2, 1]


def test_unknown_layer_is_refused(lam) -> None:
    with pytest.raises(lam.exceptions.InvalidParameterValueException):
        make_function(lam, Layers=["arn:aws:lambda:ap-northeast-2:123456789012:layer:nope:1"])


# -- permissions ----------------------------------------------------------------------------------------------


def test_add_permission_and_get_policy(lam) -> None:
    make_function(lam)
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_policy(FunctionName="hello")
    added = lam.add_permission(
        FunctionName="hello",
        StatementId="s3-invoke",
        Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com",
        SourceArn="arn:aws:s3:::my-bucket",
    )
    statement = json.loads(added["Statement"])
    assert statement["Principal"] == {"Service": "s3.amazonaws.com"}
    assert statement["Condition"] == {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::my-bucket"}}
    policy = json.loads(lam.get_policy(FunctionName="hello")["Policy"])
    assert policy["Version"] == "2012-10-17"
    assert [s["Sid"] for s in policy["Statement"]] == ["s3-invoke"]
    with pytest.raises(lam.exceptions.ResourceConflictException):
        lam.add_permission(FunctionName="hello", StatementId="s3-invoke", Action="lambda:InvokeFunction", Principal="*")
    lam.remove_permission(FunctionName="hello", StatementId="s3-invoke")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_policy(FunctionName="hello")


def test_deleting_a_version_shuts_down_its_environments(lam) -> None:
    make_function(lam)
    version = lam.publish_version(FunctionName="hello")["Version"]
    lam.invoke(FunctionName="hello", Qualifier=version)
    assert lam.delete_function(FunctionName="hello", Qualifier=version)["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.invoke(FunctionName="hello", Qualifier=version)
    assert lam.invoke(FunctionName="hello")["StatusCode"] == 200
