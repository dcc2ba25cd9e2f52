"""``predict`` refuses what it cannot classify, with a short reason naming the file (issue 21,
item 10): a special file among the frames of a folder, a truncated or corrupt ``.keras`` file, a
model whose weights do not fit its configuration, a model whose output is not a softmax.

The models here are one Dense layer, built and saved in a few milliseconds; no training."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from conftest import frame_name, make_frame

from thermal_utils.tooling.cli import main
from thermal_utils.tooling.frame_text import write_frame

PREPROCESSING = {
    "scaling": {"name": "physical", "offset_c": 15.0, "span_c": 25.0},
    "input": "flat",
    "classes": ["fake", "real"],
}


def _save(folder: Path, layers: list) -> Path:
    """A flat-input ``keras.Sequential`` of ``layers`` saved as ``folder/model.keras``, with
    its ``preprocessing.json``; returns the ``.keras`` file."""
    import keras

    keras.utils.set_random_seed(0)
    folder.mkdir(parents=True)
    model = keras.Sequential([keras.Input((110 * 120,)), *layers])
    model.save(folder / "model.keras")
    (folder / "preprocessing.json").write_text(json.dumps(PREPROCESSING))
    return folder / "model.keras"


def _dense(units: int = 2, activation: str = "softmax"):
    import keras

    return keras.layers.Dense(units, activation=activation)


@pytest.fixture(scope="module")
def frame(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("frames") / frame_name("20201201", 1)
    write_frame(path, make_frame(5))
    return path


@pytest.fixture(scope="module")
def good_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _save(tmp_path_factory.mktemp("good") / "model", [_dense()])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_inside_a_folder_is_listed_as_skipped(
    good_model: Path, frame: Path, tmp_path: Path, capsys
) -> None:
    """A FIFO named like a frame in a folder was dropped without a word (exit 0)."""
    folder = tmp_path / "frames"
    folder.mkdir()
    write_frame(folder / frame_name("20201201", 1), make_frame(6))
    fifo = folder / frame_name("20201201", 2)
    os.mkfifo(fifo)
    code = main(["predict", str(good_model.parent), str(folder), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 1
    results = json.loads(captured.out)
    assert [r["path"] for r in results] == [
        (folder / frame_name("20201201", 1)).as_posix(),
        fifo.as_posix(),
    ]
    assert results[0]["p_real"] is not None
    reason = f"{fifo.as_posix()}: not a regular file (a FIFO, device, socket or broken link)"
    assert results[1]["error"] == reason
    assert f"thermal-utils predict: error: {reason}" in captured.err


def test_a_broken_link_inside_a_folder_is_listed_as_skipped(tmp_path: Path) -> None:
    from thermal_utils.tooling.predict import find_frame_files

    (tmp_path / frame_name("20201201", 3)).symlink_to(tmp_path / "gone.txt")
    files, skipped = find_frame_files([tmp_path])
    assert files == [] and skipped == [
        (
            tmp_path / frame_name("20201201", 3),
            "not a regular file (a FIFO, device, socket or broken link)",
        )
    ]


@pytest.mark.parametrize("engine", ["auto", "numpy", "keras"])
@pytest.mark.parametrize("keep", [0.5, 0.99, 0.0])
def test_a_truncated_keras_file_is_named_as_such(
    good_model: Path, frame: Path, tmp_path: Path, engine: str, keep: float, capsys
) -> None:
    """A .keras file cut short gave Keras's "File not found"."""
    data = good_model.read_bytes()
    folder = tmp_path / "cut"
    folder.mkdir()
    (folder / "model.keras").write_bytes(data[: int(len(data) * keep)])
    (folder / "preprocessing.json").write_text(json.dumps(PREPROCESSING))
    assert main(["predict", str(folder), str(frame), "--engine", engine]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert captured.err.startswith(
        f"thermal-utils predict: error: {(folder / 'model.keras').as_posix()}: "
        "not a readable Keras model (truncated or corrupt:"
    )
    assert "File not found" not in captured.err


def test_a_corrupt_member_is_named_as_such(good_model: Path, frame: Path, tmp_path: Path) -> None:
    """Bytes changed inside the weights (the archive's directory intact): refused, not run."""
    from thermal_utils.tooling.predict import load_model

    data = bytearray(good_model.read_bytes())
    with zipfile.ZipFile(good_model) as archive:
        info = archive.getinfo("model.weights.h5")
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[middle] ^= 0xFF
    folder = tmp_path / "corrupt"
    folder.mkdir()
    (folder / "model.keras").write_bytes(bytes(data))
    (folder / "preprocessing.json").write_text(json.dumps(PREPROCESSING))
    with pytest.raises(ValueError, match=r"not a readable Keras model \(truncated or corrupt: "):
        load_model(folder, "keras")


def _with_units(source: Path, target: Path, units: int) -> Path:
    """A copy of ``source`` whose configuration says the Dense layer has ``units`` units
    while its weights stay those of the original (2 units)."""
    with zipfile.ZipFile(source) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    config = json.loads(files["config.json"])
    dense = next(c for c in config["config"]["layers"] if c["class_name"] == "Dense")
    dense["config"]["units"] = units
    files["config.json"] = json.dumps(config).encode()
    target.mkdir()
    with zipfile.ZipFile(target / "model.keras", "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    (target / "preprocessing.json").write_text(json.dumps(PREPROCESSING))
    return target / "model.keras"


@pytest.mark.parametrize("engine", ["auto", "numpy", "keras"])
def test_weights_that_do_not_fit_give_a_short_message(
    good_model: Path, frame: Path, tmp_path: Path, engine: str, capsys
) -> None:
    """Keras's message printed the whole weight array; now: the file and both shapes."""
    keras_file = _with_units(good_model, tmp_path / "mismatch", 3)
    assert main(["predict", str(keras_file.parent), str(frame), "--engine", engine]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 400, err
    assert err.startswith(
        f"thermal-utils predict: error: {keras_file.as_posix()}: "
        "its weights do not fit the model its config.json describes: "
    )
    if engine == "keras":
        # Keras numbers its layers per process (dense, dense_1, ...): any earlier test may count
        assert re.search(
            r"dense(_\d+)?/kernel: expected shape \(13200, 3\), found \(13200, 2\)", err
        )
    else:  # read by the NumPy engine first, which needs no TensorFlow to tell
        assert "layers/dense: expected shapes [(13200, 3), (3,)], found [(13200, 2), (2,)]" in err
    assert "[[" not in err and "Traceback" not in err


def test_the_keras_reason_is_cut_to_its_first_line() -> None:
    from thermal_utils.tooling.predict import keras_load_reason

    error = ValueError("Something failed.\n[[0.1 0.2]\n [0.3 0.4]]\n" + "x" * 5000)
    assert keras_load_reason(error) == (
        "expected a Keras model saved by pipeline.save (ValueError: Something failed.)"
    )
    assert len(keras_load_reason(ValueError("y" * 5000))) < 300


@pytest.mark.parametrize("activation", ["sigmoid", "linear", "relu", "tanh"])
@pytest.mark.parametrize("engine", ["auto", "numpy", "keras"])
def test_a_model_whose_output_is_not_a_softmax_is_refused(
    frame: Path, tmp_path: Path, activation: str, engine: str, capsys
) -> None:
    """A 2-unit sigmoid output printed a 'probability' its other output did not complement."""
    keras_file = _save(tmp_path / activation, [_dense(2, activation)])
    assert main(["predict", str(keras_file.parent), str(frame), "--engine", engine]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"thermal-utils predict: error: {keras_file.as_posix()}: predict needs a model whose "
        "output is a 2-unit softmax (one probability per class, ['fake', 'real'], summing to 1); "
        f"this model's output layer is Dense with activation {activation!r}\n"
    )


def test_a_softmax_after_dropout_or_as_its_own_layer_is_accepted(
    frame: Path, tmp_path: Path, capsys
) -> None:
    import keras

    for name, layers in {
        "dropout": [_dense(), keras.layers.Dropout(0.2)],
        "softmax-layer": [_dense(2, "linear"), keras.layers.Softmax()],
        "activation-layer": [_dense(2, "linear"), keras.layers.Activation("softmax")],
    }.items():
        keras_file = _save(tmp_path / name, layers)
        assert main(["predict", str(keras_file.parent), str(frame)]) == 0, capsys.readouterr().err
        assert capsys.readouterr().out.startswith(frame.as_posix())


def test_a_softmax_layer_over_another_axis_is_refused(frame: Path, tmp_path: Path, capsys) -> None:
    import keras

    keras_file = _save(tmp_path / "axis", [_dense(2, "linear"), keras.layers.Softmax(axis=0)])
    assert main(["predict", str(keras_file.parent), str(frame), "--engine", "keras"]) == 2
    assert "predict needs a model whose output is a 2-unit softmax" in capsys.readouterr().err
