"""The ``thermal-utils`` command line."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from thermal_utils.formats import FrameFormatError
from thermal_utils.tooling.suite import LANGUAGES
from thermal_utils.tooling.values import day_argument, positive_int


def _cmd_synth(args: argparse.Namespace) -> int:
    from thermal_utils.tooling.synth.presets import write_preset

    if args.out is None and args.gallery is None:
        print(
            "thermal-utils synth: error: give --out (a data set) and/or --gallery (a picture)",
            file=sys.stderr,
        )
        return 2
    if args.gallery is not None:
        from thermal_utils.tooling.synth.gallery import write_gallery

        print(f"wrote {write_gallery(args.gallery, seed=args.seed).as_posix()}")
    if args.out is not None:
        jobs = args.jobs or os.cpu_count() or 1
        count = write_preset(
            args.preset,
            args.out,
            seed=args.seed,
            jobs=jobs,
            overwrite=args.overwrite,
            progress=args.progress,
        )
        print(
            f"wrote {count} frames ({args.preset} preset, seed {args.seed}) to {Path(args.out).as_posix()}"
        )
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from thermal_utils.tooling.info import describe_data_dir
    from thermal_utils.tooling.values import check_day_range

    check_day_range(args.first_day, args.last_day)  # before anything is read
    print(describe_data_dir(args.data_dir, args.first_day, args.last_day))
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from thermal_utils.tooling.generated import ensure_dataset, generated_spec
    from thermal_utils.tooling.suite import (
        NotebookFailed,
        check_suite_params,
        coerce_params,
        edition_dir,
        edition_suffix,
        run_suite,
        suite_notebooks,
    )

    try:
        notebooks = suite_notebooks(edition_dir(args.language, args.notebooks_dir))
    except FileNotFoundError as error:
        print(f"thermal-utils run: error: {error}", file=sys.stderr)
        return 2
    params = coerce_params(args.param, notebooks)
    params.setdefault("data_dir", args.data_dir)
    if isinstance(params["data_dir"], str) and generated_spec(params["data_dir"]):
        ensure_dataset(
            params["data_dir"], progress=sys.stdout.isatty()
        )  # before the checks need it
    check_suite_params(params)
    name = args.name or (
        "sample"
        if len(params) == 1
        else "-".join(f"{k}-{v}" for k, v in sorted(params.items()) if k != "data_dir") or "sample"
    )
    if not args.name:
        name += edition_suffix(notebooks)  # runs/sample-ko: never over the English run's folder
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.+_-]*", name) or len(name) > 200:
        name = re.sub(r"[^A-Za-z0-9.+_-]", "_", name)[:200].lstrip(".") or "run"
    out_dir = Path(args.out) if args.out else Path("runs") / name
    try:
        run_suite(params, out_dir, notebooks=notebooks, jobs=args.jobs)
    except NotebookFailed as error:
        print(f"thermal-utils run: error: {error}", file=sys.stderr)
        return 1
    print((out_dir / "summary.txt").read_text(), end="")
    print(
        f"results: {out_dir.as_posix()}/ (executed notebooks, figures/, metrics.json, summary.txt)"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thermal-utils", description="Thermal frame tools for the thermal-keras notebooks."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    synth = sub.add_parser("synth", help="generate a synthetic dataset in the raw frame format")
    synth.add_argument(
        "--preset", choices=["sample", "tutorial", "fresh", "lecture"], default="sample"
    )
    synth.add_argument("--out", help="output data directory")
    synth.add_argument(
        "--gallery", help="also (or only) draw a PNG gallery of every kind of frame to this path"
    )
    synth.add_argument("--progress", action="store_true", help="show a progress bar")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    synth.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    synth.add_argument(
        "--overwrite", action="store_true", help="replace an existing dataset in --out"
    )
    synth.set_defaults(func=_cmd_synth)

    info = sub.add_parser("info", help="summarise a data directory: counts, ranges, skipped files")
    info.add_argument("data_dir")
    info.add_argument(
        "--first-day", type=day_argument, help="first day folder to include (YYYYMMDD)"
    )
    info.add_argument("--last-day", type=day_argument, help="last day folder to include (YYYYMMDD)")
    info.set_defaults(func=_cmd_info)

    run = sub.add_parser("run", help="run the whole notebook suite through papermill")
    run.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a notebook parameter, e.g. -p epochs 5",
    )
    run.add_argument(
        "--data-dir",
        default="data/generated/tutorial",
        help="data directory (default data/generated/tutorial, generated if missing)",
    )
    run.add_argument("--out", help="output folder (default runs/<name>)")
    run.add_argument("--name", help="run name (default: from the parameters, 'sample' for none)")
    run.add_argument(
        "--jobs", type=positive_int, default=2, help="notebooks run at once (default 2)"
    )
    run.add_argument(
        "--notebooks-dir",
        type=Path,
        help="folder of the numbered notebooks (default: notebooks/ here)",
    )
    run.add_argument(
        "--language",
        choices=LANGUAGES,
        help="the edition to run: en (notebooks/) or ko (the Korean edition, notebooks/ko); "
        "default: the edition of --notebooks-dir",
    )
    run.set_defaults(func=_cmd_run)

    from thermal_utils.tooling.convert import add_convert_parser

    add_convert_parser(sub)
    from thermal_utils.tooling.sweep import add_sweep_parser

    add_sweep_parser(sub)
    from thermal_utils.tooling.predict import add_predict_parser

    add_predict_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one ``thermal-utils`` command; returns its exit status.

    With ``argv=None`` (the installed ``thermal-utils`` command, ``python -m``), a command
    that sets ``fast_exit`` (``predict``) ends the process as soon as its output is flushed
    (``exit_now``), skipping the interpreter's teardown. Called with a list (tests, other
    Python code) it always returns.
    """
    args = build_parser().parse_args(argv)
    code = _run(args)
    if argv is None and getattr(args, "fast_exit", False):
        exit_now(code)
    return code


def exit_now(code: int) -> None:
    """Flush stdout and stderr, then end the process with ``code`` at once (``os._exit``).

    Skips the interpreter's teardown: after TensorFlow is loaded, finalising its modules
    and threads takes about a second, for a command that has nothing left to do. If
    flushing fails (a closed pipe), returns, and the normal exit reports it as before.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def _run(args: argparse.Namespace) -> int:
    """Run the parsed command; errors become a message on stderr and exit status 1, 2 or 130."""
    try:
        return args.func(args)
    except (FrameFormatError, ValueError) as error:
        print(f"thermal-utils {args.command}: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # FileNotFoundError, PermissionError, a full disk, ...
        where = f": {error.filename}" if error.filename else ""
        print(
            f"thermal-utils {args.command}: error: {error.strerror or error}{where}",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print(
            f"thermal-utils {args.command}: interrupted; files already written are complete, nothing is half-written",
            file=sys.stderr,
        )
        return 130


if __name__ == "__main__":
    sys.exit(main())
