"""Manim scenes drawn from nnlib, in two wings.

- ``scenes.content``: the story — the scene base, the reusable components (``scenes.content.components``) and the
  chapters, one module per scene.
- ``scenes.tool``: the tool — the ``explainer`` command, the scene registry, the options, rendering, slides and
  inspection.

Importing this package does not import manim (so ``explainer list`` and ``explainer train`` stay fast).
"""
