"""The example notebook runs top to bottom and draws its plots."""

from __future__ import annotations

import pathlib

import nbclient
import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_example_notebook_executes_and_plots() -> None:
    path = ROOT / "docs" / "examples" / "explore.ipynb"
    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    plots = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(plots) >= 2
