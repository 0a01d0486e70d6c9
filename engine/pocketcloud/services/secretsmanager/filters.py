"""ListSecrets filters: prefix matches on a secret's name, description and tags, with ``!`` for negation.

The rules are the API reference's (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_Filter.html):
``name``, ``tag-key``, ``tag-value``, ``primary-region`` and ``owning-service`` are case-sensitive prefix matches,
``description`` is a prefix match that ignores case, and ``all`` "breaks the filter value string into words and
then searches all attributes for matches", ignoring case. The description filter matches *words*: "Matches words
in the secret's description; not case-sensitive. For example, Description: My Description matches" "My basic
description" and "Description of my secret" (the user guide), so every word of the value must begin a word of the
description, in any order; AWS answers ``one two`` with descriptions "one two" and "one and two", and ``t`` with
every description that has a word starting with t (moto's AWS-verified test_with_filter_with_value_with_multiple_words
and test_with_duplicate_filter_keys, getmoto/moto tests/test_secretsmanager/test_list_secrets.py).
Words split where the user guide says they do: at a
change from lower to upper case, between letters and digits, and at punctuation ("credsDatabase#892" searches for
creds, Database and 892; https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_search-secret.html).
A value starting with ``!`` excludes the secrets it matches. Several values of one filter match if any matches;
several filters must all match.
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
    if key == "all":
        texts = [secret.name, secret.description or ""] + [t["Key"] for t in tags] + [t.get("Value", "") for t in tags]
        return [w.lower() for text in texts for w in words(text)]
    # primary-region and owning-service: pocketcloud secrets are never replicas and never service-managed.
    return []


def _hit(secret: Secret, key: str, value: str) -> bool:
    attributes = _attributes(secret, key)
    if key == "description":
        wanted = [w.lower() for w in words(value)]
        return bool(attributes) and all(any(a.startswith(w) for a in attributes) for w in wanted)
    if key == "all":
        return any(a.startswith(w.lower()) for w in words(value) for a in attributes)
    return any(a.startswith(value) for a in attributes)


def matches(secret: Secret, filters: list[tuple[str, list[str]]]) -> bool:
    for key, values in filters:
        wanted = [v for v in values if not v.startswith("!")]
        unwanted = [v[1:] for v in values if v.startswith("!")]
        if wanted and not any(_hit(secret, key, v) for v in wanted):
            return False
        if any(_hit(secret, key, v) for v in unwanted):
            return False
    return True
