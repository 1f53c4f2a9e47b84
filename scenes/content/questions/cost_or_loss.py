"""Questions, scene 6: "Is the cost the same as what libraries call the loss?" One short beat: the same number under
another name, except that the libraries' mean squared error also averages over the ten outputs
(:func:`nnlib.questions.cost_and_loss`, measured while the scene renders)."""

from __future__ import annotations

from manim import DOWN, LEFT, FadeIn, Write

from nnlib.assets import load_sample
from nnlib.questions import cost_and_loss
from scenes.content.base import ExplainerScene
from scenes.content.components import format_number, formula, label
from scenes.content.questions.common import pulse, question_heading, typewriter


def spoken(value: float) -> str:
    """A small number rounded for the ear to one significant digit: 0.0797 -> "0.08", 0.00797 -> "0.008"."""
    return f"{float(f'{value:.1g}'):g}" if value < 0.1 else format_number(value, 2)


class CostOrLoss(ExplainerScene):
    """The video's cost and the libraries' MSE loss of the network in force on the shipped training digits.

    Exposes ``measured`` (:class:`nnlib.questions.CostAndLoss`) and ``shown``."""

    def construct(self) -> None:
        theme, net = self.theme, self.network
        sample = load_sample()
        m = self.measured = cost_and_loss(net, sample.images, sample.labels)
        heading = question_heading(6, "Is the cost the same as what libraries call the loss?")
        ours = formula("C = 1/n sum_(x) sum_(j=0)^9 (a_j - y_j)^2", size=40)
        theirs = formula("\"MSELoss\" = 1/(10 n) sum_(x) sum_(j=0)^9 (a_j - y_j)^2", size=40)
        ours.next_to(heading, DOWN, buff=0.7).to_edge(LEFT, buff=1.2)
        theirs.next_to(ours, DOWN, buff=0.9).align_to(ours, LEFT)
        cost_text = label(f"our cost on {m.examples} training digits: {format_number(m.cost, 4)}", size=22,
                          color=theme.accent).next_to(ours, DOWN, buff=0.2).align_to(ours, LEFT)
        loss_text = label(f"mean squared error loss (PyTorch's MSELoss), same outputs: {format_number(m.mse_loss, 5)}", size=22,
                          color=theme.positive).next_to(theirs, DOWN, buff=0.2).align_to(theirs, LEFT)
        self.shown = {"cost": cost_text.original_text, "loss": loss_text.original_text}
        with self.beat("Last, a short one: is the cost what libraries call the loss? Yes. Cost, loss and "
                       "objective are names for the one number training lowers. One detail: the libraries' mean "
                       "squared error also averages over the ten outputs. On our "
                       f"{m.examples} sample digits it reports about {spoken(m.mse_loss)} where our cost says "
                       f"about {spoken(m.cost)}: a tenth, pointing the same way downhill.") as beat:
            self.play(typewriter(heading, self.until("Yes")))
            self.wait_until("Cost, loss")
            self.play(typewriter(ours, self.until("One detail")))
            self.play(typewriter(theirs, self.until("On our")))
            self.play(typewriter(loss_text, self.until("where our cost")))
            self.play(typewriter(cost_text, self.until("a tenth")))
            self.play(pulse(loss_text, max(beat.end - float(self.renderer.time) - 0.5, 0.5)))
