"""The README's example: a teacher's own Manim scene built from the project's components.

Render it with ``explainer render --file tests/example_teacher_scene.py MyFirstNeuron`` (or plain
``manim -ql tests/example_teacher_scene.py MyFirstNeuron`` from the repository root).
"""

from manim import DOWN, LEFT, RIGHT, FadeIn, Scene

from nnlib import load_network
from nnlib.assets import default_weights_path, load_sample
from scenes.components import PixelGrid, WeightHeatmap, apply_background, label


class MyFirstNeuron(Scene):
    def construct(self):
        apply_background(self)
        net = load_network(default_weights_path())
        three = load_sample().first(3)
        digit = PixelGrid(three, height=3).shift(3 * LEFT)
        weights = WeightHeatmap(net.weights[0][5], height=3).shift(3 * RIGHT)
        self.play(FadeIn(digit), FadeIn(weights))
        self.play(FadeIn(label("what neuron 5 looks for").next_to(weights, DOWN)))
        self.wait()
