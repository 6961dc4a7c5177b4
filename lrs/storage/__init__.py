from .sql import SQLStorage

__all__ = ["SQLStorage"]
