"""Slides for a teacher: each slide ends on its beat's finished picture, animations keep their teaching speed,
the deck leaves no lock files behind."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from scenes.tool.cli import main
from tests.scene_rendering import render_scene

TINY = ["--resolution", "160,90", "--fps", "5"]

pytestmark = pytest.mark.render

SCENE = '''
from manim import BLUE, RED, Circle, FadeIn, FadeOut, Square
from scenes.content.base import ExplainerScene


class FadeBetweenBeats(ExplainerScene):
    """Each picture is cleared *after* its beat's block, as real scenes do between beats."""

    def construct(self):
        square = Square(color=RED, fill_opacity=1).scale(1.5)
        with self.beat("A big square appears, and stays on screen while the teacher talks about it.") as beat:
            self.play(FadeIn(square), run_time=beat.share(0.3))
        self.play(FadeOut(square), run_time=0.4)
        circle = Circle(color=BLUE, fill_opacity=1).scale(1.5)
        self.say("Then a circle.", FadeIn(circle))
        self.play(FadeOut(circle), run_time=0.4)          # the scene's closing fade: no slide of its own
'''


def last_frame(video: str) -> np.ndarray:
    import av

    with av.open(video) as container:
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    return frames[-1].astype(int)


def video_seconds(video: str) -> float:
    import av

    with av.open(video) as container:
        stream = container.streams.video[0]
        return float(stream.frames / stream.average_rate)


def lit(frame: np.ndarray) -> np.ndarray:
    """Pixels that differ clearly from the background (the corner pixel)."""
    return np.abs(frame - frame[0, 0]).sum(axis=2) > 60


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("teacher-deck")
    (out / "fade_scene.py").write_text(SCENE)
    assert main(["slides", "--file", str(out / "fade_scene.py"), "FadeBetweenBeats", "--out", str(out), *TINY]) == 0
    return out


def test_every_slide_ends_on_its_beats_picture_not_on_the_fade_after_it(deck):
    config = json.loads((deck / "160x90p5" / "slides" / "manim-slides" / "FadeBetweenBeats.json").read_text())
    slides = config["slides"]
    assert [s["notes"] for s in slides] == [
        "A big square appears, and stays on screen while the teacher talks about it.", "Then a circle."]
    for slide, colour in zip(slides, ((255, 0, 0), (0, 0, 255))):
        frame = last_frame(slide["file"])
        shown = lit(frame)
        assert shown.mean() > 0.05, "the slide's last frame is (nearly) empty"
        centre = frame[40:50, 75:85].mean(axis=(0, 1))   # the shape's fill, in its own colour
        assert np.argmax(centre) == int(np.argmax(colour)), centre


def test_slides_keep_teaching_speed_and_stop_when_the_picture_is_done(deck):
    """Paced by reading time (not one second a beat), without waiting out the narration after the last animation."""
    from scenes.voice.engines import ReadingPace
    from scenes.voice.narration import prepare

    slides = json.loads((deck / "160x90p5" / "slides" / "manim-slides" / "FadeBetweenBeats.json").read_text())["slides"]
    from scenes.content.base import BEAT_PAUSE, BRISK_PAUSE

    beat = ReadingPace().speak(prepare(slides[0]["notes"]), "x").duration + BEAT_PAUSE
    seconds = video_seconds(slides[0]["file"])
    assert beat > 4.0
    # the fade (30% of the beat at reading pace), a short hold, then the slide ends (not beat seconds)
    assert 0.3 * beat <= seconds <= 0.3 * beat + BRISK_PAUSE + 0.6 < beat


def test_a_deck_leaves_no_lock_files(deck):
    assert not list(deck.rglob("*.lock"))


def test_a_scene_lock_still_keeps_two_runs_apart_and_is_removed(tmp_path):
    from scenes.tool.render.run import SceneLock

    video = tmp_path / "Scene.mp4"
    inside, overlaps = [], []

    def hold():
        with SceneLock(video):
            inside.append(1)
            if len(inside) > 1:
                overlaps.append(1)
            time.sleep(0.05)
            inside.pop()

    threads = [threading.Thread(target=hold) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not overlaps and not list(tmp_path.iterdir())


MANY = '''
from manim import Dot, FadeIn
from scenes.content.base import ExplainerScene


class ManyAnimations(ExplainerScene):
    def construct(self):
        with self.beat("A hundred and ten dots, one at a time.") as beat:
            for i in range(110):
                self.play(FadeIn(Dot().shift(0.05 * i)), run_time=0.2)
'''


def test_a_scene_of_over_a_hundred_animations_keeps_all_its_slide_files(tmp_path):
    """manim's file writer prunes all but its newest 100 animation files unless told otherwise when it is made; a
    slide needs every one of them."""
    (tmp_path / "many.py").write_text(MANY)
    assert main(["slides", "--file", str(tmp_path / "many.py"), "ManyAnimations", "--out", str(tmp_path), *TINY,
                 "--pace", "brisk"]) == 0
    slides = json.loads((tmp_path / "160x90p5" / "slides" / "manim-slides" / "ManyAnimations.json").read_text())
    assert len(slides["slides"]) == 1 and video_seconds(slides["slides"][0]["file"]) >= 110 * 0.2 - 0.01


def test_pixels_as_neurons_slides_end_on_their_pictures():
    """A real scene (its opening clears the stage between beats): every slide ends with the beat, on a picture."""
    from scenes.content.chapter1.pixels_as_neurons import PixelsAsNeurons

    ends = []

    class Captured(PixelsAsNeurons):
        def beat_slide_ends(self):
            self.renderer.update_frame(self)
            ends.append((self.beats[-1].text, self.renderer.get_frame()[:, :, :3].astype(int)))
            super().beat_slide_ends()

    scene, _ = render_scene(Captured, width=160)
    assert [text for text, _ in ends] == [beat.text for beat in scene.beats] and len(ends) >= 4
    for text, frame in ends:
        assert lit(frame).mean() > 0.03, text
