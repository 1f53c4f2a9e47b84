"""The tool: the ``explainer`` command, the scene registry, the options, rendering, slides and inspection.

Nothing in this wing draws anything; importing it does not import manim (only the render worker process does).
"""
