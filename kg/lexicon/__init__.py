"""Lexical resources loaded from ``data/lexicon/``: gazetteer, countries, titles, cues, schemes.

Everything that names an entity or a word lives in those files; the code holds only rules.
"""

from kg.lexicon.load import Concept, GazetteerEntry, Lexicon, load_lexicon

__all__ = ["Concept", "GazetteerEntry", "Lexicon", "load_lexicon"]
