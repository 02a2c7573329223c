"""Evaluation of a build against the gold annotation in ``data/gold/``.

One module per layer, all sharing :mod:`kg.evaluate.score` (tp/fp/fn counts) and
:mod:`kg.evaluate.gold` (reading and checking the annotation files):

- :mod:`kg.evaluate.actors`: actors (who is mentioned in which document) and their
  Wikidata links.

Statements and positions (issue 4) and events and dates (issue 5) go in sibling modules
that read their own keys of the same annotation files (kept in ``GoldDocument.raw``).

``python -m kg.evaluate GRAPH [--gold data/gold] [--per-document] [--errors]`` prints the
report.
"""

from kg.evaluate.actors import ActorEvaluation, evaluate_actors, format_evaluation
from kg.evaluate.gold import GoldActor, GoldDocument, GoldMention, load_gold
from kg.evaluate.score import Score

__all__ = [
    "ActorEvaluation",
    "GoldActor",
    "GoldDocument",
    "GoldMention",
    "Score",
    "evaluate_actors",
    "format_evaluation",
    "load_gold",
]
