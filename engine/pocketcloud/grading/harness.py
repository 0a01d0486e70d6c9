"""Run a learner's code against an exercise's tests, and report each test as structured data.

The same function runs in three places: the page's Pyodide worker (Run and Check in the browser), the
grader's subprocess on the teacher's machine (:mod:`.child`), and CI (``tests/exercises``). It returns plain
JSON-able data; the page and the grader's report put it into the learner's language.

Order of a run, and why:

1. At import (the worker imports this module when Python boots, before any learner code; the grader's child
   before it reads the submission) the harness keeps its own references to the builtins it uses and takes a
   *snapshot* of the engine's and the standard modules' functions and classes.
2. The test files are executed first, each into its own namespace whose ``__builtins__`` is a private copy of
   the pristine builtins: test functions bind ``pocketcloud``, ``expect_equal`` and friends before the learner's
   code can replace anything.
3. The learner's code runs in a fresh namespace with its output captured (bounded). If it raises or calls
   ``exit()``, the run reports that, with a traceback that starts in the learner's code, and no test runs.
4. Every ``test_*`` function is called with a read-only view of the learner's module. A failed check reports
   what was checked, expected and got; an exception from the learner's code during a test is an error.
5. Before and after the tests the snapshot is compared again: code that redefines a builtin (``print``,
   ``AssertionError``, ``isinstance``...), patches the engine (``Cloud.client = ...``), the harness or a test
   helper (even through ``__code__``) makes the run fail with the names it changed, never pass. Then
   everything is put back (:func:`restore`), so the next run starts from the pristine state.

What this cannot do: a learner with the full language can still reach the harness's frames (``sys._getframe``,
``gc``) and fake a result in-process. The browser's Check is therefore feedback, not an exam; the grader runs
each submission in its own subprocess with time and memory limits, and its parent trusts only the line tagged
with a per-run secret (see :mod:`.child`). The course page says so.
"""

from __future__ import annotations

import builtins
import io
import sys
import traceback
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from . import checks

# --- 1. private references, taken before any learner code runs --------------------------------------------
_PRISTINE_BUILTINS: dict[str, Any] = dict(builtins.__dict__)
_BaseException = BaseException
_Exception = Exception
_AssertionError = AssertionError
_SystemExit = SystemExit
_KeyboardInterrupt = KeyboardInterrupt
_CheckFailed = checks.CheckFailed
_isinstance = isinstance
_getattr = getattr
_callable = callable
_str = str
_len = len
_dict = dict
_list = list
_id = id
_type = type
_sorted = sorted
_compile = compile
_exec = exec
_short_repr = checks.short_repr
_format_exception = traceback.format_exception

#: Characters of the learner's output a result keeps (the rest is dropped and the result says so).
OUTPUT_LIMIT = 20_000
#: Module-name prefixes whose functions and classes a learner must not replace.
GUARDED_PREFIXES = ("pocketcloud",)
GUARDED_MODULES = ("builtins", "json", "base64", "decimal", "math", "copy", "zipfile", "io", "types")
_FUNCTION_TYPES = (types.FunctionType, types.BuiltinFunctionType, type, types.ModuleType, classmethod, staticmethod)


def _guarded_modules() -> Iterator[tuple[str, types.ModuleType]]:
    for name, module in _list(sys.modules.items()):
        if module is None:
            continue
        if name in GUARDED_MODULES or name.startswith(GUARDED_PREFIXES):
            yield name, module


#: One guarded object: where it lives (a module/class namespace owner, or a function for ``__code__``), the
#: attribute name, and the object itself (kept, so that :func:`restore` can put it back).
Entry = tuple[Any, str, Any]


def snapshot() -> dict[str, Entry]:
    """Every function, class, class member and function body in the guarded modules, by dotted name.

    Compared by identity, not equality: a replaced function is a different object even if it looks alike. Data
    (caches, counters, settings) is left out: the engine changes its own data as it runs.
    """
    seen: dict[str, Entry] = {}
    for mod_name, module in _guarded_modules():
        namespace: Any = _getattr(module, "__dict__", None)
        if not _isinstance(namespace, _dict):
            continue
        for attr, value in _list(namespace.items()):
            if not _isinstance(value, _FUNCTION_TYPES):
                continue
            key = f"{mod_name}.{attr}"
            seen[key] = (module, attr, value)
            code = _getattr(value, "__code__", None) if _isinstance(value, types.FunctionType) else None
            if code is not None:
                seen[key + ".__code__"] = (value, "__code__", code)
            if (
                _isinstance(value, type)
                and _getattr(value, "__module__", "") == mod_name
                and mod_name.startswith(GUARDED_PREFIXES)
            ):
                for member, inner in _list(value.__dict__.items()):
                    if _isinstance(inner, (types.FunctionType, property, classmethod, staticmethod)):
                        seen[f"{key}.{member}"] = (value, member, inner)
                        inner_code = _getattr(inner, "__code__", None)
                        if inner_code is not None:
                            seen[f"{key}.{member}.__code__"] = (inner, "__code__", inner_code)
    return seen


def _import_engine() -> None:
    """Import every engine module now, so the snapshot covers modules a test imports later."""
    import importlib
    import pkgutil

    import pocketcloud

    for info in pkgutil.walk_packages(pocketcloud.__path__, "pocketcloud."):
        if info.name.startswith("pocketcloud.grading.") and info.name not in _IN_BROWSER:
            continue  # the teacher's tools (grader, report, CLI): the browser never imports them
        try:
            importlib.import_module(info.name)
        except ImportError:  # pragma: no cover - a module with an optional dependency
            continue


_IN_BROWSER = {"pocketcloud.grading.harness", "pocketcloud.grading.checks"}
_import_engine()
_BASELINE = snapshot()


def tampered(baseline: Mapping[str, Entry] | None = None) -> list[str]:
    """Names of guarded functions and classes that are no longer the objects they were at start."""
    base = _BASELINE if baseline is None else baseline
    now = snapshot()
    changed = [name for name, entry in base.items() if name in now and now[name][2] is not entry[2]]
    changed += [name for name, entry in base.items() if name not in now and _getattr(entry[0], entry[1], None) is None]
    # A builtin deleted or replaced outright is a change too.
    changed += [
        f"builtins.{name}" for name, value in _PRISTINE_BUILTINS.items() if builtins.__dict__.get(name) is not value
    ]
    return _sorted(set(changed))


def restore(baseline: Mapping[str, Entry] | None = None) -> None:
    """Put back every guarded object a run replaced, and the builtins, so the next run (and the process that
    hosts the harness: the page's worker, a test run) starts from the pristine state again."""
    base = _BASELINE if baseline is None else baseline
    for name in [n for n in builtins.__dict__ if n not in _PRISTINE_BUILTINS]:
        del builtins.__dict__[name]
    builtins.__dict__.update(_PRISTINE_BUILTINS)
    for holder, attr, value in base.values():
        try:
            if _getattr(holder, attr, None) is not value:
                if _isinstance(holder, types.ModuleType) or attr == "__code__":
                    setattr(holder, attr, value)
                else:
                    type.__setattr__(holder, attr, value)
        except (AttributeError, TypeError):  # pragma: no cover - a read-only slot
            continue


# --- output capture ----------------------------------------------------------------------------------------
class BoundedWriter(io.TextIOBase):
    """A text stream that keeps the first :data:`OUTPUT_LIMIT` characters and counts the rest."""

    def __init__(self, limit: int = OUTPUT_LIMIT, echo: Callable[[str], Any] | None = None) -> None:
        self.limit = limit
        self.echo = echo
        self.parts: list[str] = []
        self.size = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not _isinstance(text, _str):
            text = _str(text)
        room = self.limit - self.size
        if room > 0:
            kept = text[:room]
            self.parts.append(kept)
            self.size += _len(kept)
            if self.echo is not None and kept:
                self.echo(kept)
        self.dropped += max(0, _len(text) - max(room, 0))
        return _len(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


# --- learner's module view ---------------------------------------------------------------------------------
class LearnerModule:
    """Read-only attribute access to the learner's namespace; a missing name is a clear failed check."""

    __slots__ = ("_namespace", "_source")

    def __init__(self, namespace: dict[str, Any], source: str = "") -> None:
        object.__setattr__(self, "_namespace", namespace)
        object.__setattr__(self, "_source", source)

    @property
    def source_code(self) -> str:
        """The learner's whole file, e.g. to deploy it as a Lambda function's ``app.py``."""
        return str(object.__getattribute__(self, "_source"))

    def __getattr__(self, name: str) -> Any:
        namespace = object.__getattribute__(self, "_namespace")
        if name in namespace:
            return namespace[name]
        raise _CheckFailed(
            f"코드에 다음 이름이 정의되어 있지 않습니다: {name}",
            f"your code does not define {name}",
            expected=name,
            got="(not defined)",
        )

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("the learner's module is read-only in tests")

    def has(self, name: str) -> bool:
        return name in object.__getattribute__(self, "_namespace")


# --- running -----------------------------------------------------------------------------------------------
def _titles(fn: Callable[..., Any]) -> dict[str, str]:
    """``ko:``/``en:`` lines of a test's docstring; the function's name when there are none."""
    doc = _getattr(fn, "__doc__", None) or ""
    titles: dict[str, str] = {}
    current = None
    for raw in doc.splitlines():
        line = raw.strip()
        if line[:3] in ("ko:", "en:"):
            current = line[:2]
            titles[current] = line[3:].strip()
        elif line and current:
            titles[current] += " " + line
    name = fn.__name__.removeprefix("test_").replace("_", " ")
    return {"ko": titles.get("ko", name), "en": titles.get("en", name)}


def _traceback(exc: BaseException, filename: str) -> str:
    """The traceback from the learner's first frame on (harness and test frames above it are noise)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    lines = _format_exception(_type(exc), exc, tb)
    text = "".join(lines)
    return text[-4000:]


def _load_tests(test_files: Sequence[Mapping[str, str]]) -> tuple[list[tuple[str, str, Any]], list[dict[str, Any]]]:
    """Execute each test file into its own namespace; returns (suite, test_file_name, fn) and load errors."""
    loaded: list[tuple[str, str, Any]] = []
    errors: list[dict[str, Any]] = []
    for test_file in test_files:
        suite = test_file["suite"]
        filename = f"<tests_{suite}.py>"
        namespace: dict[str, Any] = {"__name__": f"exercise_tests_{suite}", "__builtins__": _dict(_PRISTINE_BUILTINS)}
        try:
            _exec(_compile(test_file["source"], filename, "exec"), namespace)
        except _BaseException as exc:  # a broken test file is the teacher's bug: say so, never pass
            errors.append({"suite": suite, "error": "".join(_format_exception(_type(exc), exc, exc.__traceback__))})
            continue
        for name, value in _list(namespace.items()):
            if name.startswith("test_") and _callable(value):
                loaded.append((suite, name, value))
    return loaded, errors


def _run_tryout(tryout: str, code: str, out: BoundedWriter) -> None:
    """The exercise's tryout script (a function exercise's Run): its errors are output, not a failed check."""
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins, "SOURCE": code}
    try:
        _exec(_compile(tryout, "<tryout.py>", "exec"), namespace)
    except _BaseException as exc:
        out.write("".join(_format_exception(_type(exc), exc, exc.__traceback__))[-3000:])


def run_checks(
    code: str,
    test_files: Sequence[Mapping[str, str]],
    *,
    filename: str = "exercise.py",
    output_limit: int = OUTPUT_LIMIT,
    echo: Callable[[str], Any] | None = None,
    kind: str = "script",
    tryout: str | None = None,
) -> dict[str, Any]:
    """Run ``code`` and then every test of ``test_files`` (``[{"suite": "visible", "source": ...}, ...]``).

    Returns ``{"ok", "passed", "total", "tests": [...], "learner_error", "tampered", "output",
    "output_dropped", "load_errors"}``; ``echo`` also receives the learner's output as it is written (the page
    streams it). ``kind="function"`` means the learner's file is a Lambda function's ``app.py``: it is compiled
    (a syntax error is reported) but not run here, where its module code (``os.environ[...]``, ``import boto3``)
    would not work; tests deploy ``learner.source_code``. ``tryout`` (Run only) is a script run after it with
    ``SOURCE`` set to the learner's code, to show the function at work. Each test is ``{"suite", "name",
    "title": {ko, en}, "status": "pass"|"fail"|"error"|"skipped", "message": {ko, en}|None, "expected", "got",
    "traceback"}``.
    """
    baseline = _BASELINE
    suite, load_errors = _load_tests(test_files)
    out = BoundedWriter(output_limit, echo)
    saved = sys.stdout, sys.stderr
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins, "__file__": filename}
    learner_error: dict[str, Any] | None = None
    results: list[dict[str, Any]] = []
    changed: list[str] = []
    try:
        sys.stdout = sys.stderr = out
        try:
            import linecache

            linecache.cache[filename] = (_len(code), None, code.splitlines(keepends=True), filename)
            compiled = _compile(code, filename, "exec")
            if kind != "function":
                _exec(compiled, namespace)
            else:
                namespace = {}
        except _SystemExit as exc:
            learner_error = {"kind": "exit", "type": "SystemExit", "traceback": f"SystemExit: {exc.code!r}"}
        except _BaseException as exc:
            learner_error = {"kind": "raised", "type": _type(exc).__name__, "traceback": _traceback(exc, filename)}
        if tryout is not None and learner_error is None:
            _run_tryout(tryout, code, out)
        changed = tampered(baseline)
        learner = LearnerModule(namespace, code)
        for suite_name, test_name, fn in suite:
            result: dict[str, Any] = {
                "suite": suite_name,
                "name": test_name,
                "title": _titles(fn),
                "status": "pass",
                "message": None,
                "expected": None,
                "got": None,
                "traceback": None,
            }
            if learner_error is not None or changed:
                result["status"] = "skipped"
                results.append(result)
                continue
            try:
                fn(learner)
            except _CheckFailed as failure:
                result.update(
                    status="fail",
                    message={"ko": _str(failure.ko), "en": _str(failure.en)},
                    expected=failure.expected,
                    got=failure.got,
                )
            except _AssertionError as failure:
                text = _str(failure) or result["title"]["en"]
                result.update(status="fail", message={"ko": text, "en": text})
            except _BaseException as exc:
                result.update(
                    status="error",
                    message={"ko": _type(exc).__name__, "en": _type(exc).__name__},
                    traceback=_traceback(exc, filename),
                )
            results.append(result)
        changed = _sorted(set(changed) | set(tampered(baseline)))
    finally:
        sys.stdout, sys.stderr = saved
        if changed or tampered(baseline):
            restore(baseline)
    passed = sum(1 for r in results if r["status"] == "pass") if not changed else 0
    total = _len(results)
    return {
        "ok": bool(total) and passed == total and learner_error is None and not changed and not load_errors,
        "passed": passed,
        "total": total,
        "tests": results,
        "learner_error": learner_error,
        "tampered": changed,
        "output": out.getvalue(),
        "output_dropped": out.dropped,
        "load_errors": load_errors,
    }


def run_checks_json(
    code: str,
    test_files_json: str,
    filename: str = "exercise.py",
    echo: Callable[[str], Any] | None = None,
    options_json: str = "{}",
) -> str:
    """:func:`run_checks` with JSON in and out: what the browser worker calls (options: kind, tryout)."""
    import json

    options = json.loads(options_json)
    result = run_checks(
        code,
        json.loads(test_files_json),
        filename=filename,
        echo=echo,
        kind=str(options.get("kind", "script")),
        tryout=options.get("tryout"),
    )
    return json.dumps(result, ensure_ascii=False)
