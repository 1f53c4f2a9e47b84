"""Rendering scenes in parallel worker processes, each reporting its progress, skipping what is up to date.

Each scene runs in its own Python process (``python -m scenes.tool.render.worker``), so one scene's crash cannot
take the others down; ``jobs`` processes run at a time. A worker reports each finished animation on its standard
output, which is how we show per-scene progress. Every scene ends as one line: where its video went and how long
it took, or its error in one line.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Sequence

from nnlib.errors import NNLibError

from .fingerprint import fingerprints, is_up_to_date, read_stamp, source_hashes, write_stamp
from .plan import REPO_ROOT, RenderSettings, SceneResult, SceneTarget


def slides_complete(slides_dir: Path, name: str) -> bool:
    """Whether manim-slides' description of scene ``name`` exists and every video it names is there."""
    try:
        slides = json.loads((slides_dir / f"{name}.json").read_text(encoding="utf-8"))["slides"]
        return all(Path(slide["file"]).is_absolute() and Path(slide["file"]).is_file() for slide in slides)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def worker_command(target: SceneTarget, settings: RenderSettings, work_dir: Path, slides_dir: Path | None) -> list[str]:
    """The command line that renders one scene in a fresh Python process."""
    spec = {"name": target.name, "source": str(target.source), "quality": settings.quality,
            "resolution": settings.resolution, "fps": settings.fps, "work_dir": str(work_dir),
            "slides_dir": str(slides_dir) if slides_dir else None}
    return [sys.executable, "-m", "scenes.tool.render.worker", "--worker", json.dumps(spec)]


class Progress:
    """Per-scene progress lines, thread-safe. On a terminal a status line shows the running scenes: for each, its
    animations so far, its seconds of video and, when the scene was rendered before (its last video's length is
    known), about how long it has left. Into a file or a pipe, a line every :data:`NOTE_EVERY` seconds says the same,
    so a long scene is never silent for a minute."""

    #: Seconds between two progress lines of one scene when the output is not a terminal.
    NOTE_EVERY = 15.0

    def __init__(self, total: int, stream=None, live: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stdout
        self.live = self.stream.isatty() if live is None else live
        self.running: dict[str, tuple[float, int, float]] = {}
        self.expected: dict[str, float] = {}
        self.noted: dict[str, float] = {}
        self.lock = threading.Lock()
        self._status_shown = False

    def left(self, name: str, now: float | None = None) -> float | None:
        """About how many seconds scene ``name`` has left: its elapsed time scaled by how much of its expected video
        is still to come (None when there is no expectation or no video yet)."""
        if name not in self.running or not self.expected.get(name):
            return None
        t0, _, video = self.running[name]
        if video <= 0:
            return None
        done = min(video / self.expected[name], 1.0)
        return max(0.0, ((now or time.perf_counter()) - t0) * (1.0 / done - 1.0))

    def describe(self, name: str, now: float) -> str:
        """'23 anim, 30s of ~75s video, ~60s left' for one running scene."""
        _, plays, video = self.running[name]
        expected = self.expected.get(name)
        text = f"{plays} anim, {video:.0f}s of " + (f"~{expected:.0f}s video" if expected else "video")
        left = self.left(name, now)
        return text + (f", ~{left:.0f}s left" if left is not None else "")

    def _clear(self) -> None:
        if self._status_shown:
            self.stream.write("\r\033[K")
            self._status_shown = False

    def _status(self) -> None:
        if not self.live or not self.running:
            return
        now = time.perf_counter()
        parts = [f"{n} {now - t0:.0f}s ({self.describe(n, now)})" for n, (t0, _, _) in self.running.items()]
        line = f"[{self.done}/{self.total}] rendering: " + ", ".join(parts)
        width = shutil.get_terminal_size((120, 20)).columns - 1
        self.stream.write(line[:width])
        self.stream.flush()
        self._status_shown = True

    def start(self, name: str, expected: float | None = None) -> None:
        """Scene ``name`` starts; ``expected`` is the length of its video last time, if it was rendered before."""
        with self.lock:
            self._clear()
            self.running[name] = (time.perf_counter(), 0, 0.0)
            self.noted[name] = self.running[name][0]
            if expected:
                self.expected[name] = float(expected)
            if not self.live:
                self.stream.write(f"  started  {name}\n")
            self._status()
            self.stream.flush()

    def step(self, name: str, plays: int, video_time: float) -> None:
        with self.lock:
            if name in self.running:
                self.running[name] = (self.running[name][0], plays, video_time)
            now = time.perf_counter()
            if not self.live and name in self.running and now - self.noted.get(name, now) >= self.NOTE_EVERY:
                self.noted[name] = now
                self.stream.write(f"  ...      {name}: {self.describe(name, now)}\n")
                self.stream.flush()
            self._clear()
            self._status()

    def note(self, message: str) -> None:
        """One line of news (e.g. waiting for another run), between the progress lines."""
        with self.lock:
            self._clear()
            self.stream.write(f"  {message}\n")
            self._status()
            self.stream.flush()

    def finish(self, result: SceneResult) -> None:
        with self.lock:
            self._clear()
            self.running.pop(result.target.name, None)
            self.done += 1
            head = f"[{self.done}/{self.total}] {result.target.name:<26}"
            if result.skipped:
                line = f"{head} up to date            {result.video}"
            elif result.ok:
                line = f"{head} {result.seconds:6.1f} s  ({result.duration:5.1f} s of video)  {result.video}"
            else:
                line = f"{head} FAILED after {result.seconds:.1f} s: {result.error}"
            self.stream.write(line + "\n")
            self._status()
            self.stream.flush()


def _one_line_error(stderr: str) -> str:
    """The last line of a traceback ("SomeError: message"), or the last non-empty line."""
    lines = [l.strip(" │|\t") for l in stderr.splitlines() if l.strip(" │|\t")]
    for line in reversed(lines):
        head = line.split(":", 1)[0]
        if ":" in line and (head.endswith("Error") or head.endswith("Exception")) and " " not in head:
            return line
    return lines[-1] if lines else "the render process failed without a message"


def run_worker(target: SceneTarget, settings: RenderSettings, out_dir: Path, progress: Progress,
               env: dict[str, str], root: Path = REPO_ROOT, slides_dir: Path | None = None,
               work_root: Path | None = None, expected: float | None = None) -> SceneResult:
    """Render one scene in a subprocess; its video ends up at ``out_dir/scenes/Name.mp4`` (moved there atomically),
    its subtitles beside it as ``Name.srt``. ``work_root`` is this run's own scratch folder; ``expected`` the length
    of the scene's video last time (for the progress's time left)."""
    work_dir = (work_root or out_dir / ".work" / run_id()) / target.name
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    log_path = out_dir / "logs" / f"{target.name}.log"
    log_path.parent.mkdir(exist_ok=True)
    progress.start(target.name, expected)
    start = time.perf_counter()
    result: dict | None = None
    error = ""
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(worker_command(target, settings, work_dir, slides_dir), cwd=root, env=env,
                                stdout=subprocess.PIPE, stderr=log, text=True, bufsize=1)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("@play "):
                _, plays, video_time = line.split()
                progress.step(target.name, int(plays), float(video_time))
            elif line.startswith("@result "):
                result = json.loads(line[len("@result "):])
            elif line.startswith("@error "):
                error = line[len("@error "):].strip()
            elif line.startswith("@warning "):
                progress.note("warning: " + line[len("@warning "):].strip())
            else:
                log.write(line)
        code = proc.wait()
    seconds = time.perf_counter() - start
    if code != 0 or result is None:
        if not error:
            error = _one_line_error(log_path.read_text(encoding="utf-8", errors="replace"))
        res = SceneResult(target, False, seconds=seconds, error=error)
    else:
        video = out_dir / "scenes" / f"{target.name}.mp4"
        video.parent.mkdir(exist_ok=True)
        subtitles = video.with_suffix(".srt")
        if result.get("subtitles") and Path(result["subtitles"]).is_file():
            os.replace(result["subtitles"], subtitles)
        else:
            subtitles.unlink(missing_ok=True)  # never leave another render's subtitles beside this video
        os.replace(result["video"], video)
        res = SceneResult(target, True, video=video, seconds=seconds, duration=result["duration"], extra=result)
    shutil.rmtree(work_dir, ignore_errors=True)
    progress.finish(res)
    return res


def run_id() -> str:
    """A name for this run's own scratch folder: two runs into one output folder never touch each other's files."""
    import uuid

    return f"run-{os.getpid()}-{uuid.uuid4().hex[:8]}"


class SceneLock:
    """An exclusive lock on one scene's video in one output folder, held while it renders.

    A second run that wants the same video waits (saying so once) and then finds it up to date instead of
    rendering it twice; runs rendering different scenes never wait for each other. The lock is an OS file lock
    (``fcntl.flock``), so it is released even if a run is killed.
    """

    def __init__(self, video: Path, progress: "Progress | None" = None) -> None:
        self.path = video.with_name(f".{video.name}.lock")
        self.progress = progress
        self.handle = None

    def __enter__(self) -> "SceneLock":
        import fcntl

        told = False
        while True:
            handle = open(self.path, "a+")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if self.progress is not None and not told:
                    self.progress.note(f"{self.path.name[1:-5]} is being rendered by another run; waiting for it")
                    told = True
                fcntl.flock(handle, fcntl.LOCK_EX)
            # the run before us removed the lock file as it finished (no stray files are left): a lock on the
            # removed file guards nothing, so take the lock again on the file now at this path
            try:
                current = os.stat(self.path).st_ino == os.fstat(handle.fileno()).st_ino
            except FileNotFoundError:
                current = False
            if current:
                self.handle = handle
                return self
            handle.close()

    def __exit__(self, *exc) -> None:
        import fcntl

        self.path.unlink(missing_ok=True)  # removed while still held, so no stray .lock file is left behind
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def worker_environment(settings: RenderSettings, root: Path = REPO_ROOT) -> dict[str, str]:
    """The environment of a render worker: this process's, minus any ``EXPLAINER_*`` variable, plus the options
    of ``settings`` (the one channel by which options reach a scene)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXPLAINER_")}
    env.update(dict(settings.options))
    env["PYTHONPATH"] = os.pathsep.join([str(root), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def check_out_dir(out_dir: Path) -> Path:
    """Create the output folder if its parent exists; a clear error otherwise."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise NNLibError(f"output folder {out_dir} is a file, not a folder")
    if not out_dir.exists():
        above = next((f for f in out_dir.parents if f.exists()), None)
        if above is not None and not above.is_dir():
            raise NNLibError(f"cannot create output folder {out_dir}: folder {out_dir.parent} does not exist "
                             f"({above} is a file, not a folder)")
        if not out_dir.parent.is_dir():
            raise NNLibError(f"cannot create output folder {out_dir}: folder {out_dir.parent} does not exist")
        out_dir.mkdir()
    return out_dir


def render_scenes(targets: Sequence[SceneTarget], settings: RenderSettings, out_dir: Path, jobs: int | None = None,
                  force: bool = False, all_targets: Sequence[SceneTarget] | None = None, stream=None,
                  root: Path = REPO_ROOT, slides_dir: Path | None = None) -> list[SceneResult]:
    """Render ``targets`` (skipping up-to-date ones unless ``force``) with ``jobs`` parallel processes.

    ``all_targets`` are all scenes known (for fingerprints: other scenes in the same file are left out of a scene's
    hash). Returns one result per target, in the order given.
    """
    out_dir = check_out_dir(out_dir)
    (out_dir / "scenes").mkdir(exist_ok=True)
    jobs = max(1, jobs or os.cpu_count() or 1)
    known = list(all_targets or targets)
    env = worker_environment(settings, root)
    work_root = out_dir / ".work" / run_id()
    progress = Progress(len(targets), stream)
    digests = fingerprints(targets, settings, known, root)
    results: dict[str, SceneResult] = {}
    to_render = []
    for t in targets:
        video = out_dir / "scenes" / f"{t.name}.mp4"
        slides_ready = slides_dir is None or slides_complete(slides_dir, t.name)
        if not force and slides_ready and is_up_to_date(video, digests[t.name]):
            stamp = read_stamp(video) or {}
            res = SceneResult(t, True, video=video, seconds=stamp.get("seconds", 0.0),
                              duration=stamp.get("duration", 0.0), skipped=True)
            progress.finish(res)
            results[t.name] = res
        else:
            to_render.append(t)

    def work(t: SceneTarget) -> SceneResult:
        video = out_dir / "scenes" / f"{t.name}.mp4"
        with SceneLock(video, progress):
            if not force and is_up_to_date(video, digests[t.name]) and \
                    (slides_dir is None or slides_complete(slides_dir, t.name)):
                stamp = read_stamp(video) or {}  # another run finished it while we waited
                res = SceneResult(t, True, video=video, seconds=stamp.get("seconds", 0.0),
                                  duration=stamp.get("duration", 0.0), skipped=True)
                progress.finish(res)
                return res
            res = run_worker(t, settings, out_dir, progress, env, root, slides_dir, work_root,
                             expected=(read_stamp(video) or {}).get("duration"))
            if res.ok and res.video is not None:
                write_stamp(res.video, {"hash": digests[t.name], "seconds": round(res.seconds, 2),
                                        "duration": res.duration, "settings": settings.describe(),
                                        "beats": res.extra.get("beats", []), "audio": res.extra.get("audio", False),
                                        "sources": source_hashes(res.extra.get("sources", []))})
        return res

    # Longest first (by the time each took last run, if known), so a slow scene does not start last and leave the
    # other workers idle at the end. Scenes never rendered before come first, those marked slow ahead of the rest
    # (otherwise in narrative order).
    def start_order(t: SceneTarget) -> tuple[int, float]:
        stamp = read_stamp(out_dir / "scenes" / f"{t.name}.mp4") or {}
        if "seconds" in stamp:
            return 2, -float(stamp["seconds"])
        return (0 if t.slow else 1), 0.0

    to_render.sort(key=start_order)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
    try:
        for res in pool.map(work, to_render):
            results[res.target.name] = res
    except KeyboardInterrupt:
        # Ctrl-C reached the running workers too (same process group); start no new ones
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        shutil.rmtree(work_root, ignore_errors=True)  # this run's scratch only; other runs keep theirs
    pool.shutdown()
    return [results[t.name] for t in targets]

