"""The loudness module (:mod:`scenes.voice.loudness`): -16 LUFS integrated, true peak under the ceiling, silence left
alone, and a true peak found between the samples. Measured with pyloudnorm, the well-kept meter, not by hand."""

from __future__ import annotations

import math

import numpy as np
import pyloudnorm
import pytest

from scenes.voice.loudness import integrated_loudness, normalise, true_peak_dbtp

RATE = 48000


def speech_like(seconds: float = 12.0, level: float = 0.05, seed: int = 0) -> np.ndarray:
    """A stand-in for narration: vowels (a 140 Hz voice with five harmonics) in syllables with pauses, and a few
    sharp clicks among them, which set the peaks but not the loudness."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    voice = sum(np.sin(2 * np.pi * 140 * k * t + rng.uniform(0, 2 * np.pi)) / k for k in range(1, 6))
    envelope = (np.sin(2 * np.pi * 3.1 * t) > 0.2) * (np.sin(2 * np.pi * 0.37 * t) > -0.6)
    samples = voice * envelope * level / np.std(voice)
    samples[rng.integers(0, n, 8)] = level * 14
    return samples.astype(np.float32)


@pytest.mark.parametrize("level", [0.005, 0.05, 0.3])
def test_any_level_comes_out_at_minus_16_lufs_under_the_ceiling(level):
    samples = speech_like(level=level)
    out = normalise(samples, RATE)
    assert out.dtype == np.float32 and out.shape == samples.shape
    assert float(pyloudnorm.Meter(RATE).integrated_loudness(out.astype(np.float64))) == pytest.approx(-16, abs=0.15)
    assert true_peak_dbtp(out, RATE) <= -1.5 + 0.01


def test_the_limiter_only_touches_the_peaks():
    """Most of the voice is the input times one gain; only the moments around the loudest peaks are turned down
    further (the voice is not squashed as a compressor would)."""
    samples = speech_like(level=0.05)
    out = normalise(samples, RATE)
    voiced = np.abs(samples) > 1e-4
    ratios = out[voiced] / samples[voiced]
    gain = float(np.max(ratios))
    assert np.mean(ratios > gain * (1 - 1e-3)) > 0.9   # nine tenths of the voice untouched by the limiter
    assert float(np.min(ratios)) < gain * 0.9             # and the peaks were limited: the test means something


def test_silence_and_short_sounds_are_left_alone():
    silent = np.zeros(RATE * 3, np.float32)
    assert normalise(silent, RATE) is silent
    blip = speech_like(seconds=0.2)
    assert math.isinf(integrated_loudness(blip, RATE))
    assert np.array_equal(normalise(blip, RATE), blip)


def test_the_true_peak_is_found_between_samples():
    """A sine at a quarter of the sample rate, sampled 45 degrees off its crests: every sample is at 0.707, the
    waveform itself reaches 1.0 (0 dBTP), 3 dB above the sample peak."""
    n = np.arange(RATE)
    samples = np.sin(np.pi / 2 * n + np.pi / 4)
    fade = np.minimum(1.0, np.minimum(n, n[::-1]) / 2000)  # faded in and out: no overshoot at a sudden start
    samples = (samples * np.where(fade < 1, fade, 1.0)).astype(np.float32)
    assert 20 * np.log10(np.max(np.abs(samples))) == pytest.approx(-3.01, abs=0.01)
    assert true_peak_dbtp(samples, RATE) == pytest.approx(0.0, abs=0.1)
    assert true_peak_dbtp(np.zeros(10), RATE) == -math.inf
