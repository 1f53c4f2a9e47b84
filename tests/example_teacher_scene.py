"""The README's example: a teacher's own narrated scene built from the project's base and components.

Render it with ``explainer render --file tests/example_teacher_scene.py MyFirstNeuron`` (or plain
``manim -ql tests/example_teacher_scene.py MyFirstNeuron``).
"""

from manim import DOWN, LEFT, RIGHT, FadeIn

from scenes.content.base import ExplainerScene
from scenes.content.components import PixelGrid, WeightHeatmap, label


class MyFirstNeuron(ExplainerScene):
    def construct(self):
        digit = PixelGrid(self.digit.image, height=3).shift(3 * LEFT)
        weights = WeightHeatmap(self.network.weights[0][5], height=3).shift(3 * RIGHT)
        self.say(f"On the left, a handwritten {self.digit.name}. On the right, the weights of hidden neuron 5.",
                 FadeIn(digit), FadeIn(weights))
        caption = label("what neuron 5 looks for").next_to(weights, DOWN)
        self.say("Green pixels raise the neuron's activation; red pixels lower it.", FadeIn(caption))
