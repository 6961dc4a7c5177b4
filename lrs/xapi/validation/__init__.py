from .statement import InvalidStatement, iter_errors, validate_agent, validate_statement

__all__ = ["InvalidStatement", "iter_errors", "validate_agent", "validate_statement"]
