"""What a SPARQL query's text says before it is run: whether it uses federation
(``SERVICE``), declares its own dataset (``FROM`` / ``FROM NAMED``) or holds relative IRIs.

- ``SERVICE``: the Oxigraph server behind ``kg serve`` evaluates ``SERVICE <iri> { ... }`` by
  fetching ``iri`` itself (seen with 0.5.13): a query could make the server call any address
  it can reach, loopback included. The front server looks for the keyword first, and the
  check errs on the side of refusing (the server also runs unable to open a connection,
  kg.serve.backend).
- ``FROM``: a query that names its dataset is answered over that dataset (SPARQL 1.1 Query
  §13.2); only a query that names none gets the union of the graphs as its default graph.
- Relative IRIs are resolved against the endpoint's public address, not the address of the
  server behind it.

The text is read the same way for all three. The query's ``\\uXXXX``/``\\UXXXXXXXX`` escapes are
decoded first (SPARQL allows them anywhere in a query); then string literals, IRIs and
comments are blanked out, and what is left is searched for the keyword ``SERVICE`` as a
token of its own (not a variable, a prefixed name or a part of one). An unterminated string
or IRI blanks nothing, so the keyword after it is still seen.
"""

from __future__ import annotations

import re

__all__ = ["declares_dataset", "has_relative_iri", "uses_service"]

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# what can hide the keyword: strings (long forms first), IRIs (no spaces inside: the SPARQL
# IRIREF production), comments (to the end of the line)
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.DOTALL,
)
# the keyword, not inside a name: prefixed names and variables use these characters around it
_SERVICE = re.compile(r"(?<![\w?$:.\-])service(?![\w:\-])", re.IGNORECASE)
_FROM = re.compile(r"(?<![\w?$:.\-])from(?![\w:\-])", re.IGNORECASE)
# an absolute IRI starts with a scheme (RFC 3986 §3.1)
_ABSOLUTE = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*:")


def _decode_codepoints(query: str) -> str:
    def char(match: re.Match[str]) -> str:
        value = int(match.group(1) or match.group(2), 16)
        return chr(value) if value <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(char, query)


def _code(query: str) -> str:
    """The query's keywords and names: escapes decoded, strings, IRIs and comments blanked."""
    return _OPAQUE.sub(" ", _decode_codepoints(query))


def uses_service(query: str) -> bool:
    """True if ``query`` may use ``SERVICE`` (federation)."""
    return _SERVICE.search(_code(query)) is not None


def declares_dataset(query: str) -> bool:
    """True if ``query`` has a dataset clause (``FROM`` or ``FROM NAMED``)."""
    return _FROM.search(_code(query)) is not None


def has_relative_iri(query: str) -> bool:
    """True if ``query`` may hold a relative IRI reference (``<>``, ``<doc/1>``, ...).
    A comparison written without spaces (``?a<1&&?b>2``) reads as one too: resolving it
    against a base changes nothing."""
    return any(m.group(0).startswith("<") and not _ABSOLUTE.match(m.group(0))
               for m in _OPAQUE.finditer(_decode_codepoints(query)))
