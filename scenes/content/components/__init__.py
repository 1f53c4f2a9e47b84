"""Reusable mobjects built from arrays: use them in your own Manim scenes.

>>> from scenes.content.components import PixelGrid, NetworkDiagram, WeightHeatmap, current_theme   # doctest: +SKIP

Every component reads the theme (:func:`current_theme`) when it is built, never at import time.
"""

from .charts import BarChart, LinePlot, NudgeColumn
from .confusion_grid import ConfusionGrid
from .tracing import trace
from .gallery import DigitGallery
from .network_diagram import NetworkDiagram
from .pixel_grid import NeuronSheet, PixelGrid, as_image, crisp_image, grey_rgb
from .sigmoid_plot import FunctionPlot, RealLineSquish, ReluPlot, SigmoidPlot
from .theme import Theme, apply_background, current_theme, format_number, using_theme, formula, label, make_theme, number, rgb
from .toy_plots import ToyCurvePlot, ToySurfacePlot
from .weight_heatmap import HeatmapSheet, WeightHeatmap, weight_rgb
from .weighted_sum import PixelMarker, RunningTotal, SumStep, cell_center, sum_steps, term_text

__all__ = [
    "Theme", "current_theme", "using_theme", "make_theme", "apply_background", "label", "number", "formula", "format_number", "rgb",
    "PixelGrid", "NeuronSheet", "as_image", "grey_rgb", "crisp_image",
    "WeightHeatmap", "HeatmapSheet", "weight_rgb",
    "NetworkDiagram", "SigmoidPlot", "ReluPlot", "FunctionPlot", "RealLineSquish",
    "LinePlot", "BarChart", "NudgeColumn", "ConfusionGrid", "trace", "DigitGallery", "ToyCurvePlot", "ToySurfacePlot",
]
