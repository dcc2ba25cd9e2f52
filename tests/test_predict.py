"""``thermal-utils predict``: saved models (both scalings, both input kinds) on raw frame files."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import numpy as np
import pytest
from conftest import frame_name, make_frame

from thermal_utils.frames import read_frame
from thermal_utils.tooling.cli import main
from thermal_utils.tooling.frame_text import write_frame


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """train: 4 real + 3 fake; test: 2 + 2; one junk file."""
    root = tmp_path_factory.mktemp("predict-data")
    seed = 100
    for (split, cls), count in {
        ("train", "real"): 4,
        ("train", "fake"): 3,
        ("test", "real"): 2,
        ("test", "fake"): 2,
    }.items():
        for i in range(count):
            write_frame(
                root / split / cls / "20201201" / frame_name("20201201", i + 1), make_frame(seed)
            )
            seed += 1
    (root / "test" / "real" / "20201201" / "notes.txt").write_text("not a frame\n")
    return root


def _inputs(frames: np.ndarray, scaling: str, model: str) -> np.ndarray:
    """Scaled frames as the notebooks feed them: flat rows for the MLP, one-channel images for the CNN."""
    from thermal_utils.preprocess import get_scaling

    scaled = get_scaling(scaling).apply(frames)
    return scaled.reshape(len(scaled), -1) if model == "mlp" else scaled[..., np.newaxis]


def _train_and_save(data_dir: Path, out: Path, model: str, scaling: str):
    """A 2-epoch model saved as notebook 05 saves it; returns (saved folder, model)."""
    import keras

    from thermal_utils import load_split
    from thermal_utils import training as pipeline
    from thermal_utils.preprocess import get_scaling
    from thermal_utils.tooling import reference_models as models

    train = load_split(data_dir, "train")
    keras.utils.set_random_seed(0)
    net = models.build_lecture_mlp() if model == "mlp" else models.build_small_cnn()
    models.compile_classifier(net, "rmsprop", 0.001)
    net.fit(_inputs(train.frames, scaling, model), train.one_hot, epochs=2, batch_size=4, verbose=0)
    folder = out / f"{model}-{scaling}"
    folder.mkdir()
    net.save(folder / "model.keras")
    pipeline.save_preprocessing(folder, get_scaling(scaling), "flat" if model == "mlp" else "image")
    return folder, net


@pytest.fixture(scope="module")
def saved_models(
    data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, object]]:
    out = tmp_path_factory.mktemp("models")
    return {
        f"{m}-{s}": _train_and_save(data_dir, out, m, s)
        for m, s in (("mlp", "lecture"), ("cnn", "physical"))
    }


def _frames_of(paths: list[str]) -> np.ndarray:
    return np.stack([read_frame(p).temperatures for p in paths])


@pytest.mark.parametrize("kind", ["mlp-lecture", "cnn-physical"])
def test_probabilities_match_the_notebook_preparation(
    kind: str, saved_models, data_dir: Path, capsys
) -> None:
    folder, model = saved_models[kind]
    assert (
        json.loads((folder / "preprocessing.json").read_text())["scaling"]["name"]
        == kind.split("-")[1]
    )
    assert main(["predict", str(folder), str(data_dir), "--format", "json"]) == 0
    results = json.loads(capsys.readouterr().out)
    paths = [r["path"] for r in results]
    assert len(paths) == 11 and not any(p.endswith("notes.txt") for p in paths), (
        "folders give frame files only"
    )
    x = _inputs(_frames_of(paths), kind.split("-")[1], kind.split("-")[0])
    expected = model.predict(x, verbose=0)[:, 1]
    np.testing.assert_allclose([r["p_real"] for r in results], expected, atol=1e-5)
    assert [r["label"] for r in results] == ["real" if v > 0.5 else "fake" for v in expected]
    assert all(r["error"] is None for r in results)


def test_keras_file_text_and_csv(saved_models, data_dir: Path, capsys) -> None:
    folder, model = saved_models["mlp-lecture"]
    frame = data_dir / "test" / "fake" / "20201201" / frame_name("20201201", 1)
    assert main(["predict", str(folder / "model.keras"), str(frame)]) == 0
    line = capsys.readouterr().out.strip()
    path, p_real, label = line.split()
    assert path == frame.as_posix() and label in ("real", "fake") and 0.0 <= float(p_real) <= 1.0
    assert main(["predict", str(folder), str(frame), str(frame), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["path"] for r in rows] == [frame.as_posix()] * 2
    assert (
        float(rows[0]["p_real"]) == pytest.approx(float(p_real), abs=1e-4)
        and rows[0]["error"] == ""
    )


def test_bad_frames_are_reported_and_the_others_still_predicted(
    saved_models, data_dir: Path, tmp_path: Path, capsys
) -> None:
    folder, _ = saved_models["cnn-physical"]
    good = data_dir / "test" / "real" / "20201201" / frame_name("20201201", 1)
    bad = tmp_path / frame_name("20201201", 7)
    bad.write_text("# thermal-keras frame v1\nnot a frame\n")
    code = main(
        [
            "predict",
            str(folder),
            str(good),
            str(bad),
            str(tmp_path / "missing.txt"),
            "--format",
            "json",
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    results = json.loads(captured.out)
    assert [r["path"] for r in results] == [
        good.as_posix(),
        bad.as_posix(),
        (tmp_path / "missing.txt").as_posix(),
    ]
    assert results[0]["p_real"] is not None and results[1]["p_real"] is None
    assert results[1]["error"].startswith(bad.as_posix()) and "expected" in results[1]["error"]
    assert f"thermal-utils predict: error: {results[1]['error']}" in captured.err
    assert "no such file or folder" in results[2]["error"]
    # Text output lists the good frame; the errors go to stderr.
    assert main(["predict", str(folder), str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(good.as_posix()) and bad.as_posix() in captured.err


def test_not_a_model(tmp_path: Path, capsys) -> None:
    assert main(["predict", str(tmp_path), str(tmp_path)]) == 2
    assert "model.keras" in capsys.readouterr().err


from thermal_utils.preprocess import SCALINGS  # noqa: E402

GOOD_PREPROCESSING = {
    "scaling": {"name": "physical", "offset_c": 15.0, "span_c": 25.0},
    "input": "flat",
    "classes": ["fake", "real"],
}


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        (
            {"scaling": {"name": "physical", "offset_c": 15.0, "span_c": 0}},
            "scaling.span_c",
            "a positive number",
        ),
        (
            {"scaling": {"name": "physical", "offset_c": 15.0, "span_c": -25.0}},
            "scaling.span_c",
            "a positive number",
        ),
        (
            {"scaling": {"name": "minmax", "offset_c": 15.0, "span_c": 25.0}},
            "scaling.name",
            f"one of {sorted(SCALINGS)}",
        ),
        (
            {"scaling": {"name": "physical", "offset_c": "15", "span_c": 25.0}},
            "scaling.offset_c",
            "a finite number",
        ),
        (
            {"scaling": {"name": "physical", "offset_c": 15.0, "span_c": 26.0}},
            "scaling",
            "the 'physical' scaling's offset_c 15 and span_c 25",
        ),
        (
            {"scaling": {"name": "seed", "offset_c": 0, "span_c": 255, "extra": 1}},
            "scaling",
            "only the keys",
        ),
        ({"scaling": [1, 2]}, "scaling", "an object"),
        ({"input": "video"}, "input", "one of ['flat', 'image']"),
        ({"classes": ["real"]}, "classes", "['fake', 'real'] (output 0 is P(fake)"),
        ({"classes": ["real", "real"]}, "classes", "['fake', 'real'] (output 0 is P(fake)"),
        ({"classes": ["fake", 1]}, "classes", "['fake', 'real'] (output 0 is P(fake)"),
    ],
)
def test_preprocessing_json_is_checked_where_it_enters(
    tmp_path: Path, change: dict, field: str, expected: str, capsys
) -> None:
    """Issue 10, item 6: each field checked with an error naming the file and the field; no TensorFlow needed."""
    from thermal_utils.tooling.predict import PreprocessingError, read_preprocessing

    path = tmp_path / "preprocessing.json"
    path.write_text(json.dumps({**GOOD_PREPROCESSING, **change}))
    with pytest.raises(PreprocessingError) as error:
        read_preprocessing(path)
    assert str(error.value).startswith(f"{path.as_posix()}: field {field!r}: expected {expected}")
    (tmp_path / "model.keras").write_bytes(b"")
    assert main(["predict", str(tmp_path), str(tmp_path)]) == 2
    assert f"field {field!r}" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        "{",
        "\xff",
        '{"scaling": {"name": "physical", "offset_c": NaN, "span_c": 25}, "input": "flat"}',
    ],
)
def test_preprocessing_json_that_is_not_an_object(tmp_path: Path, text: str) -> None:
    from thermal_utils.tooling.predict import PreprocessingError, read_preprocessing

    path = tmp_path / "preprocessing.json"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(PreprocessingError, match=str(path)):
        read_preprocessing(path)


def test_good_preprocessing_json_reads(tmp_path: Path) -> None:
    from thermal_utils.tooling.predict import read_preprocessing

    path = tmp_path / "preprocessing.json"
    path.write_text(json.dumps({k: v for k, v in GOOD_PREPROCESSING.items() if k != "classes"}))
    scaling, kind, classes = read_preprocessing(path)
    assert (scaling.name, scaling.span_c, kind, classes) == (
        "physical",
        25.0,
        "flat",
        ("fake", "real"),
    )


def test_model_output_must_match_the_classes(
    saved_models, data_dir: Path, tmp_path: Path, capsys
) -> None:
    """Issue 10, item 6: a one-output model (or one of another input kind) is an error naming the file."""
    import keras

    model = keras.Sequential(
        [keras.Input((110 * 120,)), keras.layers.Dense(1, activation="sigmoid")]
    )
    folder = tmp_path / "one-output"
    folder.mkdir()
    model.save(folder / "model.keras")
    (folder / "preprocessing.json").write_text(json.dumps(GOOD_PREPROCESSING))
    frame = data_dir / "test" / "real" / "20201201" / frame_name("20201201", 1)
    assert main(["predict", str(folder), str(frame)]) == 2
    err = capsys.readouterr().err
    assert (
        f"{(folder / 'model.keras').as_posix()}: expected a model output of shape (None, 2)" in err
        and "found (None, 1)" in err
    )
    cnn, _ = saved_models["cnn-physical"]
    (folder / "preprocessing.json").write_text((cnn / "preprocessing.json").read_text())
    assert main(["predict", str(folder), str(frame)]) == 2
    assert (
        "expected a model taking 'image' inputs of shape (None, 110, 120, 1)"
        in capsys.readouterr().err
    )


def _json_values():
    from hypothesis import strategies as st

    scalars = (
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8)
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=8,
    )


def test_any_preprocessing_json_is_read_or_refused_by_field(tmp_path: Path) -> None:
    """Hypothesis: whatever the JSON, read_preprocessing returns a usable scaling or raises
    PreprocessingError naming the file; never another exception, never a zero span."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from thermal_utils.tooling.predict import PreprocessingError, read_preprocessing

    path = tmp_path / "preprocessing.json"
    fields = st.fixed_dictionaries(
        {},
        optional={
            "scaling": _json_values()
            | st.fixed_dictionaries(
                {"name": st.sampled_from(["physical", "seed", "x"]) | _json_values()},
                optional={
                    "offset_c": _json_values() | st.just(15.0) | st.just(0),
                    "span_c": _json_values() | st.just(25.0) | st.just(255),
                },
            ),
            "input": st.sampled_from(["flat", "image"]) | _json_values(),
            "classes": st.just(["fake", "real"]) | _json_values(),
        },
    )

    @settings(max_examples=300, deadline=None, database=None)
    @given(document=fields | _json_values())
    def check(document) -> None:
        path.write_text(json.dumps(document))
        try:
            scaling, kind, classes = read_preprocessing(path)
        except PreprocessingError as error:
            assert str(error).startswith(path.as_posix())
            return
        assert (
            scaling.span_c > 0
            and np.isfinite(scaling.offset_c)
            and kind in ("flat", "image")
            and len(set(classes)) == 2
        )

    check()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_special_files_are_named_as_such(tmp_path: Path) -> None:
    from thermal_utils.tooling.predict import find_frame_files

    fifo = tmp_path / "TK110_20201201_090000_0001.txt"
    os.mkfifo(fifo)
    files, missing = find_frame_files([fifo, tmp_path / "gone.txt"])
    assert files == [] and missing == [
        (fifo, "not a regular file (a FIFO, device, socket or broken link)"),
        (tmp_path / "gone.txt", "no such file or folder"),
    ]


# ---------------------------------------------------------------------------
# Issue 13: the NumPy engine (no TensorFlow import) gives Keras's probabilities.


@pytest.mark.parametrize("kind", ["mlp-lecture", "cnn-physical"])
def test_numpy_engine_matches_keras(kind: str, saved_models, data_dir: Path, capsys) -> None:
    """The default engine runs both tutorial models in NumPy, to 1e-6 of TensorFlow's output."""
    from thermal_utils.tooling.predict import load_model

    folder, model = saved_models[kind]
    paths = sorted(str(p) for p in data_dir.rglob("TK*.txt"))
    frames = _frames_of(paths)
    by_numpy, by_keras = load_model(folder), load_model(folder, "keras")
    assert (by_numpy.engine, by_keras.engine) == ("numpy", "keras")
    assert load_model(folder, "numpy").engine == "numpy"
    expected = model.predict(_inputs(frames, kind.split("-")[1], kind.split("-")[0]), verbose=0)
    for batch_size in (64, 3):
        np.testing.assert_allclose(
            by_numpy.probabilities(frames, batch_size), expected[:, 1], rtol=0, atol=1e-6
        )
    np.testing.assert_allclose(by_keras.probabilities(frames), expected[:, 1], rtol=0, atol=1e-6)
    full = by_numpy.model(by_numpy.inputs(frames))
    np.testing.assert_allclose(full, expected, rtol=0, atol=1e-6)
    assert full.dtype == np.float32 and by_numpy.model.output_shape == (None, 2)
    outputs = {}
    for engine in ("auto", "keras"):
        assert (
            main(["predict", str(folder), str(data_dir), "--format", "json", "--engine", engine])
            == 0
        )
        outputs[engine] = json.loads(capsys.readouterr().out)
    assert [r["path"] for r in outputs["auto"]] == [r["path"] for r in outputs["keras"]]
    np.testing.assert_allclose(
        [r["p_real"] for r in outputs["auto"]], [r["p_real"] for r in outputs["keras"]], atol=1e-6
    )


def _every_supported_layer():
    """A model using every layer and option the NumPy engine runs (random weights)."""
    import keras

    keras.utils.set_random_seed(1)
    return keras.Sequential(
        [
            keras.Input((110, 120, 1)),
            keras.layers.Conv2D(4, (2, 3), padding="same", activation="tanh", use_bias=False),
            keras.layers.AveragePooling2D(3, strides=2),
            keras.layers.Conv2D(3, 3, activation="sigmoid"),
            keras.layers.MaxPooling2D((2, 3)),
            keras.layers.Dropout(0.3),
            keras.layers.Flatten(),
            keras.layers.Dense(5),
            keras.layers.Dense(7, activation="relu", use_bias=False),
            keras.layers.Dense(2, activation="softmax"),
        ]
    )


def test_numpy_engine_layers_and_options_match_keras(tmp_path: Path) -> None:
    """Even kernels (asymmetric 'same' padding), valid padding, pooling strides, no bias,
    every supported activation, Dropout: the same outputs as Keras to 1e-6."""
    from thermal_utils.tooling.numpy_model import load_numpy_model

    model = _every_supported_layer()
    model.save(tmp_path / "model.keras")
    x = np.random.default_rng(0).normal(0.5, 0.5, size=(9, 110, 120, 1)).astype(np.float32)
    numpy_model = load_numpy_model(tmp_path / "model.keras")
    assert numpy_model.input_shape == model.input_shape
    assert numpy_model.output_shape == model.output_shape
    expected = np.asarray(model(x, training=False))
    np.testing.assert_allclose(numpy_model(x), expected, rtol=0, atol=1e-6)
    with pytest.raises(ValueError, match="inference"):
        numpy_model(x, training=True)


def test_models_the_numpy_engine_does_not_run_go_to_keras(
    tmp_path: Path, data_dir: Path, capsys
) -> None:
    """A layer it does not know: auto falls back to Keras (same results), numpy refuses (exit 2)."""
    import keras

    from thermal_utils.tooling.numpy_model import UnsupportedModel, load_numpy_model
    from thermal_utils.tooling.predict import load_model

    keras.utils.set_random_seed(2)
    model = keras.Sequential(
        [
            keras.Input((110 * 120,)),
            keras.layers.BatchNormalization(),
            keras.layers.Dense(2, activation="softmax"),
        ]
    )
    folder = tmp_path / "batch-norm"
    folder.mkdir()
    model.save(folder / "model.keras")
    (folder / "preprocessing.json").write_text(json.dumps(GOOD_PREPROCESSING))
    with pytest.raises(UnsupportedModel, match="BatchNormalization is not supported"):
        load_numpy_model(folder / "model.keras")
    saved = load_model(folder)
    assert saved.engine == "keras"
    paths = sorted(str(p) for p in data_dir.rglob("TK*.txt"))
    expected = model.predict(_inputs(_frames_of(paths), "physical", "mlp"), verbose=0)[:, 1]
    np.testing.assert_allclose(saved.probabilities(_frames_of(paths)), expected, atol=1e-6)
    assert main(["predict", str(folder), paths[0], "--engine", "numpy"]) == 2
    err = capsys.readouterr().err
    assert "the numpy engine cannot run this model" in err and "BatchNormalization" in err


@pytest.mark.parametrize("engine", ["auto", "keras"])
def test_a_broken_archive_is_named_as_such(
    tmp_path: Path, data_dir: Path, engine: str, capsys
) -> None:
    (tmp_path / "model.keras").write_bytes(b"PK\x03\x04 not really a zip archive")
    (tmp_path / "preprocessing.json").write_text(json.dumps(GOOD_PREPROCESSING))
    frame = data_dir / "test" / "real" / "20201201" / frame_name("20201201", 1)
    assert main(["predict", str(tmp_path), str(frame), "--engine", engine]) == 2
    assert (
        f"{(tmp_path / 'model.keras').as_posix()}: not a readable Keras model (truncated or corrupt"
        in capsys.readouterr().err
    )


def test_numpy_engine_checks_the_weights_against_the_config(saved_models, tmp_path: Path) -> None:
    """A weight of another shape than the configuration implies is refused, not run."""
    import zipfile

    from thermal_utils.tooling.numpy_model import UnsupportedModel, load_numpy_model

    folder, _ = saved_models["cnn-physical"]
    with zipfile.ZipFile(folder / "model.keras") as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    config = json.loads(files["config.json"])
    dense = next(c for c in config["config"]["layers"] if c["class_name"] == "Dense")
    dense["config"]["units"] = 9
    files["config.json"] = json.dumps(config).encode()
    with zipfile.ZipFile(tmp_path / "model.keras", "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    with pytest.raises(UnsupportedModel, match="expected"):
        load_numpy_model(tmp_path / "model.keras")


def test_the_command_without_tensorflow_and_its_exit_status(
    saved_models, data_dir: Path, tmp_path: Path
) -> None:
    """``python -m thermal_utils.tooling.cli predict``: the NumPy engine never imports
    TensorFlow or Keras; the output is complete and the exit status kept although the
    process ends without the interpreter's teardown."""
    import subprocess
    import sys

    folder, _ = saved_models["mlp-lecture"]
    bad = tmp_path / frame_name("20201201", 9)
    bad.write_text("# thermal-keras frame v1\nnot a frame\n")
    probe = (
        "import sys\n"
        "from thermal_utils.tooling.predict import load_model, predict_paths\n"
        f"saved = load_model({str(folder)!r})\n"
        f"predict_paths(saved, [{str(data_dir)!r}])\n"
        "assert saved.engine == 'numpy'\n"
        "assert not {'tensorflow', 'keras'} & set(sys.modules), sorted(sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    subprocess.run([sys.executable, "-c", probe], check=True, env=env, timeout=300)
    command = [sys.executable, "-m", "thermal_utils.tooling.cli", "predict", str(folder)]
    run = subprocess.run(
        [*command, str(data_dir), str(bad), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 1, run.stderr
    results = json.loads(run.stdout)
    assert len(results) == 12 and results[-1]["path"] == bad.as_posix()
    assert f"thermal-utils predict: error: {results[-1]['error']}" in run.stderr
    run = subprocess.run(
        [*command, str(data_dir), "--engine", "keras"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0 and len(run.stdout.splitlines()) == 11, run.stderr
