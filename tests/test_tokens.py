"""Tokens found by their words (kg.nlp.tokens): the same tokens a scan of every token finds."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.nlp.tokens import LEMMA, LOWER, ORTH, positions, positions_in, where

BLANK = spacy.blank("en")

WORDS = ["The", "President", "said", "Mr", "Lan", "met", "Lan", "Mei", ".",
         "Lan", "says", "the", "president", "says", "so", "."]
LEMMAS = ["the", "president", "say", "Mr", "Lan", "meet", "Lan", "Mei", ".",
          "Lan", "say", "the", "president", "say", "so", "."]


def _doc() -> Doc:
    return Doc(BLANK.vocab, words=WORDS, lemmas=LEMMAS,
               sent_starts=[True] + [False] * 8 + [True] + [False] * 6)


def test_positions_of_each_word_in_document_order():
    doc = _doc()
    lower = positions(doc, LOWER)
    assert lower["lan"] == [4, 6, 9]
    assert lower["president"] == [1, 12]  # "President" and "president": one lower-case form
    assert positions(doc, ORTH)["President"] == [1]
    assert positions(doc, LEMMA)["say"] == [2, 10, 13]
    assert sorted(i for found in lower.values() for i in found) == list(range(len(doc)))


def test_where_finds_what_a_scan_of_every_token_finds():
    doc = _doc()
    checks = [
        (LOWER, lambda w: w in {"lan", "so"}, lambda t: t.lower_),
        (LEMMA, lambda w: w.lower() in {"say", "meet"}, lambda t: t.lemma_),
        (ORTH, lambda w: w[:1].isupper(), lambda t: t.text),
        (ORTH, lambda w: w == "absent", lambda t: t.text),
    ]
    for attr, keep, value in checks:
        assert where(doc, attr, keep) == [t.i for t in doc if keep(value(t))]


def test_positions_in_a_sentence():
    doc = _doc()
    second = list(doc.sents)[1]
    assert positions_in(positions(doc, LOWER)["lan"], second) == [9]
    assert positions_in(where(doc, LEMMA, lambda w: w == "say"), second) == [10, 13]
    assert positions_in(positions(doc, LOWER)["mei"], second) == []


def test_an_empty_document_has_no_positions():
    doc = Doc(BLANK.vocab, words=[])
    assert positions(doc, LOWER) == {}
    assert where(doc, LOWER, lambda w: True) == []
