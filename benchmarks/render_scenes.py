"""What a render costs: CPU seconds per second of video, per scene and for the whole explainer.

For each scene the benchmark runs ``explainer render`` in a child process (fresh output folder, ``--force``) and
measures the CPU time of that process and everything it started (``resource.getrusage(RUSAGE_CHILDREN)``), then
reads the running time of the video it wrote. The figure that matters is their ratio::

    cost = CPU seconds spent / seconds of video

It is printed beside the same ratio for a baseline rendered in the same run: a plain Manim scene that holds a
still picture (one ``wait``) for the same length, with none of the project's held-frame shortcut. A cost below 1
means the render is cheaper than playing the video; the issue's budgets are <= 1x at -qh and <= 0.3x at -ql for
the whole narrated explainer, and no scene over 60 s of CPU at -qh.

Run::

    .venv/bin/python benchmarks/render_scenes.py -q l                       # every scene, narrated, Piper
    .venv/bin/python benchmarks/render_scenes.py -q h RealCostSurface --pace brisk --voice none
    .venv/bin/python benchmarks/render_scenes.py --whole -q h --record benchmarks/results/render-qh.json

``--whole`` renders the explainer as a user does (``explainer render --all``, scenes in parallel, chapters joined)
and reports the whole run's CPU and wall time; scenes over a minute are listed with the reason in their figures.

The whole narrated explainer takes a while (its video runs about forty minutes); name scenes to measure a few.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.recording import record  # noqa: E402
from scenes.tool.registry import SCENES  # noqa: E402

BASELINE = '''
from manim import Scene, Square
class HeldStill(Scene):
    def construct(self):
        self.add(Square())
        self.wait({seconds})
'''


def children_cpu() -> float:
    """CPU seconds (user + system) of all finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def video_seconds(path: Path) -> float:
    """The running time of a video file, read with PyAV (manim's own dependency)."""
    import av

    with av.open(str(path)) as container:
        return float(container.duration) / av.time_base if container.duration else 0.0


def run_timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run ``command`` (its output captured); return (CPU seconds of it and its children, wall seconds, result).
    A failed run ends the benchmark with its last lines of errors."""
    before, start = children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, children_cpu() - before
    if done.returncode != 0:
        raise SystemExit(f"render failed ({' '.join(command)}):\n{done.stderr.strip()[-2000:]}")
    return cpu, wall, done


def measure(command: list[str], out: Path) -> tuple[float, float, float]:
    """Run ``command``; return (CPU seconds, wall seconds, seconds of the newest .mp4 under ``out``)."""
    cpu, wall, _ = run_timed(command)
    videos = sorted(out.rglob("*.mp4"), key=lambda p: p.stat().st_mtime)
    return cpu, wall, video_seconds(videos[-1]) if videos else 0.0


def baseline_cost(seconds: float, quality: str, scratch: Path) -> float:
    """CPU per second of video for plain Manim holding a still picture for ``seconds``."""
    script = scratch / "held_still.py"
    script.write_text(BASELINE.format(seconds=max(seconds, 1.0)))
    media = scratch / "baseline-media"
    cpu, _, video = measure([sys.executable, "-m", "manim", f"-q{quality}", "--media_dir", str(media),
                             "--disable_caching", "--progress_bar", "none", str(script), "HeldStill"], media)
    return cpu / video if video else float("nan")


#: Lines `explainer render` prints: one per finished scene, and /usr/bin/time's summary when it wrapped the run.
SCENE_LINE = re.compile(r"^\[\d+/\d+\] (\S+)\s+([\d.]+) s\s+\(\s*([\d.]+) s of video\)")
TIME_LINE = re.compile(r"CPU user ([\d.]+) sys ([\d.]+) wall ([\d.]+)")


def over_a_minute_reason(name: str, cpu: float, video: float) -> str:
    """Why a scene takes more than 60 s: said with its own figures (the cap was set when scenes lasted seconds)."""
    ratio = cpu / max(video, 1e-9)
    verdict = "within" if ratio <= 1 else "over"
    figures = (f"{name}: {cpu:.0f} s for {video:.0f} s of narrated video ({ratio:.2f}x, {verdict} the 1x budget per "
               f"second of video)")
    if video < 60:
        return (f"{figures}; NO REASON: it plays for less than a minute, so it costs more than it plays and must be "
                "made cheaper")
    return (f"{figures}; under 60 s it would need {60 / max(video, 1e-9):.2f}x: its narration alone runs "
            f"{video:.0f} s, and every second of movement is a second of frames to paint and encode")


def report(rows: list[tuple[str, float, float, float]], quality: str, base: float | None, wall: float | None,
           cpu_total: float | None) -> dict:
    """Print the table (scene, video s, CPU s, wall s, ratio) with totals and reasons; return it as a record."""
    print(f"{'scene':28} {'video s':>8} {'CPU s':>8} {'wall s':>8} {'CPU/video':>10}")
    for name, video, cpu, scene_wall in rows:
        print(f"{name:28} {video:8.1f} {cpu:8.1f} {scene_wall:8.1f} {cpu / max(video, 1e-9):9.2f}x")
    total_video = sum(r[1] for r in rows)
    total_cpu = cpu_total if cpu_total is not None else sum(r[2] for r in rows)
    cost = total_cpu / max(total_video, 1e-9)
    shown_wall = f"{wall:8.1f}" if wall is not None else f"{'':>8}"
    print(f"{'all of them':28} {total_video:8.1f} {total_cpu:8.1f} {shown_wall} {cost:9.2f}x")
    if wall is not None:
        print(f"wall time {wall:.0f} s = {wall / max(total_video, 1e-9):.2f}x the running time")
    if base is not None:
        print(f"baseline: plain Manim holding a still picture costs {base:.2f}x at -q{quality}; "
              f"these scenes cost {cost / base:.2f} times that per second of video")
    slow = [r for r in rows if r[2] > 60]
    if slow:
        print("over 60 s:")
        for name, video, cpu, _ in slow:
            print("  " + over_a_minute_reason(name, cpu, video))
    return {"quality": quality, "scenes": [{"name": n, "video": v, "cpu": c, "wall": w} for n, v, c, w in rows],
            "video": total_video, "cpu": total_cpu, "wall": wall, "baseline": base, "cores": os.cpu_count()}


def read_log(text: str) -> tuple[list[tuple[str, float, float, float]], float | None, float | None]:
    """Per-scene rows and the run's CPU and wall time from an `explainer render` output (see :data:`SCENE_LINE`).

    A scene process's own CPU time is not in that output; its wall time stands in for both (one job per core)."""
    rows = [(m[1], float(m[3]), float(m[2]), float(m[2])) for m in map(SCENE_LINE.match, text.splitlines()) if m]
    times = TIME_LINE.search(text)
    if times is None:
        return rows, None, None
    return rows, float(times[1]) + float(times[2]), float(times[3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenes", nargs="*", help="scene names (default: every scene)")
    parser.add_argument("-q", "--quality", default="l", choices=list("lmhk"))
    parser.add_argument("--pace", default="narrated", choices=["narrated", "brisk"])
    parser.add_argument("--voice", default="piper", choices=["piper", "espeak", "none"])
    parser.add_argument("--empty-speech-cache", action="store_true",
                        help="synthesise all speech again (a fresh speech cache), as a first render does")
    parser.add_argument("--whole", action="store_true",
                        help="render every scene as a user does (`explainer render --all --jobs N`, chapters "
                             "joined) and report the whole run's CPU and wall time")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="with --whole: scenes at once")
    parser.add_argument("--from-log", type=Path, help="with --whole: read the output of an earlier run of "
                        "`/usr/bin/time -f 'CPU user %%U sys %%S wall %%e' explainer render --all ...` instead "
                        "of rendering again")
    parser.add_argument("--record", type=Path, help="also write the figures as JSON here (for update_readme.py)")
    args = parser.parse_args(argv)
    print(f"quality -q{args.quality}, pace {args.pace}, voice {args.voice}, {os.cpu_count()} cores"
          + (", empty speech cache" if args.empty_speech_cache else ""))
    with tempfile.TemporaryDirectory(prefix="bench-render-") as scratch_name:
        scratch = Path(scratch_name)
        if args.empty_speech_cache:  # the child processes inherit it: every beat is synthesised in the timed run
            os.environ["XDG_CACHE_HOME"] = str(scratch / "cache")
        if args.whole:
            if args.from_log:
                rows, cpu, wall = read_log(args.from_log.read_text())
            else:
                command = [sys.executable, "-m", "scenes", "render", "--all", "-q", args.quality, "--pace",
                           args.pace, "--voice", args.voice, "--jobs", str(args.jobs), "--force",
                           "--out", str(scratch / "all")]
                cpu, wall, done = run_timed(command)
                rows, _, _ = read_log(done.stdout + done.stderr)
            if not rows:
                raise SystemExit("no finished scenes found in the render's output")
            result = report(rows, args.quality, None, wall, cpu)
            result["whole"] = True
            result["voice"] = args.voice
            result["empty_speech_cache"] = bool(args.empty_speech_cache)
            if args.from_log:
                result["read_from"] = args.from_log.name
            record("render", result, args.record)
            return 0
        names = args.scenes or [info.name for info in SCENES]
        explainer = [sys.executable, "-m", "scenes", "render", "-q", args.quality, "--pace", args.pace,
                     "--voice", args.voice, "--jobs", "1", "--force"]
        rows = []
        for name in names:
            out = scratch / name
            cpu, wall, video = measure(explainer + ["--out", str(out), name], out)
            rows.append((name, video, cpu, wall))
            print(f"  {name}: {cpu:.1f} s of CPU for {video:.1f} s of video", flush=True)
        base = baseline_cost(min(sum(r[1] for r in rows), 60.0), args.quality, scratch)
        result = report(rows, args.quality, base, None, None)
        record("render", result, args.record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
