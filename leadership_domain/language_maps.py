"""Language maps (xAPI-style `{"en": "...", "fr": "..."}`) and picking the best text for a reader.

Fallback order for a requested tag such as "fr-CA": the exact tag, then its primary language
("fr"), then any tag with that primary language ("fr-FR"), then the caller's fallbacks (by default
the map's own default language if given, then "en", "en-US"), then "und", then the first entry.
Matching is case-insensitive, as BCP 47 tags are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

LanguageMap = Mapping[str, str]

DEFAULT_FALLBACKS = ("en", "en-US", "en-GB")


def _primary(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


def best_language(
    language_map: LanguageMap,
    requested: str | Iterable[str] | None,
    fallbacks: Iterable[str] = DEFAULT_FALLBACKS,
) -> str | None:
    """The key of `language_map` that best serves `requested` (one tag, or tags in preference
    order such as a parsed Accept-Language); None only when the map is empty."""
    if not language_map:
        return None
    if requested is None:
        wanted: list[str] = []
    elif isinstance(requested, str):
        wanted = [requested]
    else:
        wanted = list(requested)
    by_lower = {key.lower(): key for key in language_map}
    for tag in wanted:
        if tag.lower() in by_lower:
            return by_lower[tag.lower()]
        primary = _primary(tag)
        if primary in by_lower:
            return by_lower[primary]
        for key in language_map:
            if _primary(key) == primary:
                return key
    for tag in (*fallbacks, "und"):
        if tag.lower() in by_lower:
            return by_lower[tag.lower()]
    return next(iter(language_map))


def best_text(
    language_map: LanguageMap | None,
    requested: str | Iterable[str] | None,
    fallbacks: Iterable[str] = DEFAULT_FALLBACKS,
    default: str = "",
) -> str:
    """The text of `language_map` best suited to `requested`, or `default` if the map is empty."""
    if not language_map:
        return default
    key = best_language(language_map, requested, fallbacks)
    return language_map[key] if key is not None else default
