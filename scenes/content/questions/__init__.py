"""The questions part, beyond the videos: questions viewers ask under the originals, answered by measuring the real
network (every figure from :mod:`nnlib.questions`)."""
