"""``kg gazetteer import``: Wikidata entities (a JSON dump extract or a SPARQL result) merged
into a user gazetteer TSV.

- ``read``: which reader a file needs (``iter_wikidata_entities``), and the formats;
  ``dump``, ``sparql``, ``sparql_table``, ``sparql_json``: the readers; ``files``: opening.
- ``entity``: the record they yield (``ImportedEntity``); ``values``: QIDs, times, English.
- ``classes``: the gazetteer type of an entity (``data/lexicon/wikidata-classes.tsv``).
- ``merge``: ``merge_into_gazetteer``; ``table``: the gazetteer's rows and their rewrite,
  read through the lexicon's one gazetteer reader; ``report``: what a merge did.
"""

from kg.gazetteer.classes import load_wikidata_classes, type_from_classes
from kg.gazetteer.entity import ImportedEntity
from kg.gazetteer.merge import merge_into_gazetteer
from kg.gazetteer.read import iter_wikidata_entities
from kg.gazetteer.report import GazetteerMergeReport
from kg.gazetteer.values import parse_time, qid_of

__all__ = [
    "GazetteerMergeReport",
    "ImportedEntity",
    "iter_wikidata_entities",
    "load_wikidata_classes",
    "merge_into_gazetteer",
    "parse_time",
    "qid_of",
    "type_from_classes",
]
