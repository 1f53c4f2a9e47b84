"""How much of the narrated video moves: the share of time the picture changes, and still stretches while the voice speaks.

A narrated explainer can turn into a slideshow: things fade in for a second, then the picture holds while the voice
talks on. This benchmark measures it the way the issues quote it. For each scene's video:

- the picture is *changing* at a moment when it differs from the picture one second earlier in more than 20 pixels
  by more than 40 grey levels (sampled every quarter second; variable frame rate aware: a held frame counts as
  still for as long as it is on screen);
- the voice is *speaking* during the subtitle cues written beside the video (``NAME.srt``, timed by the words), with
  gaps under 2 s between cues (a pause between sentences or beats) counted as speech;
- a *still stretch while speaking* is a run of still moments inside speech; stretches over 8 s are listed.

Each scene's share of changing time is printed with its ratio to the target (60 %), and, when the record file
already holds an earlier measurement of the same scene, its ratio to that record too; the same for each chapter
(its scenes' times added up) and for everything measured.

Run::

    .venv/bin/python benchmarks/stillness.py MatrixNotation CountingParameters        # render -ql, then measure
    .venv/bin/python benchmarks/stillness.py --chapter 1 --record benchmarks/results/stillness.json
    .venv/bin/python benchmarks/stillness.py --videos output/480p15/scenes            # measure videos already made

Rendering is ``explainer render -q l --jobs 1 --force`` in a scratch folder (Piper by default, speech from the
shared cache); its CPU time per scene is reported too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.recording import RESULTS, record  # noqa: E402

#: Share of the running time the picture should be changing.
TARGET_SHARE = 0.60
#: Longest a picture may stand still while the voice speaks, in seconds.
LONGEST_STILL = 8.0
#: The picture is compared with the one this many seconds earlier.
WINDOW = 1.0
#: Sampling step, in seconds.
STEP = 0.25
#: A pixel has changed when its grey level moved by more than this...
GREY_LEVELS = 40
#: ...and the picture has changed when more than this many pixels did.
MIN_PIXELS = 20
#: Silences shorter than this between subtitle cues still count as speaking (pauses between sentences and beats).
PAUSE_BRIDGE = 2.0

_CUE_TIME = re.compile(r"(\d+):(\d+):(\d+)[,.](\d+)\s*-->\s*(\d+):(\d+):(\d+)[,.](\d+)")


@dataclass
class Stillness:
    """What one video measured: its length, the share of it changing, and its still stretches while speaking."""

    name: str
    seconds: float
    changing: float                       # seconds of changing picture (a multiple of STEP)
    speaking: float                       # seconds the voice speaks (cues, short pauses bridged)
    stills_speaking: list[tuple[float, float]] = field(default_factory=list)   # (start, length), longest first
    cpu: float | None = None              # CPU seconds the render took, when this run rendered it

    @property
    def share(self) -> float:
        return self.changing / self.seconds if self.seconds else 0.0

    @property
    def long_stills(self) -> list[tuple[float, float]]:
        return [(s, d) for s, d in self.stills_speaking if d > LONGEST_STILL]


def cue_spans(srt: Path) -> list[tuple[float, float]]:
    """(start, end) of every subtitle cue in an .srt file, in seconds."""
    spans = []
    for m in _CUE_TIME.finditer(srt.read_text(encoding="utf-8", errors="replace")):
        h1, m1, s1, f1, h2, m2, s2, f2 = (int(g) for g in m.groups())
        spans.append((h1 * 3600 + m1 * 60 + s1 + f1 / 1000, h2 * 3600 + m2 * 60 + s2 + f2 / 1000))
    return sorted(spans)


def speaking_spans(cues: list[tuple[float, float]], bridge: float = PAUSE_BRIDGE) -> list[tuple[float, float]]:
    """Cues merged into spans of speech: a silence shorter than ``bridge`` between two cues is part of the speech."""
    spans: list[list[float]] = []
    for start, end in cues:
        if spans and start - spans[-1][1] < bridge:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(a, b) for a, b in spans]


def picture_changes(video: Path) -> tuple[np.ndarray, np.ndarray, float]:
    """Sample times (every :data:`STEP` from :data:`WINDOW` on), whether the picture changed at each, and the length.

    The frame on screen at time t is the last one whose timestamp is <= t (a held frame stays on screen)."""
    import av

    times, frames = [], []
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        for frame in container.decode(stream):
            times.append(float(frame.pts * stream.time_base))
            frames.append(frame.to_ndarray(format="gray").astype(np.int16))
        length = float(container.duration) / av.time_base if container.duration else (times[-1] if times else 0.0)
    if not frames:
        return np.zeros(0), np.zeros(0, bool), length
    stamps = np.array(times)
    samples = np.arange(WINDOW, length, STEP)

    def shown(t: float) -> int:
        return max(0, int(np.searchsorted(stamps, t, side="right")) - 1)

    changed = np.array([(np.abs(frames[shown(t)] - frames[shown(t - WINDOW)]) > GREY_LEVELS).sum() > MIN_PIXELS
                        for t in samples], dtype=bool)
    return samples, changed, length


def still_runs(samples: np.ndarray, changed: np.ndarray, length: float) -> list[tuple[float, float]]:
    """(start, end) of every run of still samples."""
    runs, start = [], None
    for t, moving in zip(samples, changed):
        if not moving and start is None:
            start = float(t)
        elif moving and start is not None:
            runs.append((start, float(t)))
            start = None
    if start is not None:
        runs.append((start, length))
    return runs


def overlaps(runs: list[tuple[float, float]], spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """(start, length) of the parts of ``runs`` that lie inside ``spans``, longest first."""
    parts = []
    for a, b in runs:
        for c, d in spans:
            lo, hi = max(a, c), min(b, d)
            if hi > lo:
                parts.append((round(lo, 2), round(hi - lo, 2)))
    return sorted(parts, key=lambda p: -p[1])


def measure(video: Path, name: str | None = None) -> Stillness:
    """Measure one video (its subtitles ``VIDEO.srt`` beside it tell when the voice speaks; without them, always)."""
    samples, changed, length = picture_changes(video)
    srt = video.with_suffix(".srt")
    spans = speaking_spans(cue_spans(srt)) if srt.exists() else [(0.0, length)]
    stills = overlaps(still_runs(samples, changed, length), spans)
    # the first WINDOW seconds have no earlier picture to compare with: counted as neither
    return Stillness(name or video.stem, length, float(changed.sum()) * STEP,
                     float(sum(b - a for a, b in spans)), stills)


def render(names: list[str], scratch: Path, voice: str) -> dict[str, tuple[Path, float]]:
    """Render each scene at -ql in ``scratch`` (one at a time); {name: (video, CPU seconds)}."""
    from benchmarks.render_scenes import run_timed

    made = {}
    for name in names:
        out = scratch / name
        out.parent.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "scenes", "render", "-q", "l", "--voice", voice, "--jobs", "1", "--force",
                   "--out", str(out), name]
        cpu, _, _ = run_timed(command)
        videos = [v for v in out.rglob(f"{name}.mp4")]
        if not videos:
            raise SystemExit(f"{name}: the render wrote no {name}.mp4 under {out}")
        made[name] = (videos[0], cpu)
        print(f"  rendered {name}: {cpu:.1f} s of CPU", flush=True)
    return made


def chapter_of(name: str) -> str:
    from scenes.tool.registry import SCENES

    info = next((i for i in SCENES if i.name == name), None)
    return str(info.part) if info is not None else "?"


def previous_record(path: Path | None) -> dict[str, float]:
    """{scene or chapter: share} from an earlier record, to compare with."""
    if path is None or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    shares = {s["name"]: s["share"] for s in data.get("scenes", [])}
    shares.update({f"chapter {c['chapter']}": c["share"] for c in data.get("chapters", [])})
    return shares


def summary(name: str, rows: list[Stillness]) -> Stillness:
    """Several videos' figures added up, as if played one after another."""
    total = Stillness(name, sum(r.seconds for r in rows), sum(r.changing for r in rows),
                      sum(r.speaking for r in rows))
    total.stills_speaking = sorted((s for r in rows for s in r.stills_speaking), key=lambda p: -p[1])
    cpus = [r.cpu for r in rows]
    total.cpu = sum(cpus) if cpus and None not in cpus else None
    return total


def line(row: Stillness, before: float | None) -> str:
    longest = row.stills_speaking[0][1] if row.stills_speaking else 0.0
    against = f" {row.share / before:5.2f}x record" if before else ""
    cpu = f" {row.cpu:7.1f}" if row.cpu is not None else f" {'':>7}"
    return (f"{row.name:28} {row.seconds:7.1f} {100 * row.share:7.0f}% {row.share / TARGET_SHARE:6.2f}x "
            f"{len(row.long_stills):6d} {longest:8.1f}{cpu}{against}")


def report(rows: list[Stillness], before: dict[str, float]) -> dict:
    """Print per scene, per chapter and overall; return the record."""
    print(f"{'video':28} {'s':>7} {'moving':>8} {'/60%':>7} {'>8 s':>6} {'longest':>8} {'CPU s':>7}")
    for row in rows:
        print(line(row, before.get(row.name)))
    chapters: dict[str, list[Stillness]] = {}
    for row in rows:
        chapters.setdefault(chapter_of(row.name), []).append(row)
    totals = []
    for chapter, members in chapters.items():
        total = summary(f"chapter {chapter} ({len(members)} scenes)", members)
        totals.append((chapter, total))
        print(line(total, before.get(f"chapter {chapter}")))
    everything = summary("all measured", rows)
    print(line(everything, None))
    print(f"target: moving >= {100 * TARGET_SHARE:.0f}% of the time, no still stretch over {LONGEST_STILL:.0f} s "
          f"while the voice speaks; '/60%' is the share against that target")
    for row in rows:
        if row.long_stills:
            listed = ", ".join(f"{d:.1f} s at {int(s // 60)}:{s % 60:04.1f}" for s, d in row.long_stills[:5])
            print(f"  {row.name}: still while speaking {listed}")
    return {"target_share": TARGET_SHARE, "longest_still": LONGEST_STILL,
            "scenes": [dict(asdict(r), share=r.share) for r in rows],
            "chapters": [{"chapter": c, "scenes": len(chapters[c]), "seconds": t.seconds, "share": t.share,
                          "changing": t.changing, "long_stills": len(t.long_stills),
                          "longest": t.stills_speaking[0][1] if t.stills_speaking else 0.0, "cpu": t.cpu}
                         for c, t in totals]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenes", nargs="*", help="scene names to render and measure")
    parser.add_argument("--chapter", help="every scene of this part (1, 2, extra or questions)")
    parser.add_argument("--videos", type=Path, help="measure the .mp4 files in this folder (or this one file) "
                        "instead of rendering")
    parser.add_argument("--voice", default="piper", choices=["piper", "espeak"])
    parser.add_argument("--keep", type=Path, help="render into this folder and keep the videos (to look at them)")
    parser.add_argument("--record", type=Path, help="write the figures as JSON here (e.g. "
                        "benchmarks/results/stillness.json); an earlier record there is the baseline compared with")
    args = parser.parse_args(argv)
    before = previous_record(args.record or RESULTS / "stillness.json")
    if args.videos is not None:
        if not args.videos.exists():
            raise SystemExit(f"no such video or folder: {args.videos}")
        videos = [args.videos] if args.videos.is_file() else sorted(args.videos.glob("*.mp4"))
        if args.scenes:
            videos = [v for v in videos if v.stem in args.scenes]
        if not videos:
            raise SystemExit(f"no .mp4 videos to measure in {args.videos}")
        rows = [measure(v) for v in videos]
    else:
        names = list(args.scenes)
        if args.chapter:
            from scenes.tool.registry import scenes_of_chapter

            names += [i.name for i in scenes_of_chapter(args.chapter) if i.name not in names]
        if not names:
            raise SystemExit("name scenes, a --chapter, or --videos to measure")
        with tempfile.TemporaryDirectory(prefix="bench-stillness-") as scratch:
            rows = []
            for name, (video, cpu) in render(names, args.keep or Path(scratch), args.voice).items():
                row = measure(video, name)
                row.cpu = cpu
                rows.append(row)
    result = report(rows, before)
    record("stillness", result, args.record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
