"""Intrinsic functions (``States.Format(...)`` and friends): a small parser and the eighteen functions.

Grammar and behaviour follow the developer guide's intrinsic-functions page
(https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html) and the ASL spec
(https://states-language.net/#appendix-b): arguments are string literals in single quotes (``\\'``, ``\\{``,
``\\}`` and ``\\\\`` escape), numbers, ``true``/``false``/``null``, paths (``$.x``, ``$$.Execution.Id``, a
variable ``$name.x``) or nested intrinsic calls. An invocation is parsed once when the definition is compiled;
evaluating it calls ``read(ref)`` for each path argument.

Each function checks its arguments as the guide documents (types, counts, the 10,000-character limits of
Base64Encode/Base64Decode/Hash, ArrayRange's 1,000 items, ...). A failed check raises :class:`IntrinsicError`; the
payload builder turns it into ``States.Runtime`` with the state-error prefix, the error AWS reports for a payload
template that cannot be evaluated. The exact wording of AWS's cause texts for intrinsic failures is not
documented; the messages here say what is wrong in the guide's terms (a pocketcloud model).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .paths import JsonPath, compile_path

#: "The input string ... must be 10,000 characters or less" (Base64Encode, Base64Decode, Hash).
MAX_STRING_CHARS = 10_000
#: States.ArrayRange: "The array ... can contain a maximum of 1,000 items".
MAX_RANGE_ITEMS = 1_000
HASH_ALGORITHMS = {
    "MD5": hashlib.md5,
    "SHA-1": hashlib.sha1,
    "SHA-256": hashlib.sha256,
    "SHA-384": hashlib.sha384,
    "SHA-512": hashlib.sha512,
}


#: Escaped braces (``\\{``, ``\\}``) in string literals are kept apart from States.Format's ``{}`` placeholders
#: until the template is filled in (private-use code points that never appear in ASL text).
_OPEN, _CLOSE = "\ue000", "\ue001"


def _restore(text: str) -> str:
    return text.replace(_OPEN, "{").replace(_CLOSE, "}")


class IntrinsicError(Exception):
    """An intrinsic function that cannot be evaluated on its arguments (the text says why)."""


class IntrinsicSyntaxError(ValueError):
    """Text that is not a well-formed intrinsic invocation."""


@dataclass(frozen=True)
class DataRef:
    """A path argument: which document it reads (``input``, ``context`` or a variable) and the path in it."""

    source: str  # "input" | "context" | "var"
    name: str  # the variable's name for "var"
    path: JsonPath
    text: str


def data_ref(text: str) -> DataRef:
    """``$.a`` -> input; ``$$.Execution.Id`` -> context object; ``$myVar.a`` -> variable ``myVar``."""
    if text.startswith("$$"):
        return DataRef("context", "", compile_path("$" + text[2:]), text)
    if text == "$" or text[1:2] in (".", "["):
        return DataRef("input", "", compile_path(text), text)
    end = 1
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return DataRef("var", text[1:end], compile_path("$" + text[end:]), text)


Reader = Callable[[DataRef], Any]


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Any, ...]  # literals, DataRef or Call
    text: str

    def evaluate(self, read: Reader, rng: random.Random | None = None, uuid: Callable[[], str] | None = None) -> Any:
        values = [
            a.evaluate(read, rng, uuid) if isinstance(a, Call) else read(a) if isinstance(a, DataRef) else a
            for a in self.args
        ]
        if self.name != "States.Format" or not values:
            values = [_restore(v) if isinstance(v, str) else v for v in values]
        function = FUNCTIONS.get(self.name)
        if function is None:
            raise IntrinsicError(f"Unsupported intrinsic function: {self.name}")
        if self.name == "States.UUID":
            if values:
                raise IntrinsicError("States.UUID takes no arguments")
            return uuid() if uuid is not None else _uuid_from(rng or random.Random(0))
        if self.name == "States.MathRandom":
            return _math_random(values, rng or random.Random(0))
        return function(values)


def is_intrinsic(text: str) -> bool:
    return text.startswith("States.")


@lru_cache(maxsize=2048)
def parse(text: str) -> Call:
    """Parse one invocation, e.g. ``States.Format('Hello {}', $.name)``."""
    parser = _Parser(text)
    call = parser.call()
    parser.skip_space()
    if parser.i != len(text):
        raise IntrinsicSyntaxError(f"unexpected text after the function call in {text!r}")
    return call


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def skip_space(self) -> None:
        while self.i < len(self.text) and self.text[self.i] in " \t\n\r":
            self.i += 1

    def call(self) -> Call:
        start = self.i
        self.skip_space()
        j = self.i
        while j < len(self.text) and (self.text[j].isalnum() or self.text[j] in "._"):
            j += 1
        name = self.text[self.i : j]
        if not name.startswith("States.") or j >= len(self.text) or self.text[j] != "(":
            raise IntrinsicSyntaxError(f"not an intrinsic function call: {self.text!r}")
        self.i = j + 1
        args: list[Any] = []
        self.skip_space()
        if self.text[self.i : self.i + 1] == ")":
            self.i += 1
            return Call(name, (), self.text[start : self.i])
        while True:
            args.append(self.argument())
            self.skip_space()
            ch = self.text[self.i : self.i + 1]
            self.i += 1
            if ch == ")":
                return Call(name, tuple(args), self.text[start : self.i])
            if ch != ",":
                raise IntrinsicSyntaxError(f"expected ',' or ')' in {self.text!r}")

    def argument(self) -> Any:
        self.skip_space()
        text = self.text
        ch = text[self.i : self.i + 1]
        if ch == "'":
            return self.string()
        if ch == "$":
            j = self.i
            depth = 0
            quote = False
            while j < len(text):
                c = text[j]
                if quote:
                    if c == "'":
                        quote = False
                elif c == "'":
                    quote = True
                elif c == "[":
                    depth += 1
                elif c == "]":
                    depth -= 1
                elif depth == 0 and c in ",) ":
                    break
                j += 1
            ref = data_ref(text[self.i : j])
            self.i = j
            return ref
        if text.startswith("States.", self.i):
            return self.call()
        j = self.i
        while j < len(text) and text[j] not in ",) \t":
            j += 1
        token = text[self.i : j]
        self.i = j
        if token == "true":
            return True
        if token == "false":
            return False
        if token == "null":
            return None
        try:
            number = json.loads(token)
        except ValueError:
            raise IntrinsicSyntaxError(f"bad argument {token!r} in {text!r}") from None
        if not isinstance(number, (int, float)) or isinstance(number, bool):
            raise IntrinsicSyntaxError(f"bad argument {token!r} in {text!r}")
        return number

    def string(self) -> str:
        text = self.text
        out: list[str] = []
        i = self.i + 1
        while i < len(text):
            ch = text[i]
            if ch == "\\" and i + 1 < len(text):
                escaped = text[i + 1]
                out.append(_OPEN if escaped == "{" else _CLOSE if escaped == "}" else escaped)
                i += 2
                continue
            if ch == "'":
                self.i = i + 1
                return "".join(out)
            out.append(ch)
            i += 1
        raise IntrinsicSyntaxError(f"unterminated string in {text!r}")


# -- the functions ----------------------------------------------------------------------------------------------
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def to_json(value: Any) -> str:
    """JSON text as Step Functions writes it: compact, non-ASCII characters kept."""
    return _ENCODE(value)


def _count(name: str, values: list[Any], *counts: int) -> None:
    if len(values) not in counts:
        expected = " or ".join(str(c) for c in counts)
        raise IntrinsicError(f"{name} expects {expected} argument(s), got {len(values)}")


def _is_int(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _format(values: list[Any]) -> str:
    if not values or not isinstance(values[0], str):
        raise IntrinsicError("States.Format expects a string template as its first argument")
    template = values[0]
    pieces = template.split("{}")
    if len(pieces) - 1 != len(values) - 1:
        raise IntrinsicError(
            f"States.Format template has {len(pieces) - 1} placeholder(s) but {len(values) - 1} argument(s) were given"
        )
    out = [pieces[0]]
    for value, piece in zip(values[1:], pieces[1:], strict=True):
        if isinstance(value, (dict, list)):
            raise IntrinsicError("States.Format arguments must be strings, numbers, booleans or null")
        out.append(value if isinstance(value, str) else to_json(value))
        out.append(piece)
    return _restore("".join(out))


def _string_to_json(values: list[Any]) -> Any:
    _count("States.StringToJson", values, 1)
    if not isinstance(values[0], str):
        raise IntrinsicError("States.StringToJson expects a string argument")
    try:
        return json.loads(values[0])
    except ValueError:
        raise IntrinsicError(f"States.StringToJson could not parse the string as JSON: {values[0]}") from None


def _json_to_string(values: list[Any]) -> str:
    _count("States.JsonToString", values, 1)
    return to_json(values[0])


def _array_partition(values: list[Any]) -> list[Any]:
    _count("States.ArrayPartition", values, 2)
    array, size = values
    if not isinstance(array, list):
        raise IntrinsicError("States.ArrayPartition expects an array as its first argument")
    if not _is_int(size) or size <= 0:
        raise IntrinsicError("States.ArrayPartition expects a chunk size greater than 0")
    n = int(size)
    return [array[i : i + n] for i in range(0, len(array), n)]


def _array_contains(values: list[Any]) -> bool:
    _count("States.ArrayContains", values, 2)
    if not isinstance(values[0], list):
        raise IntrinsicError("States.ArrayContains expects an array as its first argument")
    return any(_same(item, values[1]) for item in values[0])


def _same(a: Any, b: Any) -> bool:
    return isinstance(a, bool) == isinstance(b, bool) and a == b


def _array_range(values: list[Any]) -> list[int]:
    _count("States.ArrayRange", values, 3)
    if not all(_is_int(v) for v in values):
        raise IntrinsicError("States.ArrayRange expects integer arguments")
    start, end, step = (int(v) for v in values)
    if step == 0:
        raise IntrinsicError("States.ArrayRange step cannot be 0")
    stop = end + (1 if step > 0 else -1)
    result = list(range(start, stop, step))
    if len(result) > MAX_RANGE_ITEMS:
        raise IntrinsicError(f"States.ArrayRange cannot produce more than {MAX_RANGE_ITEMS} items")
    return result


def _array_get_item(values: list[Any]) -> Any:
    _count("States.ArrayGetItem", values, 2)
    array, index = values
    if not isinstance(array, list):
        raise IntrinsicError("States.ArrayGetItem expects an array as its first argument")
    if not _is_int(index) or not 0 <= int(index) < len(array):
        raise IntrinsicError(f"States.ArrayGetItem index {index} is out of bounds for an array of {len(array)}")
    return array[int(index)]


def _array_length(values: list[Any]) -> int:
    _count("States.ArrayLength", values, 1)
    if not isinstance(values[0], list):
        raise IntrinsicError("States.ArrayLength expects an array argument")
    return len(values[0])


def _array_unique(values: list[Any]) -> list[Any]:
    _count("States.ArrayUnique", values, 1)
    if not isinstance(values[0], list):
        raise IntrinsicError("States.ArrayUnique expects an array argument")
    seen: list[Any] = []
    for item in values[0]:
        if not any(_same(item, other) for other in seen):
            seen.append(item)
    return seen


def _base64_encode(values: list[Any]) -> str:
    _count("States.Base64Encode", values, 1)
    text = values[0]
    if not isinstance(text, str):
        raise IntrinsicError("States.Base64Encode expects a string argument")
    if len(text) > MAX_STRING_CHARS:
        raise IntrinsicError(f"States.Base64Encode input must be {MAX_STRING_CHARS} characters or less")
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _base64_decode(values: list[Any]) -> str:
    _count("States.Base64Decode", values, 1)
    text = values[0]
    if not isinstance(text, str):
        raise IntrinsicError("States.Base64Decode expects a string argument")
    if len(text) > MAX_STRING_CHARS:
        raise IntrinsicError(f"States.Base64Decode input must be {MAX_STRING_CHARS} characters or less")
    try:
        return base64.b64decode(text, validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise IntrinsicError("States.Base64Decode input is not valid Base64") from None


def _hash(values: list[Any]) -> str:
    _count("States.Hash", values, 2)
    data, algorithm = values
    if data is None:
        raise IntrinsicError("States.Hash data cannot be null")
    text = data if isinstance(data, str) else to_json(data)
    if len(text) > MAX_STRING_CHARS:
        raise IntrinsicError(f"States.Hash input must be {MAX_STRING_CHARS} characters or less")
    factory = HASH_ALGORITHMS.get(algorithm) if isinstance(algorithm, str) else None
    if factory is None:
        raise IntrinsicError(f"States.Hash algorithm must be one of {', '.join(HASH_ALGORITHMS)}, got {algorithm}")
    return factory(text.encode("utf-8")).hexdigest()


def _json_merge(values: list[Any]) -> dict[str, Any]:
    _count("States.JsonMerge", values, 3)
    left, right, deep = values
    if not isinstance(left, dict) or not isinstance(right, dict):
        raise IntrinsicError("States.JsonMerge expects two JSON objects")
    if deep is not False:
        raise IntrinsicError("States.JsonMerge only supports a shallow merge: its third argument must be false")
    return {**left, **right}


def _math_random(values: list[Any], rng: random.Random) -> int:
    _count("States.MathRandom", values, 2, 3)
    if not all(_is_int(v) for v in values):
        raise IntrinsicError("States.MathRandom expects integer arguments")
    start, end = int(values[0]), int(values[1])
    source = random.Random(int(values[2])) if len(values) == 3 else rng
    if end <= start:
        raise IntrinsicError("States.MathRandom end must be greater than start")
    return source.randrange(start, end)


def _math_add(values: list[Any]) -> int | float:
    _count("States.MathAdd", values, 2)
    a, b = values
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        raise IntrinsicError("States.MathAdd expects numeric arguments")
    total = a + b
    if isinstance(total, float) and total.is_integer() and _is_int(a) and _is_int(b):
        return int(total)
    if isinstance(total, float) and not math.isfinite(total):
        raise IntrinsicError("States.MathAdd result is not a finite number")
    result: int | float = total
    return result


def _string_split(values: list[Any]) -> list[str]:
    _count("States.StringSplit", values, 2)
    text, delimiter = values
    if not isinstance(text, str) or not isinstance(delimiter, str):
        raise IntrinsicError("States.StringSplit expects a string and a delimiter string")
    if not delimiter:
        return [text] if text else []
    # Each character of the delimiter separates tokens, and empty tokens are dropped (Java's StringTokenizer).
    tokens: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch in delimiter:
            if current:
                tokens.append("".join(current))
                current = []
        else:
            current.append(ch)
    if current:
        tokens.append("".join(current))
    return tokens


def _uuid_from(rng: random.Random) -> str:
    bits = rng.getrandbits(128)
    bits = (bits & ~(0xF000 << 64) | (0x4000 << 64)) & ~(0xC000 << 48) | (0x8000 << 48)
    h = f"{bits:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


FUNCTIONS: dict[str, Callable[[list[Any]], Any]] = {
    "States.Format": _format,
    "States.StringToJson": _string_to_json,
    "States.JsonToString": _json_to_string,
    "States.Array": list,
    "States.ArrayPartition": _array_partition,
    "States.ArrayContains": _array_contains,
    "States.ArrayRange": _array_range,
    "States.ArrayGetItem": _array_get_item,
    "States.ArrayLength": _array_length,
    "States.ArrayUnique": _array_unique,
    "States.Base64Encode": _base64_encode,
    "States.Base64Decode": _base64_decode,
    "States.Hash": _hash,
    "States.JsonMerge": _json_merge,
    "States.MathRandom": lambda values: None,  # needs the seeded source: see Call.evaluate
    "States.MathAdd": _math_add,
    "States.StringSplit": _string_split,
    "States.UUID": lambda values: None,  # needs the seeded source: see Call.evaluate
}
