"""ListSecrets filters: prefix matches on a secret's name, description and tags, with ``!`` for negation.

The rules are the API reference's (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Filter.html):
``name``, ``tag-key``, ``tag-value``, ``primary-region`` and ``owning-service`` are case-sensitive prefix matches,
``description`` is a prefix match that ignores case, and ``all`` "breaks the filter value string into words and
then searches all attributes for matches", ignoring case: a secret matches when one attribute (its name, its
description, one tag key or one tag value) has a word beginning with each word of the value. AWS's blog on the
enhanced search: searching "secrets for" "will return any secret with secret name, tag key, tag value, or
description that includes both "secrets" and "for" in the same field"
(https://aws.amazon.com/blogs/security/identify-arrange-manage-secrets-easily-using-enhanced-search-in-aws-secrets-manager/),
as moto's AWS-verified test_with_all_filter shows ("SecretOne" finds SecretOne but not SecretFValue; "d t" finds
the secret described "DescTwo"). The user guide's "My_Secret matches ... my or secret" is the console's search
box without a filter, not this API filter. The description filter matches *words*: "Matches words
in the secret's description; not case-sensitive. For example, Description: My Description matches" "My basic
description" and "Description of my secret" (the user guide), so every word of the value must begin a word of the
description, in any order; AWS answers ``one two`` with descriptions "one two" and "one and two", and ``t`` with
every description that has a word starting with t (moto's AWS-verified test_with_filter_with_value_with_multiple_words
and test_with_duplicate_filter_keys, getmoto/moto tests/test_secretsmanager/test_list_secrets.py).
Words split where the user guide says they do: at a
change from lower to upper case, between letters and digits, and at punctuation ("credsDatabase#892" searches for
creds, Database and 892; https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_search-secret.html).
A value starting with ``!`` excludes the secrets it matches. Several values of one filter match if any matches;
several filters must all match. How AWS combines a plain and a negated value in one filter (``["one", "!two"]``)
is not documented; pocketcloud reads the negated value as an exclusion that applies whatever else matched
(a pocketcloud model).
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import ServiceError
from .models import Secret

FILTER_KEYS = ("description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all")
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def words(text: str) -> list[str]:
    """``credsDatabase#892`` -> ``["creds", "Database", "892"]``."""
    return _WORD.findall(text)


def parse_filters(filters: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """Check each filter's Key against the enum the service accepts; return ``(key, values)`` pairs."""
    parsed = []
    for index, item in enumerate(filters, start=1):
        key = item.get("Key")
        if key not in FILTER_KEYS:
            raise ServiceError(
                "ValidationException",
                f"1 validation error detected: Value '{key}' at 'filters.{index}.member.key' failed to satisfy "
                f"constraint: Member must satisfy enum value set: [{', '.join(FILTER_KEYS)}]",
            )
        parsed.append((str(key), [str(v) for v in item.get("Values", [])]))
    return parsed


def _attributes(secret: Secret, key: str) -> list[str]:
    tags = secret.tags or []
    if key == "name":
        return [secret.name]
    if key == "description":
        return [w.lower() for w in words(secret.description)] if secret.description else []
    if key == "tag-key":
        return [t["Key"] for t in tags]
    if key == "tag-value":
        return [t.get("Value", "") for t in tags]
    # primary-region and owning-service: pocketcloud secrets are never replicas and never service-managed.
    return []


def _hit(secret: Secret, key: str, value: str) -> bool:
    if key == "all":
        wanted = [w.lower() for w in words(value)]
        fields = [secret.name, secret.description or ""] + [t["Key"] for t in secret.tags or []]
        fields += [t.get("Value", "") for t in secret.tags or []]
        return bool(wanted) and any(_all_words(field, wanted) for field in fields)
    attributes = _attributes(secret, key)
    if key == "description":
        wanted = [w.lower() for w in words(value)]
        return bool(attributes) and all(any(a.startswith(w) for a in attributes) for w in wanted)
    return any(a.startswith(value) for a in attributes)


def _all_words(field: str, wanted: list[str]) -> bool:
    """Every wanted word begins some word of this one field (the ``all`` filter's "in the same field")."""
    have = [w.lower() for w in words(field)]
    return all(any(h.startswith(w) for h in have) for w in wanted)


def matches(secret: Secret, filters: list[tuple[str, list[str]]]) -> bool:
    for key, values in filters:
        wanted = [v for v in values if not v.startswith("!")]
        unwanted = [v[1:] for v in values if v.startswith("!")]
        if wanted and not any(_hit(secret, key, v) for v in wanted):
            return False
        if any(_hit(secret, key, v) for v in unwanted):
            return False
    return True
