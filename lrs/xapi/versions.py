"""The xAPI versions this LRS speaks, and how a request names one.

A client names its version in the ``X-Experience-API-Version`` header: "1.0" or
"1.0.x" for xAPI 1.0 (answered as 1.0.3, the latest patch, as 1.0.3 requires),
"2.0" or "2.0.x" for xAPI 2.0 (IEEE 9274.1.1, answered as 2.0.0). Anything else
is refused with 400; a request that could not be placed in a version is answered
as the newest version we speak.
"""

import re

HEADER = "X-Experience-API-Version"
V1_LATEST = "1.0.3"
V2_LATEST = "2.0.0"
NEWEST = V2_LATEST
SUPPORTED = ("1.0.0", "1.0.1", "1.0.2", "1.0.3", "2.0.0")
V1_VERSIONS = ["1.0.0", "1.0.1", "1.0.2", "1.0.3"]
ABOUT_VERSIONS = [*V1_VERSIONS, V2_LATEST]

_V1 = re.compile(r"^1\.0(\.\d+)?$")
_V2 = re.compile(r"^2\.0(\.\d+)?$")


class VersionError(ValueError):
    pass


def negotiate(header_value: str | None) -> str:
    """The version a request asked for, or VersionError (the caller answers 400)."""
    if header_value is None:
        raise VersionError("missing X-Experience-API-Version header")
    value = header_value.strip()
    if _V1.match(value) or _V2.match(value):
        return value if value.count(".") == 2 else value + ".0"
    raise VersionError(
        f"unsupported X-Experience-API-Version {value!r}; this LRS speaks 1.0.x "
        f"(1.0.0 to 1.0.3) and 2.0.x"
    )


def is_v2(version: str | None) -> bool:
    return bool(version) and version.startswith("2.")


def response_version(version: str | None) -> str:
    """The version we answer in: the latest patch of the asked version, else the newest."""
    if version and _V1.match(version):
        return V1_LATEST
    return V2_LATEST


def statement_version(version: str) -> str:
    """The `version` the LRS gives a statement that arrives without one."""
    return V2_LATEST if is_v2(version) else "1.0.0"


def about_versions(version: str | None) -> list[str]:
    """The versions /about lists: a 1.0 client sees the 1.0.x line only (1.0 clients and
    the 1.0.3 test suite accept nothing else there); others see every version we speak."""
    if version and _V1.match(version):
        return list(V1_VERSIONS)
    return list(ABOUT_VERSIONS)
