"""Manim scenes and components drawn from nnlib.

Importing this package does not import manim (so ``explainer list`` and ``explainer train`` stay fast); the
components live in ``scenes.content.components`` and the chapters in ``scenes/chapter1.py`` and ``scenes/chapter2.py``.
"""
