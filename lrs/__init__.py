"""An xAPI 1.0.3 and 2.0 Learning Record Store."""

from .app import create_app

__all__ = ["create_app"]
