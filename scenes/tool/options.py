"""What a teacher can change without editing code: one frozen object, read once, validated in one place.

Manim builds scenes without arguments, so the options travel in ``EXPLAINER_*`` environment variables: the
``explainer`` command sets them from its flags for its render workers (the only channel), and plain ``manim`` or
``manim-slides`` read the very same variables, so a scene behaves the same under all three.

=======================  =========================================================  ===========================
variable                 meaning                                                    default
=======================  =========================================================  ===========================
EXPLAINER_WEIGHTS        a saved network (.npz) the scenes can draw                 assets/network.npz
EXPLAINER_DIGIT          a digit 0-9: scenes show a sample image of that digit      each scene's own (mostly 3)
EXPLAINER_SAMPLE_INDEX   exactly this image of the shipped digit sample             unset
EXPLAINER_IMAGE          a picture of your own handwriting (PNG, JPEG...)           unset
EXPLAINER_SEED           seed for everything random a scene shows (noise, init)     0
EXPLAINER_THEME          colour theme: default or colorblind                        default
EXPLAINER_BACKGROUND     dark, or light for projectors                              dark
EXPLAINER_VOICE          piper, espeak, recordings or none (subtitles, reading      piper
                         pace)
EXPLAINER_RECORDINGS     folder of recordings, one audio file per beat id           recordings/
EXPLAINER_PACE           narrated (animations last as long as their narration)      narrated
                         or brisk (short pauses, for quick previews)
=======================  =========================================================  ===========================
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator, Mapping

from nnlib.errors import NNLibError

THEMES = ("default", "colorblind")
BACKGROUNDS = ("dark", "light")
VOICES = ("piper", "espeak", "recordings", "none")
PACES = ("narrated", "brisk")

#: option field -> environment variable
VARIABLES = {
    "weights": "EXPLAINER_WEIGHTS", "digit": "EXPLAINER_DIGIT", "sample_index": "EXPLAINER_SAMPLE_INDEX",
    "image": "EXPLAINER_IMAGE", "seed": "EXPLAINER_SEED", "theme": "EXPLAINER_THEME",
    "background": "EXPLAINER_BACKGROUND", "voice": "EXPLAINER_VOICE", "recordings": "EXPLAINER_RECORDINGS",
    "pace": "EXPLAINER_PACE",
}

#: Hidden-layer sizes the scenes can draw (a diagram column holds at most this many neurons legibly).
DRAWABLE_HIDDEN = range(2, 41)


def _whole(name: str, text: str) -> int:
    text = text.strip()
    if not text or not (text.isascii() and text.lstrip("+-").isdigit()):
        raise NNLibError(f"{name} must be a whole number, got {text!r}")
    return int(text)


def _choice(name: str, text: str, choices: tuple[str, ...]) -> str:
    if text not in choices:
        raise NNLibError(f"{name} must be one of {', '.join(choices)}, got {text!r}")
    return text


@dataclass(frozen=True)
class ExplainerOptions:
    """The options in force for one render. Build it with :func:`read_options` (validated) or directly in tests."""

    weights: Path | None = None          # None: the shipped network
    digit: int | None = None
    sample_index: int | None = None
    image: Path | None = None
    seed: int = 0
    theme: str = "default"
    background: str = "dark"
    voice: str = "piper"
    recordings: Path | None = None
    pace: str = "narrated"
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    # ---------------------------------------------------------------------------------------------- conversions
    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> "ExplainerOptions":
        """Parse the ``EXPLAINER_*`` variables (types and choices checked; files are checked by :meth:`validate`)."""
        env = os.environ if environ is None else environ
        blank = [variable for variable in VARIABLES.values() if variable in env and not env[variable].strip()]
        if blank:  # set to nothing: a typo or a script's empty variable, never silently "the default"
            raise NNLibError(f"{blank[0]} is set but empty: give it a value or unset it")
        get = lambda key: (env.get(VARIABLES[key]) or "").strip()  # noqa: E731 - a one-line reader
        kwargs: dict = {}
        if get("weights"):
            kwargs["weights"] = Path(get("weights"))
        if get("digit"):
            kwargs["digit"] = _whole("EXPLAINER_DIGIT (a digit 0-9)", get("digit"))
        if get("sample_index"):
            kwargs["sample_index"] = _whole("EXPLAINER_SAMPLE_INDEX", get("sample_index"))
        if get("image"):
            kwargs["image"] = Path(get("image"))
        if get("seed"):
            kwargs["seed"] = _whole("EXPLAINER_SEED", get("seed"))
        if get("theme"):
            kwargs["theme"] = _choice("EXPLAINER_THEME", get("theme"), THEMES)
        if get("background"):
            kwargs["background"] = _choice("EXPLAINER_BACKGROUND", get("background"), BACKGROUNDS)
        if get("voice"):
            kwargs["voice"] = _choice("EXPLAINER_VOICE", get("voice"), VOICES)
        if get("recordings"):
            kwargs["recordings"] = Path(get("recordings"))
        if get("pace"):
            kwargs["pace"] = _choice("EXPLAINER_PACE", get("pace"), PACES)
        options = cls(**kwargs)
        options.check_values()
        return options

    def to_environ(self) -> dict[str, str]:
        """The ``EXPLAINER_*`` variables that reproduce these options (absolute paths), for a worker process."""
        out = {}
        for key, variable in VARIABLES.items():
            value = getattr(self, key)
            if value is None:
                continue
            out[variable] = str(Path(value).resolve()) if isinstance(value, Path) else str(value)
        return out

    def describe(self) -> dict:
        """Every option as plain JSON data (part of what makes a rendered video up to date)."""
        data = asdict(self)
        data.pop("_cache")
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in data.items()}

    # ----------------------------------------------------------------------------------------------- validation
    def check_values(self) -> None:
        """Types, ranges and choices, without touching any file."""
        from nnlib.digit_choice import check_digit_options

        if not isinstance(self.seed, int) or not 0 <= self.seed < 2**32:
            raise NNLibError(f"seed must be a whole number from 0 to {2**32 - 1}, got {self.seed!r}")
        _choice("theme", self.theme, THEMES)
        _choice("background", self.background, BACKGROUNDS)
        _choice("voice", self.voice, VOICES)
        _choice("pace", self.pace, PACES)
        given = [n for n in ("digit", "sample_index", "image") if getattr(self, n) is not None]
        if len(given) > 1:
            raise NNLibError(f"choose one of --digit, --sample-index and --image, not {' and '.join(given)}")
        if self.digit is not None:
            check_digit_options(digit=self.digit)

    def validate(self) -> None:
        """Everything :meth:`check_values` does, plus the files: the weights load and can be drawn, the digit
        exists, the recordings folder is a folder. Run before any work starts; raises one clear NNLibError."""
        from nnlib.digit_choice import check_digit_options

        self.check_values()
        check_digit_options(sample_index=self.sample_index, image_file=self.image)
        if self.image is not None:
            from nnlib.digit_image import load_digit_image

            load_digit_image(self.image)
        net = self.network()
        check_drawable(net.sizes, self.weights_path)
        if self.voice == "recordings" and not self.recordings_folder.is_dir():
            raise NNLibError(f"{self.recordings_folder}: recordings folder not found (record the beats `explainer "
                             "script` lists into it, or name the folder with --recordings)")

    # ------------------------------------------------------------------------------------------------- the data
    @property
    def recordings_folder(self) -> Path:
        """The folder of recordings in force: ``--recordings``, or ``recordings/`` in the current folder."""
        return self.recordings if self.recordings is not None else Path("recordings")

    @property
    def weights_path(self) -> Path:
        """The weights file in force (the shipped network unless ``--weights`` was given)."""
        from nnlib.assets import default_weights_path

        return self.weights if self.weights is not None else default_weights_path()

    @property
    def custom_weights(self) -> bool:
        """True when the user chose weights other than the shipped network."""
        from nnlib.assets import default_weights_path

        return self.weights is not None and self.weights.resolve() != default_weights_path().resolve()

    def network(self):
        """The network in force, loaded once per options object (a fresh copy would cost a file read each time)."""
        if "network" not in self._cache:
            from nnlib.storage import load_network

            self._cache["network"] = load_network(self.weights_path)
        return self._cache["network"]

    def chosen_digit(self, default: int = 3, nth: int = 0):
        """The digit the user named (:mod:`nnlib.digit_choice`), or the ``nth`` sample image of ``default``."""
        from nnlib.digit_choice import choose_digit

        return choose_digit(self.digit, self.sample_index, self.image, default=default, nth=nth)


def check_drawable(sizes, path: Path | None = None) -> None:
    """Refuse, before any render starts, a network the scenes cannot draw."""
    sizes = tuple(int(s) for s in sizes)
    where = f"{path}: " if path else ""
    if len(sizes) != 4 or sizes[0] != 784 or sizes[-1] != 10 or any(h not in DRAWABLE_HIDDEN for h in sizes[1:3]):
        raise NNLibError(f"{where}network {'-'.join(map(str, sizes))} cannot be drawn by the scenes: they need 784 "
                         f"inputs, two hidden layers of {DRAWABLE_HIDDEN.start} to {DRAWABLE_HIDDEN.stop - 1} "
                         "neurons each, and 10 outputs")


def read_options(environ: Mapping[str, str] | None = None) -> ExplainerOptions:
    """The options from the environment (or a given mapping), with their types and choices checked.

    Under manim's own command line (plain ``manim`` or ``manim-slides``), a bad option ends the process with one
    line and exit status 2: manim would otherwise print a page of traceback around it. Everywhere else (the
    ``explainer`` command, its render workers, tests) the :class:`NNLibError` is raised as usual.
    """
    try:
        return ExplainerOptions.from_environ(environ)
    except NNLibError as err:
        if not under_manims_command_line():
            raise
        import sys

        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None


def under_manims_command_line() -> bool:
    """Whether this process is manim's or manim-slides' own command (``manim``, ``python -m manim``...)."""
    import sys

    program = Path(sys.argv[0] if sys.argv else "")
    return program.name in ("manim", "manim-slides", "manimce") or (
        program.name == "__main__.py" and program.parent.name in ("manim", "manim_slides"))


@contextmanager
def explainer_environment(values: Mapping[str, str]) -> Iterator[None]:
    """Exactly these ``EXPLAINER_*`` variables for the block (every other one unset), then the environment as it was.

    Scenes read their options from these variables (the one channel that also works under plain ``manim``), so
    building a scene in-process with given options means setting them for the duration of the build.
    """
    saved = {variable: os.environ.get(variable) for variable in VARIABLES.values()}
    try:
        for variable in VARIABLES.values():
            os.environ.pop(variable, None)
        os.environ.update(values)
        yield
    finally:
        for variable, value in saved.items():
            if value is None:
                os.environ.pop(variable, None)
            else:
                os.environ[variable] = value
