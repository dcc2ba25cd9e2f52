"""training.frame_batches: what notebooks 05, 09b and 10 give ``fit`` instead of whole arrays.

Each batch is the next rows' frames, scaled and shaped as the model takes them, with their one-hot
labels; every row comes exactly once per epoch; with a seed the order changes every epoch and is
the same on every run. ``probabilities`` and ``firing_shares`` take the batches as they take
arrays, and ``fit`` on them gives the same history twice.
"""

from __future__ import annotations

import numpy as np

from thermal_utils import preprocess, training
from thermal_utils.formats import Dataset, LoadReport

N_FRAMES = 23
SCALING = preprocess.get_scaling("centred")


def _dataset(n: int = N_FRAMES) -> Dataset:
    rng = np.random.default_rng(7)
    labels = rng.integers(0, 2, n)
    return Dataset(
        frames=np.round(rng.uniform(18.0, 37.5, size=(n, 110, 120)), 1).astype(np.float32),
        labels=labels,
        one_hot=np.eye(2, dtype=np.float32)[labels],
        paths=np.array([f"train/real/20201201/f_{i:04d}.txt" for i in range(n)]),
        days=np.array(["20201201"] * n),
        report=LoadReport(candidates=n, loaded=n),
    )


def _epoch(batches) -> tuple[list[np.ndarray], list[np.ndarray], list[int]]:
    """One epoch as fit runs it: on_epoch_begin, then every batch in turn."""
    batches.on_epoch_begin()
    xs, ys = zip(*(batches[i] for i in range(len(batches))))
    batches.on_epoch_end()
    return list(xs), list(ys), [len(x) for x in xs]


def _rows_of(data: Dataset, xs: list[np.ndarray]) -> list[int]:
    """Which frame each batch row is (the test frames are all different)."""
    flat = SCALING.apply(data.frames).reshape(len(data), -1)
    return [
        int(np.flatnonzero((flat == row).all(axis=1))[0])
        for x in xs
        for row in x.reshape(len(x), -1)
    ]


def test_each_batch_is_its_rows_scaled_with_their_labels() -> None:
    data = _dataset()
    rows = np.array([5, 0, 22, 7, 8, 3, 19])
    batches = training.frame_batches(data, rows, SCALING, 3)
    xs, ys, sizes = _epoch(batches)
    assert sizes == [3, 3, 1], "full batches, the last one smaller"
    x, y = np.concatenate(xs), np.concatenate(ys)
    assert x.dtype == np.float32 and x.shape == (len(rows), 110 * 120)
    np.testing.assert_array_equal(x, SCALING.apply(data.frames[rows]).reshape(len(rows), -1))
    np.testing.assert_array_equal(y, data.one_hot[rows])
    images = training.frame_batches(data, rows, SCALING, 4, image=True)
    assert images[0][0].shape == (4, 110, 120, 1)
    np.testing.assert_array_equal(images[0][0].reshape(4, -1), x[:4])


def test_without_a_seed_the_rows_keep_their_order_every_epoch() -> None:
    data = _dataset()
    rows = np.arange(N_FRAMES)[::-1]
    batches = training.frame_batches(data, rows, SCALING, 5)
    for _ in range(3):
        assert _rows_of(data, _epoch(batches)[0]) == rows.tolist()


def test_with_a_seed_every_row_comes_once_per_epoch_in_a_new_order() -> None:
    data = _dataset()
    rows = np.arange(2, N_FRAMES)
    batches = training.frame_batches(data, rows, SCALING, 4, seed=42)
    orders = [_rows_of(data, _epoch(batches)[0]) for _ in range(4)]
    for order in orders:
        assert sorted(order) == rows.tolist(), "each row exactly once per epoch"
    assert len({tuple(order) for order in orders}) == len(orders), "a new order every epoch"
    again = training.frame_batches(data, rows, SCALING, 4, seed=42)
    assert [_rows_of(data, _epoch(again)[0]) for _ in range(4)] == orders, "the same on every run"
    other = training.frame_batches(data, rows, SCALING, 4, seed=43)
    assert _rows_of(data, _epoch(other)[0]) != orders[0]


def _small_mlp(seed: int):
    import keras

    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input(shape=(110 * 120,)),
            keras.layers.Dense(6, activation="relu"),
            keras.layers.Dense(2, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def test_probabilities_and_live_units_read_the_batches_like_the_arrays() -> None:
    data = _dataset()
    rows = np.array([4, 1, 9, 16, 0, 12, 21, 3])
    model = _small_mlp(1)
    x = SCALING.apply(data.frames[rows]).reshape(len(rows), -1)
    batches = training.frame_batches(data, rows, SCALING, 3)
    np.testing.assert_allclose(
        training.probabilities(model, batches), training.probabilities(model, x), rtol=0, atol=1e-6
    )
    for a, b in zip(training.firing_shares(model, batches), training.firing_shares(model, x)):
        np.testing.assert_allclose(a, b)


def test_fit_on_the_batches_gives_the_same_history_twice() -> None:
    data = _dataset(40)
    order = np.random.default_rng(42).permutation(len(data))
    histories = []
    for _ in range(2):
        model = _small_mlp(42)
        history = model.fit(
            training.frame_batches(data, order[:32], SCALING, 8, seed=42),
            validation_data=training.frame_batches(data, order[32:], SCALING, 8),
            epochs=3,
            verbose=0,
        )
        histories.append(history.history)
    assert set(histories[0]) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert len(histories[0]["loss"]) == 3
    assert histories[0] == histories[1]
