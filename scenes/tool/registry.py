"""The catalogue of scenes: name, chapter, where the class lives and what it shows, in narrative order.

Plain data, no manim import, so ``explainer list`` is instant. The render and slides commands, the tests and the
README all read this list. Adding a scene is two steps: one module in its chapter's package, named after the scene
(``scenes/content/chapter2/unseen_digits.py`` holds ``UnseenDigits``), and one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class Part:
    """A part of the explainer: chapter 1, chapter 2, or an extra beyond the videos. ``key`` is what
    ``--chapter`` takes; the part's scenes are joined into ``output/<stem>.mp4``."""

    key: str
    title: str
    stem: str
    package: str


PARTS: dict[str, Part] = {
    "1": Part("1", "Chapter 1: But what is a neural network?", "chapter1", "chapter1"),
    "2": Part("2", "Chapter 2: Gradient descent, how neural networks learn", "chapter2", "chapter2"),
    "extra": Part("extra", "Extra: the real cost surface", "extra-real-cost-surface", "real_cost_surface"),
    "questions": Part("questions", "Extra: viewers' questions, answered by the real network", "extra-viewers-questions",
                      "questions"),
}


@dataclass(frozen=True)
class SceneInfo:
    """One scene: its class ``name``, the part it belongs to, a one-line description, and whether it shows the
    network given by ``--weights`` or precomputed results of the shipped network (``shows``)."""

    name: str
    part: str
    description: str
    slow: bool = False  # renders several times longer than the others (a 3D surface): started first
    shows: str = "network"  # "network": the weights in force; "shipped": precomputed runs of the shipped network

    @property
    def module(self) -> str:
        """The scene's module, one per scene, named after it: ``scenes.content.chapter1.pixels_as_neurons``."""
        snake = "".join("_" + c.lower() if c.isupper() else c for c in self.name).lstrip("_")
        return f"scenes.content.{PARTS[self.part].package}.{snake}"

    @property
    def file(self) -> str:
        """Path of the scene's file relative to the repository root (for plain ``manim`` and ``manim-slides``)."""
        return self.module.replace(".", "/") + ".py"

    @property
    def chapter(self) -> str:
        return self.part


SHIPPED_NOTE = "shows precomputed runs of the shipped network; --weights does not change it"

SCENES: tuple[SceneInfo, ...] = (
    SceneInfo("PixelsAsNeurons", "1", "A handwritten digit as 28x28 pixels; the 784 pixels become input neurons"),
    SceneInfo("NetworkFeedForward", "1", "The 784-16-16-10 network; a real digit fed forward, the answer lit"),
    SceneInfo("LayeredHope", "1", "The hope of layers: loops and lines as pieces of digits (illustrative)"),
    SceneInfo("DesignedEdgeDetector", "1", "A hand-designed edge detector: its weights and the weighted sum, term by term, on real digits"),
    SceneInfo("SigmoidSquish", "1", "The sigmoid squish, the bias as a threshold, the edge detector finished, and ReLU"),
    SceneInfo("OneHiddenNeuron", "1", "One real hidden neuron: weighted sum term by term, bias, sigmoid, with its real numbers"),
    SceneInfo("CountingParameters", "1", "Counting the weights and biases: 13,002 parameters"),
    SceneInfo("MatrixNotation", "1", "a(1) = sigma(W a(0) + b) with a slice of the real numbers"),
    SceneInfo("NetworkAsFunction", "1", "The network as a function: 784 numbers in, 10 out"),
    SceneInfo("FirstLayerHeatmaps", "1", "All 16 first-layer weight heatmaps of the trained network"),
    SceneInfo("TrainingData", "2", "Labelled training digits; test digits set apart"),
    SceneInfo("RandomNetworkMess", "2", "A randomly initialised network fed a 3: its output is a mess"),
    SceneInfo("CostOfOneExample", "2", "The cost of one example, squared differences summed; average cost"),
    SceneInfo("CostAsFunction", "2", "The cost function: 13,002 parameters in, one number out"),
    SceneInfo("DescentOneVariable", "2", "Gradient descent on a toy curve with several valleys"),
    SceneInfo("DescentTwoVariables", "2", "Gradient descent on a toy cost surface in 3D"),
    SceneInfo("RealGradient", "2", "The real gradient of 13,002 parameters as a column of nudges"),
    SceneInfo("WhyContinuousActivations", "2", "Real cost along a path: smooth with sigmoid, flat steps with on/off neurons"),
    SceneInfo("Learning", "2", "Training from random weights: cost falling, accuracy counter, heatmaps", shows="shipped"),
    SceneInfo("UnseenDigits", "2", "Accuracy on unseen test digits and a gallery of mistakes"),
    SceneInfo("TweaksMeasured", "2", "The video's 96%/98% vs ours: baseline and tweaked recipes measured over seeds", shows="shipped"),
    SceneInfo("WhatHiddenLayerLearned", "2", "The first-layer heatmaps: loose patterns, not edges"),
    SceneInfo("NoiseInConfidentOut", "2", "Random noise in, a confident wrong digit out, with statistics"),
    SceneInfo("ShuffledLabels", "2", "Training on shuffled labels: memorising, not learning", shows="shipped"),
    SceneInfo("ThreeLayersOfComplexity", "2", "Network function, cost function, gradient: the summary"),
    SceneInfo("RealCostSurface", "extra", "The real network's cost over a 2-D slice, with training's path", slow=True, shows="shipped"),
    SceneInfo("StraightLineVsPath", "extra", "Cost along the straight line from start to trained vs the real path", shows="shipped"),
    SceneInfo("BackpropOrNumbers", "questions", "Backprop's derivative of one weight vs a finite difference; a numerical gradient timed"),
    SceneInfo("DreamedDigit", "questions", "Gradient descent on the pixels: what the network is sure a 2 looks like"),
    SceneInfo("AnswerOnlyWhenSure", "questions", "Saying 'I don't know' above a threshold: digits kept, right, static refused"),
    SceneInfo("GradientsAgree", "questions", "Why shuffled labels learn slowly: per-example gradients agree less", shows="shipped"),
    SceneInfo("TrainVersusTest", "questions", "Training accuracy above test accuracy: memorising a little"),
    SceneInfo("CostOrLoss", "questions", "The cost is the libraries' loss (their mean squared error is a tenth of it)"),
)


#: The cards that open and close each part in a lecture deck (``scenes/content/part_cards.py``).
CARDS_MODULE = "scenes.content.part_cards"
PART_CARDS: dict[str, tuple[str, str | None]] = {
    "1": ("Chapter1Title", "Chapter1End"),
    "2": ("Chapter2Title", "Chapter2End"),
    "extra": ("ExtraTitle", None),
    "questions": ("QuestionsTitle", None),
}


def scene_names() -> list[str]:
    """All scene names in narrative order."""
    return [s.name for s in SCENES]


def find_scene(name: str) -> SceneInfo:
    """The scene called ``name`` (case-insensitive); a clear error naming close matches otherwise."""
    import difflib

    from nnlib.errors import NNLibError

    for info in SCENES:
        if info.name.lower() == name.lower():
            return info
    close = difflib.get_close_matches(name, scene_names(), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; run `explainer list` to see them"
    raise NNLibError(f"unknown scene {name!r}{hint}")


def scenes_named(names: Sequence[str]) -> list[SceneInfo]:
    """The scenes called ``names`` (each once), in narrative order whatever order they were given in."""
    infos: list[SceneInfo] = []
    for name in names:
        info = find_scene(name)
        if info not in infos:
            infos.append(info)
    return sorted(infos, key=list(SCENES).index)


def find_part(key: str) -> Part:
    """The part ``--chapter`` names (1, 2, extra or questions); a clear error otherwise."""
    from nnlib.errors import NNLibError

    key = str(key).strip().lower()
    if key not in PARTS:
        raise NNLibError(f"no chapter {key!r}; choose {', '.join(PARTS)}")
    return PARTS[key]


def scenes_of_chapter(chapter: str | int) -> list[SceneInfo]:
    """The scenes of one part (chapter 1, 2 or the extra) in narrative order."""
    return [s for s in SCENES if s.part == str(chapter)]
