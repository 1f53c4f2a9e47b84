"""The voice, measured: synthesising the whole explainer's narration with an empty cache and again with a full one
(the ratio is what the cache saves a second render), and each scene's words a minute.

    .venv/bin/python benchmarks/narration.py                     # Piper, every scene
    .venv/bin/python benchmarks/narration.py --voice espeak --chapter 1
    .venv/bin/python benchmarks/narration.py --record benchmarks/results/narration.json

The narration is gathered as ``explainer script`` gathers it (each scene run with its animations skipped), then
every beat is spoken by the engine into a fresh cache folder (timed: the empty cache), then spoken again (the
full cache). Words a minute are the spoken words (the spoken form: "13,002" is four words) over the time the scene's
narration lasts, with the pauses the scene base adds: a second before a scene's first word and after each beat.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from recording import record

from scenes.content.base import BEAT_PAUSE, LEAD_IN
from scenes.tool.registry import SCENES, scenes_of_chapter
from scenes.tool.script import build_script
from scenes.voice.engines import EspeakVoice, PiperVoice
from scenes.voice.narration import prepare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voice", choices=["piper", "espeak"], default="piper")
    parser.add_argument("--chapter", help="one part only (1, 2, extra or questions)")
    parser.add_argument("--record", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args(argv)

    infos = scenes_of_chapter(args.chapter) if args.chapter else list(SCENES)
    print(f"Gathering the narration of {len(infos)} scenes", file=sys.stderr)
    scripts = build_script(infos)
    with tempfile.TemporaryDirectory(prefix="narration-bench-") as cache:
        engine = PiperVoice(cache_dir=Path(cache)) if args.voice == "piper" else EspeakVoice(cache_dir=Path(cache))
        runs, scenes = [], []
        try:
            for attempt in ("empty cache", "full cache"):
                started, spoken_seconds = time.perf_counter(), {}
                for script in scripts:
                    total, words, written = LEAD_IN, 0, 0
                    for beat in script.beats:
                        narration = prepare(beat.text)
                        speech = engine.speak(narration, beat.id)
                        total += speech.duration + BEAT_PAUSE
                        words += len(narration.spoken_text.split())
                        written += narration.words
                    spoken_seconds[script.name] = (total, words, written)
                seconds = time.perf_counter() - started
                runs.append({"cache": attempt, "seconds": round(seconds, 2)})
                print(f"{attempt}: {seconds:.1f} s", file=sys.stderr)
        finally:
            close = getattr(engine, "close", None)
            if callable(close):
                close()
    for script in scripts:
        total, words, written = spoken_seconds[script.name]
        scenes.append({"name": script.name, "part": script.part, "seconds": round(total, 1), "words": words,
                       "words_a_minute": round(words * 60 / total, 1) if total else 0.0,
                       "written_words_a_minute": round(written * 60 / total, 1) if total else 0.0})
    speech = sum(s["seconds"] for s in scenes)
    empty, full = runs[0]["seconds"], runs[1]["seconds"]
    print(f"\n{'scene':<28}{'part':>6}{'narration s':>13}{'words':>8}{'words/min':>11}{'written/min':>13}")
    for s in scenes:
        print(f"{s['name']:<28}{s['part']:>6}{s['seconds']:>13.1f}{s['words']:>8}{s['words_a_minute']:>11.1f}"
              f"{s['written_words_a_minute']:>13.1f}")
    spoken_words = sum(s["words"] for s in scenes)
    print(f"all: {spoken_words * 60 / sum(s['seconds'] for s in scenes):.1f} spoken words a minute")
    print(f"\n{args.voice}: {speech:.0f} s of narration synthesised in {empty:.1f} s with an empty cache "
          f"({empty / speech:.3f}x real time) and {full:.2f} s with a full one: the cache is {empty / full:.0f}x "
          "as fast")
    record("narration", {"voice": args.voice, "narration_seconds": round(speech, 1), "runs": runs,
                         "scenes": scenes}, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
