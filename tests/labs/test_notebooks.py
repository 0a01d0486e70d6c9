"""Every lab notebook runs top to bottom in CPython, and Korean and English labs stay in step."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

LABS = Path(__file__).resolve().parents[2] / "labs"
NOTEBOOKS = sorted(LABS.glob("*/*.ipynb"))


def test_every_lab_exists_in_both_languages() -> None:
    ko = {p.name for p in (LABS / "ko").glob("*.ipynb")}
    en = {p.name for p in (LABS / "en").glob("*.ipynb")}
    assert ko, "no labs found"
    assert ko == en


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[f"{p.parent.name}/{p.name}" for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    text += "".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs if "data" in o)
    # Each lab states what its run must show (notebook metadata "pocketcloud": {"expect": [...]}).
    expected = notebook.metadata.get("pocketcloud", {}).get("expect", [])
    assert expected, f"{path.name} declares no expected output in metadata.pocketcloud.expect"
    for fragment in expected:
        assert fragment in text, f"{path.name}: {fragment!r} not in the output"


@pytest.mark.parametrize("name", sorted(p.name for p in (LABS / "ko").glob("*.ipynb")))
def test_ko_and_en_labs_have_the_same_code(name: str) -> None:
    ko = nbformat.read(LABS / "ko" / name, as_version=4)
    en = nbformat.read(LABS / "en" / name, as_version=4)
    assert [c.cell_type for c in ko.cells] == [c.cell_type for c in en.cells]
    assert ko.metadata.get("pocketcloud") == en.metadata.get("pocketcloud")
    assert [c.source for c in ko.cells if c.cell_type == "code"] == [
        c.source for c in en.cells if c.cell_type == "code"
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[f"{p.parent.name}/{p.name}" for p in NOTEBOOKS])
def test_notebooks_are_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")
