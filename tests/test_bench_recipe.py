"""The recipe benchmark's summary lines and arguments (it trains for minutes, so not run here)."""

from __future__ import annotations

import pytest
from conftest import load_benchmark


def test_summary_line_has_the_documented_form() -> None:
    bench = load_benchmark("bench_recipe")
    line = bench.summary_line("MLP", [0.87, 0.9133, 0.93])
    assert line == "MLP test balanced accuracy over 3 seeds: min 0.870 mean 0.904 max 0.930"


@pytest.mark.parametrize("seeds", ["0", "31"])
def test_a_seed_count_out_of_range_is_refused(seeds: str, capsys: pytest.CaptureFixture) -> None:
    bench = load_benchmark("bench_recipe")
    with pytest.raises(SystemExit) as stop:
        bench.main(["--seeds", seeds])
    assert stop.value.code == 2 and "--seeds must be from 1 to 30" in capsys.readouterr().err


def test_it_trains_through_the_notebook_that_compares_the_models() -> None:
    bench = load_benchmark("bench_recipe")
    assert bench.NOTEBOOK.is_file() and "n_seeds" in bench.NOTEBOOK.read_text()
    assert "per_seed" in bench.NOTEBOOK.read_text(), "notebook 10 records every seed's scores"
