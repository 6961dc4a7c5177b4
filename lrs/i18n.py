"""gettext for the operator CLI: catalogues are locale/<lang>/LC_MESSAGES/lrs.mo.

``_``/``ngettext`` use the process language (LANGUAGE/LC_ALL/LC_MESSAGES/LANG); with no
catalogue for it they return the English source strings. xAPI HTTP error bodies are API
messages and stay untranslated.

Where a count is printed, the CLI calls ``ngettext`` with the English plural as both forms
("1 statements" as before: scripts and tests read the English output); translators still
write every plural form their language has.
"""

import gettext
from pathlib import Path

DOMAIN = "lrs"
LOCALE_DIR = Path(__file__).parent / "locale"
_translation = gettext.translation(DOMAIN, LOCALE_DIR, fallback=True)


def _(message):
    return _translation.gettext(message)


def ngettext(singular, plural, count):
    return _translation.ngettext(singular, plural, count)
