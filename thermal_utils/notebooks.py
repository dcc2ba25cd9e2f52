"""Re-execute notebooks in place with their default parameters (``make notebooks``).

Volatile metadata (execution timings, papermill records) is stripped, so re-running on the
same machine and libraries leaves the files unchanged. ``language_info`` is kept whole, as the
kernel reports it: JupyterLab writes it into a notebook it opens, so a stored notebook without
it would show as modified (and be autosaved) as soon as a learner opens it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def coalesce_streams(outputs: list) -> list:
    """Merge adjacent stdout (or stderr) outputs: how a kernel chunks a stream depends on timing."""
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = previous["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def strip_volatile(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop metadata that changes between runs, and merge stream chunks."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for key in ("execution", "papermill", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.outputs)
    return nb


def execute_in_place(path: Path, timeout: int = 600) -> None:
    """Execute ``path`` top to bottom in a fresh kernel, in its own folder, and save it."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
    )
    client.execute()
    nbformat.write(strip_volatile(nb), path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Execute notebooks in place and strip volatile metadata.")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in sorted(args.notebooks):
        print(f"executing {path.as_posix()}", flush=True)
        execute_in_place(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
