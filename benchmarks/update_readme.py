"""Rewrite README's table of measured figures from the benchmarks' recorded results.

The benchmarks write what they measured to ``benchmarks/results/*.json`` (``--record``; ``make figures`` runs them
all). This script turns those files into the table between ``<!-- figures:start -->`` and ``<!-- figures:end -->``
in README.md, so the README says what was last measured, not what someone remembered. ``--check`` only says whether
the README is up to date (a test runs it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.recording import REPO, RESULTS, read_all  # noqa: E402

START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min"


def render_row(result: dict) -> tuple[str, str, str]:
    """A whole-explainer render (``render_scenes.py --whole``) or a set of scenes, as one table row."""
    quality = result["quality"]
    video, cpu, wall = result["video"], result["cpu"], result.get("wall")
    scenes = result["scenes"]
    what = (f"the whole narrated explainer at -q{quality}" if result.get("whole")
            else f"{len(scenes)} scenes at -q{quality}")
    if result.get("voice"):
        what += f" ({result['voice']}" + (", speech synthesised in the run)" if result.get("empty_speech_cache")
                                          else ", speech from the cache)")
    figure = (f"{len(scenes)} scenes, {minutes(video)} of video: {cpu:,.0f} s of CPU "
              f"({cpu / video:.2f}x its running time)")
    if wall is not None:
        figure += f", {wall:,.0f} s wall on {result['cores']} cores ({wall / video:.2f}x)"
    slow = sorted((s for s in scenes if s["cpu"] > 60), key=lambda s: -s["cpu"])
    if slow:
        listed = ", ".join(f"{s['name']} {s['cpu']:.0f} s / {s['video']:.0f} s ({s['cpu'] / s['video']:.2f}x)"
                           for s in slow[:6])
        more = f" and {len(slow) - 6} more" if len(slow) > 6 else ""
        unexplained = [s["name"] for s in slow if s["video"] < 60]
        figure += f". Over a minute: {listed}{more}; "
        plays = "plays" if len(unexplained) == 1 else "play"
        figure += (f"of these, {', '.join(unexplained)} {plays} for less than a minute (no reason: to be made cheaper)"
                   if unexplained else
                   "each is a narrated scene longer than a minute (the reason is printed per scene by the benchmark)")
    else:
        figure += ". Every scene under a minute"
    fastest = min(scenes, key=lambda s: s["cpu"] / s["video"])
    costliest = max(scenes, key=lambda s: s["cpu"] / s["video"])
    figure += (f"; per second of video from {fastest['cpu'] / fastest['video']:.2f}x ({fastest['name']}) to "
               f"{costliest['cpu'] / costliest['video']:.2f}x ({costliest['name']})")
    command = (f"`benchmarks/render_scenes.py --whole -q {quality}`" if result.get("whole")
               else f"`benchmarks/render_scenes.py -q {quality}`")
    if result.get("read_from"):
        command = (f"`/usr/bin/time -f 'CPU user %U sys %S wall %e' explainer render --all -q{quality} --jobs 2`, "
                   f"its output (`benchmarks/results/{result['read_from']}`) read by {command} `--from-log`")
    return what, figure, command


def training_row(result: dict) -> tuple[str, str, str]:
    rows = result["rows"]
    base = rows[0]

    def scored(row: dict) -> str:
        return "" if row.get("accuracy") is None else f", {row['accuracy']:.2%}"

    figure = (f"{base['name']}: {base['examples_per_second']:,.0f} examples a second{scored(base)}; "
              + "; ".join(f"{r['name']} {r['seconds'] / base['seconds']:.2f}x its time{scored(r)}" for r in rows[1:])
              + f" ({result['epochs']} epochs of {result['examples']:,} examples, median of {result['repeats']} "
              f"runs taken in rounds; accuracy on the {result.get('scored_on', 'test images')})")
    return "training the video's network", figure, f"`benchmarks/train_throughput.py --epochs {result['epochs']}`"


def tweaks_row(result: dict) -> tuple[str, str, str]:
    recipes = result["recipes"]
    base = recipes[0]
    figure = (f"seed {result['seed']}, {result['epochs']} epochs, scored on {result['scored_on']} (the video's recipe "
              f"took {base['seconds']:.1f} s): "
              + "; ".join(f"{r['name']} {r['accuracy']:.2%} ({r['seconds'] / base['seconds']:.2f}x the time)"
                          for r in recipes))
    return "the tweaks", figure, "`benchmarks/tweaked_recipe.py`"


def painting_row(result: dict) -> tuple[str, str, str]:
    base, ours = result["rows"]
    figure = (f"one busy 1080p frame ({result['mobjects']} mobjects): {base['name']} {base['seconds'] * 1e3:.0f} ms, "
              f"{ours['name']} {ours['seconds'] * 1e3:.0f} ms, {base['seconds'] / ours['seconds']:.2f}x as fast, the "
              f"same pixels (median of {result['repeats']}, taking turns)")
    return "painting a frame", figure, "`benchmarks/painting.py`"


def narration_row(result: dict) -> tuple[str, str, str]:
    empty, full = result["runs"][0]["seconds"], result["runs"][1]["seconds"]
    speech = result["narration_seconds"]
    rates = [s["words_a_minute"] for s in result["scenes"]]
    figure = (f"{minutes(speech)} of narration ({len(result['scenes'])} scenes) synthesised in {empty:.0f} s with an "
              f"empty cache ({empty / speech:.3f}x real time), {full:.2f} s with a full one ({empty / full:.0f}x as "
              f"fast); {min(rates):.0f}-{max(rates):.0f} spoken words a minute per scene")
    return f"the voice ({result['voice']})", figure, "`benchmarks/narration.py`"


def stillness_row(result: dict) -> tuple[str, str, str]:
    """How much of the narrated video moves (``benchmarks/stillness.py``): per chapter, then per scene."""
    target, longest = result["target_share"], result["longest_still"]
    parts = []
    for chapter in result["chapters"]:
        parts.append(f"chapter {chapter['chapter']} ({chapter['scenes']} scenes, {minutes(chapter['seconds'])}): "
                     f"picture changing {chapter['share']:.0%} of the time ({chapter['share'] / target:.2f}x the "
                     f"{target:.0%} target), {chapter['long_stills']} still stretches over {longest:.0f} s while "
                     f"the voice speaks, longest {chapter['longest']:.1f} s")
    scenes = "; ".join(f"{s['name']} {s['share']:.0%}" for s in result["scenes"])
    names = " ".join(s["name"] for s in result["scenes"])
    return ("stillness at -ql (piper)", "; ".join(parts) + f". Per scene: {scenes}",
            f"`benchmarks/stillness.py {names}`")


ROWS = {"render": render_row, "stillness": stillness_row, "narration": narration_row, "painting": painting_row, "training": training_row, "tweaks": tweaks_row}


def table(results: dict[str, dict]) -> str:
    """The markdown table of every recorded result (render results first, then painting, training and tweaks)."""
    order = {"render": 0, "stillness": 0.5, "narration": 1, "painting": 2, "training": 3, "tweaks": 4}
    lines = ["| what | figure | measured | command |", "|---|---|---|---|"]
    for name, result in sorted(results.items(), key=lambda kv: (order.get(kv[1].get("kind"), 9), kv[0])):
        make = ROWS.get(result.get("kind"))
        if make is None:
            continue
        what, figure, command = make(result)
        lines.append(f"| {what} | {figure} | {result['measured']}, {result['cores']} cores | {command} |")
    return "\n".join(lines)


def updated(readme: str, results: dict[str, dict]) -> str:
    """``readme`` with the text between the markers replaced by :func:`table`."""
    if START not in readme or END not in readme:
        raise SystemExit(f"README has no {START} ... {END} block")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{table(results)}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README's table is not the recorded one")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--readme", type=Path, default=REPO / "README.md")
    args = parser.parse_args(argv)
    readme = args.readme.read_text()
    new = updated(readme, read_all(args.results))
    if args.check:
        if new != readme:
            print("README's figures differ from benchmarks/results: run `make figures` or "
                  "`python benchmarks/update_readme.py`")
            return 1
        print("README's figures are the recorded ones")
        return 0
    if new != readme:
        from nnlib.atomic import atomic_write

        with atomic_write(args.readme) as out:
            out.write(new.encode())
        print(f"{args.readme}: figures rewritten from {args.results}")
    else:
        print(f"{args.readme}: already up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
