"""The packager's one error family. Errors carry data (file, line) so that the CLI can print one
clear line and tests can assert on what went wrong."""


class PackagerError(Exception):
    """Base class: a problem the user can fix (bad source, unsafe archive, bad option)."""

    def __init__(self, message, *, file=None, line=None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self):
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return where + self.message


class SourceError(PackagerError):
    """A module, catalogue or course export that cannot be read or understood."""


class UnsafeArchiveError(PackagerError):
    """An archive that tries to escape its folder, holds links or is too large."""


class UnsafeXMLError(PackagerError):
    """XML with a DOCTYPE, entity declarations or other constructs we refuse to expand."""
