"""What the second half of chapter 2 (the network's results) shares: the video's own figures, quoted as such, and the
small on-screen note every scene showing a precomputed run of the shipped network must carry.

The video's figures are the only numbers here: they are what the video *claims* for its network (trained on all
60,000 MNIST training images), quoted so that our narration can set them beside what nnlib measures for ours. They
are never drawn as if we had measured them.
"""

from __future__ import annotations

from manim import DOWN, RIGHT, VGroup, VMobject

from scenes.content.components import current_theme, format_number, label

#: Widest a bottom note may be (the frame is about 14.2 units wide).
NOTE_WIDTH = 13.4
#: Smallest type on screen: 18 gives letters with descenders 14 px tall at 854x480.
SMALLEST = 24
NOTE_SIZE = SMALLEST

#: The video's accuracy on unseen digits for its plain network, and with "some tweaks" (its claims, not ours).
VIDEO_ACCURACY = 0.96
VIDEO_TWEAKED_ACCURACY = 0.98
#: How many training images the video's network learned from (all of MNIST's training set).
VIDEO_TRAINING_IMAGES = 60_000


def shipped_note(what: str = "precomputed with the shipped network", *, buff: float = 0.12) -> VMobject:
    """The small dim note at the bottom edge of a scene that shows a precomputed run (registry ``shows="shipped"``):
    what it is, and that other weights do not change it. It names no command or file: a viewer reads it;
    how to regenerate the run is the README's business."""
    note = label(f"{what}: other weights do not change it", size=NOTE_SIZE, dim=True)
    if note.width > NOTE_WIDTH:
        note.scale_to_fit_width(NOTE_WIDTH)
    return note.to_edge(DOWN, buff=buff)


def right_counter(correct: int, total: int, words: str, colour: str) -> VGroup:
    """'<words>  8,908 of 10,000  (89.08%)': a count of digits right, the number in ``colour``; ``value`` holds
    the count shown."""
    theme = current_theme()
    share = f"  ({format_number(100 * correct / total, 2)}%)" if total else ""
    counter = VGroup(label(words, size=theme.label_size * 0.85),
                     label(f"{format_number(correct, 0)} of {format_number(total, 0)}{share}",
                           size=theme.label_size * 1.1, color=colour)).arrange(RIGHT, buff=0.3)
    counter.value = int(correct)
    return counter


def training_image_count(metadata: dict) -> int | None:
    """How many training images a network file says it learned from (None if it does not say)."""
    data = metadata.get("data") if isinstance(metadata, dict) else None
    count = data.get("train_images") if isinstance(data, dict) else None
    return int(count) if isinstance(count, (int, float)) and not isinstance(count, bool) else None


def a(digit: int) -> str:
    """A digit with its article, as narration says it: ``a(3)`` -> "a 3", ``a(8)`` -> "an 8"."""
    return f"{'an' if int(digit) == 8 else 'a'} {int(digit)}"
