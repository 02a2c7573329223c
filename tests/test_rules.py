"""Extraction rules on hand-built spaCy Docs: exact parses in, so each rule is tested alone."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg.extract.actors import extract_actors
from kg.extract.dates import future_period, resolve_date, resolve_dates
from kg.extract.model import DateValue
from kg.extract.positions import build_topic_matcher, extract_positions
from kg.extract.statements import extract_statements
from kg.link.linker import Linker
from kg.nlp.paragraphs import lines_are_paragraphs

BLANK = spacy.blank("en")


def make_doc(rows, ents=()):
    """rows: (word, head index, dep, pos, lemma[, trailing space]); ents: (start, end, label)."""
    words = [r[0] for r in rows]
    spaces = [r[5] if len(r) > 5 else True for r in rows]
    spaces[-1] = False
    doc = Doc(
        BLANK.vocab, words=words, spaces=spaces, heads=[r[1] for r in rows],
        deps=[r[2] for r in rows], pos=[r[3] for r in rows], lemmas=[r[4] for r in rows],
        sent_starts=[True] + [False] * (len(rows) - 1),
    )
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=l) for s, e, l in ents]
    return doc


# "Foreign Minister Wang Yi said that China supports dialogue ."
SAID = [
    ("Foreign", 1, "compound", "PROPN", "Foreign"), ("Minister", 3, "compound", "PROPN", "Minister"),
    ("Wang", 3, "compound", "PROPN", "Wang"), ("Yi", 4, "nsubj", "PROPN", "Yi"),
    ("said", 4, "ROOT", "VERB", "say"), ("that", 7, "mark", "SCONJ", "that"),
    ("China", 7, "nsubj", "PROPN", "China"), ("supports", 4, "ccomp", "VERB", "support"),
    ("dialogue", 7, "dobj", "NOUN", "dialogue", False), (".", 4, "punct", "PUNCT", "."),
]


def test_reporting_verb_gives_statement_of_its_subject(lexicon):
    doc = make_doc(SAID, ents=[(0, 4, "PERSON"), (6, 7, "GPE")])
    table = extract_actors(doc, Linker(lexicon))
    assert table.actors["person/wang-yi"].label == "Wang Yi"  # title stripped
    found = extract_statements(doc, table, lexicon)
    assert len(found) == 1
    statement = found[0]
    assert statement.speaker == "person/wang-yi" and statement.cue == "say"
    assert doc.text[statement.begin:statement.end] == "China supports dialogue"


def test_surname_and_mislabelled_surname_join_the_full_name(lexicon):
    rows = [
        ("Wang", 1, "compound", "PROPN", "Wang"), ("Yi", 2, "nsubj", "PROPN", "Yi"),
        ("spoke", 2, "ROOT", "VERB", "speak"), (".", 2, "punct", "PUNCT", ".", True),
        ("Wang", 5, "nsubj", "PROPN", "Wang"), ("left", 5, "ROOT", "VERB", "leave", False),
        (".", 5, "punct", "PUNCT", "."),
    ]
    doc = make_doc(rows, ents=[(0, 2, "PERSON"), (4, 5, "ORG")])
    table = extract_actors(doc, Linker(lexicon))
    assert {k for k, a in table.actors.items() if a.type == "Person"} == {"person/wang-yi"}
    assert table.token_actor[4] == "person/wang-yi"
    # every office the gazetteer knows for him is one state's: that is his affiliation
    assert table.actors["person/wang-yi"].affiliation == "Q148"
    assert table.mentioned == {"person/wang-yi"}


def test_title_only_mention_is_no_actor(lexicon):
    rows = [("Councilor", 1, "nsubj", "PROPN", "Councilor"), ("spoke", 1, "ROOT", "VERB", "speak")]
    doc = make_doc(rows, ents=[(0, 1, "PERSON")])
    assert extract_actors(doc, Linker(lexicon)).actors == {}


def _apposed(title_word: str):
    """ "Sam met Mira Holt , <title> of the Board ." with Mira Holt tagged ORG."""
    return make_doc([
        ("Sam", 1, "nsubj", "PROPN", "Sam"), ("met", 1, "ROOT", "VERB", "meet"),
        ("Mira", 3, "compound", "PROPN", "Mira"), ("Holt", 1, "dobj", "PROPN", "Holt", False),
        (",", 3, "punct", "PUNCT", ","), (title_word, 3, "appos", "PROPN", title_word),
        ("of", 5, "prep", "ADP", "of"), ("the", 8, "det", "DET", "the"),
        ("Board", 6, "pobj", "PROPN", "Board", False), (".", 1, "punct", "PUNCT", "."),
    ], ents=[(2, 4, "ORG")])


def test_a_name_in_apposition_with_a_title_is_a_person(lexicon):
    person = extract_actors(_apposed("Chairman"), Linker(lexicon)).actors
    assert {k: a.type for k, a in person.items()} == {"person/mira-holt": "Person"}
    # in apposition with no title, the model's body stays a body
    body = extract_actors(_apposed("Founder"), Linker(lexicon)).actors
    assert {k: a.type for k, a in body.items()} == {"organization/mira-holt": "Organization"}


def _office_or_body(head: str, tag: str):
    """ "Lee is Trade Advisor ." / "Trade Advisors" with the ORG span "Trade <head>"."""
    doc = Doc(BLANK.vocab, words=["Lee", "is", "Trade", head, "."], spaces=[True, True, True, False, False],
              heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "compound", "attr", "punct"],
              pos=["PROPN", "AUX", "PROPN", "PROPN", "PUNCT"], tags=["NNP", "VBZ", "NNP", tag, "."],
              lemmas=["Lee", "be", "Trade", head, "."])
    doc.ents = [doc.char_span(doc[2].idx, doc[3].idx + len(doc[3]), label="ORG")]
    return doc


def test_an_office_the_model_took_for_a_body_is_no_actor(lexicon):
    # a role noun as the head: "Deputy National Security Advisor for International Economics"
    assert extract_actors(_office_or_body("Advisor", "NNP"), Linker(lexicon)).actors == {}
    # the plural names those who hold it, a body ("the Joint Chiefs of Staff")
    assert set(extract_actors(_office_or_body("Advisors", "NNPS"), Linker(lexicon)).actors) == {"organization/trade-advisors"}


def test_a_demonym_in_a_persons_name_names_no_state(lexicon):
    from kg.extract.actors import _demonym_state

    # "German Gref met the German Chancellor ."
    rows = [("German", 1, "compound", "PROPN", "German"), ("Gref", 2, "nsubj", "PROPN", "Gref"),
            ("met", 2, "ROOT", "VERB", "meet"), ("the", 5, "det", "DET", "the"),
            ("German", 5, "amod", "ADJ", "german"), ("Chancellor", 2, "dobj", "PROPN", "Chancellor", False),
            (".", 2, "punct", "PUNCT", ".")]
    doc = make_doc(rows, ents=[(0, 2, "PERSON")])
    table = extract_actors(doc, Linker(lexicon))
    assert _demonym_state(doc[0], table, lexicon) is None
    assert _demonym_state(doc[4], table, lexicon) == "Germany"
    assert not any(a.type == "Country" for a in table.actors.values())


def test_a_hyphenated_name_after_a_titles_state_is_a_person(lexicon):
    # "President of Congo Denis Sassou-Nguesso spoke ." read by the model as one body
    rows = [("President", 7, "nsubj", "PROPN", "President"), ("of", 0, "prep", "ADP", "of"),
            ("Congo", 6, "compound", "PROPN", "Congo"), ("Denis", 6, "compound", "PROPN", "Denis"),
            ("Sassou", 6, "compound", "PROPN", "Sassou", False), ("-", 6, "punct", "PUNCT", "-", False),
            ("Nguesso", 1, "pobj", "PROPN", "Nguesso"), ("spoke", 7, "ROOT", "VERB", "speak", False),
            (".", 7, "punct", "PUNCT", ".")]
    doc = make_doc(rows, ents=[(2, 7, "ORG")])
    table = extract_actors(doc, Linker(lexicon))
    assert {a.label: a.type for a in table.actors.values()} == {"Congo": "Country", "Denis Sassou-Nguesso": "Person"}


def test_a_name_the_model_cut_short_of_its_head_goes_on(lexicon):
    def actors(last: str):  # "Harris met Lee Hsien <last> ." with PERSON "Lee Hsien"
        rows = [("Harris", 1, "nsubj", "PROPN", "Harris"), ("met", 1, "ROOT", "VERB", "meet"),
                ("Lee", 4, "compound", "PROPN", "Lee"), ("Hsien", 4, "compound", "PROPN", "Hsien"),
                (last, 1, "dobj", "PROPN", last, False), (".", 1, "punct", "PUNCT", ".")]
        return {a.label for a in extract_actors(make_doc(rows, ents=[(2, 4, "PERSON")]), Linker(lexicon)).actors.values()}

    assert actors("Loong") == {"Lee Hsien Loong"}
    assert actors("Administration") == {"Lee Hsien"}  # a body's word ends no name


def test_an_untagged_name_ending_an_offices_title_is_a_person(lexicon):
    def persons(words: list[str]):  # "<title words> Maxim Reshetnikov spoke .", nothing tagged
        n = len(words)
        rows = [(w, n + 1, "compound", "PROPN" if w[0].isupper() else "ADP", w) for w in words]
        rows += [("Maxim", n + 1, "compound", "PROPN", "Maxim"), ("Reshetnikov", n + 2, "nsubj", "PROPN", "Reshetnikov"),
                 ("spoke", n + 2, "ROOT", "VERB", "speak", False), (".", n + 2, "punct", "PUNCT", ".")]
        return {a.label for a in extract_actors(make_doc(rows), Linker(lexicon)).actors.values() if a.type == "Person"}

    assert persons(["Minister", "of", "Economic", "Development"]) == {"Maxim Reshetnikov"}
    # no office's title before the name, or one that does not end in a body's or office's word
    assert persons(["The", "Great", "Development"]) == set()
    assert persons(["Minister", "for", "Support", "for", "Entrepreneurship"]) == set()


def test_verified_gazetteer_name_is_linked(lexicon):
    doc = make_doc(SAID, ents=[(0, 4, "PERSON"), (6, 7, "GPE")])
    china = extract_actors(doc, Linker(lexicon)).actors["Q148"]
    assert china.qid == "Q148" and china.type == "Country"


def _positions(doc, lexicon, bounds, holder="Q148"):
    table = extract_actors(doc, Linker(lexicon))
    matcher = build_topic_matcher(BLANK.vocab, lexicon, BLANK.make_doc)
    labels = {c.iri: c.pref_label for c in lexicon.topics}
    return extract_positions(doc, bounds, holder, table, lexicon, filter_spans(matcher(doc, as_spans=True)), labels)


# "China does not agree to solve problems through sanctions ."
NOT_AGREE = [
    ("China", 3, "nsubj", "PROPN", "China"), ("does", 3, "aux", "AUX", "do"), ("not", 3, "neg", "PART", "not"),
    ("agree", 3, "ROOT", "VERB", "agree"), ("to", 5, "aux", "PART", "to"), ("solve", 3, "xcomp", "VERB", "solve"),
    ("problems", 5, "dobj", "NOUN", "problem"), ("through", 5, "prep", "ADP", "through"),
    ("sanctions", 7, "pobj", "NOUN", "sanction", False), (".", 3, "punct", "PUNCT", "."),
]


def test_negated_support_is_opposition(lexicon):
    doc = make_doc(NOT_AGREE, ents=[(0, 1, "GPE")])
    positions = _positions(doc, lexicon, (0, len(doc.text)))
    assert [(p.holder, p.stance, p.topic.label) for p in positions] == [("Q148", "Oppose", "sanctions")]


def test_question_states_no_position(lexicon):
    rows = [
        ("Does", 2, "aux", "AUX", "do"), ("China", 2, "nsubj", "PROPN", "China"),
        ("support", 2, "ROOT", "VERB", "support"), ("sanctions", 2, "dobj", "NOUN", "sanction", False),
        ("?", 2, "punct", "PUNCT", "?"),
    ]
    doc = make_doc(rows, ents=[(1, 2, "GPE")])
    assert _positions(doc, lexicon, (0, len(doc.text))) == ()


def test_topic_outside_the_scheme_is_minted(lexicon):
    rows = [
        ("China", 1, "nsubj", "PROPN", "China"), ("welcomes", 1, "ROOT", "VERB", "welcome"),
        ("the", 3, "det", "DET", "the"), ("harvest", 1, "dobj", "NOUN", "harvest", False),
        (".", 1, "punct", "PUNCT", "."),
    ]
    doc = make_doc(rows, ents=[(0, 1, "GPE")])
    (position,) = _positions(doc, lexicon, (0, len(doc.text)))
    assert position.stance == "Support" and position.topic.iri is None and position.topic.label == "harvest"


def test_minted_topic_keeps_what_its_head_is_of(lexicon):
    # "We reject the export of grain ."
    rows = [
        ("We", 1, "nsubj", "PRON", "we"), ("reject", 1, "ROOT", "VERB", "reject"),
        ("the", 3, "det", "DET", "the"), ("export", 1, "dobj", "NOUN", "export"),
        ("of", 3, "prep", "ADP", "of"), ("grain", 4, "pobj", "NOUN", "grain", False),
        (".", 1, "punct", "PUNCT", "."),
    ]
    (position,) = _positions(make_doc(rows), lexicon, (0, 27))
    # "we" is the speaker's side: the default holder
    assert (position.holder, position.stance, position.topic.label) == ("Q148", "Oppose", "export of grain")


def test_a_cue_whose_subject_is_no_actor_states_nobodys_position(lexicon):
    # "Few nations support the harvest ." / "In that way , China supports the harvest ."
    few = [
        ("Few", 1, "amod", "ADJ", "few"), ("nations", 2, "nsubj", "NOUN", "nation"),
        ("support", 2, "ROOT", "VERB", "support"), ("the", 4, "det", "DET", "the"),
        ("harvest", 2, "dobj", "NOUN", "harvest", False), (".", 2, "punct", "PUNCT", "."),
    ]
    doc = make_doc(few)
    assert _positions(doc, lexicon, (0, len(doc.text))) == ()
    fronted = [
        ("In", 5, "prep", "ADP", "in"), ("that", 2, "det", "DET", "that"), ("way", 0, "pobj", "NOUN", "way", False),
        (",", 5, "punct", "PUNCT", ","), ("China", 5, "nsubj", "PROPN", "China"),
        ("supports", 5, "ROOT", "VERB", "support"), ("the", 7, "det", "DET", "the"),
        ("harvest", 5, "dobj", "NOUN", "harvest", False), (".", 5, "punct", "PUNCT", "."),
    ]
    doc = make_doc(fronted, ents=[(4, 5, "GPE")])
    (position,) = _positions(doc, lexicon, (0, len(doc.text)))
    assert position.topic.label == "harvest"  # not "way": what comes before the cue is no object


@pytest.mark.parametrize(
    "text, doc_date, expected",
    [
        ("February 25, 2022", None, DateValue("2022-02-25", "date")),
        ("Feb 26", None, DateValue("--02-26", "gMonthDay")),
        ("Feb 26", dt.date(2022, 2, 27), DateValue("2022-02-26", "date")),
        ("Dec 30", dt.date(2022, 1, 2), DateValue("2021-12-30", "date")),
        ("on Thursday", dt.date(2022, 2, 25), DateValue("2022-02-24", "date")),
        ("on Thursday", None, None),
        ("yesterday", dt.date(2022, 3, 15), DateValue("2022-03-14", "date")),
        ("the day before yesterday", dt.date(2022, 3, 15), DateValue("2022-03-13", "date")),
        ("only ten days ago", dt.date(2018, 9, 17), DateValue("2018-09-07", "date")),
        ("3 days ago", dt.date(2022, 3, 1), DateValue("2022-02-26", "date")),
        ("a few days ago", dt.date(2022, 3, 1), None),
        ("ten days ago", None, None),
        ("March 2022", None, DateValue("2022-03", "gYearMonth")),
        ("February 30", None, None),
        ("01/08/2022", dt.date(2022, 8, 3), DateValue("2022-08-01", "date")),  # 1 August: within a month before
        ("01/08/2022", dt.date(2022, 1, 9), DateValue("2022-01-08", "date")),  # 8 January
        ("01/08/2022", None, None),  # which one? the text does not say
        ("25/08/2022", None, DateValue("2022-08-25", "date")),  # only one reading is a date
        ("April 24, 13:46 UTC+3", dt.date(2022, 4, 25), DateValue("2022-04-24", "date")),
        ("Thursday night", dt.date(2022, 2, 25), DateValue("2022-02-24", "date")),
        ("last week", dt.date(2022, 3, 16), DateValue("2022-03", "gYearMonth")),
        ("last week", dt.date(2022, 3, 2), DateValue("2022-02", "gYearMonth")),  # 21-27 February
        ("last week", dt.date(2022, 3, 9), None),  # 28 February - 6 March: no one month
        ("the 250 years", dt.date(2022, 2, 25), None),
        ("On 7-8 March", dt.date(2022, 3, 11), DateValue("2022-03-07", "date")),  # a range: its first day
        ("March 7-8, 2022", None, DateValue("2022-03-07", "date")),
        ("7-8 March", None, DateValue("--03-07", "gMonthDay")),
        ("from 26 to 28 October 2023", None, DateValue("2023-10-26", "date")),
        ("October 26 to 28, 2023", None, DateValue("2023-10-26", "date")),
        ("2022-02-26", None, DateValue("2022-02-26", "date")),  # no range
        ("last night", dt.date(2022, 2, 22), DateValue("2022-02-21", "date")),
        ("this evening", dt.date(2022, 2, 23), DateValue("2022-02-23", "date")),
        ("last night", None, None),
        ("the previous day", dt.date(2013, 3, 23), DateValue("2013-03-22", "date")),
        ("last Thursday", dt.date(2022, 3, 10), DateValue("2022-03-03", "date")),  # a Thursday: a week before
        ("last Thursday", dt.date(2022, 3, 11), DateValue("2022-03-10", "date")),
        ("next Thursday", dt.date(2022, 3, 10), None),
        ("last month", dt.date(2022, 3, 10), DateValue("2022-02", "gYearMonth")),
        ("last month", dt.date(2022, 1, 5), DateValue("2021-12", "gYearMonth")),
        ("earlier this month", dt.date(2022, 3, 10), DateValue("2022-03", "gYearMonth")),
        ("last year", dt.date(2022, 3, 10), DateValue("2021", "gYear")),
        ("earlier this week", dt.date(2022, 3, 10), DateValue("2022-03", "gYearMonth")),  # 7-10 March
        ("this week", dt.date(2022, 3, 2), None),  # 28 February - 2 March: no one month
        ("last month", None, None),
        ("in January", dt.date(2022, 3, 10), None),  # which January? the text does not say
        ("last November", dt.date(2022, 3, 17), DateValue("2021-11", "gYearMonth")),
        ("last February", dt.date(2022, 3, 17), DateValue("2022-02", "gYearMonth")),
        ("last March", dt.date(2022, 3, 17), DateValue("2021-03", "gYearMonth")),
        ("November of last year", dt.date(2022, 3, 21), DateValue("2021-11", "gYearMonth")),
        ("a few hours ago", dt.date(2022, 3, 3), DateValue("2022-03-03", "date")),
        ("an hour ago", dt.date(2022, 3, 24), DateValue("2022-03-24", "date")),
        ("a few hours ago", None, None),
    ],
)
def test_dates_resolve_only_as_far_as_supported(text, doc_date, expected):
    assert resolve_date(text, doc_date) == expected


@pytest.mark.parametrize(
    "text, doc_date, expected",
    [
        ("in December", dt.date(2022, 3, 1), "2021-12"),  # a December told in the past in March: last year's
        ("in January", dt.date(2022, 3, 10), "2022-01"),
        ("in March", dt.date(2022, 3, 10), "2022-03"),
        ("late October", dt.date(2022, 3, 23), "2021-10"),
        ("last March", dt.date(2022, 3, 17), "2021-03"),  # "last" still means the one before
        ("in December", None, None),
    ],
)
def test_a_month_alone_told_in_the_past_is_the_latest_up_to_the_documents(text, doc_date, expected):
    value = resolve_date(text, doc_date, past=True)
    assert (value.lexical if value else None) == expected


@pytest.mark.parametrize("text, expected", [
    ("next week", True), ("Next Week", True), ("later this year", True), ("in the coming days", True),
    ("the next few months", True), ("next spring", True),
    ("last week", False), ("this week", False), ("earlier this year", False), ("next Tuesday", False),
])
def test_a_time_to_come_without_a_day(text, expected):
    assert future_period(text) is expected


@pytest.mark.parametrize(
    "text, doc_date, expected",
    [
        ("February 26 and March 4, 2022 EST", None, ["2022-02-26", "2022-03-04"]),  # the year holds for both
        ("Feb 26 and Mar 4", None, ["--02-26", "--03-04"]),
        ("Feb 26 and Mar 4", dt.date(2022, 3, 24), ["2022-02-26", "2022-03-04"]),
        ("February 26", None, ["--02-26"]),
        ("Monday and Tuesday", None, []),
    ],
)
def test_several_days_in_one_expression(text, doc_date, expected):
    assert [d.lexical for d in resolve_dates(text, doc_date)] == expected


def test_inline_html_tags_are_blanked_for_the_parser():
    from kg.nlp import analysis_text

    text = "**<u>Ray Jefferson, Nominee</u>** said x < 5 and 2<sup>3</sup>."
    plain = analysis_text(text)
    assert len(plain) == len(text) and "<" not in plain.replace("x < 5", "")
    assert plain.split()[:3] == ["**", "Ray", "Jefferson,"]


def test_paragraph_detection():
    assert lines_are_paragraphs("One sentence.\nAnother one.\n")
    assert not lines_are_paragraphs("A line that is wrapped\nin the middle of a sentence\nand ends here.\n")


# "We agreed to sustain cooperation to combat terrorism ."
COMBAT = [
    ("We", 1, "nsubj", "PRON", "we"), ("agreed", 1, "ROOT", "VERB", "agree"), ("to", 3, "aux", "PART", "to"),
    ("sustain", 1, "xcomp", "VERB", "sustain"), ("cooperation", 3, "dobj", "NOUN", "cooperation"),
    ("to", 6, "aux", "PART", "to"), ("combat", 4, "acl", "VERB", "combat"),
    ("terrorism", 6, "dobj", "NOUN", "terrorism", False), (".", 1, "punct", "PUNCT", "."),
]


def test_an_opposing_word_between_cue_and_topic_turns_the_stance(lexicon):
    doc = make_doc(COMBAT)
    found = [(p.stance, p.topic.label) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    assert found == [("Oppose", "terrorism")]  # agreeing to combat terrorism opposes it


def _condemn_assault(on_head: int):
    # "We condemn this assault on the sovereignty of Iraq ." with "on" under ``on_head``
    return make_doc([
        ("We", 1, "nsubj", "PRON", "we"), ("condemn", 1, "ROOT", "VERB", "condemn"),
        ("this", 3, "det", "DET", "this"), ("assault", 1, "dobj", "NOUN", "assault"),
        ("on", on_head, "prep", "ADP", "on"), ("the", 6, "det", "DET", "the"),
        ("sovereignty", 4, "pobj", "NOUN", "sovereignty"), ("of", 6, "prep", "ADP", "of"),
        ("Iraq", 7, "pobj", "PROPN", "Iraq", False), (".", 1, "punct", "PUNCT", "."),
    ], ents=[(8, 9, "GPE")])


def test_each_turning_word_above_the_topic_turns_the_stance_once(lexicon):
    doc = _condemn_assault(on_head=3)  # "on the sovereignty" is the assault's
    found = [(p.stance, p.topic.label) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    assert ("Support", "sovereignty and territorial integrity") in found  # condemning an assault on it
    assert ("Oppose", "sovereignty and territorial integrity") not in found


def test_a_turning_word_the_parse_puts_beside_the_topic_leaves_no_stance_on_it(lexicon):
    doc = _condemn_assault(on_head=1)  # the parser hung "on the sovereignty" on "condemn"
    found = [(p.stance, p.topic.label) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    assert not any(label == "sovereignty and territorial integrity" for _, label in found), found


def _working_to(verb: str, obj: str, compound: str = "supply"):
    # "We are working to <verb> <compound> <obj> ."
    return make_doc([
        ("We", 2, "nsubj", "PRON", "we"), ("are", 2, "aux", "AUX", "be"), ("working", 2, "ROOT", "VERB", "work"),
        ("to", 4, "aux", "PART", "to"), (verb, 2, "xcomp", "VERB", verb), (compound, 6, "compound", "NOUN", compound),
        (obj, 4, "dobj", "NOUN", obj, False), (".", 2, "punct", "PUNCT", "."),
    ])


def test_an_action_the_speakers_side_works_to_take_is_supported(lexicon):
    doc = _working_to("diversify", "partnerships", "research")
    found = [(p.holder, p.stance, p.topic.label, p.rule) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    # the action with its object: supporting "research partnerships" would say less than was said
    assert found == [("Q148", "Support", "diversify research partnerships", "action")]
    doc = _working_to("diversify", "chains")  # a scheme concept that is what the action acts on
    found = [(p.stance, p.topic.label, p.rule) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    assert found == [("Support", "economy, jobs and prices", "action")]
    doc = _working_to("ease", "bottlenecks")  # a turning verb: what it acts on is opposed
    found = [(p.holder, p.stance, p.topic.label, p.rule) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    assert found == [("Q148", "Oppose", "supply bottlenecks", "duty")]


def test_an_action_in_a_relative_clause_or_of_someone_else_is_no_position(lexicon):
    # "We sanction entities seeking to buy weapons ."
    relative = make_doc([
        ("We", 1, "nsubj", "PRON", "we"), ("sanction", 1, "ROOT", "VERB", "sanction"),
        ("entities", 1, "dobj", "NOUN", "entity"), ("seeking", 2, "acl", "VERB", "seek"),
        ("to", 5, "aux", "PART", "to"), ("buy", 3, "xcomp", "VERB", "buy"),
        ("weapons", 5, "dobj", "NOUN", "weapon", False), (".", 1, "punct", "PUNCT", "."),
    ])
    assert not [p for p in _positions(relative, lexicon, (0, len(relative.text))) if p.rule == "action"]
    # "You have to forget the past ."
    addressed = make_doc([
        ("You", 1, "nsubj", "PRON", "you"), ("have", 1, "ROOT", "VERB", "have"), ("to", 3, "aux", "PART", "to"),
        ("forget", 1, "xcomp", "VERB", "forget"), ("the", 5, "det", "DET", "the"),
        ("past", 3, "dobj", "NOUN", "past", False), (".", 1, "punct", "PUNCT", "."),
    ])
    assert _positions(addressed, lexicon, (0, len(addressed.text))) == ()


def _threat(mark: str, subject: str, lemma: str, verb: str, obj: str):
    # "<mark> Russia <verb> <obj> , <subject> will impose sanctions ."
    return make_doc([
        (mark, 2, "mark", "SCONJ", mark.lower()), ("Russia", 2, "nsubj", "PROPN", "Russia"),
        (verb, 7, "advcl", "VERB", lemma), (obj, 2, "dobj", "NOUN", obj.lower(), False), (",", 7, "punct", "PUNCT", ","),
        (subject, 7, "nsubj", "PRON" if subject == "we" else "NOUN", subject.lower()),
        ("will", 7, "aux", "AUX", "will"), ("impose", 7, "ROOT", "VERB", "impose"),
        ("sanctions", 7, "dobj", "NOUN", "sanction", False), (".", 7, "punct", "PUNCT", "."),
    ], ents=[(1, 2, "GPE")])


def test_a_threatened_consequence_opposes_its_condition(lexicon):
    doc = _threat("If", "we", "invade", "invades", "Ukraine")
    found = [(p.stance, p.topic.label, p.rule) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    assert found == [("Oppose", "invade ukraine", "threat")]
    doc = _threat("Unless", "we", "withdraw", "withdraws", "troops")
    found = [(p.stance, p.topic.label, p.rule) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    assert found == [("Support", "withdraw troops", "threat")]  # what must happen to avoid it
    doc = _threat("If", "markets", "invade", "invades", "Ukraine")  # someone else's reaction: a fact
    assert _positions(doc, lexicon, (0, len(doc.text))) == ()


def test_a_participle_or_relative_clause_states_the_described_nouns_stance_not_the_speakers(lexicon):
    # "Entities supporting the war should lose access ."
    participle = make_doc([
        ("Entities", 4, "nsubj", "NOUN", "entity"), ("supporting", 0, "acl", "VERB", "support"),
        ("the", 3, "det", "DET", "the"), ("war", 1, "dobj", "NOUN", "war"),
        ("should", 5, "aux", "AUX", "should"), ("lose", 5, "ROOT", "VERB", "lose"),
        ("access", 5, "dobj", "NOUN", "access", False), (".", 5, "punct", "PUNCT", "."),
    ])
    assert not [p for p in _positions(participle, lexicon, (0, len(participle.text))) if p.topic.label == "war"]
    # "China , which supports dialogue , spoke ." : China's, whoever says it
    relative = make_doc([
        ("China", 6, "nsubj", "PROPN", "China", False), (",", 0, "punct", "PUNCT", ","),
        ("which", 3, "nsubj", "PRON", "which"), ("supports", 0, "relcl", "VERB", "support"),
        ("dialogue", 3, "dobj", "NOUN", "dialogue", False), (",", 0, "punct", "PUNCT", ","),
        ("spoke", 6, "ROOT", "VERB", "speak", False), (".", 6, "punct", "PUNCT", "."),
    ], ents=[(0, 1, "GPE")])
    found = [(p.holder, p.stance) for p in _positions(relative, lexicon, (0, len(relative.text)), holder="Q30")]
    assert found == [("Q148", "Support")]


def test_less_support_for_opposes_and_other_senses_of_a_cue_state_nothing(lexicon):
    # "We want less support for authoritarian regimes ."
    less = make_doc([
        ("We", 1, "nsubj", "PRON", "we"), ("want", 1, "ROOT", "VERB", "want"), ("less", 3, "amod", "ADJ", "less"),
        ("support", 1, "dobj", "NOUN", "support"), ("for", 3, "prep", "ADP", "for"),
        ("authoritarian", 6, "amod", "ADJ", "authoritarian"), ("regimes", 4, "pobj", "NOUN", "regime", False),
        (".", 1, "punct", "PUNCT", "."),
    ])
    found = [(p.stance, p.topic.label) for p in _positions(less, lexicon, (0, len(less.text)))]
    assert found == [("Oppose", "authoritarian regimes")]
    # "We will welcome the Chancellor ." / "We supported 63 million people ."
    welcome = make_doc([
        ("We", 2, "nsubj", "PRON", "we"), ("will", 2, "aux", "AUX", "will"), ("welcome", 2, "ROOT", "VERB", "welcome"),
        ("the", 4, "det", "DET", "the"), ("Chancellor", 2, "dobj", "PROPN", "Chancellor", False),
        (".", 2, "punct", "PUNCT", "."),
    ])
    assert _positions(welcome, lexicon, (0, len(welcome.text))) == ()
    served = make_doc([
        ("We", 1, "nsubj", "PRON", "we"), ("supported", 1, "ROOT", "VERB", "support"),
        ("63", 3, "compound", "NUM", "63"), ("million", 4, "nummod", "NUM", "million"),
        ("people", 1, "dobj", "NOUN", "people", False), (".", 1, "punct", "PUNCT", "."),
    ])
    assert _positions(served, lexicon, (0, len(served.text))) == ()


def test_a_minted_topic_below_a_turning_word_turns_the_stance(lexicon):
    # "We support efforts to end the blockade ."
    doc = make_doc([
        ("We", 1, "nsubj", "PRON", "we"), ("support", 1, "ROOT", "VERB", "support"),
        ("efforts", 1, "dobj", "NOUN", "effort"), ("to", 4, "aux", "PART", "to"), ("end", 2, "acl", "VERB", "end"),
        ("the", 6, "det", "DET", "the"), ("blockade", 4, "dobj", "NOUN", "blockade", False),
        (".", 1, "punct", "PUNCT", "."),
    ])
    found = [(p.stance, p.topic.label) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    assert found == [("Oppose", "blockade")]  # not support of the blockade, and not the vague "efforts"


def test_a_minted_topic_is_the_cues_object_not_a_manner_phrase_and_keeps_hyphenated_words(lexicon):
    # "We condemn in strongest terms the two-State plan ."
    doc = make_doc([
        ("We", 1, "nsubj", "PRON", "we"), ("condemn", 1, "ROOT", "VERB", "condemn"),
        ("in", 1, "prep", "ADP", "in"), ("strongest", 4, "amod", "ADJ", "strong"), ("terms", 2, "pobj", "NOUN", "term"),
        ("the", 9, "det", "DET", "the"), ("two", 8, "nummod", "NUM", "two", False), ("-", 8, "punct", "PUNCT", "-", False),
        ("State", 9, "compound", "NOUN", "state"), ("plan", 1, "dobj", "NOUN", "plan", False),
        (".", 1, "punct", "PUNCT", "."),
    ])
    found = [(p.stance, p.topic.label) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    assert found == [("Oppose", "two-state plan")]


def test_no_minted_topic_from_a_pronoun_object_or_a_time_and_a_vague_noun_keeps_its_clause(lexicon):
    # "We stand with them during hard times ."
    doc = make_doc([
        ("We", 1, "nsubj", "PRON", "we"), ("stand", 1, "ROOT", "VERB", "stand"), ("with", 1, "prep", "ADP", "with"),
        ("them", 2, "pobj", "PRON", "they"), ("during", 1, "prep", "ADP", "during"), ("hard", 6, "amod", "ADJ", "hard"),
        ("times", 4, "pobj", "NOUN", "time", False), (".", 1, "punct", "PUNCT", "."),
    ])
    assert _positions(doc, lexicon, (0, len(doc.text))) == ()
    # "We condemn the attempts to manipulate the media ."
    doc = make_doc([
        ("We", 1, "nsubj", "PRON", "we"), ("condemn", 1, "ROOT", "VERB", "condemn"), ("the", 3, "det", "DET", "the"),
        ("attempts", 1, "dobj", "NOUN", "attempt"), ("to", 5, "aux", "PART", "to"),
        ("manipulate", 3, "acl", "VERB", "manipulate"), ("the", 7, "det", "DET", "the"),
        ("media", 5, "dobj", "NOUN", "media", False), (".", 1, "punct", "PUNCT", "."),
    ])
    found = [(p.stance, p.topic.label) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    assert found == [("Oppose", "attempts to manipulate media")]  # not opposition to the media


def test_a_turning_verb_with_a_particle_of_another_sense_turns_nothing(lexicon):
    # "We must lift up the legislatures ." is no opposition to them
    doc = make_doc([
        ("We", 2, "nsubj", "PRON", "we"), ("must", 2, "aux", "AUX", "must"), ("lift", 2, "ROOT", "VERB", "lift"),
        ("up", 2, "prt", "ADP", "up"), ("the", 5, "det", "DET", "the"), ("legislatures", 2, "dobj", "NOUN", "legislature", False),
        (".", 2, "punct", "PUNCT", "."),
    ])
    assert not [p for p in _positions(doc, lexicon, (0, len(doc.text))) if p.stance == "Oppose"]


def test_a_hypothetical_duty_states_no_stance(lexicon):
    # "We would have to cut the programs ." / "We have to cut the programs ."
    def rows(modal):
        words = [("We", 1 + bool(modal), "nsubj", "PRON", "we")]
        if modal:
            words.append((modal, 2, "aux", "AUX", modal))
        base = len(words)
        return make_doc([*words, ("have", base, "ROOT", "VERB", "have"), ("to", base + 2, "aux", "PART", "to"),
                         ("cut", base, "xcomp", "VERB", "cut"), ("the", base + 4, "det", "DET", "the"),
                         ("programs", base + 2, "dobj", "NOUN", "program", False), (".", base, "punct", "PUNCT", ".")])
    doc = rows("would")
    assert _positions(doc, lexicon, (0, len(doc.text))) == ()
    doc = rows("")
    assert [(p.stance, p.topic.label) for p in _positions(doc, lexicon, (0, len(doc.text)))] == [("Oppose", "programs")]


def test_what_another_actor_must_do_is_the_speakers_demand(lexicon):
    # "China must support dialogue ." said for the United States: the United States' position
    doc = make_doc([
        ("China", 2, "nsubj", "PROPN", "China"), ("must", 2, "aux", "AUX", "must"), ("support", 2, "ROOT", "VERB", "support"),
        ("dialogue", 2, "dobj", "NOUN", "dialogue", False), (".", 2, "punct", "PUNCT", "."),
    ], ents=[(0, 1, "GPE")])
    found = [(p.holder, p.stance, p.topic.label) for p in _positions(doc, lexicon, (0, len(doc.text)), holder="Q30")]
    assert found == [("Q30", "Support", "dialogue")]


def test_a_participle_after_a_vague_noun_is_not_what_it_is_to_do(lexicon):
    # "We support the initiatives put forward by India ." : not "initiatives to put", nor India
    doc = make_doc([
        ("We", 1, "nsubj", "PRON", "we"), ("support", 1, "ROOT", "VERB", "support"), ("the", 3, "det", "DET", "the"),
        ("initiatives", 1, "dobj", "NOUN", "initiative"), ("put", 3, "acl", "VERB", "put"), ("forward", 4, "advmod", "ADV", "forward"),
        ("by", 4, "agent", "ADP", "by"), ("India", 6, "pobj", "PROPN", "India", False), (".", 1, "punct", "PUNCT", "."),
    ], ents=[(7, 8, "GPE")])
    found = [(p.stance, p.topic.label) for p in _positions(doc, lexicon, (0, len(doc.text)))]
    assert found == [("Support", "initiatives")]
