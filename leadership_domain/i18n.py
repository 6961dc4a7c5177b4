"""Marking user-visible strings for translation without translating them here.

The domain package holds English source strings (characteristic names, item statements, scale
labels). It never translates: it has no locale of its own, and each consumer (an XBlock through the
Open edX i18n service, the packager at build time, the certificate renderer) knows the language.
`gettext_noop` (alias `N_`) only marks a literal so message extraction finds it, e.g.
`pybabel extract -k N_ -k gettext_noop leadership_domain`; the consumer then passes the stored
English string to its own `gettext`.
"""


def gettext_noop(message: str) -> str:
    """Return `message` unchanged; marks it for extraction into translation catalogues."""
    return message


N_ = gettext_noop
