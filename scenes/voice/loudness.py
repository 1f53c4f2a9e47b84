"""Loudness normalisation of a narration: -16 LUFS integrated, true peak below -1 dBTP.

Two measures of a sound (EBU R128, after ITU-R BS.1770-4):

- *Integrated loudness*, in LUFS: how loud the whole track sounds. The signal is K-weighted (a filter modelling
  the ear's response), cut into 400 ms blocks every 100 ms, and the blocks' energies are averaged, leaving out
  silent blocks (below -70 LUFS) and blocks more than 10 LU below the loud ones. The pauses of a narration thus do
  not lower its loudness. It is measured by the `pyloudnorm` library, not here.
- *True peak*, in dBTP: the highest level the waveform reaches *between* its samples too, which a player's
  digital-to-analogue converter (or an AAC decoder) can produce. BS.1770-4 annex 2 finds it by oversampling
  4 times at 48 kHz and taking the largest magnitude.

:func:`normalise` changes a track's gain so it measures the target loudness, then a look-ahead limiter turns down
the few places where the peaks would then rise above the ceiling, and the gain is raised a little to win back the
loudness the limiter took. The ceiling (-1.5 dBTP by default) sits half a decibel below the usual -1 dBTP limit,
for the overshoot of the AAC encoder the track goes through afterwards.

Everything works on a mono 1-D array of float samples (1.0 is full scale). A 20-minute track at 48 kHz is 58
million samples (230 MB as float32): the peaks are found in chunks, and only where they can matter (see
:func:`_block_peaks`), so the cost is mostly pyloudnorm's measurements.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

#: Below this integrated loudness (BS.1770's absolute gate) a track counts as silent and is left as it is.
SILENCE_LUFS = -70.0
#: pyloudnorm's gating block: a shorter track has no gated block, so no loudness (-inf, like silence).
GATING_BLOCK = 0.4
#: True peak is found at this rate or above (4x oversampling of 48 kHz, as BS.1770-4 annex 2).
TRUE_PEAK_RATE = 192000
#: Peaks are kept per block of this many samples (0.67 ms at 48 kHz): the limiter's gain is set per block.
BLOCK = 32
#: The limiter's gain falls over this long before a peak and rises over this long after it (seconds).
RAMP = 0.005
#: ...after holding the lowered gain for this long past the peak, so that a burst of peaks is one dip, not many.
HOLD = 0.030
#: At most this much gain (dB) is added to make up for the loudness the limiter took away: a track whose peaks
#: would need more than that squashed stays a little quieter rather than being crushed.
MAX_MAKEUP_DB = 3.0
#: The loudness left over after normalising is within this many LU of the target...
TOLERANCE_LU = 0.1
#: ...or the limiter and the make-up gain have taken this many turns.
MAX_PASSES = 3
#: Samples handled at a time when oversampling and applying gain (1.4 s at 48 kHz; a multiple of BLOCK).
CHUNK = 1 << 16


def integrated_loudness(samples: NDArray[np.floating], rate: int) -> float:
    """Integrated loudness of mono ``samples`` at ``rate`` Hz in LUFS (ITU-R BS.1770-4, measured by pyloudnorm).

    Silence gives ``-inf``, and so does a track shorter than one 400 ms gating block (it has no block to measure).
    pyloudnorm copies the track and filters it in float64, so it needs about five times a float32 track's size of
    memory while it measures.
    """
    import pyloudnorm

    samples = np.asarray(samples)
    if samples.size < GATING_BLOCK * rate:
        return -math.inf
    return float(pyloudnorm.Meter(rate).integrated_loudness(samples))


def true_peak_dbtp(samples: NDArray[np.floating], rate: int) -> float:
    """True peak of mono ``samples`` at ``rate`` Hz in dBTP (dB of full scale, between samples too): the largest
    magnitude of the signal oversampled to at least 192 kHz (4x at 48 kHz). ``-inf`` for silence."""
    samples = np.asarray(samples)
    if samples.size == 0:
        return -math.inf
    sample_peak = float(np.max(np.abs(samples)))
    # only where the waveform could rise above the highest sample is it worth oversampling
    peak = float(np.max(_block_peaks(samples, rate, floor=sample_peak)))
    return 20 * math.log10(peak) if peak > 0 else -math.inf


def normalise(samples: NDArray[np.floating], rate: int, target_lufs: float = -16.0, peak_dbtp: float = -1.5
              ) -> NDArray[np.floating]:
    """``samples`` (mono, at ``rate`` Hz) made ``target_lufs`` loud, with no true peak above ``peak_dbtp``.

    1. The track's integrated loudness sets one gain for it all (``target - loudness`` dB).
    2. Where that gain would lift a true peak above the ceiling, a look-ahead limiter lowers it just there (see
       :func:`_limiter_gain`); if it never would, the result is simply the gained track, exactly on target.
    3. The limiter took some loudness away: the track is measured again and the gain raised by the shortfall (at
       most ``MAX_MAKEUP_DB`` in all), the limiter run again from the original samples, until the loudness is
       within ``TOLERANCE_LU`` of the target or after ``MAX_PASSES`` passes. The result always comes out of the
       limiter, so the ceiling holds whatever the loudness.

    A silent track (below -70 LUFS, or shorter than 400 ms) is returned unchanged: there is nothing to measure,
    and raising its noise would be wrong. The result has the same dtype as ``samples``; ``samples`` is not changed.
    """
    samples = np.asarray(samples)
    loudness = integrated_loudness(samples, rate)
    if not math.isfinite(loudness) or loudness < SILENCE_LUFS:
        return samples
    ceiling = 10 ** (peak_dbtp / 20)
    gain_db = target_lufs - loudness
    most_db = gain_db + MAX_MAKEUP_DB
    # exact true peaks wherever the largest gain tried could lift them above the ceiling
    peaks = _block_peaks(samples, rate, floor=ceiling / 10 ** (most_db / 20))
    result = samples
    for _ in range(MAX_PASSES):
        gain = 10 ** (gain_db / 20)
        if not np.any(peaks * gain > ceiling):
            return samples * samples.dtype.type(gain)  # no peak to limit: loudness is exactly the target
        result = _apply_gain(samples, _limiter_gain(peaks, gain, ceiling, rate))
        shortfall = target_lufs - integrated_loudness(result, rate)
        if abs(shortfall) <= TOLERANCE_LU or gain_db >= most_db:
            break
        gain_db = min(gain_db + shortfall, most_db)
    return result


def _block_peaks(samples: NDArray[np.floating], rate: int, floor: float) -> NDArray[np.float32]:
    """The true peak of every ``BLOCK`` samples (the last block may be shorter), exact wherever it could exceed
    ``floor``; elsewhere the block's largest sample, which is then below ``floor`` too.

    Oversampling is a filter: every oversampled value is a weighted sum of the samples near it, so it is at most
    the sum of the weights' magnitudes (:func:`_interpolator`'s ``bound``) times the largest of those samples. A
    block whose neighbourhood's largest sample is below ``floor / bound`` cannot have a true peak above ``floor``
    and is not oversampled. For speech a few percent of the blocks are: oversampling a 20-minute track whole takes
    seconds (``resample_poly`` makes 230 million values), its loud moments a fraction of that.
    """
    peaks = _sample_peaks(samples)
    up, taps, bound = _interpolator(rate)
    # the filter reaches len(taps) / up samples either side of a sample: within a block of its neighbours
    near = _running_max(peaks, before=1, after=1)
    loud = near * bound > floor
    for first, last in _runs(loud, gap=4, longest=CHUNK // BLOCK):
        peaks[first:last] = np.maximum(peaks[first:last], _oversampled_peaks(samples, first, last, up, taps))
    return peaks


def _sample_peaks(samples: NDArray[np.floating]) -> NDArray[np.float32]:
    """The largest magnitude of every ``BLOCK`` samples, a chunk at a time (no full-size array of magnitudes)."""
    count = -(-samples.size // BLOCK)
    peaks = np.zeros(count, np.float32)
    for start in range(0, samples.size, CHUNK):
        piece = np.abs(samples[start:start + CHUNK])
        whole = piece.size // BLOCK * BLOCK
        at = start // BLOCK
        peaks[at:at + whole // BLOCK] = piece[:whole].reshape(-1, BLOCK).max(axis=1)
        if whole < piece.size:  # the track's last, shorter block
            peaks[-1] = piece[whole:].max()
    return peaks


def _interpolator(rate: int) -> tuple[int, NDArray[np.float64], float]:
    """The oversampling: the factor (4 at 48 kHz), the low-pass filter's taps (designed as ``resample_poly``
    designs its own: a Kaiser-windowed sinc, 10 input samples either side) and the bound on its gain, the largest
    sum of magnitudes over one output phase's taps (a little over 1)."""
    from scipy.signal import firwin

    up = max(1, math.ceil(TRUE_PEAK_RATE / rate))
    if up == 1:
        return 1, np.ones(1), 1.0
    taps = firwin(2 * 10 * up + 1, 1.0 / up, window=("kaiser", 5.0))
    bound = max(float(np.sum(np.abs(taps[phase::up]))) * up for phase in range(up))
    return up, taps, bound


def _runs(mask: NDArray[np.bool_], gap: int, longest: int) -> list[tuple[int, int]]:
    """The stretches ``[first, last)`` where ``mask`` is true, joined across gaps of fewer than ``gap`` and cut
    to at most ``longest`` (so oversampling a stretch needs little memory, and is not called for every block)."""
    edges = np.flatnonzero(np.diff(np.concatenate([[False], mask, [False]]).astype(np.int8)))
    runs: list[tuple[int, int]] = []
    for first, last in zip(edges[0::2].tolist(), edges[1::2].tolist()):
        if runs and first - runs[-1][1] < gap and last - runs[-1][0] <= longest:
            runs[-1] = (runs[-1][0], last)
        else:
            runs += [(at, min(at + longest, last)) for at in range(first, last, longest)]
    return runs


def _oversampled_peaks(samples: NDArray[np.floating], first: int, last: int, up: int,
                       taps: NDArray[np.float64]) -> NDArray[np.float32]:
    """The true peaks of blocks ``first`` to ``last`` (exclusive): their samples, with enough around them for the
    filter to settle, oversampled ``up`` times by ``resample_poly``; the oversampled value ``up * i`` is sample
    ``i``, and the ``up`` values from it belong to sample ``i``'s block."""
    from scipy.signal import resample_poly

    if up == 1:
        return _sample_peaks(samples[first * BLOCK:last * BLOCK])
    margin = len(taps) // up + 1
    start, end = first * BLOCK, min(last * BLOCK, samples.size)
    lead = min(margin, start)  # before the track's start (and after its end) the filter sees silence, as it should
    piece = samples[start - lead:min(end + margin, samples.size)]
    fine = np.abs(resample_poly(piece, up, 1, window=taps))[lead * up:(lead + end - start) * up]
    return _sample_peaks(fine.reshape(-1, up).max(axis=1))


def _running_max(values: NDArray[np.float32], before: int, after: int) -> NDArray[np.float32]:
    """Each value replaced by the largest within ``before`` places before it and ``after`` places after it."""
    from scipy.ndimage import maximum_filter1d

    size = before + after + 1
    # maximum_filter1d's window is centred (size // 2 before); ``origin`` slides it back (a negative one: ahead)
    return maximum_filter1d(values, size=size, origin=before - size // 2, mode="constant", cval=0.0)


def _limiter_gain(peaks: NDArray[np.float32], gain: float, ceiling: float, rate: int) -> NDArray[np.float32]:
    """A gain for every block: ``gain``, except near a block whose true peak times ``gain`` would pass ``ceiling``.

    A look-ahead limiter works on the whole track at once, so it can see a peak coming:

    1. The *envelope* of each block is the largest true peak from ``HOLD + RAMP`` before it to ``RAMP`` after it
       (a running max), and the gain that keeps the envelope at the ceiling is ``ceiling / envelope`` (or
       ``gain``, if smaller).
    2. That gain steps down a little before each peak and back up a while after it; a moving average over
       ``RAMP`` turns each step into a ramp of ``RAMP``, so the gain glides rather than clicks.

    The average spans less than the look-ahead and the hold, so every gain it averages around a peak is already
    low enough for that peak: the smoothed gain never lets a peak through (and the samples' gains, interpolated
    between neighbouring blocks, neither).
    """
    from scipy.ndimage import uniform_filter1d

    seconds = BLOCK / rate
    half = max(1, round(RAMP / seconds / 2))  # the moving average spans 2 * half + 1 blocks
    hold = round(HOLD / seconds)
    envelope = _running_max(peaks, before=half + 1 + hold, after=half + 1)
    with np.errstate(divide="ignore"):
        wanted = np.minimum(np.float32(gain), np.float32(ceiling) / envelope)  # a silent envelope: infinity
    return uniform_filter1d(wanted, size=2 * half + 1, mode="nearest")


def _apply_gain(samples: NDArray[np.floating], blocks: NDArray[np.float32]) -> NDArray[np.floating]:
    """``samples`` times the block gains, interpolated linearly between the blocks' middles (a chunk at a time)."""
    result = np.empty_like(samples)
    middles = np.arange(blocks.size) * BLOCK + (BLOCK - 1) / 2
    for start in range(0, samples.size, CHUNK):
        end = min(start + CHUNK, samples.size)
        first, last = max(0, start // BLOCK - 1), min(blocks.size, end // BLOCK + 2)
        gains = np.interp(np.arange(start, end), middles[first:last], blocks[first:last])
        np.multiply(samples[start:end], gains, out=result[start:end], casting="same_kind")
    return result
