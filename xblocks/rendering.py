"""Templates beside the blocks (jinja2, autoescaped) with the runtime's i18n service.

Templates call ``_("...")`` or ``{% trans %}``; both go to the i18n service of the block being
rendered, so a translation added later reaches every string. Learner-provided text is escaped by
autoescape; nothing is marked safe except markup built here from escaped parts.
"""

import jinja2

ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("xblocks", "templates"),
    autoescape=True,
    extensions=["jinja2.ext.i18n"],
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,
)
RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "yi"}


def language_of(i18n):
    """The active language tag (``en`` when the runtime does not say)."""
    try:
        language = i18n.get_language()
    except AttributeError:
        language = None
    return language or "en"


def direction_of(language):
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def render(template_name, i18n, **context):
    """Render ``template_name`` with ``_``, ``gettext``, ``ngettext``, ``lang`` and ``dir``."""
    language = language_of(i18n)
    return ENVIRONMENT.get_template(template_name).render(
        _=i18n.gettext, gettext=i18n.gettext, ngettext=i18n.ngettext,
        lang=language, dir=direction_of(language), **context)
