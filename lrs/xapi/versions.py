"""The xAPI versions this LRS speaks, and how a request names one."""

SUPPORTED = ("1.0.0", "1.0.1", "1.0.2", "1.0.3", "2.0.0")
ABOUT_VERSIONS = ["1.0.3", "2.0.0"]
HEADER = "X-Experience-API-Version"


class VersionError(ValueError):
    pass


def negotiate(header_value: str | None) -> str:
    """The version a request asked for, or VersionError (the caller answers 400)."""
    if header_value is None:
        raise VersionError("missing X-Experience-API-Version header")
    value = header_value.strip()
    if value in SUPPORTED:
        return value
    raise VersionError(
        f"unsupported X-Experience-API-Version {value!r}; supported: {', '.join(SUPPORTED)}"
    )


def is_v2(version: str) -> bool:
    return version.startswith("2.")


def response_version(version: str) -> str:
    """The version we answer in: the newest patch of the asked minor version."""
    return "2.0.0" if is_v2(version) else "1.0.3"
