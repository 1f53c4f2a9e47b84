"""The surfaces added since the first fuzzing round, fuzzed the same way: whatever the input, the code either works
and keeps its promises, or raises the project's one-line :class:`NNLibError`; anything else is a bug, reported with
the input that caused it.

- the spoken form and bookmarks of narration (``scenes/voice/spoken.py``, ``narration.py``): random text made of
  the pieces narration is made of (numbers, formulas, units, punctuation, tags, any Unicode);
- word timings: estimated, labelled (Audacity label files, damaged at random) -- always finite, in order, inside the
  recording;
- safetensors files (``nnlib/safetensors_import.py``), damaged byte by byte and rebuilt with wrong headers.

Seeded, so a failure is reproducible; a few hundred cases each, well under a second or two per test.
"""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path

import numpy as np
import pytest

from nnlib.errors import NNLibError
from scenes.voice.narration import estimated_times, prepare
from scenes.voice.recordings import labelled_times, read_labels
from tests.test_fuzz_files import mutate_bytes

CASES = 400

PIECES = ["3", "-3.8", "0.52", "13,002", "784", "1e-5", "10^6", "x²", "w·a", "σ(z)", "∂C/∂w", "≈", "→", "%",
          "(", ")", "[", "]", ",", ".", "?", "!", ":", ";", "-", "--", "—", "'", '"', "a", "the", "Network",
          "layer-2", "w_1", "ReLU", "MNIST", "28×28", "½", "π", "…", "&", "<b>", "\\", "\t", "\n", "  ", "é", "中",
          "🙂", "\u200b", "<bookmark mark=\"x\"/>", "<bookmark mark=\"y\"/>", "<bookmark", "/>", "mark="]


def random_text(rng: np.random.Generator) -> str:
    parts = [PIECES[i] for i in rng.integers(0, len(PIECES), size=rng.integers(0, 25))]
    glue = [" " if rng.random() < 0.7 else "" for _ in parts]
    if rng.random() < 0.2:  # any code points at all
        parts.append("".join(chr(int(c)) for c in rng.integers(1, 0x2FFFF, size=rng.integers(1, 8))
                             if not 0xD800 <= int(c) <= 0xDFFF))
        glue.append(" ")
    return "".join(p + g for p, g in zip(parts, glue))


def test_narration_of_any_text_prepares_or_says_why_in_one_line():
    rng = np.random.default_rng(29)
    prepared = 0
    for case in range(CASES):
        text = random_text(rng)
        try:
            narration = prepare(text)
        except NNLibError as err:
            assert "\n" not in str(err), (text, err)
            continue
        except Exception as err:  # noqa: BLE001 - the point of the test
            pytest.fail(f"case {case}: prepare({text!r}) raised {type(err).__name__}: {err}")
        prepared += 1
        assert len(narration.spoken) == len(narration.tokens), text
        assert all(0 <= i <= len(narration.tokens) for i in narration.marks.values()), text
        assert all(isinstance(s, str) and "\n" not in s for s in narration.spoken), text
        covered = [i for a, b in narration.sentences for i in range(a, b)]
        assert covered == list(range(len(narration.tokens))), text   # every token in exactly one sentence
    assert prepared > CASES // 2  # most random texts are fine narration


def test_estimated_word_times_are_finite_ordered_and_inside_the_beat():
    rng = np.random.default_rng(30)
    for case in range(CASES):
        text = random_text(rng)
        try:
            narration = prepare(text)
        except NNLibError:
            continue
        seconds = float(rng.choice([0.0, 1e-9, 0.3, 2.0, 600.0]))
        pause = float(rng.choice([0.0, 0.5]))
        times = estimated_times(narration, seconds, pause)
        values = list(times.starts) + list(times.ends) + list(times.marks.values())
        assert all(math.isfinite(v) and v >= 0 for v in values), (case, text, seconds)
        assert list(times.starts) == sorted(times.starts), (case, text)
        assert all(e >= s for s, e in zip(times.starts, times.ends)), (case, text)
        for token in narration.tokens[:3]:  # every written word can be waited for
            try:
                assert math.isfinite(times.time_of(token))
            except NNLibError:
                pass  # a token that is only punctuation is no word


def _label_file(tmp_path: Path) -> tuple[Path, object, float]:
    narration = prepare('First a pause. Then <bookmark mark="show"/>a square appears, and it turns red.')
    path = tmp_path / "Beat-01.txt"
    path.write_text("0.500000\t0.500000\tshow\n1.200000\t1.200000\tturns red\n\\ 100.0\t200.0\n", encoding="utf-8")
    return path, narration, 3.0


def test_damaged_label_files_load_as_times_in_order_or_fail_in_one_line(tmp_path):
    path, narration, seconds = _label_file(tmp_path)
    good = path.read_bytes()
    times = labelled_times(narration, seconds, read_labels(path), path)
    assert times.marks["show"] == pytest.approx(0.5)
    rng = np.random.default_rng(31)
    for case in range(CASES):
        damaged, how = mutate_bytes(good, rng)
        path.write_bytes(damaged)
        try:
            times = labelled_times(narration, seconds, read_labels(path), path)
        except NNLibError as err:
            assert "\n" not in str(err), (how, err)
            continue
        except Exception as err:  # noqa: BLE001
            pytest.fail(f"case {case} ({how}): {type(err).__name__}: {err}\n{damaged!r}")
        values = list(times.starts) + list(times.ends) + list(times.marks.values())
        assert all(math.isfinite(v) for v in values), (how, damaged)


# ------------------------------------------------------------------------------------------------ safetensors

def write_safetensors(path: Path, tensors: dict[str, np.ndarray], metadata: dict | None = None) -> None:
    """A safetensors file as the format describes it (the test's own writer, independent of the reader)."""
    header, blobs, at = {}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [at, at + len(data)]}
        blobs.append(data)
        at += len(data)
    if metadata:
        header["__metadata__"] = metadata
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"".join(blobs))


@pytest.fixture()
def safetensors_file(tmp_path) -> Path:
    pytest.importorskip("nnlib.safetensors_import")
    rng = np.random.default_rng(0)
    sizes = [784, 16, 16, 10]
    tensors = {}
    for l, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        tensors[f"layer{l}.weight"] = rng.normal(0, 0.1, (n_out, n_in))
        tensors[f"layer{l}.bias"] = rng.normal(0, 0.1, n_out)
    path = tmp_path / "net.safetensors"
    write_safetensors(path, tensors, {"activation": "sigmoid"})
    return path


def test_damaged_safetensors_files_load_or_fail_in_one_line(safetensors_file):
    from nnlib.safetensors_import import load_safetensors_network

    assert load_safetensors_network(safetensors_file).sizes == (784, 16, 16, 10)
    good = safetensors_file.read_bytes()
    rng = np.random.default_rng(32)
    for case in range(CASES):
        damaged, how = mutate_bytes(good, rng)
        safetensors_file.write_bytes(damaged)
        try:
            net = load_safetensors_network(safetensors_file)
        except NNLibError as err:
            assert "\n" not in str(err), (how, err)
            continue
        except Exception as err:  # noqa: BLE001
            pytest.fail(f"case {case} ({how}): {type(err).__name__}: {err}")
        assert all(np.isfinite(w).all() for w in net.weights), how


@pytest.mark.parametrize("header", [
    {"a.weight": {"dtype": "F32", "shape": [10**12, 10**12], "data_offsets": [0, 4]}},
    {"a.weight": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 10**18]}},
    {"a.weight": {"dtype": "F32", "shape": [-1, 4], "data_offsets": [0, 16]}},
    {"a.weight": {"dtype": "PICKLE", "shape": [1], "data_offsets": [0, 4]}},
    {"a.weight": {"dtype": "F32", "shape": "16x784", "data_offsets": [0, 4]}},
    {"a.weight": {"dtype": "F16", "shape": [1], "data_offsets": [0, 2]}},
    {"a.weight": [1, 2, 3]},
    {"__metadata__": {"activation": {"nested": "object"}}},
    [],
    "just a string",
])
def test_safetensors_headers_that_lie_are_refused_in_one_line(header, tmp_path):
    pytest.importorskip("nnlib.safetensors_import")
    from nnlib.safetensors_import import load_safetensors_network

    raw = json.dumps(header).encode()
    path = tmp_path / "lies.safetensors"
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + bytes(16))
    with pytest.raises(NNLibError) as err:
        load_safetensors_network(path)
    assert "\n" not in str(err.value)


def test_a_header_length_larger_than_the_file_is_refused(tmp_path):
    pytest.importorskip("nnlib.safetensors_import")
    from nnlib.safetensors_import import load_safetensors_network

    path = tmp_path / "huge.safetensors"
    path.write_bytes(struct.pack("<Q", 2**62) + b"{}")
    with pytest.raises(NNLibError):
        load_safetensors_network(path)
