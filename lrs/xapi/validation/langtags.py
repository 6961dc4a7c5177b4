"""Well-formed language tags (RFC 5646 section 2.1): the keys of every language map."""

import re
from functools import lru_cache

_ALNUM = "[a-z0-9]"
_LANGTAG = (
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"  # language, with up to 3 extlangs
    r"(?:-[a-z]{4})?"                                 # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"                    # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[a-wyz0-9](?:-{_ALNUM}{{2,8}})+)*"          # extensions
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?"                   # private use
)
_PRIVATE_USE = rf"x(?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = (
    "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux",
    "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl",
    "sgn-ch-de", "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka",
    "zh-min", "zh-min-nan", "zh-xiang",
)
_TAG = re.compile(rf"{_LANGTAG}|{_PRIVATE_USE}", re.IGNORECASE)


def _repeats_a_singleton(tag: str) -> bool:
    """'ar-a-aaa-b-bbb-a-ccc' uses the extension singleton 'a' twice: not well formed."""
    seen = set()
    for subtag in tag.lower().split("-")[1:]:
        if subtag == "x":
            break  # everything after "x" is private use
        if len(subtag) == 1:
            if subtag in seen:
                return True
            seen.add(subtag)
    return False


def is_language_tag(value) -> bool:
    if not isinstance(value, str) or len(value) > 255:  # no real tag comes close
        return False
    return _well_formed(value)


@lru_cache(maxsize=4096)  # a few dozen tags cover nearly every statement
def _well_formed(tag: str) -> bool:
    if tag.lower() in _GRANDFATHERED:
        return True
    return _TAG.fullmatch(tag) is not None and not _repeats_a_singleton(tag)
