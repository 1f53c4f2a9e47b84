"""The frame checks catch what a viewer would: a label too small to read at 480p, two labels on top of each other."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, MathTypst, Scene, Text, Transform, Write, tempconfig

from tests.frame_checks import cut_by_frame, glyph_px, overlapping_texts, small_texts, watching_texts

TINY = {"pixel_width": 160, "pixel_height": 90, "frame_rate": 5, "dry_run": True, "disable_caching": True,
        "progress_bar": "none", "verbosity": "WARNING"}


def rendered(scene_class: type[Scene]) -> Scene:
    with tempconfig(TINY):
        scene = scene_class()
        scene.render()
    return scene


class TinyLabel(Scene):
    def construct(self):
        self.add(Text("Readable heading", font_size=36).to_edge(UP))
        self.play(FadeIn(Text("w0,0 = 0.12", font_size=14).to_edge(DOWN)), run_time=0.4)


class BigSeparatedLabels(Scene):
    def construct(self):
        self.play(Write(Text("Left", font_size=36).shift(3 * LEFT)), run_time=0.4)
        self.play(FadeIn(MathTypst("w_(0,0)", font_size=48).shift(3 * RIGHT)), run_time=0.4)


class Crowded(Scene):
    def construct(self):
        self.add(Text("0.83", font_size=36), Text("0.17", font_size=36).shift(0.3 * RIGHT))
        self.wait(0.2)


class ShrunkLater(Scene):
    """A label shown big, then shrunk and left small on the last frame; another shown small and then removed."""
    def construct(self):
        big = Text("Output", font_size=40)
        self.add(big)
        self.play(big.animate.scale(0.3), run_time=0.4)
        gone = Text("tiny note", font_size=12).to_edge(DOWN)
        self.add(gone)
        self.wait(0.2)
        self.remove(gone)


def test_cap_height_follows_font_size_and_scaling():
    # DejaVu Sans capitals are about 0.61 of the font size at 60 px a unit: 24 -> ~14.6 px
    label = Text("H", font="DejaVu Sans", font_size=24)
    assert 14.0 < glyph_px(label) < 15.5
    label.scale(0.5)
    assert 7.0 < glyph_px(label) < 7.8
    # lower-case letters alone read at the size of their capitals, not of their short bounding box
    assert abs(glyph_px(Text("ace", font="DejaVu Sans", font_size=24)) - 14.6) < 0.8


def test_a_tiny_label_is_caught_and_big_separated_labels_pass():
    small = small_texts(rendered(TinyLabel))
    assert [s.text for s in small] == ["w0,0 = 0.12"]
    assert small[0].px < 10
    big = rendered(BigSeparatedLabels)
    assert small_texts(big) == []
    assert overlapping_texts(big) == []


def test_overlapping_labels_are_named_in_pairs():
    assert overlapping_texts(rendered(Crowded)) == [("0.83", "0.17")]


class RunningOff(Scene):
    def construct(self):
        self.add(Text("Which knobs make the network expressive enough?", font_size=30).shift(5 * RIGHT))
        self.add(Text("inside", font_size=30).shift(2 * LEFT))
        self.wait(0.2)


def test_a_text_running_past_the_frame_edge_is_named():
    assert cut_by_frame(rendered(RunningOff)) == ["Which knobs make the network expressive enough?"]
    assert cut_by_frame(rendered(BigSeparatedLabels)) == []


def test_watching_catches_texts_that_were_small_at_any_moment():
    with watching_texts() as seen:
        scene = rendered(ShrunkLater)
    assert [s.text for s in small_texts(scene)] == ["Output"]          # only the last frame's
    assert {s.text for s in seen.small()} == {"Output", "tiny note"}   # shrunk by an animation; shown and removed


class Morphing(Scene):
    """A "+" morphed into a "−" (a thin glyph) and then faded: its size is the target's, not its own any more."""
    def construct(self):
        plus = Text("+", font_size=36)
        self.add(plus)
        self.play(Transform(plus, Text("−", font_size=36)), run_time=0.4)
        self.play(FadeOut(plus), run_time=0.4)


def test_a_text_morphed_into_another_is_not_measured_by_its_old_glyphs():
    with watching_texts() as seen:
        rendered(Morphing)
    assert seen.small() == []
    assert {s.text for s in seen.sizes.values()} == {"+", "−"}
