"""A printable PDF certificate (English or French) from a signed credential: the learner's name,
the achievement, its tier, the dates and a QR code to the verification page. DejaVu Sans is
embedded so any learner's name prints (fpdf2's core fonts are Latin-1 only)."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

import segno
from fpdf import FPDF

from .errors import CertificateError
from .i18n import translation
from .statements import parse_time

FONTS = Path(__file__).parent / "fonts"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(value, gettext):
    moment = parse_time(value)
    return gettext("{day} {month} {year}").format(day=moment.day,
                                                  month=gettext(MONTHS[moment.month - 1]),
                                                  year=moment.year)


def verification_link(verify_url, credential_id):
    return f"{verify_url}{'&' if '?' in verify_url else '?'}id={quote(credential_id, safe='')}"


def _tier_name(credential):
    subject = credential.get("credentialSubject") or {}
    results = subject.get("result") or []
    achievement = subject.get("achievement") or {}
    levels = {level["id"]: level.get("name")
              for description in achievement.get("resultDescription") or []
              for level in description.get("rubricCriterionLevel") or []}
    for result in results:
        if result.get("achievedLevel") in levels:
            return levels[result["achievedLevel"]]
    return None


def certificate_lines(credential, *, language="en"):
    """The certificate's centred lines as (text, font size, style): what the PDF prints."""
    gettext = translation(language).gettext
    subject = credential.get("credentialSubject") or {}
    achievement = subject.get("achievement") or {}
    if not achievement.get("name") or not credential.get("validFrom"):
        raise CertificateError(gettext("this is not an Open Badges achievement credential"))
    lines = [(gettext("Certificate"), 30, "B"), (gettext("This certifies that"), 14, ""),
             (subject.get("name") or gettext("the holder of this credential"), 24, "B"),
             (gettext("has earned"), 14, ""), (achievement["name"], 20, "B")]
    tier = _tier_name(credential)
    if tier:
        lines.append((gettext("Level: {tier}").format(tier=tier), 13, ""))
    issuer = credential.get("issuer") or {}
    issuer_name = issuer.get("name") if isinstance(issuer, dict) else issuer
    lines.append((gettext("Issued by {issuer} on {date}").format(
        issuer=issuer_name, date=long_date(credential["validFrom"], gettext)), 12, ""))
    if credential.get("validUntil"):
        lines.append((gettext("Valid until {date}").format(
            date=long_date(credential["validUntil"], gettext)), 12, ""))
    return lines


def render(credential, *, language="en", verify_url=None):
    """The PDF as bytes."""
    gettext = translation(language).gettext
    lines = certificate_lines(credential, language=language)
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_lang(language)
    pdf.set_title(lines[4][0])
    pdf.set_creator("certificate_rules")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(0, 94, 162)  # dark blue frame: contrast well above 4.5:1 on white
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, 277, 190)
    pdf.set_y(28)
    for index, (text, size, style) in enumerate(lines):
        pdf.set_text_color(*((0, 94, 162) if index == 0 else (20, 20, 20)))
        pdf.set_font("DejaVu", style, size)
        pdf.set_x(20)
        pdf.multi_cell(257, size * 0.5, text, align="C")
        pdf.ln(8 if index == 0 else 4)
    if verify_url:
        link = verification_link(verify_url, credential["id"])
        buffer = io.BytesIO()
        segno.make(link, error="m").save(buffer, kind="png", scale=8, border=2)
        buffer.seek(0)
        top = max(150, pdf.get_y() + 2)  # long names wrap: keep the code below the text
        size = min(40, 196 - top)
        pdf.image(buffer, x=20, y=top, w=size, h=size, alt_text=gettext("QR code: {url}").format(
            url=link), link=link)
        pdf.set_xy(65, 165)
        pdf.set_font("DejaVu", "", 9)
        pdf.set_text_color(20, 20, 20)
        pdf.multi_cell(210, 5, gettext("Verify this certificate at {url}").format(url=link),
                       link=link)
    pdf.set_xy(65, 182)
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(210, 4, gettext("Credential {id}").format(id=credential["id"]))
    return bytes(pdf.output())


def write_certificate(credential, path, *, language="en", verify_url=None):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(credential, language=language, verify_url=verify_url))
    return path
