"""The story: the scene base, the reusable components, and the chapters built from them.

``scenes.content.components`` holds mobjects built from arrays (pixel grids, network diagrams, heatmaps...);
``scenes.content.base`` holds :class:`ExplainerScene`, the one base every scene derives from; each chapter is a
package with one module per scene (``scenes/content/chapter1/pixels_as_neurons.py`` holds ``PixelsAsNeurons``).
"""
