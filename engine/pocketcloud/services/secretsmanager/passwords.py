"""GetRandomPassword with every documented option.

"By default, Secrets Manager uses uppercase and lowercase letters, numbers, and the following characters in
passwords: !"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"; "If you don't include this parameter, the default length is 32
characters"; ExcludeCharacters, ExcludeNumbers, ExcludePunctuation, ExcludeUppercase, ExcludeLowercase,
IncludeSpace ("the password can contain space characters"); RequireEachIncludedType: "If you don't include this
switch, the password contains at least one of every character type" (lower and upper case letters, numbers and
punctuation). https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html

The characters come from a generator seeded by the cloud's seed, so a lab prints the same password on every run.
That is right for a simulation and wrong for real credentials: never use these passwords outside pocketcloud.
"""

from __future__ import annotations

import random
import string
from typing import TYPE_CHECKING, Any

from ...errors import ServiceError

if TYPE_CHECKING:
    from .service import SecretsManagerService

DEFAULT_LENGTH = 32
#: The punctuation the API reference lists, which is exactly Python's string.punctuation.
PUNCTUATION = string.punctuation


def _generator(service: SecretsManagerService) -> random.Random:
    found: random.Random = service.extensions.setdefault("passwords", random.Random(f"passwords:{service.cloud.seed}"))
    return found


def get_random_password(service: SecretsManagerService, params: dict[str, Any]) -> dict[str, Any]:
    length = params.get("PasswordLength", DEFAULT_LENGTH)
    excluded = set(params.get("ExcludeCharacters", ""))
    groups = []
    for flag, chars in (
        ("ExcludeLowercase", string.ascii_lowercase),
        ("ExcludeUppercase", string.ascii_uppercase),
        ("ExcludeNumbers", string.digits),
        ("ExcludePunctuation", PUNCTUATION),
    ):
        if not params.get(flag, False):
            allowed = [c for c in chars if c not in excluded]
            if allowed:
                groups.append(allowed)
    pool = [c for group in groups for c in group]
    if params.get("IncludeSpace", False) and " " not in excluded:
        pool.append(" ")
    if not pool:
        raise ServiceError(
            "InvalidParameterException", "The password has no characters to use: every character type is excluded."
        )
    require_each = params.get("RequireEachIncludedType", True)
    if require_each and length < len(groups):
        raise ServiceError(
            "InvalidParameterException",
            f"The password length {length} is too short to include every required character type ({len(groups)}).",
        )
    rng = _generator(service)
    picked = [rng.choice(pool) for _ in range(length)]
    if require_each:
        places = rng.sample(range(length), len(groups))
        for place, group in zip(places, groups, strict=True):
            picked[place] = rng.choice(group)
    return {"RandomPassword": "".join(picked)}
