"""nnlib: a small NumPy neural-network library, the one the explainer scenes are drawn from.

>>> from nnlib import Network, load_mnist, train
>>> data = load_mnist()                                        # doctest: +SKIP
>>> net = Network((784, 16, 16, 10), seed=0)
>>> history = train(net, data.train_images, data.train_labels,  # doctest: +SKIP
...                 test_images=data.test_images, test_labels=data.test_labels)

nnlib never imports manim: it is a library of numbers, usable on its own.
"""

__version__ = "0.1.0"

from .assets import DigitSample, load_sample
from .costs import one_hot
from .errors import DataNotFoundError, DownloadError, IDXFormatError, NNLibError, WeightsFileError
from .mnist import MNIST, load_mnist
from .network import ForwardPass, Network, ParameterLocation
from .storage import load_network, save_network
from .training import EpochRecord, TrainingHistory, train

__all__ = [
    "Network", "ForwardPass", "ParameterLocation", "load_mnist", "MNIST", "save_network", "load_network",
    "train", "TrainingHistory", "EpochRecord", "one_hot", "load_sample", "DigitSample",
    "NNLibError", "IDXFormatError", "WeightsFileError", "DataNotFoundError", "DownloadError",
]
