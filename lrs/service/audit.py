"""Who did what, for audit records (erasure, import, export): never learners' data."""

import getpass


def operator_name(given=None):
    """Who runs the command, for the audit record: as given, else the OS user."""
    if given:
        return given
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
