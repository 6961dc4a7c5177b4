"""The one error family of certificate_rules. Every error carries the data a caller needs to
explain it (file, line, path, credential id...) besides its message."""


class CertificateError(Exception):
    """Base class: anything certificate_rules refuses, with a one-line message."""

    def __init__(self, message, **data):
        super().__init__(message)
        self.message = message
        self.data = data

    def __str__(self):
        return self.message


class RuleError(CertificateError):
    """A rule file that cannot be read, parsed or validated. ``file`` and ``line`` say where."""

    def __init__(self, message, *, file=None, line=None, path=()):
        super().__init__(message, file=file, line=line, path=tuple(path))
        self.file, self.line, self.path = file, line, tuple(path)

    def __str__(self):
        where = self.file or "<rule>"
        if self.line is not None:
            where += f":{self.line}"
        at = "/".join(str(part) for part in self.path)
        return f"{where}: {self.message}" + (f" (at {at})" if at else "")


class StatementSourceError(CertificateError):
    """An LRS that cannot be read, or an export with a bad line."""


class CredentialError(CertificateError):
    """A credential that cannot be issued safely (undefined terms, unsafe values...)."""


class KeyFileError(CertificateError):
    """A key file that is missing, malformed or readable by others."""
