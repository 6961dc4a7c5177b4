"""The result of a statement and its score."""

from .core import ValidationError, at, check_object
from .values import boolean, duration, extensions, is_number, number, string

SCORE = {"scaled": number, "raw": number, "min": number, "max": number}


def score(value, path, ctx):
    """scaled lies in [-1, 1]; min < max; raw lies between min and max (inclusive)."""
    yield from check_object(value, path, ctx, SCORE, what="a Score object")
    if not isinstance(value, dict):
        return
    numbers = {k: v for k, v in value.items() if k in SCORE and is_number(v)}
    scaled, raw = numbers.get("scaled"), numbers.get("raw")
    low, high = numbers.get("min"), numbers.get("max")
    if scaled is not None and not -1 <= scaled <= 1:
        yield ValidationError(at(path, "scaled"), f"must be between -1 and 1, not {scaled}")
    if low is not None and high is not None and not low < high:
        yield ValidationError(at(path, "min"), f"must be less than max ({high}), not {low}")
    if raw is not None and low is not None and raw < low:
        yield ValidationError(at(path, "raw"), f"must not be less than min ({low}), not {raw}")
    if raw is not None and high is not None and raw > high:
        yield ValidationError(at(path, "raw"), f"must not be more than max ({high}), not {raw}")


RESULT = {
    "score": score,
    "success": boolean,
    "completion": boolean,
    "response": string,
    "duration": duration,
    "extensions": extensions,
}


def result(value, path, ctx):
    yield from check_object(value, path, ctx, RESULT, what="a Result object")
