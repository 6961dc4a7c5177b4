"""The ``lrs`` command: one module per command group, gathered here."""

from .main import main

__all__ = ["main"]
