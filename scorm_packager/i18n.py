"""gettext for every user-visible string of the packager (CLI messages, reports, player page)."""

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
_translation = gettext.translation("scorm_packager", LOCALE_DIR, fallback=True)


def _(message):
    return _translation.gettext(message)


def ngettext(singular, plural, count):
    return _translation.ngettext(singular, plural, count)
