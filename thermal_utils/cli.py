"""The ``thermal-utils`` command line."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from thermal_utils.errors import FrameFormatError


def _cmd_synth(args: argparse.Namespace) -> int:
    from thermal_utils.synth.presets import write_preset

    jobs = args.jobs or os.cpu_count() or 1
    count = write_preset(args.preset, args.out, seed=args.seed, jobs=jobs, overwrite=args.overwrite)
    print(f"wrote {count} frames ({args.preset} preset, seed {args.seed}) to {Path(args.out).as_posix()}")
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from thermal_utils.summary import describe_data_dir

    print(describe_data_dir(args.data_dir, args.first_day, args.last_day))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thermal-utils", description="Thermal frame tools for the thermal-keras notebooks.")
    sub = parser.add_subparsers(dest="command", required=True)

    synth = sub.add_parser("synth", help="generate a synthetic dataset in the raw frame format")
    synth.add_argument("--preset", choices=["sample", "seed"], default="sample")
    synth.add_argument("--out", required=True, help="output data directory")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    synth.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    synth.add_argument("--overwrite", action="store_true", help="replace an existing dataset in --out")
    synth.set_defaults(func=_cmd_synth)

    info = sub.add_parser("info", help="summarise a data directory: counts, ranges, skipped files")
    info.add_argument("data_dir")
    info.add_argument("--first-day", help="first day folder to include (YYYYMMDD)")
    info.add_argument("--last-day", help="last day folder to include (YYYYMMDD)")
    info.set_defaults(func=_cmd_info)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (FrameFormatError, FileNotFoundError, FileExistsError, ValueError) as error:
        print(f"thermal-utils {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
