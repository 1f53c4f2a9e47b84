"""What the voice says for written narration: "x = -3.8" is said "x equals minus three point eight".

Narration is written for the eye: subtitles and slide notes show "784-16-16-10", "13,002", "89.08%", "σ(z)" and
"ReLU". A text-to-speech engine (Piper, espeak-ng) reads such things badly: digits run together, symbols vanish,
names come out wrong. So before a beat is spoken, every written token (an item of ``text.split()``) is turned into
plain words. The result stays aligned with the written tokens, one entry a token, because the voice's timings are
measured token by token: that is how a scene knows when the word "slope" is heard.

Each token is read in three parts: its opening brackets and quotes (never spoken), its *core*, and the pause
punctuation after it (, . ; : ? !), which is kept so the voice still pauses. The core is then tried against these
readings, in order:

1. a word of :data:`PRONUNCIATIONS` (a respelling the voice says right: "ReLU" -> "relloo");
2. a symbol on its own ("=", "≈", "σ"); "×" between two whole numbers is "by", "→" between numbers is "to";
3. a number: signed, decimal, with thousands commas, in scientific notation, a percentage ("-0.58", "13,002",
   "2.75e-5", "89.08%"), a plural of digits ("3s") or an ordinal ("2nd");
4. numbers joined by dashes, "x" or a slash: an architecture "784-16-16-10", a range "0-9", a size "28x28", "3/4";
5. a plain word, said as written; words joined by hyphens or dashes are read part by part;
6. a formula: "σ(z)" -> "sigma of z", "∇C" -> "the gradient of C", "a(1)" -> "a-one" (a layer superscript);
7. anything else (a URL, an unknown symbol) is left as it is, and pure punctuation ("—") is not spoken at all.

A label such as ``w[0][7, 384]`` is cut in two by its space; :func:`spoken_tokens` reads it whole before sharing
its words back out to its tokens.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import groupby

from num2words import num2words

#: Respellings for words the voice says wrong, by lower-case written form. Each was checked with the Piper
#: voice's phonemizer (espeak-ng, en-us): "neuron" comes out nˈʊɹɹɑːn (a doubled r) and "newron" nˈuːɹɑːn;
#: "ReLU" comes out "ree loo" and "relloo" ɹˈɛluː. Plurals and possessives are found from the singular
#: ("neurons", "ReLU's"), so list only the singular. "sigmoid" (sˈɪɡmɔɪd) and "epoch" read right as they are.
PRONUNCIATIONS: dict[str, str] = {
    "neuron": "newron", "relu": "relloo", "mnist": "em-nist", "tanh": "tanch",
    "sgd": "S G D", "cpu": "C P U", "gpu": "G P U", "png": "P N G", "idx": "I D X",
    "numpy": "num pie", "scipy": "sigh pie", "pytorch": "pie torch", "nnlib": "N N lib",
    "3blue1brown": "three blue one brown",
}

#: How a symbol is said, on its own ("=") or inside a formula ("σ(z)", "∇C", "x²").
SYMBOLS: dict[str, str] = {
    "=": "equals", "==": "equals", "+": "plus", "−": "minus", "±": "plus or minus", "×": "times", "·": "dot",
    "/": "over", "÷": "divided by", "→": "becomes", "->": "becomes", "≈": "about", "≠": "is not", "!=": "is not",
    "≤": "at most", "<=": "at most", "≥": "at least", ">=": "at least", "<": "is less than", ">": "is more than",
    "%": "percent", "²": "squared", "³": "cubed", "′": "prime", "∞": "infinity", "∂": "partial", "∈": "in",
    "∇": "the gradient of", "Σ": "the sum of", "∑": "the sum of", "√": "the square root of",
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "Δ": "delta", "ε": "epsilon", "η": "eta",
    "θ": "theta", "λ": "lambda", "μ": "mu", "π": "pi", "σ": "sigma", "φ": "phi",
}
#: Symbols that already end in "of", so a bracket after them adds no second "of": "∇(C)" is "the gradient of C".
_PREFIX_OPERATORS = {"∇", "Σ", "∑", "√", "∂"}

_OPENERS = "([{\"'“‘«"
_CLOSERS = ")]}\"'”’»"
_PAUSES = ",.;:?!"
_DIGIT_NAMES = "zero one two three four five six seven eight nine".split()

_INT = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+"
_NUMBER = re.compile(rf"(?P<sign>[-−+±]?)(?P<int>{_INT})?(?:\.(?P<frac>[0-9]+))?"
                     r"(?:[eE](?P<exp>[-−+]?[0-9]+))?(?P<pct>%?)")
#: A letter: a word character but no digit, no underscore, and none of the superscripts and fractions (like "²")
#: that Python counts as word characters.
_LETTER = r"[^\W\d_\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f]"
_WORD = re.compile(rf"{_LETTER}+(?:['’]{_LETTER}+)*")
_GREEK = "α-ωΑ-Ω"
#: The pieces of a formula: numbers, Greek letters one at a time, runs of other letters, two-character operators,
#: then any single character.
_PIECE = re.compile(rf"{_INT}(?:\.[0-9]+)?|[{_GREEK}]|(?:(?![{_GREEK}]){_LETTER})+|->|<=|>=|!=|==|\S")
#: A letter with a bracketed layer number, "a(1)" or "a(L-1)": a superscript, read as a subscript "a_1".
_SUPERSCRIPT = re.compile(rf"(?<!{_LETTER})([A-Za-z])\(([0-9]{{1,2}}|L(?:[-−][0-9])?)\)")
_LABEL = re.compile(r"(?P<name>[A-Za-z]\w*)(?P<groups>(?:\[[^\[\]]*\])+)")


def spoken_tokens(text: str) -> list[str]:
    """One entry per whitespace-separated token of ``text`` (i.e. per item of text.split()), in order: what the voice
    says for that written token, as plain words a TTS engine reads correctly (letters, spaces, hyphens inside words,
    apostrophes, and the punctuation , . ; : ? ! kept where it carries a pause). May be '' for a token that is not
    spoken (e.g. a lone dash used as a bullet). len(result) == len(text.split()) always."""
    tokens = text.split()
    cores = [_split(token) for token in tokens]
    said: list[str] = []
    i = 0
    while i < len(tokens):
        end = _label_end(tokens, i)
        if end > i:
            said += _label(tokens[i:end])
            i = end
            continue
        core, pauses = cores[i]
        before = cores[i - 1][0] if i else ""
        after = cores[i + 1][0] if i + 1 < len(tokens) else ""
        words = _say(core, before, after)
        said.append(words + pauses if words else "")
        i += 1
    return said


def spoken_form(text: str) -> str:
    """The whole narration as the voice says it: the non-empty spoken tokens joined by single spaces."""
    return " ".join(words for words in spoken_tokens(text) if words)


def _split(token: str) -> tuple[str, str]:
    """A token's core and the pauses after it: '(13,002;' -> ('13,002', ';'), 'b).' -> ('b', '.'). A closing
    bracket stays when it closes one of the core's own: 'σ(z).' -> ('σ(z)', '.')."""
    core, tail = token.lstrip(_OPENERS), ""
    while core and _stray_end(core):
        core, tail = core[:-1], core[-1] + tail
    return core, "".join("." if c == "…" else c for c in tail if c in _PAUSES + "…")


def _stray_end(core: str) -> bool:
    """Does ``core`` end in a pause, a quote, or a bracket that closes none of its own?"""
    for opening, closing in ("()", "[]"):
        if core[-1] == closing:
            return core.count(closing) > core.count(opening)
    return core[-1] in _PAUSES + _CLOSERS + "…"


def _say(core: str, before: str = "", after: str = "") -> str:
    """The words for one token's core; ``before`` and ``after`` are its neighbours' cores, for "28 × 28"."""
    if not core or "://" in core or core.startswith("www.") or "@" in core:
        return core
    known = _respelling(core)
    if known is not None:
        return known
    if core in ("×", "x") and _is_integer(before) and _is_integer(after):
        return "by"
    if core in ("→", "->") and _is_number(before) and _is_number(after):
        return "to"
    if core in SYMBOLS:
        return SYMBOLS[core]
    if all(unicodedata.category(c).startswith("P") for c in core):
        return ""   # a dash, a bullet, an ellipsis: a pause in writing, nothing to say
    return _say_number(core) or _say_numbers(core) or _say_words(core) or _say_formula(core) or core


def _respelling(word: str) -> str | None:
    """The respelling of a listed word, its plural or its possessive; None for a word not listed."""
    key = word.lower().replace("’", "'")
    if key in PRONUNCIATIONS:
        return PRONUNCIATIONS[key]
    for ending in ("'s", "s"):
        stem = key[: -len(ending)]
        if key.endswith(ending) and stem in PRONUNCIATIONS:
            said = PRONUNCIATIONS[stem]
            # a spelled-out letter takes "'s" ("C P U's"): the voice reads "C P Us" as "C P us"
            return said + ("'s" if ending == "'s" or said[-1].isupper() else "s")
    return None


def _say_number(core: str) -> str:
    """A number on its own: '-3.8', '13,002', '0.00005', '2.75e-5', '89.08%', '3s', '2nd'; '' if not one."""
    if m := re.fullmatch(r"([0-9]+)'?s", core):
        return _plural(_integer(m[1]))
    if m := re.fullmatch(r"([0-9]+)(st|nd|rd|th)", core):
        return num2words(int(m[1]), to="ordinal").replace(",", "") if len(m[1]) <= 36 else _digits(m[1])
    m = _NUMBER.fullmatch(core)
    if not m or not (m["int"] or m["frac"]):
        return ""
    sign = {"": "", "+": "plus ", "±": "plus or minus "}.get(m["sign"], "minus ")
    whole, frac, exp = (m["int"] or "").replace(",", ""), m["frac"], m["exp"]
    if exp is None and frac and not whole.strip("0") and frac.startswith("000") and frac.strip("0"):
        # below 0.001 the zeros are hard to follow: 0.0000275 is said "2.75 times ten to the minus five"
        zeros = len(frac) - len(frac.lstrip("0"))
        digits = frac[zeros:]
        whole, frac, exp = digits[0], digits[1:] or None, str(-(zeros + 1))
    said = _integer(whole) if whole else ""
    if frac is not None:
        said = f"{said} point {_digits(frac)}".strip()
    if exp is not None:
        power = exp.lstrip("+-−").lstrip("0") or "0"
        said += " times ten to the " + ("minus " if exp[0] in "-−" and power != "0" else "") + _integer(power)
    return sign + said + (" percent" if m["pct"] else "")


def _say_numbers(core: str) -> str:
    """Numbers joined by a sign: '784-16-16-10' (a list, with pauses), '0–9' (a range), '28x28', '3/4'."""
    dashed = re.split(r"[-–]", core)
    if len(dashed) >= 2 and all(_is_number(part) for part in dashed):
        said = [_say_number(part) for part in dashed]
        return " to ".join(said) if len(said) == 2 else ", ".join(said)
    sized = re.split(r"[x×]", core)
    if len(sized) >= 2 and all(_is_integer(part) for part in sized):
        return " by ".join(_integer(part.replace(",", "")) for part in sized)
    over = core.split("/")
    if len(over) == 2 and all(_is_number(part) for part in over):
        return " over ".join(_say_number(part) for part in over)
    return ""


def _say_words(core: str) -> str:
    """A plain word as written ('network's'), or words joined by hyphens ('2-D' -> 'two-D') or dashes, read
    part by part; '' if the core is something else."""
    if _WORD.fullmatch(core):
        return core
    if "(" not in core:
        if "/" in core and all(_WORD.fullmatch(part) for part in core.split("/")):
            return core   # "and/or"
        for dash, glue in (("—", ", "), ("–", ", "), ("-", "-")):
            parts = core.split(dash)
            if len(parts) > 1 and all(parts):
                said = [_say(part) for part in parts]
                return glue.join(s for s in said if s)
    return ""


def _say_formula(core: str) -> str:
    """A formula written in one token: 'σ(z)' -> 'sigma of z', 'x²' -> 'x squared', 'w·a' -> 'w dot a',
    'a(1)' -> 'a-one'; '' if it holds a character no formula has."""
    core = _SUPERSCRIPT.sub(r"\1_\2", core).replace("^2", "²").replace("^3", "³")
    words: list[str] = []
    previous = ""
    for piece in _PIECE.findall(core):
        if piece == "(":
            if (previous[:1].isalpha() or previous == "′") and previous not in _PREFIX_OPERATORS:
                words.append("of")   # a function applied: σ(z) is "sigma of z"
        elif piece in SYMBOLS:
            words.append(SYMBOLS[piece])
        elif piece[0].isdigit():
            words.append(_say_number(piece))
        elif piece[0].isalpha():
            words.append(_respelling(piece) or piece)
        elif piece in "-*^,":
            words.append({"-": "minus", "*": "times", "^": "to the", ",": ","}[piece])
        elif piece not in ")_{}":
            return ""
        previous = piece
    said = " ".join(words).replace(" ,", ",")
    # a lone "a" before more words is the letter, not the article the voice would make of it ("uh one")
    return re.sub(r"(?<![\w'-])a (?=\w)", "a-", said)


def _label_end(tokens: list[str], i: int) -> int:
    """If an index label like 'w[0][7, 384]' starts at token i, the index of the token after its end; else i."""
    if not re.match(rf"[{re.escape(_OPENERS)}]*[A-Za-z]\w*\[", tokens[i]):
        return i
    for j in range(i, min(i + 4, len(tokens))):
        joined = " ".join(tokens[i:j + 1]).lstrip(_OPENERS)
        m = _LABEL.match(joined)
        if m and all(c in _CLOSERS + _PAUSES for c in joined[m.end():]):
            return j + 1
    return i


def _label(tokens: list[str]) -> list[str]:
    """Speak an index label written over ``tokens``: ['w[0][7,', '384]'] -> ['w zero, row seven,',
    'column three hundred and eighty-four']. A first index alone is the layer ('w[0]' is "w zero"); a pair is a row
    and a column; a lone later index is an entry; ':' is every row, column or entry."""
    joined = " ".join(tokens)
    lead = len(joined) - len(joined.lstrip(_OPENERS))
    m = _LABEL.match(joined, lead)
    starts = [0]
    for token in tokens[:-1]:
        starts.append(starts[-1] + len(token) + 1)
    pieces: list[list[str]] = [[] for _ in tokens]
    name = _respelling(m["name"]) or m["name"]
    groups = list(re.finditer(r"\[([^\]]*)\]", joined[m.start("groups"):m.end("groups")]))
    for g, group in enumerate(groups):
        entries = list(re.finditer(r"[^,\s]+", group[1]))
        roles = ["row", "column"] if len(entries) == 2 else ["entry"] * len(entries)
        if g == 0 and len(entries) == 1:
            roles = [name]
        elif g == 0:
            pieces[0].append(name)
        for role, entry in zip(roles, entries):
            where = bisect_right(starts, m.start("groups") + group.start(1) + entry.start()) - 1
            value = "every" if entry[0] == ":" else _say(_split(entry[0])[0])
            pieces[where].append(f"{value} {role}" if value == "every" else f"{role} {value}")
    pauses = "".join(c for c in joined[m.end():] if c in _PAUSES)
    said = [", ".join(p) for p in pieces]
    said = [s + ("," if k < len(said) - 1 else pauses) if s else "" for k, s in enumerate(said)]
    return [re.sub(r"^a (?=\w)", "a-", s) for s in said]


def _is_integer(core: str) -> bool:
    return re.fullmatch(_INT, core) is not None


def _is_number(core: str) -> bool:
    m = _NUMBER.fullmatch(core)
    return m is not None and bool(m["int"] or m["frac"])


def _integer(digits: str) -> str:
    """'13002' -> 'thirteen thousand and two' (without the commas num2words puts in: they would be pauses)."""
    if len(digits) > 1 and digits.startswith("0") or len(digits) > 36:
        return _digits(digits)   # '007', or a run of digits too long to say as one number
    return num2words(int(digits)).replace(",", "")


def _digits(digits: str) -> str:
    """Digit by digit, as after a decimal point: '9997' -> 'nine nine nine seven'; four or more of one digit in a
    row are counted: '99995' -> 'four nines five'."""
    words: list[str] = []
    for digit, run in groupby(digits):
        count, name = len(list(run)), _DIGIT_NAMES[int(digit)]
        words += [f"{_integer(str(count))} {_plural(name)}"] if count >= 4 else [name] * count
    return " ".join(words)


def _plural(words: str) -> str:
    """'six' -> 'sixes', 'twenty' -> 'twenties', 'one' -> 'ones'."""
    if words.endswith("x"):
        return words + "es"
    if words.endswith("y"):
        return words[:-1] + "ies"
    return words + "s"
