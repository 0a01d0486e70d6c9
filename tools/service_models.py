"""Generate the engine's API shape files from botocore's own service models.

botocore ships every AWS service's model (``botocore/data/<service>/<api-version>/service-2.json.gz``): the
operations, their input and output shapes, types, required members, min/max/pattern/enum constraints and
modeled errors. pocketcloud's clients validate requests and shape responses from exactly that data, so the
engine and boto3 can never disagree on a parameter name or a constraint. This tool keeps only what the engine
needs (the operations it implements, the shapes they reach, no documentation) and writes one compact JSON file
per service into ``engine/pocketcloud/models/``, which ships in the wheel and is loaded on first use.

Java regular expressions (what the models use) are translated to Python's ``re`` here, once, so the engine never
needs the Unicode database at run time: ``\\p{L}`` and friends become a shared table of code point ranges.

    python tools/service_models.py            # regenerate every file
    python tools/service_models.py --check    # exit 1 if a file is out of date (the test suite runs this)
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "engine" / "pocketcloud" / "models"
sys.path.insert(0, str(ROOT / "engine"))

#: Shape keys the engine reads; everything else (documentation, deprecation notes, examples) is dropped.
SHAPE_KEYS = (
    "type", "required", "members", "member", "key", "value", "min", "max", "pattern", "enum", "sensitive",
    "document", "union", "error", "exception", "fault", "payload", "streaming", "eventstream", "event",
    "timestampFormat", "flattened", "xmlNamespace", "locationName",
)  # fmt: skip
MEMBER_KEYS = (
    "shape", "location", "locationName", "idempotencyToken", "jsonvalue", "hostLabel", "eventpayload",
    "xmlAttribute", "flattened", "queryName", "timestampFormat",
)  # fmt: skip
OPERATION_KEYS = ("http", "input", "output", "errors", "endpoint")
METADATA_KEYS = ("apiVersion", "protocol", "jsonVersion", "targetPrefix", "serviceId", "endpointPrefix", "signingName")

#: Java's POSIX classes (ASCII-only unless UNICODE_CHARACTER_CLASS is set, which AWS does not do).
POSIX = {
    "Print": r"\x20-\x7E",
    "ASCII": r"\x00-\x7F",
    "Alnum": r"0-9A-Za-z",
    "Alpha": r"A-Za-z",
    "Digit": r"0-9",
    "Upper": r"A-Z",
    "Lower": r"a-z",
    "Punct": r"!-/:-@\[-`{-~",
    "Graph": r"\x21-\x7E",
    "Space": r" \t\n\x0B\f\r",
    "XDigit": r"0-9A-Fa-f",
    "Cntrl": r"\x00-\x1F\x7F",
}


@cache
def unicode_ranges(category: str) -> str:
    """The code points of a Unicode general category (e.g. ``L``, ``Zs``) as a Python character-class body."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        if unicodedata.category(chr(code)).startswith(category):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))

    def esc(code: int) -> str:
        if code < 0x7F and chr(code).isalnum():
            return chr(code)
        return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"

    return "".join(esc(a) if a == b else f"{esc(a)}-{esc(b)}" for a, b in ranges)


_SURROGATE_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE)


def _join_surrogates(match: re.Match[str]) -> str:
    high, low = int(match.group(1), 16), int(match.group(2), 16)
    return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"


def translate_pattern(java: str, categories: set[str]) -> str:
    """A Python ``re`` pattern that matches what the Java pattern matches (for ``re.fullmatch``).

    Unicode properties stay as ``\\p{X}`` tokens *inside a character class*; the engine substitutes the
    shared range table (``unicode`` in the shape file) when it compiles the pattern.
    """
    text = _SURROGATE_PAIR.sub(_join_surrogates, java)
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in "pP":
                match = re.match(r"\\[pP](\{(\w+)\}|(\w))", text[i:])
                if match is None:
                    raise ValueError(f"cannot translate {java!r}")
                name = match.group(2) or match.group(3)
                if name in POSIX:
                    body = POSIX[name]
                else:
                    name = name.removeprefix("Is")
                    categories.add(name)
                    body = f"\\p{{{name}}}"
                if nxt == "P":
                    if depth:
                        raise ValueError(f"negated property inside a class: {java!r}")
                    out.append(f"[^{body}]")
                else:
                    out.append(body if depth else f"[{body}]")
                i += len(match.group(0))
                continue
            token = text[i : i + 2]
            # Java reads "-" after a class escape (\w-_) as a literal; Python refuses the range.
            class_escape = token in ("\\w", "\\d", "\\s", "\\W", "\\D", "\\S")
            if depth and class_escape and text[i + 2 : i + 3] == "-" and text[i + 3 : i + 4] != "]":
                out.append(token + "\\-")
                i += 3
                continue
            out.append(token)
            i += 2
            continue
        if char == "[" and (depth == 0 or text[i - 1] != "\\"):
            if depth:
                raise ValueError(f"nested character class: {java!r}")
            depth += 1
            out.append(char)
            # a literal "]" or "^]" right after "[" is part of the class in both dialects
            if text[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if text[i + 1 : i + 2] == "]":
                out.append("\\]")
                i += 1
        elif char == "]" and depth:
            depth -= 1
            out.append(char)
        elif char == "[" and depth:
            out.append("\\[")
        else:
            out.append(char)
        i += 1
    result = "".join(out)
    # Python refuses "{,n}"-less forms Java accepts? Both treat "{" literally when not a quantifier.
    probe = result
    for name in categories:
        probe = probe.replace(f"\\p{{{name}}}", "a")
    re.compile(probe)  # raises on anything left untranslated
    return result


def botocore_data() -> Path:
    import botocore

    return Path(botocore.__file__).parent / "data"


def load_botocore_model(service: str, kind: str = "service-2") -> dict[str, Any] | None:
    """A model as botocore's loader returns it: the newest API version, with its ``.sdk-extras.json`` merged in
    (botocore's ``ExtrasProcessor``; e.g. S3's extras make ``Expires`` a timestamp)."""
    folder = botocore_data() / service
    versions = sorted(p for p in folder.iterdir() if p.is_dir())
    path = versions[-1] / f"{kind}.json.gz"
    if path.exists():
        model = dict(json.loads(gzip.decompress(path.read_bytes())))
    else:
        plain = versions[-1] / f"{kind}.json"
        if not plain.exists():
            return None
        model = dict(json.loads(plain.read_text()))
    extras = versions[-1] / f"{kind}.sdk-extras.json"
    if extras.exists():
        _deep_merge(model, json.loads(extras.read_text()).get("merge", {}))
    return model


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    """botocore.utils.deep_merge: nested dictionaries merge, everything else is replaced."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _deep_merge(base[key], value)
        else:
            base[key] = value


def implemented_operations() -> dict[str, list[str]]:
    """Service name -> the AWS operation names its pocketcloud client implements (from the client classes)."""
    from pocketcloud.services import CLIENTS

    found: dict[str, list[str]] = {}
    for service, cls in CLIENTS.items():
        names = sorted(
            {getattr(member, "operation_name", None) for member in vars_of(cls)} - {None}  # type: ignore[arg-type]
        )
        found[service] = names
    return found


def vars_of(cls: type) -> list[Any]:
    return [value for klass in cls.__mro__ for value in vars(klass).values()]


def compact(service: str, operations: list[str]) -> dict[str, Any]:
    model = load_botocore_model(service)
    if model is None:
        raise SystemExit(f"botocore has no model for {service}")
    shapes = model["shapes"]
    missing = [name for name in operations if name not in model["operations"]]
    if missing:
        raise SystemExit(f"{service}: botocore's model has no operation {missing}")
    keep: dict[str, Any] = {}

    def visit(name: str) -> None:
        if name in keep:
            return
        shape = shapes[name]
        keep[name] = None  # mark before recursing: shapes can be recursive
        slim = {k: shape[k] for k in SHAPE_KEYS if k in shape}
        if "members" in shape:
            slim["members"] = {
                member: {k: spec[k] for k in MEMBER_KEYS if k in spec} for member, spec in shape["members"].items()
            }
            for spec in shape["members"].values():
                visit(spec["shape"])
        for ref in ("member", "key", "value"):
            if ref in shape:
                slim[ref] = {k: shape[ref][k] for k in MEMBER_KEYS if k in shape[ref]}
                visit(shape[ref]["shape"])
        if "pattern" in shape:
            categories: set[str] = set()
            try:
                python = translate_pattern(shape["pattern"], categories)
            except (ValueError, re.error) as exc:
                raise SystemExit(f"{service}.{name}: {exc}") from None
            if python != shape["pattern"]:
                slim["pyPattern"] = python
            unicode_used.update(categories)
        keep[name] = slim

    unicode_used: set[str] = set()
    ops: dict[str, Any] = {}
    for name in operations:
        op = model["operations"][name]
        slim_op = {k: op[k] for k in OPERATION_KEYS if k in op}
        for ref in ("input", "output"):
            if ref in op:
                visit(op[ref]["shape"])
        for error in op.get("errors", []):
            visit(error["shape"])
        ops[name] = slim_op
    errors = sorted(name for name, shape in shapes.items() if shape.get("exception"))
    result: dict[str, Any] = {
        "metadata": {k: model["metadata"][k] for k in METADATA_KEYS if k in model["metadata"]},
        "operations": ops,
        "shapes": dict(sorted(keep.items())),
        "errors": errors,
    }
    if unicode_used:
        result["unicode"] = {name: unicode_ranges(name) for name in sorted(unicode_used)}
    paginators = load_botocore_model(service, "paginators-1")
    if paginators:
        pages = {name: spec for name, spec in paginators.get("pagination", {}).items() if name in operations}
        if pages:
            result["paginators"] = pages
    return result


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, separators=(",", ":"), sort_keys=False, ensure_ascii=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a committed file is out of date")
    args = parser.parse_args(argv)
    stale: list[str] = []
    wanted = implemented_operations()
    for service, operations in sorted(wanted.items()):
        text = render(compact(service, operations))
        path = OUT / f"{service}.json"
        if path.exists() and path.read_text() == text:
            continue
        if args.check:
            stale.append(path.name)
        else:
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)} ({len(text):,} bytes, {len(operations)} operations)")
    expected = {f"{service}.json" for service in wanted}
    extra = sorted(p.name for p in OUT.glob("*.json") if p.name not in expected)
    if extra and args.check:
        stale += extra
    elif extra:
        for name in extra:
            (OUT / name).unlink()
    if stale:
        print(f"out of date: {', '.join(stale)}; run python tools/service_models.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
