"""Findings of a validation: each names the file and line, a check code and a message."""

from dataclasses import dataclass, field

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    severity: str
    code: str
    message: str

    def __str__(self):
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity} [{self.code}] {self.message}"


@dataclass
class Report:
    package: str
    format: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self):
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self):
        return [f for f in self.findings if f.severity == WARNING]

    def is_valid(self, strict=False):
        return not self.errors and not (strict and self.warnings)

    def codes(self):
        return {finding.code for finding in self.findings}
