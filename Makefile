# The two commands of the README:
#   make render   set everything up (system packages, .venv, the project) and render the explainer, offline
#   make test     the same set-up, then the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := libcairo2-dev libpango1.0-dev pkg-config
QUALITY ?= l
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup system-packages render test bench clean

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing system packages. Run: sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(MAKE) system-packages
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,slides]'
	touch $@

setup: $(VENV)/.installed

render: setup
	$(BIN)/explainer render --all -q $(QUALITY) --jobs $(JOBS)

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/train_throughput.py

clean:
	rm -rf $(VENV) media build *.egg-info
