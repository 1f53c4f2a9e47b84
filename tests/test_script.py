"""`explainer script`: the narration, beat by beat, with the ids the scene base and --voice recordings use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scenes.content.chapter1.one_hidden_neuron import OneHiddenNeuron
from scenes.tool.cli import main
from scenes.tool.script import scene_narration
from tests.scene_rendering import render_scene

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The script of two chapter-1 scenes, written into a folder (Markdown and JSON)."""
    out = tmp_path_factory.mktemp("script") / "script"
    code = main(["script", "FirstLayerHeatmaps", "OneHiddenNeuron", "-o", str(out)])
    return code, out


def test_the_folder_gets_markdown_and_json_with_every_beat_in_narrative_order(written):
    code, out = written
    assert code == 0
    data = json.loads((out / "script.json").read_text())
    assert [s["name"] for s in data["scenes"]] == ["OneHiddenNeuron", "FirstLayerHeatmaps"]  # registry order
    for scene in data["scenes"]:
        ids = [b["id"] for b in scene["beats"]]
        assert ids == [f"{scene['name']}-{i:02d}" for i in range(1, len(ids) + 1)] and len(ids) >= 3
        assert all(len(b["text"].split()) == b["words"] > 5 for b in scene["beats"])
    assert data["words"] == sum(b["words"] for s in data["scenes"] for b in s["beats"])
    markdown = (out / "script.md").read_text()
    beats = [b for s in data["scenes"] for b in s["beats"]]
    positions = [markdown.index(f"**{b['id']}**") for b in beats]
    assert positions == sorted(positions)
    for beat in beats:  # every beat's words follow its id, to be read aloud
        assert markdown.index(beat["text"]) > markdown.index(f"**{beat['id']}**")


def test_the_script_says_what_the_rendered_scene_says_with_the_same_ids(written):
    _, out = written
    data = json.loads((out / "script.json").read_text())
    scripted = next(s for s in data["scenes"] if s["name"] == "OneHiddenNeuron")["beats"]
    scene, _ = render_scene(OneHiddenNeuron, width=160)
    assert [(b.id, b.text) for b in scene.beats] == [(b["id"], b["text"]) for b in scripted]


def test_the_narration_follows_the_options_like_the_film(capsys):
    from scenes.content.chapter1.pixels_as_neurons import PixelsAsNeurons

    default = scene_narration(PixelsAsNeurons)
    assert main(["script", "PixelsAsNeurons", "--digit", "7", "--format", "json"]) == 0  # JSON on stdout
    data = json.loads(capsys.readouterr().out)
    seven = data["scenes"][0]["beats"]
    assert [b.id for b in default] == [b["id"] for b in seven]
    assert "a 3" in default[0].text and "a 7" in seven[0]["text"] and "a 3" not in seven[0]["text"]
    assert data["options"]["digit"] == 7


def test_bad_requests_are_one_line_errors(tmp_path, capsys):
    assert main(["script", "OneHiddenNeuron", "--format", "json", "-o", str(tmp_path / "s.md")]) == 2
    assert main(["script", "NoSuchScene"]) == 2
    assert main(["script", "--chapter", "7"]) == 2
    assert main(["script", "OneHiddenNeuron", "-o", str(tmp_path / "missing" / "s.md")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 4 and all(line.startswith("error: ") for line in err)
    assert "Traceback" not in "\n".join(err) and not (tmp_path / "s.md").exists()
