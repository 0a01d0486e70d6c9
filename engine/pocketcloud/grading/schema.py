"""The schemas of an exercise folder's TOML files, and a small validator that explains itself.

The schemas are JSON Schema (the subset below: ``type``, ``properties``, ``required``,
``additionalProperties``, ``enum``, ``minimum``/``maximum``, ``minLength``, ``minItems``, ``items``), so an
editor that understands JSON Schema can check a ``meta.toml`` too. The validator is hand-written rather than a
dependency because the engine's runtime stays stdlib-only, and because its messages name the file, the key
path and the allowed values in words a teacher understands::

    exercises/lambda-basics/first-function/meta.toml: difficulty: must be one of "easy", "medium", "hard"
    (got "ez")
"""

from __future__ import annotations

from typing import Any

BILINGUAL: dict[str, Any] = {
    "type": "object",
    "properties": {"ko": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}},
    "required": ["ko", "en"],
    "additionalProperties": False,
}

META_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "pocketcloud exercise meta.toml",
    "type": "object",
    "properties": {
        "title": BILINGUAL,
        "difficulty": {"enum": ["easy", "medium", "hard"]},
        "order": {"type": "integer", "minimum": 1, "maximum": 999},
        "solution_after": {
            "type": "integer",
            "minimum": 0,
            "maximum": 50,
            "description": "failed checks after which the explanation (and, in builds that ship them, the "
            "solution) is shown; 0 = only after success",
        },
        "time_limit_s": {"type": "integer", "minimum": 1, "maximum": 120},
        "kind": {
            "enum": ["script", "function"],
            "description": "script (default): the learner's file runs as a module and tests call its names; "
            "function: the file is a Lambda function's app.py, deployed by the tests, never run as a module",
        },
        "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
    },
    "required": ["title", "difficulty", "order", "solution_after"],
    "additionalProperties": False,
}

CHAPTER_SCHEMA: dict[str, Any] = {
    "title": "pocketcloud exercise chapter.toml",
    "type": "object",
    "properties": {
        "title": BILINGUAL,
        "order": {"type": "integer", "minimum": 1, "maximum": 999},
        "page": {"type": "string", "minLength": 4, "description": "the lesson page, relative to docs/<lang>/"},
    },
    "required": ["title", "order", "page"],
    "additionalProperties": False,
}

QUESTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "kind": {"enum": ["single", "multiple", "numeric"]},
        "prompt": BILINGUAL,
        "choices": {"type": "array", "items": BILINGUAL, "minItems": 2},
        "answer": {"type": ["integer", "number", "array"]},
        "tolerance": {"type": "number", "minimum": 0},
        "unit": BILINGUAL,
        "explanation": BILINGUAL,
    },
    "required": ["id", "kind", "prompt", "answer", "explanation"],
    "additionalProperties": False,
}

QUIZ_SCHEMA: dict[str, Any] = {
    "title": "pocketcloud chapter quiz.toml",
    "type": "object",
    "properties": {"questions": {"type": "array", "items": QUESTION_SCHEMA, "minItems": 1}},
    "required": ["questions"],
    "additionalProperties": False,
}

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


def _fits(value: Any, kind: str) -> bool:
    if isinstance(value, bool) and kind in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[kind])


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def validate(data: Any, schema: dict[str, Any], path: str = "") -> list[str]:
    """Every way ``data`` breaks ``schema``, as ``"key.path: what is wrong"`` lines (empty when it fits)."""
    here = path or "(top level)"
    problems: list[str] = []
    if "enum" in schema and data not in schema["enum"]:
        allowed = ", ".join(_show(v) for v in schema["enum"])
        return [f"{here}: must be one of {allowed} (got {_show(data)})"]
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_fits(data, kind) for kind in kinds):
            return [f"{here}: must be {' or '.join(kinds)} (got {type(data).__name__} {_show(data)})"]
    if isinstance(data, dict):
        properties: dict[str, Any] = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in data:
                problems.append(f"{path + '.' if path else ''}{key}: is required")
        for key, value in data.items():
            sub = f"{path}.{key}" if path else str(key)
            if key in properties:
                problems += validate(value, properties[key], sub)
            elif schema.get("additionalProperties") is False:
                known = ", ".join(properties) or "none"
                problems.append(f"{sub}: unknown key (known keys: {known})")
    if isinstance(data, list):
        if len(data) < schema.get("minItems", 0):
            problems.append(f"{here}: needs at least {schema['minItems']} item(s) (got {len(data)})")
        if "items" in schema:
            for index, item in enumerate(data):
                problems += validate(item, schema["items"], f"{path}[{index}]")
    if isinstance(data, str) and len(data.strip()) < schema.get("minLength", 0):
        problems.append(f"{here}: must not be empty")
    if _fits(data, "number"):
        if "minimum" in schema and data < schema["minimum"]:
            problems.append(f"{here}: must be at least {schema['minimum']} (got {data})")
        if "maximum" in schema and data > schema["maximum"]:
            problems.append(f"{here}: must be at most {schema['maximum']} (got {data})")
    return problems
