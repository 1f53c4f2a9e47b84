"""The ``explainer`` command: one entry point for the whole project.

nnlib's commands (train, evaluate, download, sample) plus the scene commands (list, render, slides, inspect).
Importing this module does not import manim; the commands that need it import it when they run.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from nnlib import cli as nnlib_cli

from .registry import CHAPTER_TITLES, SCENES


def cmd_list(args: argparse.Namespace) -> int:
    chapter = None
    for info in SCENES:
        if info.chapter != chapter:
            chapter = info.chapter
            print(f"Chapter {chapter}: {CHAPTER_TITLES[chapter]}")
        print(f"  {info.name:<26} {info.description}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explainer", description="Neural-network explainer: nnlib + Manim scenes.")
    sub = parser.add_subparsers(title="commands")
    nnlib_cli.add_commands(sub)
    p = sub.add_parser("list", help="list the scenes with a one-line description each")
    p.set_defaults(func=cmd_list)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return nnlib_cli.run(build_parser(), argv)
