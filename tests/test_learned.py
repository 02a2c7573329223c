"""The learned position model (kg.extract.learned): its candidate rules on hand-built Docs, its
arithmetic, its file, its place in the extractor, and its training (reproducible from the
annotations in the repository)."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest
from test_rules import make_doc

from kg.errors import ConfigError
from kg.extract.learned import (
    LinearModel,
    PositionModel,
    candidates,
    phrase,
    read_model,
    shipped_model,
)
from kg.extract.pipeline import Extractor
from kg.link.linker import Linker
from kg.resources import resource_path

REPO = Path(__file__).resolve().parents[1]

# "We must fight terrorism rather than cut aid ." (hand-built parse)
FIGHT = [
    ("We", 2, "nsubj", "PRON", "we"), ("must", 2, "aux", "AUX", "must"), ("fight", 2, "ROOT", "VERB", "fight"),
    ("terrorism", 2, "dobj", "NOUN", "terrorism"), ("rather", 5, "advmod", "ADV", "rather"),
    ("than", 2, "prep", "ADP", "than"), ("cut", 5, "pcomp", "VERB", "cut"), ("aid", 6, "dobj", "NOUN", "aid", False),
    (".", 2, "punct", "PUNCT", "."),
]

# "We will impose costs for the invasion and do not support the sanctions regime ."
COSTS = [
    ("We", 2, "nsubj", "PRON", "we"), ("will", 2, "aux", "AUX", "will"), ("impose", 2, "ROOT", "VERB", "impose"),
    ("costs", 2, "dobj", "NOUN", "cost"), ("for", 3, "prep", "ADP", "for"), ("the", 6, "det", "DET", "the"),
    ("invasion", 4, "pobj", "NOUN", "invasion"), ("and", 2, "cc", "CCONJ", "and"), ("do", 10, "aux", "AUX", "do"),
    ("not", 10, "neg", "PART", "not"), ("support", 2, "conj", "VERB", "support"), ("the", 13, "det", "DET", "the"),
    ("sanctions", 13, "compound", "NOUN", "sanction"), ("regime", 10, "dobj", "NOUN", "regime", False),
    (".", 2, "punct", "PUNCT", "."),
]


def test_a_word_a_turning_verb_or_rather_than_governs_is_no_topic_but_the_action_is(lexicon):
    doc = make_doc(FIGHT)
    found = [t.text for t in candidates(doc[:], lexicon)]
    # "fight terrorism" may be what the speaker supports; "terrorism" alone would turn it around,
    # and what comes after "rather than" is what the speaker does not want
    assert found == ["fight"], found
    assert phrase(doc[2], list(doc)).label == "fight terrorism"


def test_what_a_threatened_response_is_for_or_a_negated_verb_governs_is_no_topic(lexicon):
    doc = make_doc(COSTS)
    found = [t.text for t in candidates(doc[:], lexicon)]
    assert "invasion" not in found and "regime" not in found and "support" not in found, found
    assert "costs" in found and "impose" in found  # "impose costs" itself may still be named


def test_a_verb_without_an_object_names_no_topic(lexicon):
    doc = make_doc([
        ("We", 1, "nsubj", "PRON", "we"), ("agree", 1, "ROOT", "VERB", "agree"),
        ("on", 1, "prep", "ADP", "on"), ("trade", 2, "pobj", "NOUN", "trade", False), (".", 1, "punct", "PUNCT", "."),
    ])
    assert [t.text for t in candidates(doc[:], lexicon)] == ["trade"]
    assert phrase(doc[1], list(doc)) is None


def test_a_linear_model_gives_probabilities_that_sum_to_one():
    multi = LinearModel(("a", "b", "c"), (0.0, 1.0, -1.0), {"x": (2.0, 0.0, 0.0)})
    p = multi.probabilities(["x", "unknown"])
    assert math.isclose(sum(p), 1.0)
    assert p[0] == pytest.approx(math.exp(2) / (math.exp(2) + math.exp(1) + math.exp(-1)))
    binary = LinearModel(("no", "yes"), (-1.0,), {"x": (3.0,)})
    assert binary.probabilities(["x"])[1] == pytest.approx(1 / (1 + math.exp(-2)))
    assert binary.probabilities([])[1] == pytest.approx(1 / (1 + math.exp(1)))


def test_bands_name_the_rule_and_the_lowest_is_the_least_score():
    model = PositionModel(LinearModel(("none",), (0.0,), {}), LinearModel(("no", "yes"), (0.0,), {}),
                          0.3, (0.2, 0.4, 0.6))
    assert model.band(0.1) is None
    assert model.band(0.2) == "learned-20"
    assert model.band(0.59) == "learned-40"
    assert model.band(0.95) == "learned-60"


def test_a_malformed_model_file_names_the_file(tmp_path):
    bad = tmp_path / "positions.json"
    bad.write_text('{"stance": {"classes": ["none"]}}', encoding="utf-8")
    with pytest.raises(ConfigError, match="positions.json"):
        read_model(bad)


def _toy_model(path):
    """A model that sees a position wherever "pleased" is, about the object of "with"."""
    path.write_text(json.dumps({
        "min_position": 0.5, "bands": [0.5],
        "stance": {"classes": ["Oppose", "Support", "none"], "bias": [0.0, 0.0, 2.0],
                   "weights": {"w:pleased": [0.0, 6.0, 0.0]}},
        "topic": {"classes": ["no", "yes"], "bias": [-3.0], "weights": {"dep:pobj:with": [6.0]}},
    }), encoding="utf-8")
    return read_model(path)


@pytest.fixture(scope="module")
def extractor_with(nlp, lexicon):
    def make(model):
        return Extractor(nlp, Linker(lexicon), model)
    return make


def test_the_extractor_asks_the_model_only_where_no_rule_found_a_position(nlp, lexicon, tmp_path, extractor_with):
    model = _toy_model(tmp_path / "toy.json")
    text = ("Foreign Minister Wang Yi said that China is pleased with the trade agreement. "
            "He said that China supports dialogue with the neighbours and is pleased with that.")
    doc = nlp(text)
    found = extractor_with(model)(doc, text, None)
    positions = {s.text: [(p.stance, p.topic.label, p.rule) for p in s.positions] for s in found.statements}
    pleased = next(k for k in positions if k.startswith("China is pleased"))
    assert positions[pleased] == [("Support", "trade agreement", "learned-50")]
    supports = next(k for k in positions if k.startswith("China supports"))
    assert positions[supports] and all(rule != "learned-50" for _, _, rule in positions[supports])
    without = extractor_with(None)(doc, text, None)
    assert not next(s for s in without.statements if s.text.startswith("China is pleased")).positions


def test_the_shipped_model_is_what_training_on_the_shipped_annotations_gives():
    pytest.importorskip("sklearn")
    # the training script is the repository's, not the package's
    spec = importlib.util.spec_from_file_location("train_positions", REPO / "train" / "positions" / "train.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    train = script.train

    shipped = json.loads(resource_path("data", "models", "positions.json").read_text(encoding="utf-8"))
    again = train()
    assert again["trained_on"] == shipped["trained_on"]
    assert (again["min_position"], again["bands"]) == (shipped["min_position"], shipped["bands"])
    for part in ("stance", "topic"):
        assert again[part]["classes"] == shipped[part]["classes"]
        assert again[part]["weights"].keys() == shipped[part]["weights"].keys()
        assert again[part]["bias"] == pytest.approx(shipped[part]["bias"], abs=2e-3)
        for feature, row in shipped[part]["weights"].items():
            assert again[part]["weights"][feature] == pytest.approx(row, abs=2e-3), feature
    assert shipped_model().stance.classes == tuple(shipped["stance"]["classes"])


def test_every_annotation_names_its_statement_and_copies_its_topic():
    folder = REPO / "train" / "positions"  # the training data: in the repository, not the wheel
    chunks = sorted((folder / "annotations").glob("chunk-*.jsonl"))
    assert chunks and len(chunks) == len(list((folder / "todo").glob("chunk-*.jsonl")))
    for notes in chunks:
        rows = [json.loads(x) for x in (folder / "todo" / notes.name).read_text(encoding="utf-8").splitlines()]
        done = [json.loads(x) for x in notes.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in rows] == [d["id"] for d in done], notes
        for row, note in zip(rows, done):
            for p in note["positions"]:
                assert p["stance"] in ("Support", "Oppose", "Concern"), (notes, row["id"])
                assert p["topic"] and p["topic"] in row["text"], (notes, row["id"], p["topic"])


def test_a_learned_topic_keeps_what_its_noun_is_to_or_on_and_a_rule_topic_what_it_is_of(lexicon):
    from kg.extract.positions import minted_phrase

    # "We need access to vaccines ."
    doc = make_doc([
        ("We", 1, "nsubj", "PRON", "we"), ("need", 1, "ROOT", "VERB", "need"), ("access", 1, "dobj", "NOUN", "access"),
        ("to", 2, "prep", "ADP", "to"), ("vaccines", 3, "pobj", "NOUN", "vaccine", False), (".", 1, "punct", "PUNCT", "."),
    ])
    assert phrase(doc[2], list(doc)).label == "access to vaccines"
    assert minted_phrase(doc[2], list(doc)).label == "access"


def test_agreement_scores_a_second_reader_as_the_evaluator_scores_a_build():
    spec = importlib.util.spec_from_file_location("position_agreement", REPO / "bench" / "position_agreement.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    gold = {"doc": [
        [{"holder": "China", "stance": "Support", "topic": "dialogue"}],
        [{"holder": "China", "stance": "Oppose", "topic": "unilateral sanctions"}],
        [],
        [],
    ]}
    second = {
        "doc#0": [{"holder": "speaker", "stance": "Support", "topic": "dialogue"}],
        "doc#1": [{"holder": "speaker", "stance": "Support", "topic": "unilateral sanctions"}],  # reversed
        "doc#2": [{"holder": "speaker", "stance": "Support", "topic": "peace"}],  # where none
        "doc#3": [],
    }
    figures = script.agreement(gold, second)
    assert figures["stance"] == (1, 2) and figures["topic"] == (2, 2)
    assert figures["reversed"] == (1, 2) and figures["where none"] == (1, 2)
    # takes a position: agree on 3 of 4; chance 0.75 * 0.5 + 0.25 * 0.5 = 0.5; kappa 0.5
    assert figures["kappa x1000"] == (500, 1000)
