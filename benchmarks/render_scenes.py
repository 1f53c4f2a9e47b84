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

    .venv/bin/python benchmarks/render_scenes.py -q l                       # every scene, narrated, espeak
    .venv/bin/python benchmarks/render_scenes.py -q h RealCostSurface --pace brisk --voice none

The whole narrated explainer takes a while (its video runs about forty minutes); name scenes to measure a few.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

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


def measure(command: list[str], out: Path) -> tuple[float, float, float]:
    """Run ``command``; return (CPU seconds, wall seconds, seconds of the newest .mp4 under ``out``)."""
    before, start = children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, children_cpu() - before
    if done.returncode != 0:
        raise SystemExit(f"render failed ({' '.join(command)}):\n{done.stderr.strip()[-2000:]}")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenes", nargs="*", help="scene names (default: every scene)")
    parser.add_argument("-q", "--quality", default="l", choices=list("lmhk"))
    parser.add_argument("--pace", default="narrated", choices=["narrated", "brisk"])
    parser.add_argument("--voice", default="espeak", choices=["espeak", "none"])
    args = parser.parse_args(argv)
    names = args.scenes or [info.name for info in SCENES]
    explainer = [sys.executable, "-m", "scenes", "render", "-q", args.quality, "--pace", args.pace,
                 "--voice", args.voice, "--jobs", "1", "--force"]
    print(f"quality -q{args.quality}, pace {args.pace}, voice {args.voice}, {os.cpu_count()} cores")
    print(f"{'scene':28} {'video s':>8} {'CPU s':>8} {'wall s':>8} {'CPU/video':>10}")
    total_cpu = total_video = 0.0
    over_a_minute = []
    with tempfile.TemporaryDirectory(prefix="bench-render-") as scratch_name:
        scratch = Path(scratch_name)
        for name in names:
            out = scratch / name
            cpu, wall, video = measure(explainer + ["--out", str(out), name], out)
            total_cpu, total_video = total_cpu + cpu, total_video + video
            if cpu > 60:
                over_a_minute.append(name)
            print(f"{name:28} {video:8.1f} {cpu:8.1f} {wall:8.1f} {cpu / max(video, 1e-9):9.2f}x", flush=True)
        base = baseline_cost(min(total_video, 60.0), args.quality, scratch)
    cost = total_cpu / max(total_video, 1e-9)
    print(f"{'all of them':28} {total_video:8.1f} {total_cpu:8.1f} {'':>8} {cost:9.2f}x")
    print(f"baseline: plain Manim holding a still picture costs {base:.2f}x at -q{args.quality}; "
          f"these scenes cost {cost / base:.2f} times that per second of video")
    if over_a_minute:
        print(f"over 60 s of CPU: {', '.join(over_a_minute)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
