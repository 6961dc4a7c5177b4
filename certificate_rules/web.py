"""The verification page and JSON endpoint as a plain WSGI application (no web framework), so
the LRS (or any WSGI server) can mount it. Routes, relative to where it is mounted:

* ``GET /verify?id=<credential id>[&lang=fr]`` — HTML page: valid or not, and why, check by check
* ``GET /verify.json?id=<credential id>`` — the same as JSON
* ``POST /verify.json`` with a credential as the body — verify any credential we trust the key of
* ``GET /status/<name>`` — the signed Bitstring Status List credential

Templates escape by default, carry no scripts, and translate through gettext."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import parse_qs

import jinja2

from .credentials.verify import trusted_keys_from, verify_credential
from .errors import CertificateError
from .i18n import LANGUAGES, translation

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("certificate_rules", "templates"),
    autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    extensions=["jinja2.ext.i18n"])
MAX_BODY = 1_000_000


def _language(environ, query):
    requested = (query.get("lang") or [""])[0]
    if requested in LANGUAGES:
        return requested
    for part in environ.get("HTTP_ACCEPT_LANGUAGE", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return "en"


class VerificationApp:
    def __init__(self, state, *, trusted_keys, clock=None):
        """``state``: an IssuerState; ``trusted_keys``: {verification method: public key}."""
        self.state, self.trusted_keys = state, trusted_keys
        self.clock = clock or (lambda: datetime.now(UTC))

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if path == "/verify.json" and method == "POST":
            return self._verify_posted(environ, start_response)
        if path in ("/verify", "/verify.json") and method in ("GET", "HEAD"):
            return self._verify_issued(environ, query, path.endswith(".json"), start_response)
        if path.startswith("/status/") and method in ("GET", "HEAD"):
            listed = self.state.status_list_credential()
            if listed and listed["id"].rstrip("/").endswith(path):
                return _json(start_response, "200 OK", listed)
        return _json(start_response, "404 Not Found", {"error": "not found"})

    def _verify(self, credential, language=None):
        return verify_credential(credential, now=self.clock(), trusted_keys=self.trusted_keys,
                                 status_lists=self.state.status_list_credential,
                                 language=language)

    def _verify_posted(self, environ, start_response):
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length <= 0 or length > MAX_BODY:
            return _json(start_response, "400 Bad Request", {"error": "send a credential"})
        try:
            credential = json.loads(environ["wsgi.input"].read(length))
        except (ValueError, UnicodeDecodeError):
            return _json(start_response, "400 Bad Request", {"error": "not JSON"})
        return _json(start_response, "200 OK", self._verify(credential).to_dict())

    def _verify_issued(self, environ, query, as_json, start_response):
        credential_id = (query.get("id") or [""])[0]
        credential = self.state.credential(credential_id) if credential_id else None
        language = _language(environ, query)
        result = self._verify(credential, language) if credential else None
        if as_json:
            if result is None:
                return _json(start_response, "404 Not Found",
                             {"id": credential_id, "valid": False, "error": "not issued here"})
            return _json(start_response, "200 OK", result.to_dict())
        template = _ENVIRONMENT.get_template("verify.html")
        gettext = translation(language)
        _ENVIRONMENT.install_gettext_translations(gettext, newstyle=True)
        subject = (credential or {}).get("credentialSubject") or {}
        issuer = (credential or {}).get("issuer") or {}
        html = template.render(
            language=language, credential_id=credential_id, result=result,
            not_found=bool(credential_id) and credential is None,
            achievement=(subject.get("achievement") or {}).get("name"),
            issuer=issuer.get("name") if isinstance(issuer, dict) else issuer,
            valid_from=(credential or {}).get("validFrom"))
        status = "404 Not Found" if credential_id and credential is None else "200 OK"
        body = html.encode("utf-8")
        start_response(status, [("Content-Type", "text/html; charset=utf-8"),
                                ("Content-Length", str(len(body))),
                                ("Content-Security-Policy", "default-src 'none'; "
                                 "style-src 'unsafe-inline'; form-action 'self'"),
                                ("X-Content-Type-Options", "nosniff")])
        return [body]


def _json(start_response, status, data):
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(body))),
                            ("Access-Control-Allow-Origin", "*")])
    return [body]


def create_app(state_dir, issuer_file, trust_files):
    """A VerificationApp from the files the CLI uses (no private key is needed to verify)."""
    import yaml

    from .issuing import IssuerState, read_json

    issuer = yaml.safe_load(open(issuer_file, encoding="utf-8"))
    trusted = trusted_keys_from(read_json(path, {}) for path in trust_files)
    return VerificationApp(IssuerState(state_dir, key=None, issuer=issuer), trusted_keys=trusted)


def create_app_from_environment():
    """The verification app from ``CERTIFICATES_STATE_DIR``, ``CERTIFICATES_ISSUER`` and
    ``CERTIFICATES_TRUST`` (paths, several separated by the OS path separator): for a host
    such as the LRS that mounts it (``LRS_MOUNTS``)."""
    import os

    missing = [name for name in ("CERTIFICATES_STATE_DIR", "CERTIFICATES_ISSUER")
               if not os.environ.get(name)]
    if missing:
        raise CertificateError(f"set {' and '.join(missing)} to serve the verification page")
    trust = [p for p in os.environ.get("CERTIFICATES_TRUST", "").split(os.pathsep) if p]
    return create_app(os.environ["CERTIFICATES_STATE_DIR"], os.environ["CERTIFICATES_ISSUER"],
                      trust)
