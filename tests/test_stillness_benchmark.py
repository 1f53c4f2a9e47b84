"""The stillness benchmark measures what a viewer sees: how long the picture changes, and how long it stands still
while the voice speaks (from the subtitle cues beside the video)."""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np

from benchmarks import stillness, update_readme


def write_video(path, moving_seconds: float, still_seconds: float, fps: int = 10) -> None:
    """A small video: noise that changes every frame for ``moving_seconds``, then its last frame held."""
    rng = np.random.default_rng(0)
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.time_base = Fraction(1, fps)
        frames = int(moving_seconds * fps)
        picture = None
        for i in range(frames):
            picture = rng.integers(0, 255, (48, 64, 3), dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame.pts = i
            out.mux(stream.encode(frame))
        for pts in range(frames, frames + int(still_seconds * fps)):
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame.pts = pts
            out.mux(stream.encode(frame))
        out.mux(stream.encode())


def test_moving_share_and_still_stretches_while_speaking(tmp_path):
    video = tmp_path / "Toy.mp4"
    write_video(video, moving_seconds=4, still_seconds=12)
    video.with_suffix(".srt").write_text("1\n00:00:00,500 --> 00:00:06,000\nfirst words\n\n"
                                         "2\n00:00:07,000 --> 00:00:14,000\nmore words\n")
    row = stillness.measure(video)
    assert 15 < row.seconds < 17
    assert 0.2 < row.share < 0.35, row.share          # about 4 of 16 s move (the first second has no comparison)
    assert row.speaking > 13                            # the 1 s pause between cues is bridged
    assert len(row.long_stills) == 1 and 8.5 < row.long_stills[0][1] < 10.5   # still from ~5 s until the voice stops


def test_silence_is_not_counted_and_cues_merge_across_short_pauses():
    spans = stillness.speaking_spans([(0, 2), (2.5, 5), (9, 10)])
    assert spans == [(0, 5), (9, 10)]
    assert stillness.overlaps([(3.0, 12.0)], spans) == [(3.0, 2.0), (9.0, 1.0)]


def test_the_readme_row_names_the_chapter_share_and_target():
    result = {"kind": "stillness", "target_share": 0.6, "longest_still": 8.0,
              "scenes": [{"name": "A", "share": 0.81}, {"name": "B", "share": 0.7}],
              "chapters": [{"chapter": "1", "scenes": 2, "seconds": 200.0, "share": 0.75, "long_stills": 0,
                            "longest": 4.2}]}
    what, figure, command = update_readme.stillness_row(result)
    assert "75%" in figure and "1.25x the 60% target" in figure and "longest 4.2 s" in figure
    assert "A 81%" in figure and command == "`benchmarks/stillness.py A B`"
