"""The one error base class of the XBlocks package; every error carries its data."""


class XBlocksError(Exception):
    """Base class for every error raised by this package."""


class LRSUnavailable(XBlocksError):
    """The LRS could not be reached or answered with an error we cannot act on."""

    def __init__(self, endpoint, reason):
        super().__init__(f"LRS at {endpoint} unavailable: {reason}")
        self.endpoint = endpoint
        self.reason = reason


class AuthorInputError(XBlocksError):
    """Studio input failed validation; ``errors`` maps a field name to its messages."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors))
        self.errors = errors
