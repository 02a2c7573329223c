"""Actor rules on hand-built Docs, and linking decisions on the shipped lexicon."""

from __future__ import annotations

import datetime as dt

import pytest
from test_rules import make_doc

from kg.extract.actors import extract_actors
from kg.extract.model import Actor, DocumentExtraction
from kg.graph import GraphBuilder
from kg.ingest import Document
from kg.link.linker import ASSERT_AT, Linker, Reviewed

# "The Chinese Foreign Minister spoke ."
TITLE_ONLY = [
    ("The", 3, "det", "DET", "the"), ("Chinese", 3, "amod", "ADJ", "chinese"),
    ("Foreign", 3, "compound", "PROPN", "Foreign"), ("Minister", 4, "nsubj", "PROPN", "Minister"),
    ("spoke", 4, "ROOT", "VERB", "speak", False), (".", 4, "punct", "PUNCT", "."),
]


def test_title_resolves_to_the_office_holder_at_the_document_date(lexicon):
    doc = make_doc(TITLE_ONLY, ents=[(1, 2, "NORP")])
    table = extract_actors(doc, Linker(lexicon), dt.date(2022, 2, 25))
    assert table.token_actor.get(3) == "person/wang-yi"


@pytest.mark.parametrize("day", [None, dt.date(2023, 2, 1)])
def test_title_stays_unresolved_without_date_or_holder(lexicon, day):
    # no date: no guess; 2023-02-01: between two terms of the office (nobody in the gazetteer)
    doc = make_doc(TITLE_ONLY, ents=[(1, 2, "NORP")])
    assert extract_actors(doc, Linker(lexicon), day).token_actor.get(3) is None


def test_title_resolves_to_the_person_of_the_document_holding_it(lexicon):
    rows = [
        ("Russian", 3, "amod", "ADJ", "russian"), ("Foreign", 2, "compound", "PROPN", "Foreign"),
        ("Minister", 4, "compound", "PROPN", "Minister"), ("Sergey", 4, "compound", "PROPN", "Sergey"),
        ("Lavrov", 5, "nsubj", "PROPN", "Lavrov"), ("spoke", 5, "ROOT", "VERB", "speak", False),
        (".", 5, "punct", "PUNCT", ".", True),
        ("The", 9, "det", "DET", "the"), ("Russian", 9, "amod", "ADJ", "russian"),
        ("minister", 10, "nsubj", "NOUN", "minister"), ("left", 10, "ROOT", "VERB", "leave", False),
        (".", 10, "punct", "PUNCT", "."),
    ]
    doc = make_doc(rows, ents=[(0, 1, "NORP"), (3, 5, "PERSON"), (8, 9, "NORP")])
    table = extract_actors(doc, Linker(lexicon))
    assert table.token_actor.get(9) == "Q58217"
    assert table.actors["Q58217"].affiliation == "Q159"


def test_capital_as_subject_is_the_state_and_as_place_is_a_place(lexicon):
    rows = [
        ("Moscow", 1, "nsubj", "PROPN", "Moscow"), ("said", 1, "ROOT", "VERB", "say"),
        ("it", 3, "nsubj", "PRON", "it"), ("met", 1, "ccomp", "VERB", "meet"),
        ("in", 3, "prep", "ADP", "in"), ("Beijing", 4, "pobj", "PROPN", "Beijing", False),
        (".", 1, "punct", "PUNCT", "."),
    ]
    doc = make_doc(rows, ents=[(0, 1, "GPE"), (5, 6, "GPE")])
    table = extract_actors(doc, Linker(lexicon))
    assert table.token_actor.get(0) == "Q159"  # Russia
    assert table.token_place.get(5) == "place/Q956" and 5 not in table.token_actor


def test_misspelt_capital_addressed_is_the_state(lexicon):
    rows = [
        ("We", 1, "nsubj", "PRON", "we"), ("wrote", 1, "ROOT", "VERB", "write"),
        ("to", 1, "prep", "ADP", "to"), ("Bejing", 2, "pobj", "PROPN", "Bejing", False),
        (".", 1, "punct", "PUNCT", "."),
    ]
    doc = make_doc(rows, ents=[(3, 4, "PERSON")])
    assert extract_actors(doc, Linker(lexicon)).token_actor.get(3) == "Q148"


def test_surname_links_only_with_a_title(lexicon):
    titled = Linker(lexicon).link("Person", "Truss", ["Truss"], [], title=["foreign", "secretary"])
    bare = Linker(lexicon).link("Person", "Truss", ["Truss"], [])
    assert titled.qid == "Q272201" and titled.label == "Liz Truss"
    assert bare.qid is None and bare.candidates and bare.candidates[0].confidence < ASSERT_AT


def test_a_state_links_through_the_state_table_and_a_shared_name_needs_evidence(lexicon):
    # "Poland" has 4 QIDs in the ELEVANT list; state-qids.tsv gives the state's item
    assert Linker(lexicon).link("Country", "Poland", ["Poland"], []).qid == "Q36"
    italy = Linker(lexicon).link("Country", "Italy", ["Italy"], [])
    assert italy.qid == "Q38" and sum(c.asserted for c in italy.candidates) == 1
    # "Georgia" also names a US state: a candidate only, unless the document tells the state
    bare = Linker(lexicon).link("Country", "Georgia", ["Georgia"], [])
    assert bare.qid is None and bare.candidates and bare.candidates[0].confidence < ASSERT_AT
    assert Linker(lexicon).link("Country", "Georgia", ["Georgia"], [], state_named=True).qid == "Q230"


def test_organisation_label_is_only_suggested(lexicon):
    white_house = Linker(lexicon).link("Organization", "White House", ["White House"], [])
    assert white_house.qid is None and white_house.candidates


def test_reviewed_mapping_wins_and_rejection_blocks(lexicon):
    accepted = Linker(lexicon, Reviewed(accepted={"person/wang-yi": "Q900000001"})).link(
        "Person", "Wang Yi", ["Wang Yi"])
    assert accepted.qid == "Q900000001"
    italy = Linker(lexicon).link("Country", "Italy", ["Italy"], []).qid
    rejected = Linker(lexicon, Reviewed(rejected={"country/italy": frozenset({italy})})).link(
        "Country", "Italy", ["Italy"])
    assert rejected.qid is None


def _document(doc_id):
    return Document(id=doc_id, text="x" * 40, source=doc_id)


def test_one_iri_per_actor_across_documents(lexicon):
    builder = GraphBuilder(Linker(lexicon))
    linked = Actor(key="Q272201", label="Liz Truss", type="Person", qid="Q272201", names=("Liz Truss",))
    unlinked = Actor(key="person/liz-truss", label="Liz Truss", type="Person", names=("Truss",))
    builder.add_document(_document("a"), DocumentExtraction((linked,), (), (), ()))
    builder.add_document(_document("b"), DocumentExtraction((unlinked,), (), (), ()))
    subjects = {str(q[0]) for q in builder.rdflib_quads() if str(q[0]).endswith(("Q272201", "liz-truss"))}
    assert subjects == {"https://w3id.org/stancegraph/id/actor/Q272201"}
    assert builder.actor_count == 1


def test_an_event_participant_with_no_other_provenance_is_mentioned_by_the_report(lexicon):
    # found on the 1,938 UN speeches: a participant known from no mention, statement or
    # affiliation was an actor from nowhere (an sgsh:Actor-provenance violation)
    from rdflib import URIRef

    from kg.extract.model import EventItem
    from kg.namespaces import SG
    from kg.validate import validate_graph

    host = Actor(key="country/ruritania", label="Ruritania", type="Country", names=("Ruritania",))
    guest = Actor(key="person/mei-lan", label="Mei Lan", type="Person", names=("Mei Lan",))
    call = EventItem(type="Meeting", participants=(guest.key, host.key), begin=0, end=7,
                     sentence_begin=0, sentence_end=40)
    builder = GraphBuilder(Linker(lexicon))
    builder.add_document(_document("a"), DocumentExtraction((guest, host), (), (), (call,), mentioned=(host.key,)))
    graph = builder.union_graph()
    doc = URIRef("https://w3id.org/stancegraph/id/doc/a")
    guest_iri = URIRef("https://w3id.org/stancegraph/id/actor/person/mei-lan")
    assert (guest_iri, SG.participant, None) not in graph
    assert set(graph.objects(guest_iri, SG.mentionedIn)) == {doc}
    assert not [r for r in validate_graph(graph).violations if "provenance" in r.shape]


def _mentioned(rows, ents, lexicon):
    doc = make_doc(rows, ents=ents)
    table = extract_actors(doc, Linker(lexicon))
    return table, {table.actors[k].label for k in table.mentioned}


def test_name_inside_a_longer_name_is_no_mention_but_a_title_name_is(lexicon):
    # "the UN Charter and UK Foreign Secretary Liz Truss spoke"
    rows = [
        ("the", 2, "det", "DET", "the"), ("UN", 2, "compound", "PROPN", "UN"),
        ("Charter", 9, "nsubj", "PROPN", "Charter"), ("and", 2, "cc", "CCONJ", "and"),
        ("UK", 6, "compound", "PROPN", "UK"), ("Foreign", 6, "compound", "PROPN", "Foreign"),
        ("Secretary", 8, "compound", "PROPN", "Secretary"), ("Liz", 8, "compound", "PROPN", "Liz"),
        ("Truss", 2, "conj", "PROPN", "Truss"), ("spoke", 9, "ROOT", "VERB", "speak", False),
    ]
    table, mentioned = _mentioned(rows, [(1, 2, "ORG"), (4, 5, "GPE"), (7, 9, "PERSON")], lexicon)
    assert "United Nations" not in mentioned and "United Nations" in {a.label for a in table.actors.values()}
    assert {"United Kingdom", "Liz Truss"} <= mentioned


def test_country_only_as_location_is_no_mention(lexicon):
    rows = [
        ("Talks", 1, "nsubj", "NOUN", "talk"), ("continued", 1, "ROOT", "VERB", "continue"),
        ("in", 1, "prep", "ADP", "in"), ("Ukraine", 2, "pobj", "PROPN", "Ukraine", False),
        (".", 1, "punct", "PUNCT", "."),
    ]
    _, mentioned = _mentioned(rows, [(3, 4, "GPE")], lexicon)
    assert mentioned == set()


def test_government_of_a_country_is_the_country(lexicon):
    rows = [
        ("The", 1, "det", "DET", "the"), ("Government", 4, "nsubj", "PROPN", "Government"),
        ("of", 1, "prep", "ADP", "of"), ("Japan", 2, "pobj", "PROPN", "Japan"),
        ("acted", 4, "ROOT", "VERB", "act"),
    ]
    table, mentioned = _mentioned(rows, [(0, 4, "ORG")], lexicon)
    assert mentioned == {"Japan"} and table.actors[table.token_actor[1]].type == "Country"


def test_tail_of_an_organisation_name_is_that_organisation(lexicon):
    rows = [
        ("Red", 1, "compound", "PROPN", "Red"), ("Cross", 2, "nsubj", "PROPN", "Cross"),
        ("Council", 2, "ROOT", "PROPN", "Council"), ("met", 2, "conj", "VERB", "meet"),
        (";", 2, "punct", "PUNCT", ";"), ("the", 6, "det", "DET", "the"),
        ("Council", 7, "nsubj", "PROPN", "Council"), ("agreed", 2, "conj", "VERB", "agree"),
    ]
    doc = make_doc(rows, ents=[(0, 3, "ORG"), (6, 7, "ORG")])
    table = extract_actors(doc, Linker(lexicon))
    assert len(table.actors) == 1 and table.token_actor[6] == table.token_actor[0]


def test_title_and_name_tagged_as_organisation_is_a_person(lexicon):
    rows = [
        ("Regional", 1, "compound", "PROPN", "Regional"), ("Coordinator", 3, "compound", "PROPN", "Coordinator"),
        ("Kurt", 3, "compound", "PROPN", "Kurt"), ("Campbell", 4, "nsubj", "PROPN", "Campbell"),
        ("spoke", 4, "ROOT", "VERB", "speak"),
    ]
    table, _ = _mentioned(rows, [(0, 4, "ORG")], lexicon)
    assert [(a.label, a.type) for a in table.actors.values()] == [("Kurt Campbell", "Person")]


def test_a_word_of_a_full_name_the_ner_missed_is_that_person(lexicon):
    # "Mei Lan spoke . Mei left ." with only the first name tagged; "Lan Street" is no mention
    rows = [
        ("Mei", 1, "compound", "PROPN", "Mei"), ("Lan", 2, "nsubj", "PROPN", "Lan"),
        ("spoke", 2, "ROOT", "VERB", "speak"), (".", 2, "punct", "PUNCT", "."),
        ("Mei", 5, "nsubj", "PROPN", "Mei"), ("left", 5, "ROOT", "VERB", "leave"),
        ("Lan", 7, "compound", "PROPN", "Lan"), ("Street", 5, "dobj", "PROPN", "Street"),
    ]
    doc = make_doc(rows, ents=[(0, 2, "PERSON")])
    table = extract_actors(doc, Linker(lexicon))
    assert table.token_actor.get(4) == table.token_actor[0]
    assert 6 not in table.token_actor and 7 not in table.token_actor


def test_a_state_the_gazetteer_types_as_an_organisation_stays_one(lexicon):
    # a speakers list's "European Union" (or its demonym) is the Organization, as the text's
    # mention of it: a Country of that name would be an actor no document mentions
    from kg.extract.actors import country_actor

    doc = make_doc([("Peace", 1, "nsubj", "NOUN", "peace"), ("matters", 1, "ROOT", "VERB", "matter")])
    table = extract_actors(doc, Linker(lexicon))
    key = country_actor(table, "European Union")
    assert table.actors[key].type == "Organization" and table.actors[key].qid == "Q458"
    assert table.actors[country_actor(table, "Peru")].type == "Country"


def test_a_person_span_across_a_possessive_is_no_person(lexicon):
    # "the President attended the Speaker’s Lunch", the model taking "’s Lunch" for a person
    rows = [
        ("the", 1, "det", "DET", "the"), ("President", 2, "nsubj", "PROPN", "President"),
        ("attended", 2, "ROOT", "VERB", "attend"), ("the", 4, "det", "DET", "the"),
        ("Speaker", 6, "poss", "PROPN", "Speaker", False), ("’s", 4, "case", "PART", "’s"),
        ("Lunch", 2, "dobj", "PROPN", "Lunch", False), (".", 2, "punct", "PUNCT", "."),
    ]
    table, _ = _mentioned(rows, [(4, 7, "PERSON")], lexicon)
    assert not [a for a in table.actors.values() if a.type == "Person"]


def test_a_state_and_a_name_read_as_one_body_are_the_state_and_the_person(nlp, lexicon):
    from kg.nlp import analysis_text

    text = "President Joseph R. Biden, Jr. met today with President of Finland Sauli Niinistö to discuss relations.\n"
    table = extract_actors(nlp(analysis_text(text)), Linker(lexicon), dt.date(2022, 3, 4))
    assert {(a.type, a.label) for a in table.actors.values()} >= {("Country", "Finland"), ("Person", "Sauli Niinistö")}
    assert not any(a.type == "Organization" for a in table.actors.values())


def test_a_state_with_its_article_and_a_name_read_as_one_place_are_the_state_and_the_person(nlp, lexicon):
    from kg.nlp import analysis_text

    text = ("Vladimir Putin had a meeting with Federal Chancellor of the Republic of Austria Sebastian Kurz "
            "who is in Russia on a working visit.\n")
    table = extract_actors(nlp(analysis_text(text)), Linker(lexicon), dt.date(2018, 2, 28))
    assert {(a.type, a.label) for a in table.actors.values()} >= {("Country", "Austria"), ("Person", "Sebastian Kurz")}


def test_a_surname_the_ner_tagged_alone_after_a_first_name_is_the_full_name(nlp, lexicon):
    from kg.nlp import analysis_text

    text = "After the leak, CEO of the Refugee Council Enver Solomon told Sky News that the process must change.\n"
    table = extract_actors(nlp(analysis_text(text)), Linker(lexicon))
    assert "Enver Solomon" in {a.label for a in table.actors.values() if a.type == "Person"}


def test_a_name_after_a_titles_body_tagged_as_organisation_is_a_person(lexicon):
    # "Speaker of the State Duma Sergei Naryshkin spoke", the body and the name one ORG span
    rows = [
        ("Speaker", 7, "nsubj", "PROPN", "Speaker"), ("of", 0, "prep", "ADP", "of"), ("the", 6, "det", "DET", "the"),
        ("State", 4, "compound", "PROPN", "State"), ("Duma", 6, "compound", "PROPN", "Duma"),
        ("Sergei", 6, "compound", "PROPN", "Sergei"), ("Naryshkin", 1, "pobj", "PROPN", "Naryshkin"),
        ("spoke", 7, "ROOT", "VERB", "speak"),
    ]
    table, _ = _mentioned(rows, [(3, 7, "ORG")], lexicon)
    assert [(a.label, a.type) for a in table.actors.values()] == [("Sergei Naryshkin", "Person")]
    # "Director of the Federal Security Service spoke": a body, no person
    rows = [
        ("Director", 6, "nsubj", "PROPN", "Director"), ("of", 0, "prep", "ADP", "of"), ("the", 5, "det", "DET", "the"),
        ("Federal", 5, "compound", "PROPN", "Federal"), ("Security", 5, "compound", "PROPN", "Security"),
        ("Service", 1, "pobj", "PROPN", "Service"), ("spoke", 6, "ROOT", "VERB", "speak"),
    ]
    table, _ = _mentioned(rows, [(3, 6, "ORG")], lexicon)
    assert [a.type for a in table.actors.values()] == ["Organization"]


def test_a_capital_the_ner_took_for_a_person_is_no_person(lexicon):
    # "talks between Yerevan and Baku", both tagged PERSON
    rows = [
        ("talks", 0, "ROOT", "NOUN", "talk"), ("between", 0, "prep", "ADP", "between"),
        ("Yerevan", 1, "pobj", "PROPN", "Yerevan"), ("and", 2, "cc", "CCONJ", "and"),
        ("Baku", 2, "conj", "PROPN", "Baku"),
    ]
    table, _ = _mentioned(rows, [(2, 3, "PERSON"), (4, 5, "PERSON")], lexicon)
    assert not any(a.type == "Person" for a in table.actors.values())


def test_a_taoiseach_tagged_as_organisation_is_a_person(lexicon):
    rows = [
        ("Taoiseach", 2, "compound", "PROPN", "Taoiseach"), ("Micheál", 2, "compound", "PROPN", "Micheál"),
        ("Martin", 3, "nsubj", "PROPN", "Martin"), ("spoke", 3, "ROOT", "VERB", "speak"),
    ]
    table, _ = _mentioned(rows, [(0, 3, "ORG")], lexicon)
    assert [(a.label, a.type) for a in table.actors.values()] == [("Micheál Martin", "Person")]


@pytest.mark.parametrize("scholz", [None, "GPE", "ORG"])
def test_a_surname_after_a_title_is_its_own_person_not_the_titles_other_holder(lexicon, scholz):
    # "Chancellor Merkel met Chancellor Scholz": the NER tags Merkel only, and may take Scholz for a place
    rows = [
        ("Chancellor", 1, "compound", "PROPN", "Chancellor"), ("Merkel", 2, "nsubj", "PROPN", "Merkel"),
        ("met", 2, "ROOT", "VERB", "meet"), ("Chancellor", 4, "compound", "PROPN", "Chancellor"),
        ("Scholz", 2, "dobj", "PROPN", "Scholz"),
    ]
    ents = [(1, 2, "PERSON")] + ([(4, 5, scholz)] if scholz else [])
    table = extract_actors(make_doc(rows, ents=ents), Linker(lexicon), dt.date(2022, 2, 7))
    assert (table.token_actor.get(1), table.token_actor.get(4)) == ("person/merkel", "person/scholz")
    assert table.token_actor.get(3) != "person/merkel"


def test_a_capitalised_common_word_after_a_title_is_no_person(lexicon):
    # "Vice President Remarks": a heading's words, no name
    rows = [
        ("Vice", 1, "compound", "PROPN", "Vice"), ("President", 2, "compound", "PROPN", "President"),
        ("Remarks", 2, "ROOT", "PROPN", "Remarks"),
    ]
    table = extract_actors(make_doc(rows), Linker(lexicon), dt.date(2022, 2, 7))
    assert not any(a.type == "Person" for a in table.actors.values())


def _people(rows, ents, lexicon):
    table = extract_actors(make_doc(rows, ents=ents), Linker(lexicon), dt.date(2020, 8, 11))
    return sorted(a.label for a in table.actors.values() if a.type == "Person")


def test_names_after_a_plural_office_and_a_first_name_read_as_a_place_are_persons(lexicon):
    # "Deputy Prime Ministers Yury Borisov , Tatyana Golikova": the model tags "Tatyana" GPE only
    rows = [
        ("Deputy", 2, "compound", "PROPN", "Deputy"), ("Prime", 2, "compound", "PROPN", "Prime"),
        ("Ministers", 4, "compound", "PROPN", "minister"), ("Yury", 4, "compound", "PROPN", "Yury"),
        ("Borisov", 4, "ROOT", "PROPN", "Borisov", False), (",", 4, "punct", "PUNCT", ","),
        ("Tatyana", 7, "compound", "PROPN", "Tatyana"), ("Golikova", 4, "appos", "PROPN", "Golikova"),
    ]
    doc = make_doc(rows, ents=[(6, 7, "GPE"), (7, 8, "PERSON")])
    doc[2].tag_ = "NNPS"
    table = extract_actors(doc, Linker(lexicon), dt.date(2020, 8, 11))
    assert sorted(a.label for a in table.actors.values()) == ["Tatyana Golikova", "Yury Borisov"]


def test_a_titled_name_at_the_end_of_an_entity_of_another_kind_is_a_person(lexicon):
    # "Head of the Federal Service Igor Artemyev reported", tagged LAW from "the"
    rows = [
        ("Head", 7, "nsubj", "NOUN", "head"), ("of", 0, "prep", "ADP", "of"), ("the", 6, "det", "DET", "the"),
        ("Federal", 4, "compound", "PROPN", "Federal"), ("Service", 6, "compound", "PROPN", "Service"),
        ("Igor", 6, "compound", "PROPN", "Igor"), ("Artemyev", 1, "pobj", "PROPN", "Artemyev"),
        ("reported", 7, "ROOT", "VERB", "report"),
    ]
    assert _people(rows, [(2, 7, "LAW")], lexicon) == ["Igor Artemyev"]


def test_a_persons_name_ends_in_no_lower_case_word(lexicon):
    # "Eduard Shevardnadze de facto acknowledged": the model's PERSON takes "de"
    rows = [
        ("Eduard", 1, "compound", "PROPN", "Eduard"), ("Shevardnadze", 4, "nsubj", "PROPN", "Shevardnadze"),
        ("de", 3, "amod", "X", "de"), ("facto", 4, "advmod", "X", "facto"), ("acknowledged", 4, "ROOT", "VERB", "acknowledge"),
    ]
    assert _people(rows, [(0, 3, "PERSON")], lexicon) == ["Eduard Shevardnadze"]


def test_an_entity_of_lower_case_words_is_no_name(lexicon):
    # "met with 39 national union labor leaders": the model tags "national union" ORG
    rows = [
        ("met", 0, "ROOT", "VERB", "meet"), ("with", 0, "prep", "ADP", "with"), ("39", 6, "nummod", "NUM", "39"),
        ("national", 4, "amod", "ADJ", "national"), ("union", 6, "compound", "NOUN", "union"),
        ("labor", 6, "compound", "NOUN", "labor"), ("leaders", 1, "pobj", "NOUN", "leader"),
    ]
    table = extract_actors(make_doc(rows, ents=[(3, 5, "ORG")]), Linker(lexicon), dt.date(2022, 3, 5))
    assert table.actors == {}
    capitalised = [("met", 0, "ROOT", "VERB", "meet"), ("with", 0, "prep", "ADP", "with"),
                   ("National", 3, "compound", "PROPN", "National"), ("Union", 1, "pobj", "PROPN", "Union")]
    table = extract_actors(make_doc(capitalised, ents=[(2, 4, "ORG")]), Linker(lexicon), dt.date(2022, 3, 5))
    assert [a.label for a in table.actors.values()] == ["National Union"]


_OFFICE_OF_COMMERCE = [("Secretary", 4, "nmod", "PROPN", "Secretary"), ("of", 0, "prep", "ADP", "of"),
                       ("Commerce", 1, "pobj", "PROPN", "Commerce"), ("Tom", 4, "compound", "PROPN", "Tom"),
                       ("Poe", 6, "nsubj", "PROPN", "Poe"), ("today", 6, "npadvmod", "NOUN", "today"),
                       ("met", 6, "ROOT", "VERB", "meet")]
# the same words parsed with the name inside the office's "of" phrase (a body's name)
_BODY_OF_COMMERCE = [("Secretary", 6, "nsubj", "PROPN", "Secretary"), ("of", 0, "prep", "ADP", "of"),
                     ("Commerce", 4, "compound", "PROPN", "Commerce"), ("Tom", 4, "compound", "PROPN", "Tom"),
                     ("Poe", 1, "pobj", "PROPN", "Poe"), ("today", 6, "npadvmod", "NOUN", "today"),
                     ("met", 6, "ROOT", "VERB", "meet")]


@pytest.mark.parametrize("rows, expected", [(_OFFICE_OF_COMMERCE, ["Tom Poe"]), (_BODY_OF_COMMERCE, [])])
def test_a_name_after_an_office_of_no_article_ends_the_organisation_span_outside_its_of(lexicon, rows, expected):
    # "Secretary of Commerce Tom Poe met", tagged ORG from "Commerce": a person where the parser
    # puts "Poe" outside the office's "of" phrase
    assert _people(rows, [(2, 5, "ORG")], lexicon) == expected


def test_a_name_goes_on_to_its_head_past_the_models_entity(lexicon):
    # "Chairperson Moussa Faki Mahamat", the model's PERSON "Chairperson Moussa": the name is
    # the title's, to its head ("Mahamat"), two words on
    rows = [
        ("met", 0, "ROOT", "VERB", "meet"), ("with", 0, "prep", "ADP", "with"),
        ("Chairperson", 5, "compound", "PROPN", "Chairperson"), ("Moussa", 5, "compound", "PROPN", "Moussa"),
        ("Faki", 5, "compound", "PROPN", "Faki"), ("Mahamat", 1, "pobj", "PROPN", "Mahamat"),
    ]
    assert _people(rows, [(2, 4, "PERSON")], lexicon) == ["Moussa Faki Mahamat"]


def test_a_title_and_its_state_the_model_tags_as_a_person_names_no_one(lexicon):
    # "The King of Bahrain is in Russia", tagged PERSON whole: no person "of Bahrain"
    rows = [
        ("The", 1, "det", "DET", "the"), ("King", 4, "nsubj", "PROPN", "King"), ("of", 1, "prep", "ADP", "of"),
        ("Bahrain", 2, "pobj", "PROPN", "Bahrain"), ("is", 4, "ROOT", "AUX", "be"),
    ]
    assert _people(rows, [(0, 4, "PERSON")], lexicon) == []


def _words(text, propn):
    """Rows for make_doc: each word its own head's child (the rule reads order, case and tags)."""
    words = text.split()
    return [(w, 0, "ROOT" if i == 0 else "dep", "PROPN" if w in propn else "NOUN", w.lower())
            for i, w in enumerate(words)]


@pytest.mark.parametrize("text, propn, outlet", [
    ("Interview to the ORT TV channel", {"Interview", "ORT"}, "ORT"),
    ("Interview with Austrian ORF television channel", {"Interview", "ORF"}, "ORF"),
    ("Interview to Mir broadcasting company", {"Interview", "Mir"}, "Mir"),
    ("He represents the UNIAN news agency", {"UNIAN"}, "UNIAN"),
    ("Question from Youth TV Channel", {"Question", "Youth", "TV", "Channel"}, None),  # the name goes on
    ("He wrote to the President newspaper", {"President"}, None),  # a title's word
    ("Shares of the Rosneft company fell", {"Shares", "Rosneft"}, None),  # no medium
    ("Talks with the Peskov press secretary", {"Talks", "Peskov"}, None),  # "press" is no outlet noun
])
def test_a_medium_the_ner_left_untagged_before_what_it_is_is_an_organisation(lexicon, text, propn, outlet):
    doc = make_doc(_words(text, propn))
    table = extract_actors(doc, Linker(lexicon))
    found = sorted(a.label for a in table.actors.values() if a.type == "Organization")
    assert found == ([outlet] if outlet else [])


@pytest.mark.parametrize("state, person", [("Bolivia", "Jane Roe"), ("Acme", None)])
def test_a_name_after_an_office_of_an_untagged_state_is_a_person(lexicon, state, person):
    # "He spoke with President of Bolivia Jane Roe .", none of it tagged by the NER
    rows = [("He", 1, "nsubj", "PRON", "he"), ("spoke", 1, "ROOT", "VERB", "speak"), ("with", 1, "prep", "ADP", "with"),
            ("President", 2, "pobj", "PROPN", "President"), ("of", 3, "prep", "ADP", "of"),
            (state, 7, "compound", "PROPN", state), ("Jane", 7, "compound", "PROPN", "Jane"),
            ("Roe", 4, "pobj", "PROPN", "Roe", False), (".", 1, "punct", "PUNCT", ".")]
    table = extract_actors(make_doc(rows), Linker(lexicon))
    found = sorted(a.label for a in table.actors.values() if a.type == "Person")
    assert found == ([person] if person else [])
