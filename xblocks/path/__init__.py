"""The learning-path tracker's parts: progress computation, LRS status, view model."""
