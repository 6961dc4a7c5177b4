"""gettext for certificate_rules: catalogues are locale/<lang>/LC_MESSAGES/certificate_rules.mo.
``_``/``ngettext`` use the process language (LANGUAGE/LC_ALL/LANG); ``translation(lang)`` gives
the catalogue of one language, for documents (PDF, pages) rendered in a chosen language."""

import functools
import gettext
from pathlib import Path

DOMAIN = "certificate_rules"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")


@functools.cache
def translation(language=None):
    languages = [language] if language else None
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True)


def _(message):
    return translation().gettext(message)


def ngettext(singular, plural, count):
    return translation().ngettext(singular, plural, count)
