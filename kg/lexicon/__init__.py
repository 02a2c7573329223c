"""Lexical resources loaded from ``data/lexicon/``: gazetteer, countries, titles, cues, schemes,
and the word lists of the extraction rules.

Everything that names an entity or a word lives in those files; the code holds only rules.
"""

from kg.lexicon.load import Concept, GazetteerEntry, Lexicon, StateItem, load_lexicon
from kg.lexicon.words import RuleWords

__all__ = ["Concept", "GazetteerEntry", "Lexicon", "RuleWords", "StateItem", "load_lexicon"]
