"""Joining scene videos into one film per chapter, with PyAV (no ffmpeg program needed).

Scenes share codec settings, so joining just copies the compressed video packets one after the other (no
re-encoding, a second or two); if they ever differ we decode and re-encode instead. The sound is decoded, each
scene's fitted to the length of its pictures (silence for a scene without a voice) and encoded once as AAC, so the
film's sound and pictures last the same and every scene's voice starts with its first frame. The whole film's sound
is then set to -16 LUFS integrated loudness with its true peak under -1 dBTP (EBU R128, :mod:`scenes.voice.loudness`)
before it is encoded, so every part plays equally loud and never clips. The chapter's
subtitles (``chapter1.srt`` and ``chapter1.vtt`` beside ``chapter1.mp4``) are the scenes' cues, each moved later by
where its scene starts.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path
from typing import Sequence

from nnlib.atomic import atomic_write
from nnlib.errors import NNLibError

from .fingerprint import fingerprints, is_up_to_date, read_stamp, write_stamp
from .plan import RenderSettings, SceneTarget
from .subtitles import read_srt, shifted, tidy, write_subtitles

#: Part of every joined film's stamp: films joined by an older version (without sound or subtitles) are rejoined.
JOIN_VERSION = "join-4: aac (fast coder), -16 LUFS / -1.5 dBTP, srt, vtt"


def video_duration(path: Path) -> float:
    """Length of a video file in seconds (PyAV)."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None and stream.time_base is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration or 0) / av.time_base


def has_audio(path: Path) -> bool:
    """Whether a video file has a sound track."""
    import av

    with av.open(str(path)) as container:
        return bool(container.streams.audio)


def join_videos(inputs: Sequence[Path], dest: Path, sounds: Sequence[Path | None] | None = None) -> Path:
    """Join videos one after the other into ``dest`` (written atomically), copying packets when codecs match.

    If any input has sound, ``dest`` has one AAC track as long as its video: each input's sound (or silence, for
    an input without) lasts exactly as long as that input's video, so every scene's voice starts with its pictures.
    ``sounds[i]``, when given, is an audio file (a WAV, say) to use as input ``i``'s sound instead of its own track.
    """
    join_with_offsets(inputs, dest, sounds)
    return dest


def join_with_offsets(inputs: Sequence[Path], dest: Path, sounds: Sequence[Path | None] | None = None
                      ) -> list[float]:
    """:func:`join_videos`, returning where each input starts in ``dest`` (seconds) and, last, where it ends."""
    import av

    if not inputs:
        raise NNLibError("nothing to join")
    sounds = list(sounds) if sounds is not None else [None] * len(inputs)
    if len(sounds) != len(inputs):
        raise NNLibError(f"{len(sounds)} sound files for {len(inputs)} videos")
    for path in inputs:
        if not Path(path).is_file():
            raise NNLibError(f"{path}: video not found")
    keys = []
    for path in inputs:
        try:
            with av.open(str(path)) as c:
                s = c.streams.video[0]
                keys.append((s.codec_context.name, s.codec_context.width, s.codec_context.height,
                             bytes(s.codec_context.extradata or b""), s.time_base))
        except (av.FFmpegError, IndexError) as err:
            raise NNLibError(f"{path}: not a readable video ({type(err).__name__})") from None
    same = all(k == keys[0] for k in keys)
    sources = [Path(extra) if extra is not None else Path(path) for path, extra in zip(inputs, sounds)]
    sound = any(has_audio(p) for p in sources)
    dips: list[tuple[int, float]] = []  # (sample, dB) where the encoder overshot: turned down there, and only there
    for attempt in range(PEAK_ATTEMPTS):
        try:
            with atomic_write(dest) as handle:
                with av.open(handle, "w", format="mp4") as out:
                    # every stream is added before the first packet is written (the file's header lists them)
                    video = _copy_stream(inputs[0], out) if same else _encoder_stream(inputs[0], out)
                    audio = (out.add_stream("aac", rate=AUDIO_RATE, layout=AUDIO_LAYOUT, options=AAC_OPTIONS)
                             if sound else None)
                    marks = _copy_packets(inputs, out, video) if same else _reencode(inputs, out, video)
                    if audio is not None:
                        _write_audio(sources, marks, out, audio, dips)
                if audio is not None and attempt + 1 < PEAK_ATTEMPTS:
                    handle.flush()
                    overshoots = _decoded_overshoots(handle, marks[-1])
                    if overshoots:
                        raise _TooLoud(overshoots)  # the half-made file vanishes; the inputs are untouched
            return marks
        except _TooLoud as loud:
            dips += [(at, over + PEAK_MARGIN_DB) for at, over in loud.overshoots]
    return marks


class _TooLoud(Exception):
    """The encoded sound's true peak came out above :data:`MAX_TRUE_PEAK_DBTP` at ``overshoots`` ((sample, dB over)):
    encode again, turned down just there."""

    def __init__(self, overshoots: list[tuple[int, float]]) -> None:
        super().__init__(f"{len(overshoots)} true peaks over {MAX_TRUE_PEAK_DBTP} dBTP")
        self.overshoots = overshoots


def _decoded_overshoots(handle, seconds: float) -> list[tuple[int, float]]:
    """Where the sound just written to the open file ``handle``, decoded as a player decodes it, has a true peak
    above :data:`MAX_TRUE_PEAK_DBTP`: (sample, dB over) for each place (peaks within a dip's width are one place).

    The AAC encoder can overshoot the limiter's ceiling by a decibel or more on a sharp plosive, so the peak that
    counts is measured after decoding. The file is read back through its descriptor (Linux's ``/proc/self/fd``);
    where that is not available the check is skipped.
    """
    import numpy as np

    from scenes.voice.loudness import BLOCK, _block_peaks

    path = Path(f"/proc/self/fd/{handle.fileno()}")
    if not path.exists():
        return []
    samples = _scene_sound(path, int(round(seconds * AUDIO_RATE)))[0]
    limit = 10 ** (MAX_TRUE_PEAK_DBTP / 20)
    peaks = _block_peaks(samples, AUDIO_RATE, floor=limit)
    places: list[tuple[int, float]] = []
    for block in np.flatnonzero(peaks > limit):
        at, over = int(block) * BLOCK, 20 * float(np.log10(peaks[block] / limit))
        if places and at - places[-1][0] < DIP_SAMPLES:
            places[-1] = (places[-1][0], max(places[-1][1], over))
        else:
            places.append((at, over))
    return places


def _dip(track, at: int, db: float) -> None:
    """Turn ``track`` down by ``db`` around sample ``at``: flat over an AAC frame either side, easing in and out
    over another (a raised cosine), so the dip is a brief, smooth duck rather than a click."""
    import numpy as np

    gain = 10 ** (-db / 20)
    ramp = (1 - np.cos(np.linspace(0, np.pi, AAC_FRAME))) / 2        # 0 -> 1
    shape = np.concatenate([1 - (1 - gain) * ramp, np.full(2 * AAC_FRAME, gain), gain + (1 - gain) * ramp])
    start = at - 2 * AAC_FRAME
    lo, hi = max(start, 0), min(start + shape.size, track.size)
    if lo < hi:
        track[lo:hi] *= shape[lo - start:hi - start].astype(track.dtype)


def _copy_stream(first: Path, out):
    """An output video stream with the same codec settings as ``first``'s (for copying packets)."""
    import av

    with av.open(str(first)) as c:
        return out.add_stream_from_template(c.streams.video[0])


def _encoder_stream(first: Path, out):
    """An H.264 encoder at ``first``'s size and frame rate (for re-encoding)."""
    from fractions import Fraction

    import av

    with av.open(str(first)) as c:
        s = c.streams.video[0]
        rate = s.average_rate or Fraction(30)
        width, height = s.codec_context.width, s.codec_context.height
    ostream = out.add_stream("libx264", rate=rate)
    ostream.width, ostream.height, ostream.pix_fmt = width, height, "yuv420p"
    ostream.codec_context.time_base = Fraction(1) / rate
    return ostream


def _copy_packets(inputs: Sequence[Path], out, ostream) -> list[float]:
    """Each input's video packets, moved later by the length of the inputs before it; returns the marks.

    An input's end is where its last frame stops showing (the last presentation time plus one frame). The MP4 muxer
    takes a track's length from its last packet in *decoding* order (``dts + duration``); with B-frames and held
    frames (see :mod:`scenes.content.held_frames`) that packet can be decoded seconds before the final frame is
    shown, and the file would claim to be shorter than its pictures (players stop early). So each input's last
    packet is stretched to reach that input's end.
    """
    import av

    offset = 0
    marks = []
    first_dts = None  # the track's length is counted from its first decoding time (before 0 with B-frames)
    for path in inputs:
        with av.open(str(path)) as c:
            s = c.streams.video[0]
            marks.append(float(offset * s.time_base))
            last_shown, frame, held = offset, None, None
            for packet in c.demux(s):
                if packet.dts is None:
                    continue
                packet.pts += offset
                packet.dts += offset
                first_dts = packet.dts if first_dts is None else first_dts
                last_shown = max(last_shown, packet.pts)
                if packet.duration and (frame is None or packet.duration < frame):
                    frame = packet.duration  # one frame's time: the shortest any packet is shown
                packet.stream = ostream
                if held is not None:
                    out.mux(held)
                held = packet
            # the last frame shown lasts one frame (a held picture ends with a copy at its last frame time); the
            # packets' own durations are not used, as the stretch below (from an earlier join) lengthens one
            end = last_shown + (frame or 0) if held is not None else offset
            if held is not None:
                held.duration = max(held.duration or 0, end + min(first_dts, 0) - held.dts)
                out.mux(held)
            offset = end
            time_base = s.time_base
    marks.append(float(offset * time_base))
    return marks


def _reencode(inputs: Sequence[Path], out, ostream) -> list[float]:
    """Decode every input and encode it with ``ostream`` (the first input's size), keeping each frame's time (held
    frames stay held as long as in the input); returns the marks."""
    import av

    width, height = ostream.width, ostream.height
    tick = ostream.codec_context.time_base
    offset, last = 0, -1  # in frames of the first input's rate
    marks = []
    for path in inputs:
        marks.append(float(offset * tick))
        end = offset
        with av.open(str(path)) as c:
            for frame in c.decode(video=0):
                at = offset + int(round(float(frame.time or 0.0) / tick))
                at = max(at, last + 1)  # strictly increasing, whatever the input's rate
                frame = frame.reformat(width=width, height=height, format="yuv420p")
                frame.pts, frame.time_base = at, tick
                last, end = at, at + 1
                for packet in ostream.encode(frame):
                    out.mux(packet)
            length = video_duration(Path(path))
        offset = max(end, offset + int(round(length / tick)))
    for packet in ostream.encode(None):
        out.mux(packet)
    marks.append(float(offset * tick))
    return marks


#: The joined sound: AAC, 48 kHz, mono (one voice; encoding it takes half the time of stereo).
AUDIO_RATE = 48000
AUDIO_LAYOUT = "mono"
CHANNELS = 1
AAC_FRAME = 1024
#: FFmpeg's "fast" AAC coder: 2.5x less CPU than its default ("twoloop") for the narration (0.95 s against 2.4 s for
#: 97 s of speech), a file of about the same size, and the decoded waveform closer to the input (33.7 dB against
#: 21.0 dB signal-to-noise on RealCostSurface's narration).
AAC_OPTIONS = {"aac_coder": "fast"}
#: Every film's integrated loudness (EBU R128's figure for programmes; streaming services ask about -14 to -16).
TARGET_LUFS = -16.0
#: The limiter's ceiling: half a decibel under the usual -1 dBTP, for the overshoot of the AAC encoder after it.
PEAK_DBTP = -1.5
#: The highest true peak the decoded sound may have (EBU R128's limit for programmes)...
MAX_TRUE_PEAK_DBTP = -1.0
#: ...checked after encoding: a sharp plosive can come out of the AAC encoder 2.5 dB above the limiter's ceiling
#: (seen: +1.2 dBTP from -1.5). The sound is then encoded again, turned down around each such place by its
#: overshoot and this margin (a duck of about 85 ms: loudness is unchanged), at most this many times in all.
PEAK_MARGIN_DB = 0.5
PEAK_ATTEMPTS = 3
#: Overshoots closer than this (samples) are one place, one dip.
DIP_SAMPLES = 4 * 1024


def _scene_sound(path: Path, samples: int):
    """An input's sound as a (CHANNELS, ``samples``) float32 array: its track resampled, cut or padded with silence to
    ``samples``; silence if it has no track. ``path`` may be a video or a plain audio file."""
    import av
    import numpy as np

    pieces = []
    with av.open(str(path)) as c:
        if c.streams.audio:
            resampler = av.AudioResampler(format="fltp", layout=AUDIO_LAYOUT, rate=AUDIO_RATE)
            for frame in c.decode(c.streams.audio[0]):
                frame.pts = None
                for out_frame in resampler.resample(frame):
                    pieces.append(out_frame.to_ndarray())
            for out_frame in resampler.resample(None):
                pieces.append(out_frame.to_ndarray())
    sound = np.concatenate(pieces, axis=1).astype(np.float32) if pieces else np.zeros((CHANNELS, 0), np.float32)
    if sound.shape[1] >= samples:
        return sound[:, :samples]
    return np.concatenate([sound, np.zeros((CHANNELS, samples - sound.shape[1]), np.float32)], axis=1)


def _write_audio(inputs: Sequence[Path], marks: Sequence[float], out, ostream,
                 dips: Sequence[tuple[int, float]] = ()) -> None:
    """One AAC track: each input's sound (read from the files ``inputs``) fitted to its stretch of the joined video
    (``marks``), in order, the whole made :data:`TARGET_LUFS` loud with its true peak under :data:`PEAK_DBTP`.

    Loudness is a property of the whole film (its gated average over every 400 ms block), so the film's sound is
    gathered first (a 20-minute mono film at 48 kHz is 230 MB of float32), normalised once, then encoded.
    """
    import av
    import numpy as np

    from scenes.voice.loudness import normalise

    pieces = []
    for i, path in enumerate(inputs):
        # sample positions from the marks, not from summed lengths, so rounding never accumulates
        samples = int(round(marks[i + 1] * AUDIO_RATE)) - int(round(marks[i] * AUDIO_RATE))
        pieces.append(_scene_sound(Path(path), samples))
    track = np.concatenate(pieces, axis=1)[0] if pieces else np.zeros(0, np.float32)
    del pieces
    track = normalise(track, AUDIO_RATE, TARGET_LUFS, PEAK_DBTP).astype(np.float32)
    for at, db in dips:  # where an earlier encoding overshot the true-peak limit
        _dip(track, at, db)

    for at in range(0, track.size, AAC_FRAME):
        block = track[at:at + AAC_FRAME].reshape(CHANNELS, -1)
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(block), format="fltp", layout=AUDIO_LAYOUT)
        frame.sample_rate, frame.pts = AUDIO_RATE, at
        for packet in ostream.encode(frame):
            out.mux(packet)
    for packet in ostream.encode(None):
        out.mux(packet)


def audio_duration(path: Path) -> float:
    """Length of a video file's sound track in seconds (0 without one)."""
    import av

    with av.open(str(path)) as container:
        if not container.streams.audio:
            return 0.0
        stream = container.streams.audio[0]
        if stream.duration is not None and stream.time_base is not None:
            return float(stream.duration * stream.time_base)
        samples = sum(frame.samples for frame in container.decode(stream))
        return samples / float(stream.rate)


def chapter_subtitles(videos: Sequence[Path], marks: Sequence[float], dest: Path) -> list[Path]:
    """The chapter's ``.srt`` and ``.vtt`` beside ``dest``: every scene's cues (``Name.srt`` beside its video)
    moved by where the scene starts, tidied to end with the chapter. Nothing is written if no scene has cues."""
    cues = []
    for video, start in zip(videos, marks):
        srt = Path(video).with_suffix(".srt")
        if srt.is_file():
            cues += shifted(read_srt(srt), start)
    written = []
    for suffix in (".srt", ".vtt"):
        path = dest.with_suffix(suffix)
        if cues:
            written.append(write_subtitles(tidy(cues, marks[-1]), path))
        else:
            path.unlink(missing_ok=True)  # never leave another join's subtitles beside this film
    return written


def part_stem(chapter: str) -> str:
    """The file name (without suffix) of a part's joined video: ``chapter1``, ``extra-real-cost-surface``."""
    from scenes.tool.registry import PARTS

    return PARTS[str(chapter)].stem if str(chapter) in PARTS else f"chapter{chapter}"


def join_chapters(chapters: dict[int, Sequence[SceneTarget]], out_dir: Path, settings: RenderSettings | None = None,
                  known: Sequence[SceneTarget] | None = None, stream=None) -> dict[int, Path | str]:
    """Join each chapter whose scenes all have videos into ``out_dir/chapterN.mp4``, in the order given.

    With ``settings``, every scene's video must also be up to date for them (same fingerprint), so a chapter never
    mixes old and new versions of its scenes, or two themes. Returns {chapter: path} for joined chapters and
    {chapter: reason} for chapters left as they were.
    """
    stream = stream or sys.stdout
    done: dict[int, Path | str] = {}
    for chapter, targets in sorted(chapters.items()):
        videos = [out_dir / "scenes" / f"{t.name}.mp4" for t in targets]
        stamps = [read_stamp(v) if v.is_file() else None for v in videos]
        missing = [t.name for t, s in zip(targets, stamps) if s is None]
        stale = []
        if settings is not None and not missing:
            current = fingerprints(targets, settings, known or targets)
            stale = [t.name for t, s in zip(targets, stamps) if s["hash"] != current[t.name]]
        if missing or stale:
            names = missing or stale
            shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
            what = "not rendered yet" if missing else "out of date (render the chapter again)"
            done[chapter] = f"{len(names)} of {len(targets)} scenes {what}: {shown}"
            stream.write(f"chapter {chapter}: not joined: {done[chapter]}\n")
            continue
        dest = out_dir / f"{part_stem(chapter)}.mp4"
        digest = hashlib.sha256((JOIN_VERSION + "".join(s["hash"] for s in stamps)).encode()).hexdigest()
        start = time.perf_counter()
        if not is_up_to_date(dest, digest):
            marks = join_with_offsets(videos, dest)
            chapter_subtitles(videos, marks, dest)
            write_stamp(dest, {"hash": digest, "duration": video_duration(dest), "audio": has_audio(dest),
                               "starts": [round(m, 3) for m in marks[:-1]], "scenes": [t.name for t in targets]})
        done[chapter] = dest
        stream.write(f"chapter {chapter}: {len(videos)} scenes joined, {video_duration(dest):.1f} s of video "
                     f"({time.perf_counter() - start:.1f} s) -> {dest}\n")
    return done

