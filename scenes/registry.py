"""The catalogue of scenes: name, chapter, where the class lives and what it shows, in narrative order.

Plain data, no manim import, so ``explainer list`` is instant. The render and slides commands, the tests and the
README all read this list; a new scene is added here and in its chapter module.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SceneInfo:
    """One scene: its class ``name`` in ``module`` (a file under scenes/), its chapter and a one-line description."""

    name: str
    chapter: int
    module: str
    description: str
    slow: bool = False  # renders several times longer than the others (a 3D surface): started first

    @property
    def file(self) -> str:
        """Path of the scene's file relative to the repository root (for plain ``manim``)."""
        return f"scenes/{self.module}.py"


CHAPTER_TITLES = {
    1: "But what is a neural network?",
    2: "Gradient descent, how neural networks learn",
    3: "The real cost surface",
}

SCENES: tuple[SceneInfo, ...] = (
    SceneInfo("PixelsAsNeurons", 1, "chapter1", "A handwritten 3 as 28x28 pixels; the 784 pixels become input neurons"),
    SceneInfo("NetworkFeedForward", 1, "chapter1", "The 784-16-16-10 network; a real digit fed forward, the answer lit"),
    SceneInfo("LayeredHope", 1, "chapter1", "The hope of layers: loops and lines as pieces of digits (illustrative)"),
    SceneInfo("OneHiddenNeuron", 1, "chapter1", "One hidden neuron: its weights over the input, weighted sum, bias, sigmoid"),
    SceneInfo("SigmoidSquish", 1, "chapter1", "The sigmoid squish, the bias as a threshold, and ReLU"),
    SceneInfo("CountingParameters", 1, "chapter1", "Counting the weights and biases: 13,002 parameters"),
    SceneInfo("MatrixNotation", 1, "chapter1", "a(1) = sigma(W a(0) + b) with a slice of the real numbers"),
    SceneInfo("NetworkAsFunction", 1, "chapter1", "The network as a function: 784 numbers in, 10 out"),
    SceneInfo("FirstLayerHeatmaps", 1, "chapter1", "All 16 first-layer weight heatmaps of the trained network"),
    SceneInfo("TrainingData", 2, "chapter2", "Labelled training digits; test digits set apart"),
    SceneInfo("RandomNetworkMess", 2, "chapter2", "A randomly initialised network fed a 3: its output is a mess"),
    SceneInfo("CostOfOneExample", 2, "chapter2", "The cost of one example, squared differences summed; average cost"),
    SceneInfo("CostAsFunction", 2, "chapter2", "The cost function: 13,002 parameters in, one number out"),
    SceneInfo("DescentOneVariable", 2, "chapter2", "Gradient descent on a toy curve with several valleys"),
    SceneInfo("DescentTwoVariables", 2, "chapter2", "Gradient descent on a toy cost surface in 3D"),
    SceneInfo("RealGradient", 2, "chapter2", "The real gradient of 13,002 parameters as a column of nudges"),
    SceneInfo("Learning", 2, "chapter2", "Training from random weights: cost falling, accuracy counter, heatmaps"),
    SceneInfo("UnseenDigits", 2, "chapter2", "Accuracy on unseen test digits and a gallery of mistakes"),
    SceneInfo("WhatHiddenLayerLearned", 2, "chapter2", "The first-layer heatmaps: loose patterns, not edges"),
    SceneInfo("NoiseInConfidentOut", 2, "chapter2", "Random noise in, a confident wrong digit out, with statistics"),
    SceneInfo("ShuffledLabels", 2, "chapter2", "Training on shuffled labels: memorising, not learning"),
    SceneInfo("ThreeLayersOfComplexity", 2, "chapter2", "Network function, cost function, gradient: the summary"),
    SceneInfo("RealCostSurface", 3, "landscape", "The real network's cost over a 2-D slice, with training's path",
              slow=True),
    SceneInfo("StraightLineVsPath", 3, "landscape", "Cost along the straight line from start to trained vs the real path"),
)


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


def scenes_of_chapter(chapter: int) -> list[SceneInfo]:
    """The scenes of one chapter in narrative order."""
    return [s for s in SCENES if s.chapter == chapter]
