"""HTTP layer: one blueprint per xAPI resource, plus the request and response plumbing."""

from .registry import register

__all__ = ["register"]
