"""Chapter 2: gradient descent, how neural networks learn."""
