"""Execute notebooks: in place with their default parameters (``make notebooks``), or one
run with given parameters (``run_notebook``, which trains what another notebook reuses).

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
from typing import Any

import nbformat
from nbclient import NotebookClient

from thermal_utils.tooling.params import HELPER_RUN_ENV, TutorialParams
from thermal_utils.tooling.tf_env import apply_tf_environment


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
    apply_tf_environment()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
    )
    client.execute()
    nbformat.write(strip_volatile(nb), path)


def notebook_parameters(p: TutorialParams, notebook: Path) -> dict[str, Any]:
    """The values of ``p`` for the parameters ``notebook`` declares, paths made absolute."""
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    values = {name: getattr(p, name) for name in declared if hasattr(p, name)}
    for name in ("data_dir", "artifacts_dir"):
        values[name] = str(Path(values[name]).resolve())
    return values


def run_notebook(source: Path, p: TutorialParams, **extra: Any) -> Path:
    """Execute the notebook ``source`` with ``p`` (and ``extra``) through papermill, in its folder.

    The executed copy is written to ``artifacts_dir/executed/``. Used to train what a
    notebook needs when the notebook that teaches it has not run yet.
    """
    import papermill

    source = Path(source).resolve()
    if not source.is_file():
        raise FileNotFoundError(
            f"{source} is missing: a notebook that reuses a trained model runs it to train the model; "
            "run the notebooks from their folder (JupyterLab, papermill, nbval and thermal-utils run do)"
        )
    out = Path(p.artifacts_dir) / "executed" / f"{source.stem}-seed-{p.seed}.ipynb"
    out.parent.mkdir(parents=True, exist_ok=True)
    before = os.environ.get(HELPER_RUN_ENV)
    os.environ[HELPER_RUN_ENV] = "1"  # the kernel inherits it: record_metrics writes aside
    try:
        papermill.execute_notebook(
            str(source),
            str(out),
            parameters={**notebook_parameters(p, source), **extra},
            cwd=str(source.parent),
            progress_bar=False,
            log_output=False,
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
            shutdown_kernel="immediate",
        )
    finally:  # a helper run inside a helper run (10 -> 05) leaves the outer one a helper run
        if before is None:
            os.environ.pop(HELPER_RUN_ENV, None)
        else:
            os.environ[HELPER_RUN_ENV] = before
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Execute notebooks in place and strip volatile metadata."
    )
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in sorted(args.notebooks):
        print(f"executing {path.as_posix()}", flush=True)
        execute_in_place(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
