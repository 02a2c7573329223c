"""The text of a parsed ``Doc``, joined once.

``Doc.text`` joins every token's text on each access; extraction asks for it once per
statement, which made a long speech quadratic. The joined text is kept in the doc's
``user_data`` (the doc is not changed after parsing).
"""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "stancegraph.text"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
