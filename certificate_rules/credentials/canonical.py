"""RDFC-1.0 canonical N-Quads of a JSON-LD document, with two guards pyld lacks.

* pyld 3.3 writes C0 control characters (backspace, form feed, ...) raw where RDFC-1.0 wants
  ``\\b``, ``\\f`` and ``\\uXXXX``; we run pyld's URDNA2015 with a serialiser of our own, in a
  private copy of its ``canon`` module so nobody else's pyld changes.
* pyld silently drops properties and types the contexts do not define, so a signature would not
  cover them while strict verifiers reject the credential: ``undefined_terms`` finds them.
"""

import importlib.util
import math

from pyld import jsonld
from pyld.nquads import RDF_LANGSTRING, XSD_STRING

from ..errors import CredentialError
from ..i18n import _
from .contexts import document_loader

_ECHAR = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"',
          "\\": "\\\\"}


def escape_literal(value):
    """RDFC-1.0 string escaping: ECHAR for the usual six, \\uXXXX for other C0 and DEL."""
    out = []
    for char in value:
        if char in _ECHAR:
            out.append(_ECHAR[char])
        elif char < " " or char == "\x7f":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def _term(component):
    if component["type"] == "IRI":
        return "<" + component["value"] + ">"
    return component["value"]


def serialize_quad(quad, graph_name=None):
    subject, predicate, obj = quad["subject"], quad["predicate"], quad["object"]
    parts = [_term(subject), _term(predicate)]
    if obj["type"] in ("IRI", "blank node"):
        parts.append(_term(obj))
    else:
        literal = '"' + escape_literal(obj["value"]) + '"'
        if obj["datatype"] == RDF_LANGSTRING and obj.get("language"):
            literal += "@" + obj["language"]
        elif obj["datatype"] not in (XSD_STRING, RDF_LANGSTRING):
            literal += "^^<" + obj["datatype"] + ">"
        parts.append(literal)
    graph = quad.get("name", {"value": graph_name})["value"]
    if graph is not None:
        parts.append(graph if graph.startswith("_:") else "<" + graph + ">")
    return " ".join(parts) + " .\n"


def _private_canon_module():
    spec = importlib.util.find_spec("pyld.canon")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.serialize_nquad = serialize_quad
    return module


_CANON = _private_canon_module()


def _json_ld(function, document, options):
    """pyld's errors (bad contexts, redefined protected terms...) as CredentialError."""
    try:
        return function(document, dict(options, documentLoader=document_loader))
    except jsonld.JsonLdError as exc:
        cause = exc
        while getattr(cause, "cause", None) is not None:  # the innermost says what happened
            cause = cause.cause
        reason = getattr(cause, "message", None) or str(cause).splitlines()[0]
        raise CredentialError(_("not valid JSON-LD: {reason}").format(reason=reason),
                              reason="json_ld") from None


def to_dataset(document, base=""):
    return _json_ld(jsonld.to_rdf, document, {"base": base, "produceGeneralizedRdf": False})


def canonize(document):
    """Canonical N-Quads (RDFC-1.0 / URDNA2015) of a JSON-LD document, as a string."""
    dataset = to_dataset(document)
    return _CANON.URDNA2015().main(dataset, {"format": "application/n-quads"})


_MARKER = "urn:x-certificate-rules-check:"
_BASE = "https://undefined-term.invalid/"  # relative IRIs resolve here, so we can see them


def _mark(node, path, leaves, in_context=False):
    """Copy of ``node`` with each checkable scalar replaced by a unique marker IRI."""
    if isinstance(node, dict):
        copy = {}
        for key, value in node.items():
            if key == "@context" or key in ("type", "@type", "id", "@id"):
                copy[key] = value
            else:
                copy[key] = _mark(value, path + (key,), leaves)
        return copy
    if isinstance(node, list):
        return [_mark(item, path + (index,), leaves) for index, item in enumerate(node)]
    if node is None:
        return None
    marker = f"{_MARKER}{len(leaves)}"
    leaves.append(path)
    return marker


def _expanded_problems(node, path, problems):
    """Types, ids and properties of the expanded form that are not absolute IRIs."""
    if isinstance(node, list):
        for item in node:
            _expanded_problems(item, path, problems)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "@type" and "@value" not in node:
            for type_ in value if isinstance(value, list) else [value]:
                if type_.startswith(_BASE) or ":" not in type_:
                    problems.append(("type", type_.removeprefix(_BASE)))
        elif key == "@id" and isinstance(value, str) and (value.startswith(_BASE)
                                                          or ":" not in value):
            problems.append(("id", value.removeprefix(_BASE)))
        elif not key.startswith("@") and ":" not in key:
            problems.append(("property", key))
        _expanded_problems(value, path, problems)


def undefined_terms(document):
    """Paths (tuples) of properties the contexts do not define, plus undefined types and
    relative ids; an empty list means every term is defined and the signature covers all."""
    leaves = []
    marked = _mark(document, (), leaves)
    dataset = to_dataset(marked)
    seen = set()
    for triples in dataset.values():
        for triple in triples:
            value = triple["object"]["value"]
            if value.startswith(_MARKER):
                seen.add(int(value[len(_MARKER):]))
    problems = [path for index, path in enumerate(leaves) if index not in seen]
    expanded = _json_ld(jsonld.expand, document, {"base": _BASE})
    found = []
    _expanded_problems(expanded, (), found)
    problems.extend(("@type" if kind == "type" else "@id", name) for kind, name in found)
    return problems


def unsafe_values(document, path=()):
    """Values verifiers canonicalise differently: non-zero numbers below 1e-6 in magnitude
    (jsonld.js writes "0"), non-finite numbers and C0 control characters."""
    found = []
    if isinstance(document, dict):
        for key, value in document.items():
            if key != "@context":
                found.extend(unsafe_values(value, path + (key,)))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found.extend(unsafe_values(value, path + (index,)))
    elif isinstance(document, float) and (not math.isfinite(document)
                                          or (document != 0 and abs(document) < 1e-6)):
        found.append((path, "number"))
    elif isinstance(document, str) and any(char < " " or char == "\x7f" for char in document):
        found.append((path, "control character"))
    return found
