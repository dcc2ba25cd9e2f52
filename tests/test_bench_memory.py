"""The memory benchmark measures a kernel's own peak, cell by cell, and refuses bad arguments.

A tiny notebook without TensorFlow allocates a known block, then frees it: the measured peak
must hold the block (and not much more than an empty kernel with NumPy besides), the peak must
fall in the allocating cell, and the resident memory must drop after the block is deleted.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import load_benchmark

BLOCK_MB = 300


def tiny_notebook(folder: Path) -> Path:
    parameters = nbformat.v4.new_code_cell("mb = 1")
    parameters.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("Allocate, then free."),
        parameters,
        nbformat.v4.new_code_cell("import numpy as np"),
        nbformat.v4.new_code_cell("block = np.ones(mb * 1_000_000 // 8)  # every page written"),
        nbformat.v4.new_code_cell("del block"),
        nbformat.v4.new_code_cell("after = 1"),
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "tiny.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="reads /proc (Linux)")
def test_a_kernels_peak_is_measured_per_cell(tmp_path: Path) -> None:
    bench = load_benchmark("bench_memory")
    notebook = tiny_notebook(tmp_path)
    result = bench.measure_notebook(notebook, {"mb": BLOCK_MB}, tmp_path / "out", timeout=120)
    assert result.error == ""
    assert (tmp_path / "out" / "tiny.ipynb").is_file(), "the executed copy"
    mb = bench.MB
    block = BLOCK_MB * mb
    # An empty kernel holds about 55 MB here, NumPy about 15 MB more.
    assert block < result.peak < block + 200 * mb, result
    assert result.tree_peak <= result.peak, "the kernel started no process"
    by_index = {cell.index: cell for cell in result.cells}
    assert sorted(by_index) == [-1, 1, 2, 3, 4, 5], "stored positions; -1: papermill's parameters"
    allocate, free, after = by_index[3], by_index[4], by_index[5]
    assert result.peak_cell() == allocate
    assert allocate.first_line.startswith("block = np.ones(")
    assert allocate.resident > block
    assert allocate.resident - free.resident > 0.9 * block, "the block is given back"
    if result.per_cell_reset:  # a cell's peak counts what it started with, not earlier peaks
        assert free.peak > block and after.peak < allocate.peak - 0.9 * block


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--notebooks", "01,99"], "--notebooks: no notebook '99'; choose from 01, 02"),
        (["--notebooks", "01,,03"], "--notebooks: no notebook ''"),
        (["--n-seeds", "0"], "--n-seeds must be at least 1"),
    ],
)
def test_bad_arguments_are_refused(argv: list[str], message: str, capsys) -> None:
    bench = load_benchmark("bench_memory")
    with pytest.raises(SystemExit) as stopped:
        bench.main(argv)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err
