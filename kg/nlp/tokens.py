"""Tokens found by their words, without visiting every token in Python.

An extractor that looks for a few words ("according", a reporting verb's lemma, a role noun)
in a long document would otherwise make a ``Token`` object for each of its thousands of
tokens, and every such scan again. Here a token attribute (its lower-case form, lemma or
text) is read once per document as an array; a test on the words (``keep``) runs once per
distinct word, and only the matching tokens' positions come back, in document order.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

import numpy as np
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Span

__all__ = ["LEMMA", "LOWER", "ORTH", "positions", "positions_in", "where"]

_MEMO = "stancegraph.positions"  # doc.user_data key: {attribute: {word: positions}}


def positions(doc: Doc, attr: int = LOWER) -> dict[str, list[int]]:
    """Each distinct value of ``attr`` (``LOWER``, ``LEMMA``, ``ORTH``) in ``doc``, as a string,
    with the positions of its tokens, ascending. Made once per document and attribute."""
    memo = doc.user_data.setdefault(_MEMO, {})
    found = memo.get(attr)
    if found is None:
        values = doc.to_array(attr)
        order = np.argsort(values, kind="stable")  # positions grouped by value, each ascending
        ranked = values[order]
        cuts = (np.flatnonzero(ranked[1:] != ranked[:-1]) + 1).tolist()
        starts, ends = [0, *cuts], [*cuts, len(values)]
        strings, order_list = doc.vocab.strings, order.tolist()  # one list, sliced per value
        found = memo[attr] = {strings[int(value)]: order_list[start:end]
                              for value, start, end in zip(ranked[starts].tolist() if len(values) else [], starts, ends)}
    return found


def where(doc: Doc, attr: int, keep: Callable[[str], bool]) -> list[int]:
    """The positions of the tokens whose ``attr`` string ``keep`` accepts, ascending."""
    chosen = [group for word, group in positions(doc, attr).items() if keep(word)]
    if not chosen:
        return []
    return sorted(i for group in chosen for i in group)


def positions_in(found: Sequence[int], span: Span) -> Sequence[int]:
    """The positions of ``found`` (ascending) inside ``span``."""
    return found[bisect.bisect_left(found, span.start):bisect.bisect_left(found, span.end)]
