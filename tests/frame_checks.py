"""Checks of a rendered frame a teacher would make by eye: is every text big enough to read, does any text cover another?

Scenes are rendered tiny in tests (:mod:`tests.scene_rendering`), but sizes are judged as a viewer of the 854x480
video sees them: the frame is 8 units high, so one unit is 60 px at 480p whatever size the test rendered at.

How big a text *looks* is the height of its capital letters and digits (its cap height), not of its bounding box
(a lone "a" or "." is short whatever its size) and not of its nominal font size (DejaVu Sans at ``font_size=20``
has capitals 12 px high at 480p). So a text's size here is the cap height its font size gives: manim keeps a
``font_size`` that follows every later ``scale``, and a reference "H" of the same kind and font gives the ratio.

>>> with watching_texts() as seen:                                          # doctest: +SKIP
...     scene, frame = render_scene(MatrixNotation)
>>> seen.small()                     # every text ever shown below 14 px: [TextSize('w₀,₀', 11.8 px), ...]
>>> small_texts(scene)               # the same, for the texts on the last frame only
>>> overlapping_texts(scene)         # pairs of visible texts on the last frame whose boxes overlap
>>> cut_by_frame(scene)              # visible texts running past the frame's edge

Formulas (:class:`~manim.MathTypst`) are measured by their main size; a subscript is drawn at about 0.7 of it, so
a formula whose subscripts must read at 480p needs a cap height of 20 px or so (``small(min_px=20)`` on those).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator

import numpy as np
from manim import MarkupText, MathTypst, Mobject, Scene, Text, Typst, config

#: Pixel rows of the video a viewer sees (854x480): the frame's 8 units map onto them.
VIEW_HEIGHT_PX = 480
#: Smallest cap height (px at 480p) a text may have.
MIN_TEXT_PX = 14.0
#: Overlaps thinner than this (px at 480p) are anti-aliasing, not covering.
OVERLAP_TOLERANCE_PX = 1.0

TEXT_KINDS = (Text, MarkupText, Typst)     # MathTypst is a Typst


def px_per_unit() -> float:
    """Pixels of the 854x480 video per scene unit (60 for the usual 8-unit-high frame)."""
    return VIEW_HEIGHT_PX / config.frame_height


def is_text(mobject: Mobject) -> bool:
    """True for a mobject that draws words or a formula (Text, MarkupText, Typst, MathTypst)."""
    return isinstance(mobject, TEXT_KINDS)


def text_of(mobject: Mobject) -> str:
    """What a text mobject says, for messages: its string or its Typst source."""
    for attribute in ("original_text", "text", "typst_code"):
        value = getattr(mobject, attribute, None)
        if isinstance(value, str):
            return value
    return type(mobject).__name__


@lru_cache(maxsize=None)
def _cap_ratio(kind: str, font: str) -> float:
    """Cap height (scene units) per point of font size, from a reference "H" of this kind and font."""
    if kind == "math":
        reference = MathTypst("H", font_size=100)
    elif kind == "typst":
        reference = Typst("H", font_size=100)
    elif kind == "markup":
        reference = MarkupText("H", font=font, font_size=100)
    else:
        reference = Text("H", font=font, font_size=100)
    return reference.height / 100


def _kind(mobject: Mobject) -> str:
    if isinstance(mobject, MathTypst):
        return "math"
    if isinstance(mobject, Typst):
        return "typst"
    return "markup" if isinstance(mobject, MarkupText) else "text"


def glyph_px(mobject: Mobject) -> float:
    """Height in px at 480p of a capital letter or digit of this text, at the size it has now."""
    if not getattr(mobject, "initial_height", 0):   # an empty text has no size to speak of
        return 0.0
    font = getattr(mobject, "font", "") or ""
    return float(mobject.font_size) * _cap_ratio(_kind(mobject), font) * px_per_unit()


def texts_in(mobjects: Iterable[Mobject]) -> list[Mobject]:
    """Every text mobject in the families of ``mobjects``, each once, in drawing order."""
    found: dict[int, Mobject] = {}
    for mobject in mobjects:
        for part in mobject.get_family():
            if is_text(part) and id(part) not in found:
                found[id(part)] = part
    return list(found.values())


def shows_anything(mobject: Mobject) -> bool:
    """True if some glyph of ``mobject`` has points and a visible fill or stroke."""
    for part in mobject.family_members_with_points():
        fill = np.asarray(part.get_fill_opacities()) if hasattr(part, "get_fill_opacities") else np.zeros(1)
        stroke = np.asarray(part.get_stroke_opacities()) if hasattr(part, "get_stroke_opacities") else np.zeros(1)
        widths = getattr(part, "stroke_width", 0) or 0
        if fill.size and fill.max() > 0.05:
            return True
        if stroke.size and stroke.max() > 0.05 and widths > 0:
            return True
    return False


def _box(mobject: Mobject) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of the glyphs, in scene units."""
    left, bottom = mobject.get_corner(np.array([-1, -1, 0]))[:2]
    right, top = mobject.get_corner(np.array([1, 1, 0]))[:2]
    return float(left), float(bottom), float(right), float(top)


def in_frame(mobject: Mobject) -> bool:
    """True if any of the text's box lies inside the frame."""
    left, bottom, right, top = _box(mobject)
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    return right > -half_w and left < half_w and top > -half_h and bottom < half_h


def visible_texts(scene: Scene) -> list[Mobject]:
    """The texts of ``scene``'s last frame: in the scene, drawn with some opacity, at least partly in the frame."""
    return [text for text in texts_in(scene.mobjects) if shows_anything(text) and in_frame(text)]


@dataclass(frozen=True)
class TextSize:
    """One text and its cap height in px at 480p."""

    text: str
    px: float
    mobject: Mobject = field(compare=False, repr=False)

    def __repr__(self) -> str:
        return f"TextSize({self.text!r}, {self.px:.1f} px)"


def small_texts(source: Scene | Iterable[Mobject], min_px: float = MIN_TEXT_PX) -> list[TextSize]:
    """Texts whose capitals would be under ``min_px`` high at 854x480, smallest first.

    ``source`` is a rendered scene (its last frame's visible texts) or any mobjects (all texts in them)."""
    texts = visible_texts(source) if isinstance(source, Scene) else texts_in(source)
    sizes = [TextSize(text_of(t), glyph_px(t), t) for t in texts]
    return sorted((s for s in sizes if 0 < s.px < min_px), key=lambda s: s.px)


def overlapping_texts(scene: Scene, tolerance_px: float = OVERLAP_TOLERANCE_PX) -> list[tuple[str, str]]:
    """Pairs of visible texts on ``scene``'s last frame whose glyph boxes overlap by more than ``tolerance_px``.

    A text inside another text's family (a formula holding a label) is not counted against it."""
    texts = visible_texts(scene)
    slack = tolerance_px / px_per_unit()
    boxes = [_box(t) for t in texts]
    families = [set(map(id, t.get_family())) for t in texts]
    pairs = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if id(texts[j]) in families[i] or id(texts[i]) in families[j]:
                continue
            a, b = boxes[i], boxes[j]
            width = min(a[2], b[2]) - max(a[0], b[0])
            height = min(a[3], b[3]) - max(a[1], b[1])
            if width > slack and height > slack:
                pairs.append((text_of(texts[i]), text_of(texts[j])))
    return pairs


def cut_by_frame(scene: Scene, margin_px: float = 0.0) -> list[str]:
    """Visible texts on ``scene``'s last frame that run past an edge of the frame (by more than ``margin_px``)."""
    slack = margin_px / px_per_unit()
    half_w, half_h = config.frame_width / 2 + slack, config.frame_height / 2 + slack
    cut = []
    for text in visible_texts(scene):
        left, bottom, right, top = _box(text)
        if left < -half_w or right > half_w or bottom < -half_h or top > half_h:
            cut.append(text_of(text))
    return cut


@dataclass
class TextLog:
    """Every text a scene showed while :func:`watching_texts` was active, with its size when it was shown."""

    sizes: dict[int, TextSize] = field(default_factory=dict)
    #: texts that took another text's glyphs in a Transform: their font size says nothing any more
    morphed: set[int] = field(default_factory=set)

    def note(self, mobjects: Iterable[Mobject]) -> None:
        for text in texts_in(m for m in mobjects if isinstance(m, Mobject)):
            if id(text) in self.morphed or not shows_anything(text):
                continue
            size = TextSize(text_of(text), glyph_px(text), text)
            known = self.sizes.get(id(text))
            if known is None or size.px < known.px:
                self.sizes[id(text)] = size

    def small(self, min_px: float = MIN_TEXT_PX) -> list[TextSize]:
        """The texts shown below ``min_px``, smallest first."""
        return sorted((s for s in self.sizes.values() if 0 < s.px < min_px), key=lambda s: s.px)


def _morphs(source: Mobject, target: Mobject) -> bool:
    """True if a Transform of ``source`` into ``target`` gives some text of ``source`` other glyphs (not a copy of
    itself moved, scaled or recoloured, as ``.animate`` and indications make)."""
    source_texts = [t for t in texts_in([source])]
    if not source_texts:
        return False
    target_texts = texts_in([target])
    if len(source_texts) != len(target_texts):
        return True
    return any(text_of(a) != text_of(b) for a, b in zip(source_texts, target_texts))


@contextmanager
def watching_texts() -> Iterator[TextLog]:
    """Record every text added to any scene inside the block (by ``add`` or as an animation's target).

    A text is measured when it is added and after every animation; the log keeps its smallest size, so a label
    shown small and scaled up later, or shrunk by an animation and removed, is still caught."""
    log = TextLog()
    original_add, original_play = Scene.add, Scene.play

    def add(self, *mobjects, **kwargs):
        log.note(mobjects)
        return original_add(self, *mobjects, **kwargs)

    def play(self, *animations, **kwargs):
        targets = []
        for animation in animations:
            for attribute in ("target_mobject", "mobject"):
                mobject = getattr(animation, attribute, None)
                if isinstance(mobject, Mobject):
                    targets.append(mobject)
        log.note(targets)
        # a text transformed into another holds the other's glyphs: its own font size no longer says anything
        # (its target was measured above)
        # (and from then on: a later fade or indication of it would measure its old size against its new glyphs)
        for animation in animations:
            target = getattr(animation, "target_mobject", None)
            source = getattr(animation, "mobject", None)
            if isinstance(target, Mobject) and isinstance(source, Mobject) and _morphs(source, target):
                log.morphed.update(id(part) for part in source.get_family())
        result = original_play(self, *animations, **kwargs)
        log.note(self.mobjects)   # sizes after the animation: a label shrunk by one is caught too
        return result

    Scene.add, Scene.play = add, play
    try:
        yield log
    finally:
        Scene.add, Scene.play = original_add, original_play
