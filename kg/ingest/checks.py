"""What a decoded text must not be, whatever file it came from: too long for the model, a
binary file that happens to decode, or an HTML page saved instead of its text."""

from __future__ import annotations

import re

__all__ = ["MAX_TEXT_CHARS", "text_problem"]

# spaCy's default ``nlp.max_length``: the parser and NER need about 1 GB of temporary memory
# per 100,000 characters, and spaCy refuses longer texts
MAX_TEXT_CHARS = 1_000_000
_HTML_PAGE = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be built, or None."""
    if len(text) > MAX_TEXT_CHARS:
        return (f"too long: {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} the spaCy model "
                "takes in one document; split it into several documents")
    nul = text.find("\x00")
    if nul >= 0:
        return f"a binary file, not text: it holds NUL characters (the first at character offset {nul})"
    if _HTML_PAGE.match(text[:4096]):
        return "an HTML page, not text: extract the article's text (without menus and markup) first"
    return None
