"""Rendering scenes into videos: many at once, only what changed, then one film per chapter.

How it works, in four steps:

1. **Fingerprint.** For each scene we hash everything its video depends on: the source of its class (and the
   module-level code of its file, but not the other scenes in that file), every shared source file under
   ``scenes/`` and ``nnlib/`` (components, narration, options, the library), every file in ``assets/`` (weights,
   digit sample, precomputed results), the chosen weights file and digit image, ``MNIST_DIR``, manim's version and
   the render settings (quality, size, theme, seed...). The hash is stored beside the video as
   ``output/scenes/Name.mp4.json``. A scene whose hash has not changed is not rendered again.
2. **Render in parallel.** Each scene runs in its own Python process (``python -m scenes.render --worker ...``),
   so one scene's crash cannot take the others down. ``jobs`` processes run at a time. A worker reports each
   finished animation on its standard output, which is how we show per-scene progress.
3. **Report.** Every scene ends as one line: where its video went and how long it took, or its error in one line.
4. **Join.** When every scene of a chapter has an up-to-date video, the chapter's scenes are joined in narrative
   order (the registry's order) into ``output/chapterN.mp4`` with PyAV (no ffmpeg program needed). Scenes share codec
   settings, so joining just copies the compressed packets one after the other (no re-encoding, a second or two);
   if they ever differ we decode and re-encode instead.

Nothing here imports manim; only the worker process does.
"""

from __future__ import annotations

import ast
import concurrent.futures
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from nnlib.atomic import atomic_write
from nnlib.errors import NNLibError

REPO_ROOT = Path(__file__).resolve().parent.parent

#: manim's quality names for the one-letter flags (l = 480p15, m = 720p30, h = 1080p60, k = 2160p60).
QUALITIES = {"l": "low_quality", "m": "medium_quality", "h": "high_quality", "k": "fourk_quality"}

#: Files under scenes/ that run scenes rather than draw them: editing them does not change any video.
RUNNER_FILES = {"cli.py", "render.py", "slides.py", "inspect_sheet.py", "registry.py", "__main__.py"}

FINGERPRINT_VERSION = "explainer-render-1"


@dataclass(frozen=True)
class SceneTarget:
    """One scene to render: the class ``name`` defined in the Python file ``source``, and its ``chapter``."""

    name: str
    chapter: int
    source: Path
    slow: bool = False  # known to take much longer than the rest: started first when no earlier time is known


@dataclass(frozen=True)
class RenderSettings:
    """How to render: manim quality letter, optional size/fps overrides, slide mode, and the teacher's options.

    ``options`` holds the ``EXPLAINER_*`` environment variables (see ``scenes/options.py``) given to every worker.
    """

    quality: str = "l"
    resolution: tuple[int, int] | None = None
    fps: int | None = None
    slides: bool = False
    options: tuple[tuple[str, str], ...] = ()

    def describe(self) -> dict:
        return {"quality": self.quality, "resolution": self.resolution, "fps": self.fps, "slides": self.slides,
                "options": dict(self.options)}


@dataclass
class SceneResult:
    """What became of one scene."""

    target: SceneTarget
    ok: bool
    video: Path | None = None
    seconds: float = 0.0
    duration: float = 0.0
    skipped: bool = False
    error: str = ""
    extra: dict = field(default_factory=dict)


def targets_from_registry(infos: Iterable, root: Path = REPO_ROOT) -> list[SceneTarget]:
    """Turn registry entries (``SceneInfo``) into render targets."""
    return [SceneTarget(info.name, info.chapter, root / info.file, info.slow) for info in infos]


# --------------------------------------------------------------------------------------------------- fingerprints

def _defines_construct(node: ast.ClassDef) -> bool:
    return any(isinstance(n, ast.FunctionDef) and n.name == "construct" for n in node.body)


def _class_and_module_source(source: Path, name: str) -> str:
    """The source of class ``name`` plus the module-level code of its file, without the other scene classes
    (classes with a ``construct`` method).

    Editing one scene of ``chapter1.py`` thus changes only that scene's fingerprint, while editing a helper function
    or an import at the top of the file changes all of them.
    """
    text = source.read_text(encoding="utf-8")
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text  # the worker will report the syntax error; any edit re-renders
    lines = text.splitlines()
    parts = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name != name and _defines_construct(node):
            continue
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        parts.append("\n".join(lines[first - 1:node.end_lineno]))
    return "\n".join(parts)


def shared_sources(root: Path, scene_files: set[Path]) -> list[Path]:
    """Source files every scene depends on: all of ``nnlib/`` and ``scenes/`` except scene files and runners."""
    files = sorted((root / "nnlib").rglob("*.py")) + sorted((root / "scenes").rglob("*.py"))
    out = []
    for f in files:
        if f.resolve() in scene_files:
            continue
        if f.parent == root / "scenes" and f.name in RUNNER_FILES:
            continue
        out.append(f)
    return out


def _hash_file(h: "hashlib._Hash", path: Path) -> None:
    h.update(str(path.name).encode())
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        h.update(b"<missing>")


def shared_digest(settings: RenderSettings, targets: Sequence[SceneTarget], root: Path = REPO_ROOT) -> str:
    """The hash of what every scene depends on: settings, shared sources, assets, data and manim's version."""
    from nnlib.assets import assets_dir, default_sample_path, default_weights_path

    from .registry import SCENES

    scene_files = {t.source.resolve() for t in targets} | {(root / s.file).resolve() for s in SCENES}
    h = hashlib.sha256()
    h.update(FINGERPRINT_VERSION.encode())
    h.update(json.dumps(settings.describe(), sort_keys=True).encode())
    for f in shared_sources(root, scene_files):
        _hash_file(h, f)
    if settings.slides:  # how a scene becomes slides is decided there
        _hash_file(h, Path(__file__).with_name("slides.py"))
    options = dict(settings.options)
    # the weights, the digit sample and the precomputed results (learning curves, landscapes...) in assets/
    data_files = {Path(options.get("EXPLAINER_WEIGHTS") or default_weights_path()), default_sample_path()}
    if assets_dir().is_dir():
        data_files |= {f for f in assets_dir().iterdir() if f.is_file()}
    digit = options.get("EXPLAINER_DIGIT")
    if digit and not digit.isdigit():
        data_files.add(Path(digit))
    for f in sorted(data_files):
        _hash_file(h, f)
    h.update(os.environ.get("MNIST_DIR", "").encode())
    try:
        from importlib.metadata import version

        h.update(version("manim").encode())
    except Exception:  # pragma: no cover - manim always installed with the project
        pass
    return h.hexdigest()


def fingerprints(targets: Sequence[SceneTarget], settings: RenderSettings, known: Sequence[SceneTarget],
                 root: Path = REPO_ROOT) -> dict[str, str]:
    """{scene name: hash of everything its video depends on} (see the module docstring)."""
    shared = shared_digest(settings, known, root)
    return {t.name: hashlib.sha256((shared + _class_and_module_source(t.source, t.name)).encode()).hexdigest()
            for t in targets}


def fingerprint(target: SceneTarget, settings: RenderSettings, targets: Sequence[SceneTarget],
                root: Path = REPO_ROOT) -> str:
    """The hash of one scene's inputs (see :func:`fingerprints`)."""
    return fingerprints([target], settings, targets, root)[target.name]


def read_stamp(video: Path) -> dict | None:
    """The JSON stamp stored beside ``video`` (hash, seconds, duration), or None."""
    stamp = video.with_name(video.name + ".json")
    try:
        return json.loads(stamp.read_text())
    except (OSError, ValueError):
        return None


def write_stamp(video: Path, data: dict) -> None:
    with atomic_write(video.with_name(video.name + ".json")) as handle:
        handle.write(json.dumps(data, indent=1, sort_keys=True).encode())


def is_up_to_date(video: Path, digest: str) -> bool:
    stamp = read_stamp(video)
    return video.is_file() and stamp is not None and stamp.get("hash") == digest


# ------------------------------------------------------------------------------------------------- the workers

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
    return [sys.executable, "-m", "scenes.render", "--worker", json.dumps(spec)]


class Progress:
    """Per-scene progress lines, thread-safe. On a terminal a status line shows the running scenes."""

    def __init__(self, total: int, stream=None, live: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stdout
        self.live = self.stream.isatty() if live is None else live
        self.running: dict[str, tuple[float, int, float]] = {}
        self.lock = threading.Lock()
        self._status_shown = False

    def _clear(self) -> None:
        if self._status_shown:
            self.stream.write("\r\033[K")
            self._status_shown = False

    def _status(self) -> None:
        if not self.live or not self.running:
            return
        now = time.perf_counter()
        parts = [f"{n} {now - t0:.0f}s ({plays} anim, {video:.0f}s of video)"
                 for n, (t0, plays, video) in self.running.items()]
        line = f"[{self.done}/{self.total}] rendering: " + ", ".join(parts)
        width = shutil.get_terminal_size((120, 20)).columns - 1
        self.stream.write(line[:width])
        self.stream.flush()
        self._status_shown = True

    def start(self, name: str) -> None:
        with self.lock:
            self._clear()
            self.running[name] = (time.perf_counter(), 0, 0.0)
            if not self.live:
                self.stream.write(f"  started  {name}\n")
            self._status()
            self.stream.flush()

    def step(self, name: str, plays: int, video_time: float) -> None:
        with self.lock:
            if name in self.running:
                self.running[name] = (self.running[name][0], plays, video_time)
            self._clear()
            self._status()

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
               env: dict[str, str], root: Path = REPO_ROOT, slides_dir: Path | None = None) -> SceneResult:
    """Render one scene in a subprocess; its video ends up at ``out_dir/scenes/Name.mp4``."""
    work_dir = out_dir / ".work" / target.name
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    log_path = out_dir / "logs" / f"{target.name}.log"
    log_path.parent.mkdir(exist_ok=True)
    progress.start(target.name)
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
        os.replace(result["video"], video)
        res = SceneResult(target, True, video=video, seconds=seconds, duration=result["duration"], extra=result)
        shutil.rmtree(work_dir, ignore_errors=True)
    progress.finish(res)
    return res


def check_out_dir(out_dir: Path) -> Path:
    """Create the output folder if its parent exists; a clear error otherwise."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise NNLibError(f"output folder {out_dir} is a file, not a folder")
    if not out_dir.exists():
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
    env = {**os.environ, **dict(settings.options)}
    env["PYTHONPATH"] = os.pathsep.join([str(root), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
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
        res = run_worker(t, settings, out_dir, progress, env, root, slides_dir)
        if res.ok and res.video is not None:
            write_stamp(res.video, {"hash": digests[t.name], "seconds": round(res.seconds, 2),
                                    "duration": res.duration, "settings": settings.describe()})
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
    pool.shutdown()
    shutil.rmtree(out_dir / ".work", ignore_errors=True)
    return [results[t.name] for t in targets]


# ------------------------------------------------------------------------------------------------ joining videos

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
        dest = out_dir / f"chapter{chapter}.mp4"
        digest = hashlib.sha256("".join(s["hash"] for s in stamps).encode()).hexdigest()
        start = time.perf_counter()
        if not is_up_to_date(dest, digest):
            join_videos(videos, dest)
            write_stamp(dest, {"hash": digest, "duration": video_duration(dest), "scenes": [t.name for t in targets]})
        done[chapter] = dest
        stream.write(f"chapter {chapter}: {len(videos)} scenes joined, {video_duration(dest):.1f} s of video "
                     f"({time.perf_counter() - start:.1f} s) -> {dest}\n")
    return done


# ----------------------------------------------------------------------------------------------- the worker side

def load_scene_class(source: Path, name: str, root: Path = REPO_ROOT):
    """Import the file ``source`` and return its class ``name`` (a file under ``scenes/`` is imported as part of
    the package, so relative imports work)."""
    import importlib
    import importlib.util

    source = Path(source).resolve()
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    try:
        rel = source.relative_to(root / "scenes")
        module = importlib.import_module("scenes." + ".".join(rel.with_suffix("").parts))
    except ValueError:
        spec = importlib.util.spec_from_file_location(f"explainer_scene_{source.stem}", source)
        if spec is None or spec.loader is None:
            raise NNLibError(f"{source}: cannot import this file")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    cls = getattr(module, name, None)
    if cls is None:
        raise NNLibError(f"{source} has no scene class {name!r}")
    return cls


def _reporting(cls):
    """``cls`` with ``play`` announcing each finished animation on stdout (for the parent's progress display)."""

    def play(self, *args, **kwargs):
        cls.play(self, *args, **kwargs)
        print(f"@play {self.renderer.num_plays} {self.renderer.time:.2f}", flush=True)

    return type(cls.__name__, (cls,), {"play": play, "__module__": cls.__module__})


def worker_main(spec: dict) -> int:
    """Render one scene (run in a subprocess by :func:`run_worker`); prints ``@result {json}`` or ``@error line``."""
    try:
        from manim import tempconfig

        cls = load_scene_class(Path(spec["source"]), spec["name"])
        if spec.get("slides_dir"):
            from .slides import as_slide

            cls = as_slide(cls)
        cls = _reporting(cls)
        overrides = {"quality": QUALITIES[spec["quality"]], "media_dir": spec["work_dir"], "disable_caching": True,
                     "progress_bar": "none", "verbosity": "WARNING", "output_file": spec["name"]}
        with tempconfig(overrides):
            from manim import config

            if spec.get("resolution"):
                config.pixel_width, config.pixel_height = spec["resolution"]
            if spec.get("fps"):
                config.frame_rate = spec["fps"]
            kwargs = {"output_folder": Path(spec["slides_dir"])} if spec.get("slides_dir") else {}
            scene = cls(**kwargs)
            scene.render()
            movie = Path(scene.renderer.file_writer.movie_file_path)
            video_time = float(scene.renderer.time)
        if not movie.is_file():
            raise NNLibError(f"scene {spec['name']} produced no video (does it animate anything?)")
        print("@result " + json.dumps({"video": str(movie), "duration": video_time,
                                        "plays": scene.renderer.num_plays}), flush=True)
        return 0
    except NNLibError as err:
        print(f"@error {err}", flush=True)
        return 2
    except Exception as err:  # any crash of a scene: one line for the user, the traceback in the log
        import traceback

        traceback.print_exc()
        message = str(err).strip().splitlines()[0] if str(err).strip() else ""
        print(f"@error {type(err).__name__}: {message}", flush=True)
        return 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        sys.exit(worker_main(json.loads(sys.argv[2])))
    print("usage: python -m scenes.render --worker SPEC_JSON (run by `explainer render`)", file=sys.stderr)
    sys.exit(2)
