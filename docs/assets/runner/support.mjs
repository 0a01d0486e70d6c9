/*
 * The page runner's Python support code (the worker's `run`: an example's namespace, its rich result, a traceback
 * that starts in the reader's code), shared by the runner's worker (worker.mjs) and the build that makes the
 * runner's memory snapshot (tools/lite/snapshot.mjs, under Node), so a restored Python already has it compiled
 * and imported as the module `pocketcloud_runner` instead of compiling it between the click and the first
 * output. Plain data, no browser API: Node imports this file too, and its hash is part of the snapshot's key
 * (tools/lite_snapshot.py).
 */

/* The support module's source. */
export const SUPPORT = String.raw`
import base64
import builtins
import json
import linecache
import os
import sys
import traceback

from pyodide.code import eval_code_async



def line_buffered():
    """Stream each line as it is printed (called after the worker has set Python's output streams)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(line_buffering=True)
        except Exception:
            pass

RICHEST_FIRST = ("text/html", "image/svg+xml", "image/png", "application/json", "text/plain")
REPR_METHODS = (
    ("text/html", "_repr_html_"),
    ("image/svg+xml", "_repr_svg_"),
    ("image/png", "_repr_png_"),
    ("application/json", "_repr_json_"),
)


def _bundle(value):
    """Collect a value's representations the way IPython does."""
    if isinstance(value, type):
        return {"text/plain": repr(value)}
    bundle = {}
    method = getattr(value, "_repr_mimebundle_", None)
    if callable(method):
        try:
            data = method(include=None, exclude=None)
        except TypeError:
            data = method()
        if isinstance(data, tuple):
            data = data[0]
        if isinstance(data, dict):
            bundle.update(data)
    for mime, name in REPR_METHODS:
        method = getattr(value, name, None)
        if mime in bundle or not callable(method):
            continue
        data = method()
        if isinstance(data, tuple):
            data = data[0]
        if data is not None:
            bundle[mime] = data
    if "text/plain" not in bundle:
        bundle["text/plain"] = repr(value)
    return bundle


def _richest(value):
    try:
        bundle = _bundle(value)
    except Exception:
        traceback.print_exc()
        bundle = {"text/plain": object.__repr__(value)}
    for mime in RICHEST_FIRST:
        if mime not in bundle:
            continue
        data = bundle[mime]
        if mime == "application/json" and not isinstance(data, str):
            data = json.dumps(data, indent=2, ensure_ascii=False, default=str)
        elif mime == "image/png" and isinstance(data, (bytes, bytearray)):
            data = base64.b64encode(data).decode("ascii")
        return {"mime": mime, "data": str(data)}
    return None


def _user_frames(exc, filename):
    """Drop Pyodide's own frames, so the traceback starts in the reader's code."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    return tb


async def run(code, filename, lang):
    if lang in ("ko", "en"):
        os.environ["POCKETCLOUD_LANG"] = lang
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    try:
        value = await eval_code_async(code, namespace, filename=filename)
    except SystemExit as exc:
        if exc.code in (None, 0):
            return json.dumps({"ok": True})
        print(f"SystemExit: {exc.code}", file=sys.stderr)
        return json.dumps({"ok": False, "error": "SystemExit"})
    except BaseException as exc:
        traceback.print_exception(type(exc), exc, _user_frames(exc, filename))
        return json.dumps({"ok": False, "error": type(exc).__name__})
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    result = {"ok": True}
    if value is not None:
        result["rich"] = _richest(value)
    sys.stdout.flush()
    sys.stderr.flush()
    return json.dumps(result)
`;

/* Python that evaluates to load(source) -> run: the support module as it is in sys.modules when its source is
 * this one (a restored snapshot made from this file), otherwise executed afresh (a normal boot, or a snapshot of
 * another support file, which the snapshot's key should already rule out). Then its output streams are made
 * line-buffered: the worker sets those streams after a boot or a restore, so this is never in a snapshot. */
export const LOADER = String.raw`
import sys
import types


def load(source):
    module = sys.modules.get("pocketcloud_runner")
    if module is None or getattr(module, "SOURCE", None) != source:
        module = types.ModuleType("pocketcloud_runner")
        module.SOURCE = source
        exec(compile(source, "<pocketcloud runner>", "exec"), module.__dict__)
        sys.modules["pocketcloud_runner"] = module
    module.line_buffered()
    return module.run


load
`;
