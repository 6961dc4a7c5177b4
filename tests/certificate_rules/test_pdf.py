"""PDF certificates in English and French, with the QR code to the verification page."""

import pytest

from certificate_rules.errors import CertificateError
from certificate_rules.pdf import certificate_lines, render, verification_link, write_certificate

CREDENTIAL = {
    "id": "urn:uuid:3f0c1c1e-1111-4222-8333-444455556666",
    "validFrom": "2026-03-01T10:00:00Z", "validUntil": "2028-02-29T10:00:00Z",
    "issuer": {"id": "https://learning.example.org/issuers/ssc", "name": "UN System Staff College"},
    "credentialSubject": {
        "name": "Zoë Nguyễn-Okafor",
        "achievement": {
            "id": "https://example.org/achievements/t", "name": "Extended E-Certificate",
            "resultDescription": [{"rubricCriterionLevel": [
                {"id": "https://example.org/achievements/t#tier-distinction",
                 "name": "Distinction"}]}]},
        "result": [{"achievedLevel": "https://example.org/achievements/t#tier-distinction"}]},
}
VERIFY = "https://learning.example.org/certificates/verify"


def test_english_lines_carry_name_achievement_tier_and_dates():
    texts = [text for text, _size, _style in certificate_lines(CREDENTIAL, language="en")]
    assert texts == ["Certificate", "This certifies that", "Zoë Nguyễn-Okafor", "has earned",
                     "Extended E-Certificate", "Level: Distinction",
                     "Issued by UN System Staff College on 1 March 2026",
                     "Valid until 29 February 2028"]


def test_french_lines():
    texts = [text for text, _size, _style in certificate_lines(CREDENTIAL, language="fr")]
    assert texts[0] == "Certificat" and texts[1] == "Nous certifions que"
    assert "Délivré par UN System Staff College le 1 mars 2026" in texts
    assert "Valable jusqu’au 29 février 2028" in texts
    assert "Niveau : Distinction" in texts


@pytest.mark.parametrize("language", ["en", "fr"])
def test_pdf_links_to_the_verification_page(tmp_path, language):
    path = write_certificate(CREDENTIAL, tmp_path / f"c.{language}.pdf", language=language,
                             verify_url=VERIFY)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    link = verification_link(VERIFY, CREDENTIAL["id"])
    assert link == VERIFY + "?id=urn%3Auuid%3A3f0c1c1e-1111-4222-8333-444455556666"
    assert link.encode() in data  # the QR code's and the text's link annotations
    assert f"/Lang ({language})".encode() in data


def test_not_a_credential():
    with pytest.raises(CertificateError):
        render({"id": "x"})
