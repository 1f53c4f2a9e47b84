"""The extra part, beyond the videos: the real network's cost over a slice of its parameter space."""
