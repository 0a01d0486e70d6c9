"""ListSecrets' ``description`` filter matches words, in any order, ignoring case.

Sources (checked 2026-12-01):
- https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_search-secret.html (Description: "Matches
  words in the secret's description; not case-sensitive. For example, Description: My Description matches" My
  Description, my description, My basic description, Description of my secret)
- https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Filter.html ("description: Prefix match, not
  case-sensitive"; "!" negates)
- AWS's answers recorded by moto's AWS-verified tests (getmoto/moto tests/test_secretsmanager/test_list_secrets.py
  test_with_filter_with_value_with_multiple_words, test_with_duplicate_filter_keys): "one two" and "o t" find
  "one two" and "one and two"; "t" finds every description with a word starting with t; two description filters
  must both match.
"""

from __future__ import annotations

from typing import Any

import pytest

import pocketcloud


@pytest.fixture
def names(cloud: pocketcloud.Cloud):  # type: ignore[no-untyped-def]
    sm = cloud.client("secretsmanager")
    for name, description in (
        ("foo", "one two"),
        ("bar", "one and two"),
        ("baz", "one"),
        ("qux", "two"),
        ("none", "unrelated"),
        ("docs", "Description of my secret"),
    ):
        sm.create_secret(Name=name, SecretString="s", Description=description)
    sm.create_secret(Name="plain", SecretString="s")

    def listed(*filters: dict[str, Any]) -> list[str]:
        return [s["Name"] for s in sm.list_secrets(Filters=list(filters))["SecretList"]]

    return listed


def test_every_word_of_the_value_begins_a_word_of_the_description(names) -> None:  # type: ignore[no-untyped-def]
    assert names({"Key": "description", "Values": ["one two"]}) == ["foo", "bar"]
    assert names({"Key": "description", "Values": ["o t"]}) == ["foo", "bar"]
    assert names({"Key": "description", "Values": ["t"]}) == ["foo", "bar", "qux"]
    assert names({"Key": "description", "Values": ["My Description"]}) == ["docs"]
    assert names({"Key": "description", "Values": ["SECRET"]}) == ["docs"]


def test_filters_on_the_same_key_must_all_match_and_negation_still_excludes(names) -> None:  # type: ignore[no-untyped-def]
    both = names({"Key": "description", "Values": ["one"]}, {"Key": "description", "Values": ["two"]})
    assert both == ["foo", "bar"]
    # "!" negates a value: "!o" leaves out every description with a word starting with o (moto's test_with_filter_
    # _with_negation expects qux and none here). How AWS combines a negated and a plain value in one filter is not
    # documented; pocketcloud's model is that a negated value always excludes (see filters.py).
    negated = names({"Key": "description", "Values": ["!o"]})
    assert {"qux", "none"} <= set(negated) and not {"foo", "bar", "baz"} & set(negated)
    assert names({"Key": "description", "Values": ["wo"]}) == []


def test_the_all_filter_needs_every_word_of_the_value_in_one_field(cloud: pocketcloud.Cloud) -> None:
    """``all`` splits the value into words; a secret matches when one of its fields (name, description, a tag key,
    a tag value) has a word beginning with each of them.

    Sources: AWS's blog on the enhanced search ("secrets for" returns secrets whose name, tag key, tag value or
    description "includes both "secrets" and "for" in the same field",
    https://aws.amazon.com/blogs/security/identify-arrange-manage-secrets-easily-using-enhanced-search-in-aws-secrets-manager/)
    and moto's test_with_all_filter, verified against AWS (getmoto/moto tests/test_secretsmanager/test_list_secrets.py):
    "SecretOne" finds only SecretOne, "d t" only the secret described "DescTwo", "SomeSecret" nothing.
    """
    sm = cloud.client("secretsmanager")
    sm.create_secret(Name="SecretOne", SecretString="s")
    sm.create_secret(Name="SecretTwo", SecretString="s", Description="DescTwo")
    sm.create_secret(Name="SecretFValue", SecretString="s", Tags=[{"Key": "foo", "Value": "v"}])

    def listed(value: str) -> list[str]:
        return [s["Name"] for s in sm.list_secrets(Filters=[{"Key": "all", "Values": [value]}])["SecretList"]]

    assert listed("SecretOne") == ["SecretOne"]
    assert listed("d t") == ["SecretTwo"]
    assert listed("SomeSecret") == []
    assert listed("secret") == ["SecretOne", "SecretTwo", "SecretFValue"]
    assert listed("foo") == ["SecretFValue"]
    assert listed("ret") == []
