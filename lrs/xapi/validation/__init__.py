"""Statement validation for xAPI 1.0.3 and 2.0: a rule per property, errors with JSON paths."""

from .core import ValidationError
from .statement import InvalidStatement, iter_errors, validate_agent, validate_statement

__all__ = ["InvalidStatement", "ValidationError", "iter_errors", "validate_agent",
           "validate_statement"]
