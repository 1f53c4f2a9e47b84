"""The worker side: one Python process renders one scene with manim and reports on its standard output.

Run by :func:`scenes.tool.render.run.run_worker` as ``python -m scenes.tool.render.worker SPEC_JSON``. It prints
``@play N T`` after each animation, ``@warning one line`` for news the user should see (beats without a recording),
then ``@result {json}`` or ``@error one line``.

The result says where the video and its subtitles (the ``.srt`` manim writes from the beats' subcaptions) are, how
long the video lasts, whether it has sound, and every narrated beat (id, words, start, duration, audio or not): the
render stamp keeps them, and chapter joining offsets each scene's cues by where the scene starts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nnlib.errors import NNLibError

from .fingerprint import imported_sources
from .join import has_audio, join_videos
from .plan import QUALITIES, REPO_ROOT
from .subtitles import read_srt, tidy, write_subtitles


def load_scene_class(source: Path, name: str, root: Path = REPO_ROOT):
    """Import the file ``source`` and return its class ``name`` (a file under ``scenes/`` is imported as part of
    the package, so relative imports work)."""
    import importlib
    import importlib.util

    source = Path(source).resolve()
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    try:
        rel = source.relative_to(root)
        module = importlib.import_module(".".join(rel.with_suffix("").parts))
    except ValueError:  # a file of the user's own: its helper modules beside it import, as under plain manim
        if str(source.parent) not in sys.path:
            sys.path.insert(0, str(source.parent))
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


def subtitles_path(scene, movie: Path) -> Path:
    """Where manim wrote the scene's subtitles (beside its video)."""
    plan = getattr(scene.renderer.file_writer, "output_plan", None)
    return Path(getattr(plan, "subcaption_file", None) or movie.with_suffix(".srt"))


def voice_path(movie: Path) -> Path:
    """Where the scene's sound waits, uncompressed, until :func:`finish_files` puts it into the video."""
    return movie.with_name(movie.stem + ".voice.wav")


def keep_the_voice_apart(scene) -> None:
    """Have manim write the scene's mixed sound beside its video as a WAV (:func:`voice_path`) instead of
    compressing it into the video.

    Manim would encode the sound as AAC and mux it into its video; :func:`finish_files` then has to decode that and
    encode it again, fitted to the pictures. Encoding AAC is slow (about a tenth of a narrated scene's CPU at -ql),
    and each generation loses a little, so the sound is encoded once, by us, from manim's own mix.
    """
    renderer = scene.renderer
    scene_finished = renderer.scene_finished

    def finished(the_scene) -> None:
        writer = renderer.file_writer
        if writer.includes_sound:
            voice = voice_path(Path(writer.movie_file_path))
            voice.parent.mkdir(parents=True, exist_ok=True)
            writer.audio_segment.export(str(voice), format="wav")
            writer.includes_sound = False
        scene_finished(the_scene)

    renderer.scene_finished = finished


def finish_files(scene, movie: Path) -> None:
    """Tidy what manim wrote: the subtitles (ordered, never overlapping, ending with the video: see
    :mod:`.subtitles`), and the video, copied once more through :func:`join_videos` so that the file's length is
    that of its pictures and the sound (which stops with the last word) is padded with silence to it."""
    subtitles = subtitles_path(scene, movie)
    if subtitles.is_file():
        write_subtitles(tidy(read_srt(subtitles), float(scene.renderer.time)), subtitles)
    voice = voice_path(movie)
    join_videos([movie], movie, [voice if voice.is_file() else None])
    voice.unlink(missing_ok=True)


def scene_report(scene, movie: Path, source: Path | None = None) -> dict:
    """What the parent needs to know about a rendered scene (JSON data): see the module docstring. ``sources``
    lists the source files the scene imported from the project or from beside its file (see
    :func:`~.fingerprint.imported_sources`): the render stamp keeps their hashes."""
    beats = [{"id": b.id, "text": b.text, "start": round(b.start, 3), "duration": round(b.duration, 3),
              "audio": b.audio is not None} for b in getattr(scene, "beats", [])]
    subtitles = subtitles_path(scene, movie)
    return {"video": str(movie), "duration": float(scene.renderer.time), "plays": scene.renderer.num_plays,
            "subtitles": str(subtitles) if subtitles.is_file() else None,
            "audio": has_audio(movie), "beats": beats,
            "sources": [str(p) for p in imported_sources([REPO_ROOT] + ([source.parent] if source else []),
                                                         [source] if source else [])]}


def worker_main(spec: dict) -> int:
    """Render one scene (run in a subprocess by :func:`run_worker`); prints ``@result {json}`` or ``@error line``."""
    try:
        from manim import tempconfig

        cls = load_scene_class(Path(spec["source"]), spec["name"])
        if spec.get("slides_dir"):
            from scenes.tool.slides import as_slide

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
            keep_the_voice_apart(scene)
            scene.render()
            movie = Path(scene.renderer.file_writer.movie_file_path)
        if not movie.is_file():
            raise NNLibError(f"scene {spec['name']} produced no video (does it animate anything?)")
        missing = getattr(getattr(scene, "speech", None), "missing_warning", None)
        warning = missing() if callable(missing) else None
        if warning:  # recordings: one line naming every beat that had none
            print(f"@warning {spec['name']}: {warning.removeprefix('warning: ')}", flush=True)
        finish_files(scene, movie)
        print("@result " + json.dumps(scene_report(scene, movie, Path(spec["source"]))), flush=True)
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
    print("usage: python -m scenes.tool.render --worker SPEC_JSON (run by `explainer render`)", file=sys.stderr)
    sys.exit(2)
