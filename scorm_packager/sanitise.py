"""Page HTML made safe for a package: no scripts, no inline handlers, nothing from the network.

Authors write Markdown or HTML; OLX brings HTML. The player's rule is no inline scripts and no
network, so <script>, <style>, on* attributes and javascript: URLs go, and remote frames/media
become plain links (opening in a new window) so the package still works offline.
"""

from html import escape

from lxml import html as lxml_html

from .player.messages import translator

DROP = {"script", "style", "object", "embed", "base", "meta", "link", "form"}
REMOTE_EMBEDS = {"iframe", "video", "audio"}


def _is_remote(url):
    return url.strip().lower().startswith(("http:", "https:", "//"))


def clean_html(fragment, language):
    """The fragment as safe HTML text."""
    if not fragment.strip():
        return ""
    _ = translator(language)
    wrapper = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for element in list(wrapper.iter()):
        if not isinstance(element.tag, str):        # comments, processing instructions
            if element.getparent() is not None:
                element.drop_tree()
            continue
        tag = element.tag.lower()
        if tag in DROP:
            element.drop_tree()
            continue
        for name in list(element.attrib):
            value = element.attrib[name]
            if name.lower().startswith("on") or value.strip().lower().startswith("javascript:"):
                del element.attrib[name]
        src = element.get("src") or _first_source(element)
        if tag in REMOTE_EMBEDS and src and _is_remote(src):
            link = lxml_html.Element("a", href=src, target="_blank", rel="noopener")
            link.text = element.get("title") or _("Video (opens in a new window)")
            link.tail = element.tail
            element.getparent().replace(element, link)
        elif tag == "iframe" and not element.get("title"):
            element.set("title", _("Embedded content"))
    inner = "".join(lxml_html.tostring(child, encoding="unicode") for child in wrapper)
    return escape(wrapper.text or "", quote=False) + inner


def _first_source(element):
    for child in element:
        if isinstance(child.tag, str) and child.tag.lower() == "source" and child.get("src"):
            return child.get("src")
    return ""
