"""README's table of figures is written from the benchmarks' recorded results, and agrees with them."""

from __future__ import annotations

import json

from benchmarks import update_readme
from benchmarks.render_scenes import over_a_minute_reason, read_log

RENDER_LOG = """Rendering 2 scene(s) at 1080p60 with 2 job(s) into /tmp/x/1080p60/
[1/2] PixelsAsNeurons              71.5 s  ( 90.7 s of video)  /tmp/x/PixelsAsNeurons.mp4
[2/2] TrainingData                 20.0 s  ( 64.0 s of video)  /tmp/x/TrainingData.mp4
chapter 1: 2 scenes joined
CPU user 90.5 sys 3.5 wall 60.2
"""


def test_the_render_output_is_read_scene_by_scene_with_the_runs_time():
    rows, cpu, wall = read_log(RENDER_LOG)
    assert rows == [("PixelsAsNeurons", 90.7, 71.5, 71.5), ("TrainingData", 64.0, 20.0, 20.0)]
    assert (cpu, wall) == (94.0, 60.2)
    reason = over_a_minute_reason("PixelsAsNeurons", 71.5, 90.7)
    assert "0.79x" in reason and "within" in reason and "91 s" in reason


def test_a_scene_over_a_minute_that_plays_for_less_is_not_excused_by_its_narration(tmp_path):
    reason = over_a_minute_reason("RandomNetworkMess", 71.7, 57.5)
    assert "NO REASON" in reason and "narration alone" not in reason
    assert "NO REASON" not in over_a_minute_reason("PixelsAsNeurons", 71.5, 90.7)
    result = {"quality": "h", "whole": True, "video": 148.2, "cpu": 143.2, "wall": 90.0, "cores": 2,
              "scenes": [{"name": "PixelsAsNeurons", "video": 90.7, "cpu": 71.5, "wall": 71.5},
                         {"name": "RandomNetworkMess", "video": 57.5, "cpu": 71.7, "wall": 71.7}]}
    _, figure, _ = update_readme.render_row(result)
    assert "RandomNetworkMess plays for less than a minute" in figure
    assert "each is a narrated scene longer than a minute" not in figure


def test_the_table_is_built_from_the_records(tmp_path):
    records = {
        "render-qh": {"kind": "render", "measured": "2026-11-25", "cores": 2, "quality": "h", "whole": True,
                      "video": 154.7, "cpu": 94.0, "wall": 60.2,
                      "scenes": [{"name": "PixelsAsNeurons", "video": 90.7, "cpu": 71.5, "wall": 71.5},
                                 {"name": "TrainingData", "video": 64.0, "cpu": 20.0, "wall": 20.0}]},
        "tweaks": {"kind": "tweaks", "measured": "2026-11-25", "cores": 2, "seed": 0, "epochs": 30,
                   "scored_on": "10000 test images",
                   "recipes": [{"name": "video", "accuracy": 0.892, "seconds": 3.2},
                               {"name": "cross-entropy", "accuracy": 0.8929, "seconds": 2.2}]},
    }
    for name, record in records.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(record))
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{update_readme.START}\nold figures\n{update_readme.END}\n\nafter\n")
    assert update_readme.main(["--results", str(tmp_path), "--readme", str(readme), "--check"]) == 1
    assert update_readme.main(["--results", str(tmp_path), "--readme", str(readme)]) == 0
    text = readme.read_text()
    assert "old figures" not in text and text.endswith("\n\nafter\n")
    assert "94 s of CPU (0.61x its running time)" in text and "60 s wall on 2 cores (0.39x)" in text
    assert "PixelsAsNeurons 72 s / 91 s (0.79x)" in text
    assert "cross-entropy 89.29% (0.69x the time)" in text
    assert update_readme.main(["--results", str(tmp_path), "--readme", str(readme), "--check"]) == 0



def test_the_readme_shows_the_recorded_figures():
    assert update_readme.main(["--check"]) == 0, "run `python benchmarks/update_readme.py` after recording"
