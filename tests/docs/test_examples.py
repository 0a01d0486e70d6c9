"""Every runnable example on the site (a file in docs_src/) runs in CPython exactly as a page shows it.

Pages include these files with ``--8<--``, so the code a reader runs in the browser is the code tested here. An
example may declare what its output must contain with a trailing comment block::

    # expect: Init Duration
    # expect: 'invocations': 2
"""

from __future__ import annotations

import contextlib
import io
import re
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "docs_src").rglob("*.py"))
DOCS = ROOT / "docs"


def _included(path: Path) -> list[str]:
    relative = str(path.relative_to(ROOT))
    return [str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md") if relative in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT / "docs_src")) for p in EXAMPLES])
def test_example_runs_and_prints_what_it_promises(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        runpy.run_path(str(path), run_name="__main__")
    output = stdout.getvalue()
    for expected in re.findall(r"^# expect: (.+)$", source, flags=re.MULTILINE):
        assert expected.strip() in output, f"{path.name}: {expected!r} not in output:\n{output}"


@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT / "docs_src")) for p in EXAMPLES])
def test_example_is_on_a_korean_and_an_english_page(path: Path) -> None:
    pages = _included(path)
    assert any(p.startswith("ko/") for p in pages), f"{path} is not included by any Korean page"
    assert any(p.startswith("en/") for p in pages), f"{path} is not included by any English page"
