"""Title and closing cards for a lecture deck: one before each part, one after (the separator between parts).

A deck built by ``explainer slides`` opens each part with its title card and closes it with its end card, rendered
by Manim in the explainer's style like every other slide. The cards name what the part covers; the only numbers on
them (the network's layer sizes and parameter count) come from the network in force.
"""

from __future__ import annotations

from manim import DOWN, FadeIn, VGroup, Write

from scenes.content.base import ExplainerScene
from scenes.content.components import label


def show_card(scene: ExplainerScene, heading: str, subtitle: str, lines: list[str], narration: str) -> None:
    """A centred card: a large heading, a subtitle in the accent colour, and a few dim lines."""
    theme = scene.theme
    title = label(heading, size=theme.title_size * 1.25)
    if title.width > 12.5:
        title.scale_to_fit_width(12.5)
    sub = label(subtitle, size=theme.label_size * 1.1, color=theme.accent)
    notes = VGroup(*(label(line, size=theme.small_size * 1.2, dim=True) for line in lines)).arrange(DOWN, buff=0.25)
    card = VGroup(title, sub, notes).arrange(DOWN, buff=0.55)
    with scene.beat(narration) as beat:
        scene.play(Write(title), run_time=beat.share(0.4))
        scene.play(FadeIn(sub), FadeIn(notes), run_time=beat.share(0.3))


def network_line(scene: ExplainerScene) -> str:
    sizes = scene.network.sizes
    return (f"a real {'-'.join(map(str, sizes))} network trained by nnlib: "
            f"{scene.network.parameter_count:,} weights and biases")


class Chapter1Title(ExplainerScene):
    """The title card of chapter 1."""

    def construct(self) -> None:
        show_card(self, "But what is a neural network?", "Chapter 1: the structure",
                  ["pixels as neurons · layers · weights and biases · the sigmoid", network_line(self)],
                  "Chapter one. What a neural network is: its structure, from pixels to a prediction.")


class Chapter1End(ExplainerScene):
    """The card that closes chapter 1."""

    def construct(self) -> None:
        show_card(self, "End of chapter 1", "Next: how the network learns",
                  [f"a function with {self.network.parameter_count:,} knobs... but who sets them?"],
                  "That is the structure. Next: how the network finds good values for all its weights and biases.")


class Chapter2Title(ExplainerScene):
    """The title card of chapter 2."""

    def construct(self) -> None:
        show_card(self, "Gradient descent", "Chapter 2: how neural networks learn",
                  ["cost · gradient · descent · what the network really learned", network_line(self)],
                  "Chapter two. How the network learns: a cost to measure it, and gradient descent to lower it.")


class Chapter2End(ExplainerScene):
    """The card that closes chapter 2."""

    def construct(self) -> None:
        show_card(self, "End of chapter 2", "Next: the real cost surface",
                  ["computing the gradient efficiently is backpropagation: the next chapter of the series"],
                  "That is gradient descent. The extra part looks at the real cost surface of this network.")


class ExtraTitle(ExplainerScene):
    """The title card of the extra part."""

    def construct(self) -> None:
        show_card(self, "The real cost surface", "Extra: beyond the videos",
                  ["a 2-D slice of the real cost, and the path training took", network_line(self)],
                  "An extra part: the real cost of this network over a slice of its parameters.")


class QuestionsTitle(ExplainerScene):
    """The title card of the questions part."""

    def construct(self) -> None:
        show_card(self, "Viewers' questions", "Extra: answered by the real network",
                  ["derivatives · dreamed digits · I don't know · shuffled labels · test accuracy · loss",
                   network_line(self)],
                  "An extra part: questions viewers ask about these videos, answered by measuring our network.")
