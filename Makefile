# Targets behind ./run.sh (the README's two commands: ./run.sh render, ./run.sh test):
#   make render   set everything up (system packages, .venv, the project) and render the explainer, offline
#   make test     the same set-up, then the whole test suite
#   make slides   the whole explainer as one offline HTML slide deck with speaker notes (output/explainer-deck.html)
#   make inspect  a PNG sheet of the shipped network's weights (output/network-sheet.png)
#   make bench    training benchmarks: throughput (installs the CPU build of PyTorch to compare) and the tweaks
#   make figures  every benchmark, recorded in benchmarks/results/, then README's table rewritten from them (long:
#                 it renders the whole explainer at -ql and at -qh)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
QUALITY ?= l
SLIDES_QUALITY ?= h
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup system-packages render slides inspect test bench figures clean

system-packages:
	./run.sh system-packages

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(MAKE) system-packages
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,slides,voice]'
	touch $@

setup: $(VENV)/.installed

render: setup
	$(BIN)/explainer render --all -q $(QUALITY) --jobs $(JOBS)

slides: setup
	mkdir -p output
	$(BIN)/explainer slides --all -q $(SLIDES_QUALITY) --jobs $(JOBS) --deck output/explainer-deck.html

inspect: setup
	mkdir -p output
	$(BIN)/explainer inspect assets/network.npz -o output/network-sheet.png

# The suite on every core (pytest-xdist), each test file whole on one worker so its shared renders are made once.
test: setup
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

bench: setup
	$(BIN)/pip install -q -e '.[bench]' || echo "PyTorch could not be installed; the benchmark skips it"
	$(BIN)/python benchmarks/train_throughput.py
	$(BIN)/python benchmarks/tweaked_recipe.py

figures: setup
	$(BIN)/pip install -q -e '.[bench]' || echo "PyTorch could not be installed; the benchmark skips it"
	mkdir -p benchmarks/results
	$(BIN)/python benchmarks/train_throughput.py --epochs 30 --record benchmarks/results/training.json
	$(BIN)/python benchmarks/tweaked_recipe.py --record benchmarks/results/tweaks.json
	$(BIN)/python benchmarks/painting.py --record benchmarks/results/painting.json
	$(BIN)/python benchmarks/narration.py --record benchmarks/results/narration.json
	$(BIN)/python benchmarks/render_scenes.py --whole -q l --empty-speech-cache --record benchmarks/results/render-ql.json
	$(BIN)/python benchmarks/render_scenes.py --whole -q h --record benchmarks/results/render-qh.json
	$(BIN)/python benchmarks/update_readme.py

clean:
	rm -rf $(VENV) media build *.egg-info
