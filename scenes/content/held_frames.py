"""Held frames at little cost: a still picture held for many frames is encoded as its first and last frame.

While the narration speaks over a still picture, manim writes the same frame again and again (a 20-second hold at
1080p60 is 1,200 frames, each converted to YUV and encoded: about 14 s of work on these machines). Its video
segment encoder is told the repeat count, so a held frame can instead be encoded twice: once at the start of the
hold and once at its last frame time. The MP4 then has a variable frame rate: the picture stays on screen for
exactly as long (every player shows a frame until the next one's time), and the file is smaller too.

:func:`hold_cheaply` installs this on one scene's file writer; the scene base does it for every scene.
"""

from __future__ import annotations

from pathlib import Path

from manim.scene.video_segment_encoder import VideoSegmentEncoder

#: Below this many repeats, frames are written as usual (nothing to gain).
MIN_HOLD = 3


class HeldFrameEncoder(VideoSegmentEncoder):
    """manim's segment encoder, writing a frame repeated ``repeat`` times as two frames ``repeat - 1`` apart."""

    def write_frame(self, pixels, *, repeat: int = 1) -> None:
        if repeat < MIN_HOLD:
            super().write_frame(pixels, repeat=repeat)
            return
        start = self._next_pts
        super().write_frame(pixels, repeat=1)                 # shown from the start of the hold...
        self._next_pts = start + repeat - 1
        super().write_frame(pixels, repeat=1)                 # ...and again at its last frame time


def hold_cheaply(scene) -> None:
    """Make ``scene``'s file writer encode held frames as :class:`HeldFrameEncoder` does (this scene only)."""
    writer = getattr(scene.renderer, "file_writer", None)
    if writer is None or not hasattr(writer, "_create_segment_encoder"):
        return  # another renderer or manim version: frames are written the usual way

    def create(target: Path) -> VideoSegmentEncoder:
        if writer.video_encoder is None:
            raise RuntimeError("Video segment encoding requires resolved settings.")
        return HeldFrameEncoder(target=target, spec=writer.video_encoder)

    writer._create_segment_encoder = create
