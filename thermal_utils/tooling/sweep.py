"""Parameter sweeps: run notebooks for every combination of parameter values (``thermal-utils sweep``).

``thermal-utils sweep -p epochs 5 10 20 -p optimizer rmsprop adam`` runs the suite (or the
notebooks named with ``--notebooks``) through papermill once per combination, each run into
its own folder named from its parameters (``epochs-5_optimizer-adam``) with its own
artifacts, exactly as ``thermal-utils run`` would. Then it collects every run's
``metrics.json`` into ``results.csv`` (one row per run, one column per parameter and per
metric) and draws ``results.png``. ``--language ko`` (or ``--notebooks-dir notebooks/ko``) looks
the names up in the Korean edition; a path given to ``--notebooks`` runs that very file
(``notebooks/ko/05_fit.ipynb`` is the Korean notebook 05).

A run whose folder already holds a complete ``metrics.json`` (one entry per requested
notebook) made with the same data and parameters is skipped, so an interrupted sweep
resumes where it stopped. Each run folder records what it was made from in ``run.json``
(its parameters, the notebooks, the data directory and a fingerprint of its files: names,
sizes, modification times). A folder made from other data or parameters is never
reused nor overwritten: that run fails with a message saying so (choose another ``--out``).
``results.csv`` and ``results.png`` replace only files a sweep wrote there (``atomic.write_owned``):
a file of that name the user made, or edited since, stops the sweep before any run (exit 2). Every
parameter value of every combination is checked before the first run, as ``thermal-utils run`` does. ``jobs > 1`` runs
several combinations at once in worker processes; the CSV is the same either way (rows in
combination order, every run seeded and deterministic), except for timing metrics a
notebook records itself (``10_cnn_vs_mlp``'s ``seconds_per_epoch``).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import itertools
import json
import multiprocessing
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thermal_utils.tooling.atomic import (
    NotOurFileError,
    atomic_write_text,
    check_owned,
    write_owned,
)
from thermal_utils.tooling.figure_texts import TEXTS
from thermal_utils.tooling.suite import (
    LANGUAGES,
    NotebookFailed,
    check_suite_params,
    coerce_value,
    declared_types,
    edition_dir,
    edition_suffix,
    notebook_language,
    parse_value,
    run_suite,
    suite_notebooks,
)
from thermal_utils.tooling.values import positive_int

RESULTS_CSV = "results.csv"
RUN_RECORD = "run.json"
RESULTS_PNG = "results.png"
CHOOSE_ANOTHER_OUT = "choose another --out, or move the file away"

HEADLINE_METRICS = (
    "07_evaluate.test_balanced_accuracy",
    "05_fit.val_balanced_accuracy",
    "05_fit.lecture.val_balanced_accuracy",
    "10_cnn_vs_mlp.MLP.test_balanced_accuracy.mean",
    "10_cnn_vs_mlp.CNN.test_balanced_accuracy.mean",
)
"""Metrics drawn in ``results.png`` when present (else the first few numeric columns)."""


def parse_grid(pairs: list[list[str]], types: dict[str, str] | None = None) -> dict[str, list[Any]]:
    """``[["epochs", "5", "10"], ["optimizer", "adam"]]`` -> ``{"epochs": [5, 10], "optimizer": ["adam"]}``.

    With ``types`` (``suite.declared_types`` of the sweep's notebooks) each value becomes the
    type its notebooks declare, as ``thermal-utils run -p`` does, and a name none of them
    declares is a ``ValueError`` listing the known ones. Without, values are guessed (int,
    float, True/False/None, else string).
    """
    grid: dict[str, list[Any]] = {}
    for name, *values in pairs:
        if types is not None and name not in types:
            raise ValueError(
                f"unknown parameter {name!r}: no notebook of this sweep declares it; known: {', '.join(sorted(types))}"
            )
        if not values:
            raise ValueError(f"parameter {name!r} needs at least one value")
        if name in grid:
            raise ValueError(f"parameter {name!r} is given twice")
        if name == "data_dir" or name == "artifacts_dir":
            raise ValueError(f"{name} is set per sweep (--data-dir) or per run, not swept")
        grid[name] = [
            coerce_value(name, v, types[name]) if types is not None else parse_value(v)
            for v in values
        ]
    return grid


def combinations(grid: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Every combination of the grid's values, the last parameter varying fastest."""
    names = list(grid)
    return [dict(zip(names, values)) for values in itertools.product(*(grid[n] for n in names))]


def run_name(params: dict[str, Any]) -> str:
    """A folder name from a combination: ``epochs-5_optimizer-adam`` (``default`` for none)."""
    parts = [f"{name}-{value}" for name, value in params.items()]
    return re.sub(r"[^A-Za-z0-9.+_-]", "_", "_".join(parts)) or "default"


def _is_path(name: str) -> bool:
    """Whether a ``--notebooks`` name is a path (it has a folder part, or names a file here)
    rather than the name of a notebook of the suite."""
    return len(Path(name).parts) > 1 or Path(name).is_file()


def resolve_notebooks(names: list[str] | None, notebooks_dir: Path | None = None) -> list[Path]:
    """Notebook paths from suite names such as ``05_fit`` (or ``05_fit.ipynb``), looked up in
    ``notebooks_dir`` (default: ``suite.default_notebooks_dir()``; ``notebooks/ko`` for the Korean
    edition), or paths to ``.ipynb`` files, which run as they are: ``notebooks/ko/05_fit.ipynb``
    is the Korean notebook, whatever the suite's folder. ``None``: the whole suite. A notebook
    counts as finished when the run's ``metrics.json`` has an entry named after its file stem
    (``record_metrics``). Raises ``ValueError`` for an unknown name or a path that is not a
    notebook file."""
    if not names:
        return suite_notebooks(notebooks_dir)
    found: dict[str, Path] | None = None
    paths = []
    for name in names:
        if _is_path(name):
            path = Path(name)
            if path.suffix != ".ipynb" or not path.is_file():
                raise ValueError(f"{name!r} is not a notebook file (expected an existing .ipynb)")
            paths.append(path.resolve())
            continue
        if found is None:
            found = {p.stem: p for p in suite_notebooks(notebooks_dir)}
        stem = Path(name).stem
        if stem not in found or Path(name).suffix not in ("", ".ipynb"):
            raise ValueError(f"unknown notebook {name!r}; choose from {sorted(found)}")
        paths.append(found[stem])
    return paths


def _data_fingerprint(data_dir: str | Path) -> str:
    """SHA-256 of a data directory's identity: its resolved path and every file's relative
    path, size and modification time (names only are read, no file contents)."""
    root = Path(data_dir).resolve()
    entries = []
    for folder, dirs, files in os.walk(
        root, onerror=lambda error: entries.append(["unreadable", str(error.filename)])
    ):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
                entries.append([os.path.relpath(path, root), info.st_size, info.st_mtime_ns])
            except OSError:
                entries.append([os.path.relpath(path, root), -1, -1])
    text = json.dumps({"data_dir": str(root), "entries": entries}, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def run_record(params: dict[str, Any], notebooks: list[Path], fingerprint: str) -> dict[str, Any]:
    """What a run folder is made from (``run.json``): all parameters, notebooks and the data.

    The notebooks of a translation (``notebooks/ko``) are named with their edition
    (``"editions": {"05_fit": "ko"}``): their metrics are the English ones', their executed
    copies are not, so an English run never counts as the Korean run or the other way round.
    """
    record = {
        "params": {
            k: v for k, v in sorted(params.items()) if k not in ("artifacts_dir", "data_dir")
        },  # data: the fingerprint
        "notebooks": [p.stem for p in notebooks],
        "_data_fingerprint": fingerprint,
    }
    editions = {p.stem: notebook_language(p) for p in notebooks}
    translated = {stem: language for stem, language in editions.items() if language != "en"}
    if translated:
        record["editions"] = translated
    return record


def _recorded(model_dir: Path) -> dict[str, Any] | None:
    try:
        record = json.loads((model_dir / RUN_RECORD).read_text())
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def is_complete(
    model_dir: Path, notebooks: list[Path], record: dict[str, Any] | None = None
) -> bool:
    """Whether ``model_dir/metrics.json`` exists, parses, and has an entry for every notebook
    (and, when ``record`` is given, the folder's ``run.json`` is that record)."""
    try:
        metrics = json.loads((model_dir / "metrics.json").read_text())
    except (OSError, ValueError):
        return False
    if record is not None and _recorded(model_dir) != record:
        return False
    return isinstance(metrics, dict) and all(p.stem in metrics for p in notebooks)


def _conflict(model_dir: Path, record: dict[str, Any]) -> str:
    """Why ``model_dir`` cannot be used for ``record`` ("" when it can)."""
    recorded = _recorded(model_dir)
    if recorded is None:
        if (model_dir / "metrics.json").exists():
            return f"{model_dir} holds results without a {RUN_RECORD} (what data and parameters made them is unknown); choose another --out or remove it"
        return ""
    if recorded == record:
        return ""
    differs = [
        k
        for k in ("params", "notebooks", "editions", "_data_fingerprint")
        if recorded.get(k) != record.get(k)
    ]
    what = {
        "params": "parameters",
        "notebooks": "notebooks",
        "editions": "editions of the notebooks (English or a translation)",
        "_data_fingerprint": "data (another data directory, or its files changed)",
    }
    return f"{model_dir} holds a run made with other {' and '.join(what[d] for d in differs)}; choose another --out or remove it"


def flatten_metrics(metrics: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"05_fit": {"final": {"loss": 0.4}}}`` -> ``{"05_fit.final.loss": 0.4}``."""
    flat: dict[str, Any] = {}
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten_metrics(value, name + "."))
        else:
            flat[name] = value
    return flat


def _run_one(task: tuple[dict[str, Any], str, list[str]]) -> tuple[str, str]:
    """Worker: run one combination; returns ``(run name, "" or the error message)``."""
    params, model_dir, notebooks = task
    try:
        run_suite(params, Path(model_dir), notebooks=[Path(n) for n in notebooks])
    except (NotebookFailed, NotOurFileError) as error:  # listed; the other runs go on
        return Path(model_dir).name, str(error)
    return Path(model_dir).name, ""


@dataclass
class SweepResult:
    """What a sweep did. ``ran``, ``skipped`` and ``failed`` hold run folder names."""

    out_dir: Path
    ran: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)
    csv_path: Path | None = None
    figure_path: Path | None = None


def run_sweep(
    grid: dict[str, list[Any]],
    out_dir: str | Path,
    notebooks: list[str] | None = None,
    data_dir: str | Path = "data/sample",
    jobs: int = 1,
    fixed: dict[str, Any] | None = None,
    language: str | None = None,
    notebooks_dir: str | Path | None = None,
) -> SweepResult:
    """Run ``notebooks`` for every combination of ``grid`` into ``out_dir/<run name>/``.

    Args:
        grid: parameter name -> values, e.g. ``{"epochs": [5, 10], "optimizer": ["rmsprop", "adam"]}``.
        out_dir: the sweep folder; it gets one sub-folder per run, ``results.csv`` and ``results.png``.
        notebooks: notebook names (``"05_fit"``) or paths to notebooks; ``None`` runs the whole suite.
        data_dir: the data directory every run uses.
        jobs: how many runs execute at once (worker processes).
        fixed: parameters given to every run (not swept, not in the run names).
        language: the edition whose notebooks the names are looked up in: ``"en"`` or ``"ko"``
            (``notebooks/ko``); ``None``: the edition of ``notebooks_dir``.
        notebooks_dir: the folder the names are looked up in (``suite.edition_dir``; default:
            the current folder when it holds the notebooks, else ``notebooks/`` below it).

    Returns:
        A ``SweepResult``; runs already complete are ``skipped``, failing ones are in
        ``failed`` with their error (the other runs still go ahead).
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs!r}")
    if Path(data_dir).exists() and not Path(data_dir).is_dir():
        raise NotADirectoryError(f"data directory {data_dir} is a file, not a folder")
    if not Path(data_dir).is_dir():
        raise FileNotFoundError(f"data directory {data_dir} does not exist")
    out_dir = Path(out_dir)
    paths = resolve_notebooks(
        notebooks, edition_dir(language, Path(notebooks_dir) if notebooks_dir else None)
    )
    types = declared_types(paths)
    unknown = sorted((set(grid) | set(fixed or {})) - set(types))
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {unknown}: no notebook of this sweep declares them; known: {', '.join(sorted(types))}"
        )
    combos = combinations(grid)
    names = [run_name(combo) for combo in combos]
    clashes = sorted({n for n in names if names.count(n) > 1})
    if clashes:
        raise ValueError(f"different values give the same run folder name: {', '.join(clashes)}")
    for combo in combos:  # every value, before any run starts (as thermal-utils run does)
        check_suite_params({**(fixed or {}), **combo, "data_dir": str(data_dir)})
    for name in (RESULTS_CSV, RESULTS_PNG):  # a file of the user's is never replaced
        check_owned(out_dir / name, CHOOSE_ANOTHER_OUT)
    fingerprint = _data_fingerprint(data_dir)
    result = SweepResult(out_dir)
    tasks = []
    records: dict[str, dict[str, Any]] = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    for combo in combos:
        model_dir = out_dir / run_name(combo)
        params = {**(fixed or {}), **combo, "data_dir": str(Path(data_dir).resolve())}
        record = records[model_dir.name] = run_record(params, paths, fingerprint)
        conflict = _conflict(model_dir, record)
        if conflict:
            result.failed[model_dir.name] = conflict
            continue
        if is_complete(model_dir, paths, record):
            result.skipped.append(model_dir.name)
            continue
        model_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_text(
            model_dir / RUN_RECORD, json.dumps(record, indent=1, sort_keys=True) + "\n"
        )
        tasks.append((params, str(model_dir.resolve()), [str(p) for p in paths]))
    if jobs == 1 or len(tasks) <= 1:
        outcomes = [_run_one(task) for task in tasks]
    else:
        with ProcessPoolExecutor(
            max_workers=min(jobs, len(tasks)), mp_context=multiprocessing.get_context("spawn")
        ) as pool:
            outcomes = list(pool.map(_run_one, tasks))
    for name, error in outcomes:
        if error:
            result.failed[name] = error
        else:
            result.ran.append(name)
    result.rows = collect(out_dir, combos, paths, records)
    result.csv_path = write_csv(result.rows, out_dir / RESULTS_CSV)
    result.figure_path = write_figure(result.rows, list(grid), out_dir / RESULTS_PNG)
    return result


def collect(
    out_dir: Path,
    combos: list[dict[str, Any]],
    notebooks: list[Path],
    records: dict[str, dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """One row per combination: ``run``, ``status`` (complete / incomplete), its parameters and
    metrics (only from a folder whose ``run.json`` is the expected record, when ``records`` is given)."""
    rows = []
    for combo in combos:
        model_dir = out_dir / run_name(combo)
        record = records.get(model_dir.name) if records is not None else None
        complete = is_complete(model_dir, notebooks, record)
        row: dict[str, Any] = {
            "run": model_dir.name,
            "status": "complete" if complete else "incomplete",
            **combo,
        }
        if row["status"] == "complete":
            row.update(flatten_metrics(json.loads((model_dir / "metrics.json").read_text())))
        rows.append(row)
    return rows


def write_csv(rows: list[dict[str, Any]], path: Path) -> Path:
    """Write rows with the union of their columns (first-seen order); missing cells stay empty."""
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: (json.dumps(v) if isinstance(v, (list, dict)) else v) for k, v in row.items()}
        )
    return write_owned(path, buffer.getvalue().encode("utf-8"), CHOOSE_ANOTHER_OUT)


def read_csv(path: str | Path) -> list[dict[str, Any]]:
    """Read ``results.csv`` back, numbers as int/float (empty cells as ``None``)."""
    with Path(path).open(newline="") as handle:
        return [
            {k: (parse_value(v) if v != "" else None) for k, v in row.items()}
            for row in csv.DictReader(handle)
        ]


def figure_metrics(rows: list[dict[str, Any]], limit: int = 3) -> list[str]:
    """The metric columns to draw: known headline metrics present, else the first numeric ones."""
    numeric = [
        c
        for c in dict.fromkeys(k for row in rows for k in row)
        if "." in c
        and "seconds" not in c
        and any(
            isinstance(row.get(c), (int, float)) and not isinstance(row.get(c), bool)
            for row in rows
        )
    ]
    chosen = [m for m in HEADLINE_METRICS if m in numeric]
    return (chosen or numeric)[:limit]


def results_figure(rows: list[dict[str, Any]], swept: list[str], language: str = "en") -> Any:
    """A horizontal bar chart per headline metric, one bar per run; ``None`` when nothing to draw.

    ``language``: the figure's words, ``"en"`` or ``"ko"`` (``figure_texts``); notebook 11 shows
    it with ``display``, ``write_figure`` saves it as ``results.png``.
    """
    from matplotlib.figure import Figure

    texts = TEXTS[language]
    metrics = figure_metrics(rows)
    if not metrics:
        return None
    labels = [", ".join(f"{k}={row[k]}" for k in swept) or row["run"] for row in rows]
    fig = Figure(figsize=(4.2 * len(metrics) + 1.5, 0.45 * len(rows) + 1.6))
    axes = fig.subplots(1, len(metrics), squeeze=False, sharey=True)[0]
    for ax, metric in zip(axes, metrics):
        values = [
            row.get(metric) if isinstance(row.get(metric), (int, float)) else 0.0 for row in rows
        ]
        bars = ax.barh(range(len(rows)), values, color="tab:blue")
        ax.bar_label(bars, fmt="%.3f", fontsize=8)
        ax.set_yticks(range(len(rows)), labels, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, max(1.0, max(values) * 1.15))
        notebook, _, name = metric.partition(".")
        ax.set_title(f"{name}\n({notebook})", fontsize=9)
        ax.set_xlabel(texts["sweep_value"])
    axes[0].set_ylabel(texts["sweep_run"])
    swept_names = ", ".join(swept) or texts["sweep_nothing"]
    fig.suptitle(texts["sweep_title"].format(swept=swept_names, n=len(rows)), fontsize=10)
    fig.tight_layout()
    return fig


def write_figure(
    rows: list[dict[str, Any]], swept: list[str], path: Path, language: str = "en"
) -> Path | None:
    """``results_figure`` saved as a PNG at ``path``; ``None`` when nothing to draw."""
    fig = results_figure(rows, swept, language)
    if fig is None:
        return None
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return write_owned(path, buffer.getvalue(), CHOOSE_ANOTHER_OUT)


def add_sweep_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``thermal-utils sweep`` on the CLI's sub-command parser."""
    sweep = sub.add_parser("sweep", help="run notebooks for every combination of parameter values")
    sweep.add_argument(
        "-p",
        "--param",
        nargs="+",
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a parameter and its values, e.g. -p epochs 5 10 20 (repeat for more)",
    )
    sweep.add_argument(
        "--notebooks",
        nargs="+",
        metavar="NAME",
        help="notebooks to run, e.g. 05_fit 07_evaluate (looked up in the edition --language "
        "names), or paths to notebooks, run as they are (default: the whole suite)",
    )
    sweep.add_argument(
        "--language",
        choices=LANGUAGES,
        help="the edition whose notebooks the names are: en (notebooks/) or ko (the Korean "
        "edition, notebooks/ko); default: the edition of --notebooks-dir",
    )
    sweep.add_argument(
        "--notebooks-dir",
        type=Path,
        help="folder of the numbered notebooks (default: notebooks/ here)",
    )
    sweep.add_argument(
        "--data-dir", default="data/sample", help="data directory (default data/sample)"
    )
    sweep.add_argument(
        "--out",
        help="sweep folder (default sweeps/<swept parameter names>, with -ko for the Korean edition)",
    )
    sweep.add_argument(
        "--jobs", type=positive_int, default=1, help="runs executed at once (default 1)"
    )
    sweep.set_defaults(func=_cmd_sweep)


def _cmd_sweep(args: argparse.Namespace) -> int:
    folder = edition_dir(args.language, args.notebooks_dir)
    paths = resolve_notebooks(args.notebooks, folder)
    grid = parse_grid(args.param, declared_types(paths))
    suffix = edition_suffix(paths)  # sweeps/epochs-ko: never over the English sweep's folder
    default_out = Path("sweeps") / (("-".join(grid) or "default") + suffix)
    out_dir = Path(args.out) if args.out else default_out
    total = len(combinations(grid))
    what = ", ".join(args.notebooks) if args.notebooks else "the whole suite"
    print(
        f"sweep: {total} runs of {what}{f' ({suffix[1:]})' if suffix else ''} into {out_dir.as_posix()}/",
        flush=True,
    )
    result = run_sweep(
        grid,
        out_dir,
        notebooks=[str(p) for p in paths] if args.notebooks else None,
        data_dir=args.data_dir,
        jobs=args.jobs,
        notebooks_dir=folder,
    )
    print(
        f"ran {len(result.ran)}, skipped {len(result.skipped)} already complete, failed {len(result.failed)}"
    )
    for name, error in result.failed.items():
        print(f"failed {name}: {error}", file=sys.stderr)
    print(
        f"results: {result.csv_path.as_posix() if result.csv_path else '-'}"
        + (f", figure: {result.figure_path.as_posix()}" if result.figure_path else "")
    )
    return 1 if result.failed else 0
