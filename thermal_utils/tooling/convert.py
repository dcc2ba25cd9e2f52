"""``thermal-utils convert``: camera exports -> frames in our format, in the dataset layout.

    thermal-utils convert INPUT... --out DATA_DIR --split train --class real
        [--format auto|flir|optris|matrix|htpa] [--camera ID] [--day YYYYMMDD]
        [--ambient-c °C] [--unit auto|C|K|dK]

Each input (formats: ``thermal_utils.tooling.camera_formats``) becomes one frame file per
frame it holds, in ``DATA_DIR/<split>/<class>/<YYYYMMDD>/``, so that ``load_split``
and the notebooks read it unchanged. Rules (also in data/README.md):

* **Size.** Every frame is fitted to 110 x 120 (rows x columns): scaled by
  ``s = max(110 / rows, 120 / columns)``, keeping its aspect ratio, so that it just
  covers 110 x 120, then the excess of the longer side is cut equally from both ends
  (a centre crop). Enlarging interpolates bilinearly; shrinking averages the source
  area under each new pixel (no aliasing). A 110 x 120 source is copied unchanged.
  Rows are written 120 values wide. Values are rounded to 0.1 °C, as the format stores.
* **Units.** °C, except HTPA logs (deci-kelvin: °C = dK / 10 - 273.15, rounded half up
  to 0.1 °C). ``--unit`` overrides (``K`` for an export in kelvin).
* **Metadata.** ``camera`` (``--camera``, default ``FLIR``, ``OPTRIS``, ``CAM`` or
  ``HTPA``), ``timestamp`` (from the export, its date replaced by ``--day`` when given; an
  export without a readable date needs ``--day``: a date is never guessed, and a date the
  reader cannot parse, such as ``25/12/2020`` in a US-style export, is refused with its line),
  ``ambient_c`` (``--ambient-c``, else the median of the frame, an estimate: most of a
  thermal scene is background near room temperature), ``emissivity`` when the export
  states it, the source's size, file and format. Exports carry no blackbody reference:
  the block and the reference line repeat ``ambient_c`` (``blackbody: none`` says so).
* **Names.** ``<camera>_<YYYYMMDD>_<HHMMSS>_<NNNN>.txt`` in the day folder of the
  timestamp's date; ``NNNN`` continues after the highest number that
  camera already has in that folder. Each file is created exclusively (written to a
  temporary file, then linked to a name that must not exist), so converting never
  overwrites a file, also when several conversions write into one folder at once.
* **Temperatures.** A value no camera reports (not finite, below absolute zero
  -273.15 °C, above 2000 °C) fails the input, as does a frame whose median lies outside
  the frame format's -40..250 °C (most of a scene is background: such a frame is in
  another unit; pass ``--unit``). Single pixels outside -40..250 °C (a cold sky, a hot
  object) are clipped to that range, with a warning giving how many and the extremes:
  the frame reader accepts only -40..250 °C, and convert never writes a frame the
  reader rejects (every frame is parsed back before it is written).
* **Errors.** An input that cannot be read fails as a whole (nothing of it is written,
  what was already written of it is removed) with the file, line and what was
  expected; the other inputs are still converted, and the exit status is 1.
  Warnings go to stderr as ``INPUT: warning: ...`` and do not change the status.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import TextIO

import numpy as np

from thermal_utils import formats as fmt
from thermal_utils.formats import MAX_PLAUSIBLE_C, MIN_PLAUSIBLE_C, Frame, FrameFormatError
from thermal_utils.tooling.camera_formats import (
    FORMATS,
    Export,
    ExportFormatError,
    ExportFrame,
    read_export,
)
from thermal_utils.tooling.frame_text import write_frame
from thermal_utils.tooling.sizing import fit_to_frame
from thermal_utils.tooling.values import day_argument

DEFAULT_CAMERAS = {"flir": "FLIR", "optris": "OPTRIS", "matrix": "CAM", "htpa": "HTPA"}
UNITS = ("auto", "C", "K", "dK")
CAMERA_PATTERN = re.compile(r"[A-Za-z0-9-]{1,32}")
"""A camera id (used with ``fullmatch``: no trailing newline slips through)."""

ABSOLUTE_ZERO_C = -273.15
MAX_CAMERA_C = 2000.0
"""Values outside ABSOLUTE_ZERO_C..MAX_CAMERA_C (or not finite) are refused: no camera reports them."""

MAX_NAME_ATTEMPTS = 100_000
"""Sequence numbers tried for one frame before giving up (names taken by other writers)."""


# --- units and size ------------------------------------------------------------------


def to_celsius(values: np.ndarray, unit: str) -> np.ndarray:
    """Values in ``unit`` (``C``, ``K`` or ``dK``) to °C, float64. Integral deci-kelvin
    values are rounded half up to 0.1 °C (every one of them ends in .x5 °C)."""
    values = np.asarray(values, dtype=np.float64)
    if unit == "C":
        return values
    if unit == "K":
        return values - 273.15
    if unit == "dK":
        hundredths = values * 10.0 - 27315.0  # exact for integers
        return np.floor(hundredths / 10.0 + 0.5) / 10.0
    raise ValueError(f"unit must be one of {UNITS[1:]}, got {unit!r}")


# --- one input -----------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What the command line asks for (see ``add_convert_parser``)."""

    out: Path
    split: str
    cls: str
    export_format: str = "auto"
    camera: str | None = None
    day: str | None = None
    ambient_c: float | None = None
    unit: str = "auto"


@dataclass(frozen=True)
class Converted:
    """One frame ready to be written."""

    celsius: np.ndarray
    """``(110, 120)`` float32 °C, rounded to 0.1."""
    timestamp: datetime
    metadata: dict[str, str]
    warnings: tuple[str, ...] = ()


def _where(frame: ExportFrame, export: Export, row: int, column: int) -> tuple[int, str]:
    """(line, "column c" or "row r, column c") of one value of a frame."""
    if export.format != "htpa":
        return frame.line + row, f"column {column + 1}"
    return frame.line, f"row {row + 1}, column {column + 1}"


def _check_plausible(
    celsius: np.ndarray, frame: ExportFrame, export: Export
) -> tuple[np.ndarray, list[str]]:
    """Refuse values no camera reports and frames mostly outside the format's range; clip
    single pixels outside -40..250 °C to it. Returns the values to convert and warnings."""
    impossible = ~np.isfinite(celsius) | (celsius < ABSOLUTE_ZERO_C) | (celsius > MAX_CAMERA_C)
    if impossible.any():
        row, column = (int(i) for i in np.argwhere(impossible)[0])
        line, where = _where(frame, export, row, column)
        raise ExportFormatError(
            export.path,
            line,
            f"a temperature a camera reports ({ABSOLUTE_ZERO_C:g}..{MAX_CAMERA_C:g} °C) at {where} (pass --unit if the export is not in °C)",
            f"{frame.values[row, column]:g}",
        )
    median = float(np.median(celsius))
    outside = (celsius < MIN_PLAUSIBLE_C) | (celsius > MAX_PLAUSIBLE_C)
    if not MIN_PLAUSIBLE_C <= median <= MAX_PLAUSIBLE_C:
        row, column = (int(i) for i in np.argwhere(outside)[0])
        line, where = _where(frame, export, row, column)
        raise ExportFormatError(
            export.path,
            line,
            f"a scene mostly within {MIN_PLAUSIBLE_C:g}..{MAX_PLAUSIBLE_C:g} °C, the frame format's range (the median is "
            f"{median:.1f} °C; pass --unit if the export is not in °C); first value outside at {where}",
            f"{frame.values[row, column]:g}",
        )
    if not outside.any():
        return celsius, []
    low, high = float(celsius.min()), float(celsius.max())
    warning = (
        f"line {frame.line}: {int(outside.sum())} of {celsius.size} values outside {MIN_PLAUSIBLE_C:g}..{MAX_PLAUSIBLE_C:g} °C "
        f"(the frame format's range; from {low:.1f} to {high:.1f} °C) clipped to it"
    )
    return np.clip(celsius, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C), [warning]


def _timestamp(frame: ExportFrame, path: Path, day: str | None) -> datetime:
    """The frame's time: from the export, its date replaced by ``day`` when given. Never a
    guess: an export without a readable date needs ``--day`` (``ExportFormatError``
    otherwise, naming the line whose date does not parse, if any); the time of day is the
    export's, or 00:00:00 when it states none."""
    if day is not None:
        moment = frame.timestamp.time() if frame.timestamp else frame.clock or time(0, 0)
        return datetime.combine(datetime.strptime(day, "%Y%m%d").date(), moment)
    if frame.timestamp is not None:
        return frame.timestamp
    raise ExportFormatError(
        path,
        frame.line,
        "a date in the export for this frame, or --day YYYYMMDD (a frame is never filed under a guessed day)",
        frame.undated or "no date in the export",
    )


def _clean(value: str) -> str:
    """A metadata value on one line (no line breaks)."""
    return " ".join(value.split())


def _unit(export: Export, options: Options) -> str:
    return export.unit if options.unit == "auto" else options.unit


def check_export(export: Export, options: Options) -> list[str]:
    """Check every frame of an export before any is converted; returns the warnings (the
    export's and each frame's) or raises ``ExportFormatError`` at the first bad value."""
    if options.ambient_c is not None:
        check_ambient(options.ambient_c)
    warnings = list(export.warnings)
    for frame in export.frames:
        _timestamp(frame, export.path, options.day)  # a day for every frame, before any is written
        warnings += _check_plausible(
            to_celsius(frame.values, _unit(export, options)), frame, export
        )[1]
    return warnings


def convert_export(export: Export, options: Options) -> list[Converted]:
    """Every frame of an export in °C, fitted to 110 x 120, with its metadata; raises
    ``ExportFormatError`` when any frame is implausible (nothing is converted then)."""
    check_export(export, options)
    return list(iter_converted(export, options))


def iter_converted(export: Export, options: Options) -> Iterator[Converted]:
    """The frames of a checked export (``check_export``) converted one at a time, so that
    memory holds one converted frame, not all of them."""
    unit = _unit(export, options)
    camera = options.camera or DEFAULT_CAMERAS[export.format]
    for frame in export.frames:
        source, warnings = _check_plausible(to_celsius(frame.values, unit), frame, export)
        fitted = np.round(
            fit_to_frame(source), fmt.DECIMALS
        )  # a weighted mean: stays within the source's range
        ambient = options.ambient_c if options.ambient_c is not None else float(np.median(source))
        stamp = _timestamp(frame, export.path, options.day)
        metadata = {
            "camera": camera,
            "timestamp": stamp.isoformat(),
            "ambient_c": f"{ambient:.1f}",
            **({"emissivity": export.emissivity} if export.emissivity else {}),
            "sensor_rows": str(source.shape[0]),
            "sensor_cols": str(source.shape[1]),
            "source": _clean(f"{export.path.name} line {frame.line}"),
            "source_format": f"{export.format} ({unit})",
            "blackbody": "none (a camera export); the block and the reference repeat ambient_c",
        }
        yield Converted(fitted.astype(np.float32), stamp, metadata, tuple(warnings))


class _Sequence:
    """Next free sequence number per (day folder, camera), found once per folder."""

    def __init__(self) -> None:
        self._next: dict[tuple[Path, str], int] = {}

    def take(self, folder: Path, camera: str) -> int:
        key = (folder, camera)
        if key not in self._next:
            numbers = (
                [
                    int(match["seq"])
                    for match in (
                        fmt.FRAME_NAME_PATTERN.match(p.name) for p in folder.glob(f"{camera}_*")
                    )
                    if match and match["camera"] == camera
                ]
                if folder.is_dir()
                else []
            )
            self._next[key] = max(numbers, default=0) + 1
        number = self._next[key]
        self._next[key] = number + 1
        return number


def _write_new(
    folder: Path, camera: str, day: str, item: Converted, frame: Frame, sequence: _Sequence
) -> Path:
    """Write ``frame`` under the next free sequence number; a name taken meanwhile (by
    another conversion into the same folder) is skipped, never overwritten."""
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(MAX_NAME_ATTEMPTS):
        name = f"{camera}_{day}_{item.timestamp:%H%M%S}_{sequence.take(folder, camera):04d}.txt"
        try:
            return write_frame(folder / name, frame, overwrite=False)
        except FileExistsError:
            continue
    raise FileExistsError(
        f"{folder}: no free sequence number for {camera} after {MAX_NAME_ATTEMPTS} attempts"
    )


def write_converted(
    frames: Iterable[Converted], options: Options, sequence: _Sequence
) -> list[Path]:
    """Write converted frames into the dataset layout; returns their paths. All or
    nothing: when one frame cannot be written, those already written are removed."""
    class_dir = options.out / options.split / options.cls
    paths: list[Path] = []
    try:
        for item in frames:
            day = item.timestamp.strftime("%Y%m%d")
            reference = float(item.metadata["ambient_c"])
            blackbody = np.full((fmt.BLACKBODY_LINES, 1), reference, dtype=np.float32)
            frame = Frame(
                rows=item.celsius,
                blackbody=blackbody,
                reference_c=reference,
                metadata=item.metadata,
            )
            paths.append(
                _write_new(class_dir / day, item.metadata["camera"], day, item, frame, sequence)
            )
    except BaseException:
        for path in paths:
            path.unlink(missing_ok=True)
        raise
    return paths


def _ensure_layout(options: Options) -> None:
    """Create both class folders of the split, so that ``load_split`` finds the layout complete."""
    for cls in fmt.CLASSES:
        (options.out / options.split / cls).mkdir(parents=True, exist_ok=True)


def convert_inputs(
    inputs: list[Path], options: Options, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Convert every input; print one line per input (to ``out``, errors to ``err``;
    default stdout and stderr). Returns 0, or 1 if any input failed."""
    out = out or sys.stdout
    err = err or sys.stderr
    _ensure_layout(options)
    sequence = _Sequence()
    failed = 0
    for path in inputs:
        try:
            export = read_export(path, options.export_format)
            warnings = check_export(export, options)
            written = write_converted(iter_converted(export, options), options, sequence)
        except (
            ValueError,
            OSError,
            MemoryError,
        ) as error:  # FrameFormatError and UnicodeError are ValueErrors
            failed += 1
            print(f"{path}: error: {_error_text(error)}", file=err)
            continue
        for warning in warnings:
            print(f"{path}: warning: {warning}", file=err)
        rows, columns = export.frames[0].values.shape
        where = sorted({p.parent.relative_to(options.out).as_posix() for p in written})
        print(
            f"{path}: {len(written)} frame{'s' if len(written) != 1 else ''} ({export.format}, "
            f"{rows} x {columns} -> {fmt.ROWS} x {fmt.COLS}) written to {', '.join(where)}",
            file=out,
        )
    if failed:
        print(f"{failed} of {len(inputs)} inputs failed", file=err)
    return 1 if failed else 0


def _error_text(error: BaseException) -> str:
    """An error without the file name (the caller prints the file first)."""
    if isinstance(error, FrameFormatError):
        return error.detail
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}" + (f": {error.filename}" if error.filename else "")
    if isinstance(error, MemoryError):
        return "out of memory"
    return str(error) or type(error).__name__


# --- command line --------------------------------------------------------------------


def check_ambient(value: float) -> float:
    """An ambient temperature the frame format can hold: finite, within -40..250 °C."""
    if not (np.isfinite(value) and MIN_PLAUSIBLE_C <= value <= MAX_PLAUSIBLE_C):
        raise ValueError(
            f"--ambient-c must be a room temperature within {MIN_PLAUSIBLE_C:g}..{MAX_PLAUSIBLE_C:g} °C, got {value!r}"
        )
    return value


def _ambient(value: str) -> float:
    try:
        return check_ambient(float(value))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a room temperature within {MIN_PLAUSIBLE_C:g}..{MAX_PLAUSIBLE_C:g} °C, got {value!r}"
        ) from None


def _camera(value: str) -> str:
    if not CAMERA_PATTERN.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"a camera id is 1 to 32 letters, digits and '-', got {value!r}"
        )
    return value


def _cmd_convert(args: argparse.Namespace) -> int:
    options = Options(
        out=Path(args.out),
        split=args.split,
        cls=args.cls,
        export_format=args.format,
        camera=args.camera,
        day=args.day,
        ambient_c=args.ambient_c,
        unit=args.unit,
    )
    return convert_inputs([Path(p) for p in args.inputs], options)


def add_convert_parser(sub: argparse._SubParsersAction) -> None:
    """Add the ``convert`` subcommand to the ``thermal-utils`` parser."""
    convert = sub.add_parser(
        "convert",
        help="convert camera exports (FLIR CSV, Optris, plain matrices, HTPA logs) into the dataset layout",
        description="Convert camera exports (FLIR Tools CSV, Optris PIX Connect, plain tab- or space-separated "
        "matrices, Heimann HTPA logs) into frame files in the dataset layout, fitted to 110 x 120.",
    )
    convert.add_argument("inputs", nargs="+", metavar="INPUT", help="export files")
    convert.add_argument("--out", required=True, help="the data directory to write into")
    convert.add_argument("--split", required=True, choices=fmt.SPLITS)
    convert.add_argument(
        "--class", dest="cls", required=True, choices=fmt.CLASSES, help="real (a face) or fake"
    )
    convert.add_argument(
        "--format",
        default="auto",
        choices=("auto",) + FORMATS,
        help="default: detected from the content",
    )
    convert.add_argument(
        "--camera", type=_camera, help="camera id for names and metadata (default: from the format)"
    )
    convert.add_argument(
        "--day",
        type=day_argument,
        help="day folder YYYYMMDD (default: the export's date, else the file's)",
    )
    convert.add_argument(
        "--ambient-c", type=_ambient, help="room temperature in °C (default: each frame's median)"
    )
    convert.add_argument(
        "--unit",
        default="auto",
        choices=UNITS,
        help="unit of the values (default: °C; dK for HTPA)",
    )
    convert.set_defaults(func=_cmd_convert)


__all__ = [
    "Options",
    "add_convert_parser",
    "check_export",
    "convert_export",
    "iter_converted",
    "convert_inputs",
    "fit_to_frame",
    "to_celsius",
]
