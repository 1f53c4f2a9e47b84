"""One beat's narration, prepared for a voice: its written words, what the voice says for each, its sentences and
its bookmarks; and, once spoken, when each written word is heard.

A scene writes narration for the eye (subtitles, slide notes) and may put bookmarks in it, in manim-voiceover's
syntax::

    "Zoom in on <bookmark mark="patch"/>a small patch, where the pen stroke has an edge."

:func:`prepare` takes the bookmarks out (the subtitles never show them), splits the rest into written tokens (what
``str.split`` gives), asks :mod:`scenes.voice.spoken` what the voice should say for each token ("-3.8" becomes
"minus three point eight") and groups the tokens into sentences, after each of which the voice pauses.

An engine (:mod:`scenes.voice.engines`) speaks a :class:`Narration` and returns :class:`WordTimes`: for every
written token, when its spoken words start and end, in seconds from the start of the beat's audio. A bookmark is
the start of the token that follows it, so ``<bookmark mark="patch"/>a small patch`` lands on "a". Scenes rarely
need bookmarks at all: :meth:`WordTimes.time_of` finds a word or phrase of the narration itself
("small patch"), the first time it is said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from nnlib.errors import NNLibError

#: ``<bookmark mark="name"/>`` (single or double quotes; spaces allowed inside the tag).
BOOKMARK = re.compile(r"""<\s*bookmark\s+mark\s*=\s*(["'])(?P<name>[^"'<>]+)\1\s*/?\s*>""")
#: Written tokens that end a sentence: a word ending in . ? or ! (before closing quotes or brackets).
_SENTENCE_END = re.compile(r"""[.?!]["'”’)\]]*$""")
#: What a token is compared by when a scene looks a word up: letters and digits only, lower case.
_KEY = re.compile(r"[^\w%]+")


def word_key(token: str) -> str:
    """A token as :meth:`WordTimes.time_of` compares it: "Patch," and "patch" are the same word."""
    return _KEY.sub("", token).lower()


@dataclass(frozen=True)
class Narration:
    """A beat's words ready for a voice.

    ``text`` is the written narration without bookmarks (what subtitles show); ``tokens`` is ``text.split()``;
    ``spoken[i]`` is what the voice says for ``tokens[i]`` ('' when nothing); ``sentences`` are ``(first, end)``
    token ranges; ``marks`` maps each bookmark to the index of the token it stands before (``len(tokens)``
    for one at the very end).
    """

    text: str
    tokens: tuple[str, ...]
    spoken: tuple[str, ...]
    sentences: tuple[tuple[int, int], ...]
    marks: dict[str, int] = field(default_factory=dict)

    @property
    def spoken_text(self) -> str:
        """Everything the voice says, as one string."""
        return " ".join(s for s in self.spoken if s)

    def spoken_sentences(self) -> list[list[str]]:
        """Each sentence as the list of its tokens' spoken forms (one entry per written token, '' kept)."""
        return [list(self.spoken[a:b]) for a, b in self.sentences]

    @property
    def words(self) -> int:
        """Written words (a number such as 13,002 counts as one)."""
        return len(self.tokens)


def split_bookmarks(text: str) -> tuple[str, dict[str, int]]:
    """``text`` without its bookmarks, and {mark: index of the written token it stands before}.

    A mark used twice, or an unclosed ``<bookmark`` tag, is a mistake in the scene: a one-line error says which.
    """
    marks: dict[str, int] = {}
    pieces: list[str] = []
    at = 0
    for match in BOOKMARK.finditer(text):
        pieces.append(text[at:match.start()])
        before = " ".join("".join(pieces).split())
        name = match.group("name").strip()
        if name in marks:
            raise NNLibError(f"bookmark {name!r} is used twice in one beat: {' '.join(text.split())[:60]!r}")
        marks[name] = len(before.split())
        pieces.append(" ")
        at = match.end()
    pieces.append(text[at:])
    clean = " ".join("".join(pieces).split())
    if "<bookmark" in clean:
        raise NNLibError(f"a bookmark tag is not closed as <bookmark mark=\"name\"/>: {clean[:60]!r}")
    return clean, marks


def sentence_ranges(tokens: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Token ranges of the sentences: each ends at a token ending in . ? or ! (a lone number such as "3." too)."""
    out, start = [], 0
    for i, token in enumerate(tokens):
        if _SENTENCE_END.search(token):
            out.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        out.append((start, len(tokens)))
    return tuple(out)


def prepare(text: str) -> Narration:
    """Written narration (bookmarks and all) -> a :class:`Narration` any engine can speak."""
    from scenes.voice.spoken import spoken_tokens

    clean, marks = split_bookmarks(text)
    tokens = tuple(clean.split())
    spoken = tuple(spoken_tokens(clean))
    if len(spoken) != len(tokens):  # the spoken form promises one entry a token; say so loudly if it breaks
        raise NNLibError(f"the spoken form lost track of the words of {clean[:60]!r}")
    return Narration(clean, tokens, spoken, sentence_ranges(tokens), marks)


@dataclass(frozen=True)
class WordTimes:
    """When each written token of a narration is heard: ``starts[i]``/``ends[i]`` in seconds from the start of
    the beat's audio (a token that is not spoken gets the start of the next one, and lasts nothing), and where
    each bookmark falls."""

    tokens: tuple[str, ...]
    starts: tuple[float, ...]
    ends: tuple[float, ...]
    marks: dict[str, float] = field(default_factory=dict)

    def shifted(self, seconds: float) -> "WordTimes":
        """The same times ``seconds`` later (a beat whose audio starts after a lead-in)."""
        return WordTimes(self.tokens, tuple(s + seconds for s in self.starts), tuple(e + seconds for e in self.ends),
                         {k: v + seconds for k, v in self.marks.items()})

    def scaled(self, factor: float) -> "WordTimes":
        """The same times stretched by ``factor`` (a preview squeezing a beat into one second)."""
        return WordTimes(self.tokens, tuple(s * factor for s in self.starts), tuple(e * factor for e in self.ends),
                         {k: v * factor for k, v in self.marks.items()})

    def time_of(self, key: str, occurrence: int = 1) -> float:
        """Seconds into the beat at which ``key`` is heard: a bookmark's name, or a word or phrase of the narration
        ("patch", "small patch"; compared without case and punctuation), its ``occurrence``-th time.

        A key that is neither is a mistake in the scene, reported in one line naming the key.
        """
        if key in self.marks:
            return self.marks[key]
        wanted = [word_key(w) for w in key.split()]
        words = [word_key(t) for t in self.tokens]
        seen = 0
        for i in range(len(words) - len(wanted) + 1):
            if wanted and words[i:i + len(wanted)] == wanted:
                seen += 1
                if seen == occurrence:
                    return self.starts[i]
        known = ", ".join(sorted(self.marks)) or "none"
        raise NNLibError(f"{key!r} is neither a bookmark (this beat has: {known}) nor words of its narration "
                         f"{' '.join(self.tokens)[:60]!r}")

    @property
    def last_word_end(self) -> float:
        return max(self.ends, default=0.0)


def estimated_times(narration: Narration, seconds: float, sentence_pause: float = 0.0) -> WordTimes:
    """Word times when an engine gives none (silence at reading pace, a recording without labels): the ``seconds``
    shared out in proportion to the letters spoken for each token, with ``sentence_pause`` after every sentence
    but the last."""
    weights = [len(s.replace(" ", "")) + (1 if s else 0) for s in narration.spoken]
    pauses = max(0, len(narration.sentences) - 1) * sentence_pause
    speaking = max(seconds - pauses, 1e-6)
    per_letter = speaking / max(sum(weights), 1)
    starts, ends, t = [], [], 0.0
    sentence_ends = {b for _, b in narration.sentences[:-1]}
    for i, weight in enumerate(weights):
        if i in sentence_ends:
            t += sentence_pause
        starts.append(t)
        t += weight * per_letter
        ends.append(t)
    return with_marks(narration, starts, ends)


def with_marks(narration: Narration, starts: Sequence[float], ends: Sequence[float]) -> WordTimes:
    """:class:`WordTimes` from per-token times, silent tokens moved to the next spoken one, bookmarks placed."""
    starts, ends = list(starts), list(ends)
    n = len(narration.tokens)
    following = ends[-1] if ends else 0.0
    for i in range(n - 1, -1, -1):  # a token with nothing spoken sits where the next word starts
        if not narration.spoken[i]:
            starts[i] = ends[i] = following
        else:
            following = starts[i]
    final = max(ends, default=0.0)
    marks = {name: (starts[i] if i < n else final) for name, i in narration.marks.items()}
    return WordTimes(narration.tokens, tuple(starts), tuple(ends), marks)
