"""What ``kg serve`` refuses to forward: SPARQL federation (``SERVICE``), unless allowed.

The Oxigraph server behind ``kg serve`` evaluates ``SERVICE <iri> { ... }`` by fetching
``iri`` itself (seen with 0.5.13): a query could make the server call any address it can
reach, loopback included. There is no switch for it, so the front server looks for the
keyword first.

The check errs on the side of refusing. The query's ``\\uXXXX``/``\\UXXXXXXXX`` escapes are
decoded first (SPARQL allows them anywhere in a query); then string literals, IRIs and
comments are blanked out, and what is left is searched for the keyword ``SERVICE`` as a
token of its own (not a variable, a prefixed name or a part of one). An unterminated string
or IRI blanks nothing, so the keyword after it is still seen.
"""

from __future__ import annotations

import re

__all__ = ["uses_service"]

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


def _decode_codepoints(query: str) -> str:
    def char(match: re.Match[str]) -> str:
        value = int(match.group(1) or match.group(2), 16)
        return chr(value) if value <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(char, query)


def uses_service(query: str) -> bool:
    """True if ``query`` may use ``SERVICE`` (federation)."""
    return _SERVICE.search(_OPAQUE.sub(" ", _decode_codepoints(query))) is not None
