"""The runner's memory snapshot (issue #15): the output of a normal boot, and a clean fallback when it does not fit.

The build makes one snapshot of Python with the engine imported (tools/lite_snapshot.py) and every page names
it. Because the engine is deterministic, a page's examples must print exactly the same text whether the page's
Python was restored from the snapshot or booted normally. A snapshot that belongs to another build, whether it
names another lock (our header) or comes from another Pyodide build (Pyodide's own build-id check), must never
be loaded: the worker then boots Python as before and the reader sees nothing but the same output.

The normal path here is the fallback itself: the snapshot response is altered on its way to the worker.
"""

from __future__ import annotations

import gzip
import json
import struct
from collections.abc import Callable
from typing import Any

import pytest
from tools.browser import RequestLog, new_context, run_example

pytestmark = pytest.mark.browser

MAGIC = b"PCSNAP01"
#: A page with many examples of different kinds (engine output, logs, errors, billing), and a short one in English.
PAGES = ["/lambda/lifecycle/", "/en/concepts/what-is-serverless/"]


def _split(raw: bytes) -> tuple[dict[str, Any], int, int]:
    """The header, where it starts and where Pyodide's own snapshot starts (tools/lite_snapshot.py's layout)."""
    assert raw[: len(MAGIC)] == MAGIC
    (length,) = struct.unpack_from("<I", raw, len(MAGIC))
    start = len(MAGIC) + 4
    return json.loads(raw[start : start + length]), start, start + length


def _other_lock(raw: bytes) -> bytes:
    """The snapshot as another build would have made it: its header names another lock (same length)."""
    header, start, end = _split(raw)
    lock = header["lock"]
    text = raw[start:end].decode().replace(lock, lock.replace(lock[-10:-5], "00000"))
    return raw[:start] + text.encode() + raw[end:]


def _other_pyodide(raw: bytes) -> bytes:
    """The snapshot with a valid header but another Pyodide build id (Pyodide's header: 4 words, then the id;
    it follows the files the snapshot carries)."""
    header, _start, end = _split(raw)
    at = end + sum(size for _path, size in header["files"]) + 16
    return raw[:at] + bytes([raw[at] ^ 0xFF]) + raw[at + 1 :]


def _alter(context: Any, change: Callable[[bytes], bytes]) -> None:
    """Serve the build's snapshot changed by ``change`` (a context route also sees the worker's requests)."""

    def handle(route: Any) -> None:
        response = route.fetch()
        body = gzip.compress(change(gzip.decompress(response.body())), compresslevel=1)
        route.fulfill(response=response, body=body)

    context.route("**/runner-snapshot.*.gz", handle)


def _run_all(page: Any, url: str) -> tuple[list[str], set[str | None]]:
    """Run every example of the page in order; return their outputs and how the page's Python started."""
    page.goto(url)
    blocks = page.locator(".pc-run[data-ready]")
    blocks.first.wait_for()
    outputs = []
    for index in range(blocks.count()):
        block = blocks.nth(index)
        output = run_example(block)
        assert block.get_attribute("data-state") == "done", f"example {index + 1} of {url}:\n{output[-2000:]}"
        outputs.append(output)
    return outputs, {blocks.nth(i).get_attribute("data-boot") for i in range(blocks.count())}


@pytest.mark.parametrize("path", PAGES)
def test_snapshot_runs_every_example_with_the_normal_paths_output(
    site_url: str, chromium: Any, context: Any, requests: RequestLog, path: str
) -> None:
    """Restored and booted Pythons print the same text for every example of the page (tracebacks through the
    engine included: the restored one reads its source from the files the snapshot carries, fetching no wheel);
    the altered snapshot (another build's lock) is refused and the page boots normally, with nothing broken."""
    restored, how = _run_all(context.new_page(), site_url + path)
    assert how == {"snapshot"}
    # the snapshot brings the wheels' files: no wheel is fetched (and unpacked) again
    assert not [url for url in requests.urls if url.endswith(".whl")], requests.urls
    log = RequestLog()
    other = new_context(chromium, log, locale="ko-KR")
    try:
        _alter(other, _other_lock)
        booted, how = _run_all(other.new_page(), site_url + path)
    finally:
        other.close()
    assert not log.foreign, log.foreign
    assert how == {"normal"}
    assert restored == booted


def test_a_snapshot_of_another_pyodide_build_falls_back_to_a_normal_boot(site_url: str, context: Any) -> None:
    """Pyodide refuses a snapshot made by another of its builds; the worker then boots as before."""
    _alter(context, _other_pyodide)
    page = context.new_page()
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    outputs, how = _run_all(page, site_url + PAGES[1])
    assert how == {"normal"}
    assert outputs and all(outputs)
    assert any("memory snapshot was not used" in w and "build id" in w for w in warnings), warnings
