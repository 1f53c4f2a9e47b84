"""The spoken form of written narration: what the voice says for each written token."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from scenes.voice.spoken import PRONUNCIATIONS, spoken_form, spoken_tokens

# (written, spoken): the written narration and the whole of what the voice should say for it.
CASES = [
    # signed numbers, with a hyphen or a real minus sign
    ("-3.8", "minus three point eight"),
    ("−3.8", "minus three point eight"),
    ("x = -3.8", "x equals minus three point eight"),
    ("+2", "plus two"),
    ("±0.5", "plus or minus zero point five"),
    ("−0.58,", "minus zero point five eight,"),
    # decimals: every written digit is said
    ("0.83", "zero point eight three"),
    ("14.945", "fourteen point nine four five"),
    ("1.00", "one point zero zero"),
    ("3.0", "three point zero"),
    ("3.", "three."),
    ("0.109;", "zero point one zero nine;"),
    (".5", "point five"),
    # thousands
    ("13,002", "thirteen thousand and two"),
    ("13,002;", "thirteen thousand and two;"),
    ("10,000", "ten thousand"),
    ("1,381.4", "one thousand three hundred and eighty-one point four"),
    ("1146", "one thousand one hundred and forty-six"),
    ("007", "zero zero seven"),
    # very small and very large
    ("0.00005", "five times ten to the minus five"),
    ("0.0000275", "two point seven five times ten to the minus five"),
    ("0.0003", "three times ten to the minus four"),
    ("-0.00005", "minus five times ten to the minus five"),
    ("2.75e-5", "two point seven five times ten to the minus five"),
    ("1e308", "one times ten to the three hundred and eight"),
    ("3,000,000", "three million"),
    ("60,000", "sixty thousand"),
    ("0.99995", "zero point four nines five"),
    ("0.9997", "zero point nine nine nine seven"),
    ("0.000", "zero point zero zero zero"),
    ("0.001", "zero point zero zero one"),
    # percentages
    ("96%", "ninety-six percent"),
    ("89.08%.", "eighty-nine point zero eight percent."),
    # plurals of digits, ordinals
    ("3s", "threes"),
    ("1s", "ones"),
    ("6s", "sixes"),
    ("5s.", "fives."),
    ("20s", "twenties"),
    ("1st", "first"),
    ("2nd", "second"),
    ("3rd", "third"),
    ("10th", "tenth"),
    ("22nd", "twenty-second"),
    # architectures, ranges, sizes, fractions
    ("784-16-16-10,", "seven hundred and eighty-four, sixteen, sixteen, ten,"),
    ("784-16-16-10", "seven hundred and eighty-four, sixteen, sixteen, ten"),
    ("0-9", "zero to nine"),
    ("0–9", "zero to nine"),
    ("28x28", "twenty-eight by twenty-eight"),
    ("28×28", "twenty-eight by twenty-eight"),
    ("28 × 28", "twenty-eight by twenty-eight"),
    ("28 x 28", "twenty-eight by twenty-eight"),
    ("3 × W", "three times W"),
    ("784 → 16", "seven hundred and eighty-four to sixteen"),
    ("a → b", "a becomes b"),
    ("3/4", "three over four"),
    ("2-D", "two-D"),
    # Greek letters and symbols, alone or attached
    ("σ", "sigma"),
    ("σ(z)", "sigma of z"),
    ("σ(−10)", "sigma of minus ten"),
    ("∇", "the gradient of"),
    ("∇C", "the gradient of C"),
    ("η", "eta"),
    ("η∇C", "eta the gradient of C"),
    ("Σ", "the sum of"),
    ("≈", "about"),
    ("≤", "at most"),
    ("≥", "at least"),
    ("≠", "is not"),
    ("±", "plus or minus"),
    ("=", "equals"),
    ("+", "plus"),
    ("−", "minus"),
    ("x²", "x squared"),
    ("·", "dot"),
    ("σ′(z)", "sigma prime of z"),
    ("∂C/∂w", "partial C over partial w"),
    # formulas; a lone "a" is an article as well as a letter, so it stays "a"
    ("a(1)", "a-one"),
    ("a(0)", "a-zero"),
    ("a(L-1)", "a-L minus one"),
    ("w(2)", "w two"),
    ("w·a", "w dot a"),
    ("W a + b", "W a plus b"),
    ("a", "a"),
    ("w[0]", "w zero"),
    ("w[0][7, 384]", "w zero, row seven, column three hundred and eighty-four"),
    ("b[1][3].", "b one, entry three."),
    ("w[1][:, 3]", "w one, every row, column three"),
    # acronyms and names, whatever their case, with plurals and possessives
    ("ReLU", "relloo"),
    ("relu", "relloo"),
    ("ReLUs", "relloos"),
    ("RELU's", "relloo's"),
    ("MNIST", "em-nist"),
    ("MNIST's", "em-nist's"),
    ("SGD", "S G D"),
    ("CPU", "C P U"),
    ("CPUs", "C P U's"),
    ("PNG", "P N G"),
    ("3Blue1Brown", "three blue one brown"),
    ("NumPy", "num pie"),
    ("PyTorch", "pie torch"),
    ("nnlib", "N N lib"),
    # the pronunciation list
    ("neuron", "newron"),
    ("Neurons.", "newrons."),
    ("neuron's", "newron's"),
    ("neuron-by-neuron", "newron-by-newron"),
    ("sigmoid", "sigmoid"),
    # plain words, brackets and quotes, unknown things, pure punctuation
    ("network", "network"),
    ("made-up", "made-up"),
    ("network's", "network's"),
    ("(the", "the"),
    ('"hello,"', "hello,"),
    ("digits).", "digits."),
    ("network—which", "network, which"),
    ("and/or", "and/or"),
    ("e.g.", "e.g."),
    ("https://example.com/a?b=1", "https://example.com/a?b=1"),
    ("½", "½"),
    ("—", ""),
    ("-", ""),
    ("", ""),
]


@pytest.mark.parametrize("written, spoken", CASES)
def test_written_narration_is_said_as_words(written, spoken):
    assert spoken_form(written) == spoken


def test_the_table_covers_enough_cases():
    assert len(CASES) >= 60


# The four sentences of the real narration, whole.
SENTENCES = [
    ("The network is 784-16-16-10, with 13,002 parameters.",
     "The network is seven hundred and eighty-four, sixteen, sixteen, ten, with thirteen thousand and two "
     "parameters."),
    ("Its cost falls from 5.15 to 0.109; it is right on 89.08% of the test digits.",
     "Its cost falls from five point one five to zero point one zero nine; it is right on eighty-nine point zero "
     "eight percent of the test digits."),
    ("At x = -3.8 the slope is −0.58, and σ(−10) ≈ 0.00005.",
     "At x equals minus three point eight the slope is minus zero point five eight, and sigma of minus ten about "
     "five times ten to the minus five."),
    ("a(1) = σ(W a(0) + b)", "a-one equals sigma of W a-zero plus b"),
]


@pytest.mark.parametrize("written, spoken", SENTENCES)
def test_real_narration_sentences(written, spoken):
    assert spoken_form(written) == spoken


@pytest.mark.parametrize("written", [w for w, _ in SENTENCES])
def test_what_the_voice_says_is_only_words_and_pauses(written):
    for words in spoken_tokens(written):
        assert re.fullmatch(r"[A-Za-z' ,.;:?!-]*", words), words


def test_each_written_token_gets_its_own_spoken_entry():
    text = "- One — two w[0][7, 384] 28 × 28, (a(1))."
    assert spoken_tokens(text) == ["", "One", "", "two", "w zero, row seven,", "column three hundred and eighty-four",
                                   "twenty-eight", "by", "twenty-eight,", "a-one."]


def test_spoken_form_joins_the_spoken_tokens_that_say_something():
    text = "Step 1 — the cost, at 0.00005 — falls."
    assert spoken_form(text) == " ".join(t for t in spoken_tokens(text) if t)
    assert "  " not in spoken_form(text)


def test_odd_inputs_stay_aligned():
    odd = ["", "   ", "\n\t", "((( )))", "[[w[0]", "w[0][", "a[ b]", "1e", "1e999999", "9" * 400,
           "0." + "0" * 50 + "1", "--verbose", "-3-5", "x=−", "σ(", ")", "…", "3rd-4th", "٣", "ﬁ", "a(123)",
           "1,2,3", "e^x^y", "/ / /", "0" * 2000 + "1s", "1" + "0" * 100 + "th",
           "1e" + "9" * 5000]
    for text in odd + [" ".join(odd)]:
        said = spoken_tokens(text)
        assert len(said) == len(text.split()) and all(isinstance(s, str) for s in said)


# Characters narration is made of, weighted towards the ones the rules read.
_TRICKY = st.sampled_from(list("0123456789,.-−–—+±e%xX×/()[]:;σ∇ΣηW a_²′'\"“”→≈=·")
                          + ["\n", "  ", "ReLU", "a(1)", "w[0][", "0.000"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_TRICKY | st.characters(), max_size=40).map("".join))
def test_any_text_keeps_one_entry_per_token_and_never_raises(text):
    said = spoken_tokens(text)
    assert len(said) == len(text.split())
    assert all(isinstance(s, str) for s in said)
    assert isinstance(spoken_form(text), str)


def test_the_pronunciation_list_is_plain_lower_case_data():
    assert PRONUNCIATIONS["neuron"] == "newron"
    for written, said in PRONUNCIATIONS.items():
        assert written == written.lower() and said.strip() == said and not re.search(r"[0-9]", said)
