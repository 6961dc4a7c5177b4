"""The JSON-LD contexts credentials use, shipped as files and served by a document loader that
never touches the network: an unknown context URL is an error, not a download."""

import functools
import json
from pathlib import Path

from ..errors import CredentialError
from ..i18n import _

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
VC_EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"

_DIRECTORY = Path(__file__).resolve().parent.parent / "contexts"
_FILES = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3P0: "ob-v3p0-3.0.3.jsonld",
    VC_EXAMPLES_V2: "credentials-examples-v2.jsonld",
}


@functools.cache
def _document(url):
    return json.loads((_DIRECTORY / _FILES[url]).read_text(encoding="utf-8"))


def document_loader(url, options=None):
    """pyld document loader over the shipped files only."""
    if url not in _FILES:
        raise CredentialError(_("unknown JSON-LD context {url}: only shipped contexts are "
                                "loaded, never the network").format(url=url), url=url)
    return {"contextUrl": None, "documentUrl": url, "document": _document(url)}
