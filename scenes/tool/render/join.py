"""Joining scene videos into one film per chapter, with PyAV (no ffmpeg program needed).

Scenes share codec settings, so joining just copies the compressed packets one after the other (no re-encoding, a
second or two); if they ever differ we decode and re-encode instead.
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


def video_duration(path: Path) -> float:
    """Length of a video file in seconds (PyAV)."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        if stream.duration is not None and stream.time_base is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration or 0) / av.time_base


def join_videos(inputs: Sequence[Path], dest: Path) -> Path:
    """Join videos one after the other into ``dest`` (written atomically), copying packets when codecs match."""
    import av

    if not inputs:
        raise NNLibError("nothing to join")
    with av.open(str(inputs[0])) as first:
        ref = first.streams.video[0]
        ref_key = (ref.codec_context.name, ref.codec_context.width, ref.codec_context.height,
                   bytes(ref.codec_context.extradata or b""), ref.time_base)
    same = True
    for path in inputs[1:]:
        with av.open(str(path)) as c:
            s = c.streams.video[0]
            key = (s.codec_context.name, s.codec_context.width, s.codec_context.height,
                   bytes(s.codec_context.extradata or b""), s.time_base)
            same = same and key == ref_key
    with atomic_write(dest) as handle:
        with av.open(handle, "w", format="mp4") as out:
            if same:
                _copy_packets(inputs, out)
            else:
                _reencode(inputs, out)
    return dest


def _copy_packets(inputs: Sequence[Path], out) -> None:
    import av

    ostream = None
    offset = 0
    for path in inputs:
        with av.open(str(path)) as c:
            s = c.streams.video[0]
            if ostream is None:
                ostream = out.add_stream_from_template(s)
            end = offset
            for packet in c.demux(s):
                if packet.dts is None:
                    continue
                packet.pts += offset
                packet.dts += offset
                end = max(end, packet.pts + (packet.duration or 0))
                packet.stream = ostream
                out.mux(packet)
            offset = end


def _reencode(inputs: Sequence[Path], out) -> None:
    import av
    from fractions import Fraction

    with av.open(str(inputs[0])) as c:
        s = c.streams.video[0]
        rate = s.average_rate or Fraction(30)
        width, height = s.codec_context.width, s.codec_context.height
    ostream = out.add_stream("libx264", rate=rate)
    ostream.width, ostream.height, ostream.pix_fmt = width, height, "yuv420p"
    ostream.codec_context.time_base = Fraction(1) / rate
    index = 0
    for path in inputs:
        with av.open(str(path)) as c:
            for frame in c.decode(video=0):
                frame = frame.reformat(width=width, height=height, format="yuv420p")
                frame.pts, frame.time_base = index, ostream.codec_context.time_base
                index += 1
                for packet in ostream.encode(frame):
                    out.mux(packet)
    for packet in ostream.encode(None):
        out.mux(packet)


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
        digest = hashlib.sha256("".join(s["hash"] for s in stamps).encode()).hexdigest()
        start = time.perf_counter()
        if not is_up_to_date(dest, digest):
            join_videos(videos, dest)
            write_stamp(dest, {"hash": digest, "duration": video_duration(dest), "scenes": [t.name for t in targets]})
        done[chapter] = dest
        stream.write(f"chapter {chapter}: {len(videos)} scenes joined, {video_duration(dest):.1f} s of video "
                     f"({time.perf_counter() - start:.1f} s) -> {dest}\n")
    return done

