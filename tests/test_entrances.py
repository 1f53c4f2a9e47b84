"""Entrances move for a few seconds and then hold; processes keep the whole time the narration gives them."""

from __future__ import annotations

from manim import RIGHT, Create, FadeIn, FadeOut, LaggedStart, Square, Succession, Transform, Wait, tempconfig

from scenes.content.base import ExplainerScene
from scenes.content.entrances import LONGEST_ENTRANCE, hold_after_entrance, is_entrance
from tests.scene_rendering import scene_options


def test_which_animations_count_as_entrances():
    square = Square()
    assert is_entrance(FadeIn(square)) and is_entrance(LaggedStart(Create(square), FadeOut(Square())))
    assert not is_entrance(Transform(square, Square().shift(RIGHT)))
    assert not is_entrance(Succession(FadeIn(square), Transform(square, Square().shift(RIGHT))))
    assert hold_after_entrance((FadeIn(square),), run_time=12.0) == 12.0 - LONGEST_ENTRANCE
    assert hold_after_entrance((FadeIn(square, run_time=9.0),), run_time=None) == 9.0 - LONGEST_ENTRANCE
    assert hold_after_entrance((FadeIn(square),), run_time=2.0) is None            # already brief
    assert hold_after_entrance((FadeIn(square), square.animate.shift(RIGHT)), run_time=12.0) is None
    assert hold_after_entrance((Wait(),), run_time=12.0) is None


class _LongFade(ExplainerScene):
    def wait(self, duration: float = 1.0, *args, **kwargs):
        self.holds.append(duration)
        super().wait(duration, *args, **kwargs)

    def construct(self):
        self.holds = []
        square = Square()
        with self.beat("A square fades in while this sentence is read, and then it slides a little to the "
                       "right while the rest of the words are spoken, slowly and clearly.") as beat:
            self.play(FadeIn(square), run_time=beat.share(0.6))
            self.after_fade = self.renderer.time
            self.play(square.animate.shift(RIGHT), run_time=beat.share(0.3))
            self.after_slide = self.renderer.time
        self.beat_length = beat.duration


def test_a_long_fade_moves_briefly_then_holds_and_the_beat_keeps_its_length():
    settings = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 10, "dry_run": True, "disable_caching": True,
                "progress_bar": "none", "verbosity": "WARNING"}
    with scene_options(pace="narrated", voice="none"), tempconfig(settings):
        scene = _LongFade()
        scene.render()
    fade_given = 0.6 * scene.beat_length
    assert fade_given > LONGEST_ENTRANCE + 1                        # the case in question
    assert abs(scene.holds[0] - (fade_given - LONGEST_ENTRANCE)) < 1e-9   # moved 3 s, then held the rest
    assert abs(scene.after_fade - fade_given) < 0.15                  # the slide starts where its words come
    assert abs(scene.after_slide - scene.after_fade - 0.3 * scene.beat_length) < 0.15  # a process keeps its time
    assert abs(scene.renderer.time - scene.beat_length) < 0.2
