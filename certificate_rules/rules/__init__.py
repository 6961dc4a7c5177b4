"""Certificate rules: a declarative format (YAML or JSON, JSON Schema), a loader that names file
and line for every error, and a pure, deterministic engine that explains each decision."""

from .engine import evaluate
from .loader import load_rule, load_rule_text
from .model import Decision, NodeResult, Rule

__all__ = ["Decision", "NodeResult", "Rule", "evaluate", "load_rule", "load_rule_text"]
