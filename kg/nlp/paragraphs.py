"""Paragraphs: the text the parser sees, and a sentence boundary at every paragraph break.

Hard-wrapped texts (Markdown press releases wrapped at ~72 columns) break lines inside
sentences and even inside names ("Recep Tayyip\\nErdogan"). The pipeline therefore analyses a
copy of the text of exactly the same length in which such in-paragraph line breaks, and
no-break spaces, are plain spaces: every character offset still points into the original
text, which is what the graph quotes.

A blank line always ends a paragraph. A single line break ends one only in texts whose lines
are paragraphs (most lines end with sentence-final punctuation), or before a Markdown list item.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_FINAL = tuple('.?!:"”’)]')
WRAPPED_SHARE = 0.5  # more than this share of lines ending mid-sentence: the text is wrapped
# a line break inside a paragraph, unless the next line is a Markdown list item ("-   The
# United States will ...", "* ...", "2. ..."): an item starts a new line, and a new sentence
_LONE_NEWLINE = re.compile(r"(?<![\n\r])\r?\n(?![\r\n])(?![ \t\u00a0]*(?:[-*+\u2022]|\d{1,2}[.)])[ \t\u00a0])")
_CONTINUED_LINE = re.compile(r"(?<=[^\s.?!:\"”’)\]])([ ]*\r?\n)(?=[ ]*[a-z])")
_LINE_BREAKS = re.compile("\n")
# an inline HTML tag some Markdown keeps ("**<u>Ray Jefferson, Nominee for ...</u>**"): blanked,
# so that no "u>" or ">" joins the name after it
_INLINE_TAG = re.compile(r"</?(?:u|b|i|em|strong|sup|sub|span|br|small|mark)\b[^<>\n]{0,80}>", re.IGNORECASE)
_SAME_LENGTH_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\t": " "})


def lines_are_paragraphs(text: str) -> bool:
    lines = [line.rstrip() for line in text.split("\n")[:-1] if line.strip()]
    if not lines:
        return True
    open_ended = sum(1 for line in lines if not line.endswith(SENTENCE_FINAL))
    return open_ended / len(lines) <= WRAPPED_SHARE


def analysis_text(text: str) -> str:
    """The text as the pipeline should read it; ``len(analysis_text(t)) == len(t)``."""
    plain = _INLINE_TAG.sub(lambda m: " " * len(m.group(0)), text.translate(_SAME_LENGTH_SPACES))
    if lines_are_paragraphs(plain):
        # even there, a line that stops mid-sentence and goes on in lower case is one
        # sentence ("the strongest growth in\nnearly 40 years")
        return _CONTINUED_LINE.sub(lambda m: " " * len(m.group(0)), plain)
    return _LONE_NEWLINE.sub(lambda m: " " * len(m.group(0)), plain)


class ParagraphBoundaries:
    """Starts a sentence after every line break left in the analysed text: after the token
    whose text or trailing white space holds it (found from the line breaks, not by visiting
    every token)."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        starts = doc.to_array(IDX)  # each token's first character
        last = -1
        for match in _LINE_BREAKS.finditer(text):
            i = int(np.searchsorted(starts, match.start(), side="right")) - 1
            if i != last and 0 <= i < len(doc) - 1:
                doc[i + 1].is_sent_start = True
                last = i
        return doc


@Language.factory("paragraph_boundaries")
def make_paragraph_boundaries(nlp: Language, name: str) -> ParagraphBoundaries:
    return ParagraphBoundaries()
