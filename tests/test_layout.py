"""The layout stage: kinds, turns, headers and what a sentence said as a whole must be."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.layout import document_kind, document_layout, find_turns, says_something
from kg.extract.pipeline import Extractor
from kg.link.linker import Linker
from kg.nlp import analysis_text

NBSP = "\u00a0"


def test_turn_labels_of_every_form(lexicon):
    text = (
        "Full text of the interview has been published.\n\n"
        "Megyn Kelly: President Putin, are they all lying?\n\n"
        "President of Russia Vladimir Putin: They have been misled. Russia did not interfere.\n\n"
        "Megyn Kelly: But what about the hackers?\n\n"
        "Vladimir Putin: Hackers can be anywhere. They are not our hackers.\n\n"
        f"{NBSP}{NBSP}Q{NBSP}   And the sanctions?\n\n"
        "QUESTION: What about Syria?\n\n"
        "A: Our position on Syria has not changed and will not change.\n"
    )
    turns = find_turns(text, lexicon)
    assert [(t.label, t.asks, t.answers) for t in turns] == [
        ("Megyn Kelly", True, False),  # she asks in every turn; the one who says most answers
        ("President of Russia Vladimir Putin", False, False),
        ("Megyn Kelly", True, False),
        ("Vladimir Putin", False, False),
        ("Q", True, False),  # indented with no-break spaces
        ("QUESTION", True, False),
        ("A", False, True),
    ]
    assert text[turns[1].begin:turns[1].end].startswith("They have been misled")


def test_headers_and_wrapped_label_ends_are_no_turns(lexicon):
    memo = (
        "MEMORANDUM FOR THE SECRETARY OF STATE\n\n"
        "SUBJECT: Delegation of Authority\n\n"
        "By the authority vested in me as President, I hereby delegate the functions.\n\n"
        "Long COVID: the agencies will report by June.\n\n"
        "JOSEPH R. BIDEN JR.\n"
    )
    assert find_turns(memo, lexicon) == []
    layout = document_layout(memo, "Memorandum on the Delegation of Authority", {}, lexicon)
    assert layout.kind == "memo"
    assert layout.signer == "Joseph R. Biden Jr."
    subject = memo.index("SUBJECT")
    assert layout.skipped(subject, subject + 10)  # a header
    assert layout.skipped(0, 10)  # an all-capitals heading
    assert not layout.skipped(memo.index("By the"), memo.index("functions"))
    # "To be clear:" opens a sentence, not a "TO:" header
    clear = "To be clear: these measures are separate from the sanctions.\n"
    assert not document_layout(clear, "Statement by Press Secretary Jen Psaki", {}, lexicon).skip
    # a label in the middle of a hard-wrapped line ("... AAJC:") starts no paragraph: no turn
    wrapped = "The President met leaders of\nAAJC: they discussed hate crimes.\n\nHe thanked them.\n"
    assert find_turns(wrapped, lexicon) == []


@pytest.mark.parametrize(
    ("title", "extra", "kind"),
    [
        ("Readout of President Biden's Call with Chancellor Scholz", {}, "readout"),
        ("Joint Readout by the United States and the European Council", {}, "readout"),
        ("Joint Statement by President A and President B", {}, "joint-statement"),
        ("Press Briefing by Press Secretary Jen Psaki, February 1, 2022", {}, "transcript"),
        ("A Proclamation on National Agriculture Day, 2022", {}, "memo"),
        ("Statement by President Biden on Ukraine", {}, "statement"),
        ("President Vladimir Putin addressed the conference of prosecutors", {}, "speech"),
        ("Meeting with permanent members of the Security Council", {"kind": "meeting"}, "meeting-coverage"),
        ("Telephone conversation with President of Finland Sauli Niinisto", {}, "readout"),
        ("Concert of the combined orchestras", {"kind": "other"}, "news-report"),
    ],
)
def test_document_kind(lexicon, title, extra, kind):
    assert document_kind(title, extra, [], lexicon) == kind


@pytest.mark.parametrize(
    ("sentence", "says"),
    [
        ("Are they all lying?", False),
        ("Thank you, Jen.", False),
        ("Let's go to Tamara Keith at NPR.", False),
        ("Go ahead, Kristen.", False),
        ("Not a joke.", False),
        ("Well, thank you for this question, it matters to all of us who care about the future of Europe.", False),
        ("I want to thank Senator Cassidy for his help.", False),
        ("We are grateful that the Council finally condemned the attack on the hospital.", True),
        ("Colleagues, ladies and gentlemen.", False),
        ("Ellis Carr, thank you for that introduction and for your extraordinary leadership.", False),
        ("There you are, Marty.", False),
        ("Mr Federal Chancellor, colleagues.", False),
        ("We do not see their interest so far.", True),
        ("Russia will not retaliate.", True),
    ],
)
def test_what_a_sentence_said_as_a_whole_must_be(lexicon, sentence, says):
    assert says_something(sentence, lexicon.words.courtesies, lexicon.words.salutation_words | lexicon.titles) is says


def test_the_leaders_speak_as_a_group(nlp, lexicon):
    text = (
        "Vladimir Putin had a telephone conversation with President of France Emmanuel Macron.\n\n"
        "The two leaders agreed that the ceasefire in Syria must be observed.\n"
    )
    extractor = Extractor(nlp, Linker(lexicon))
    result = extractor(nlp(analysis_text(text)), text, dt.date(2020, 3, 5),
                       title="Telephone conversation with President of France Emmanuel Macron")
    assert result.kind == "readout"
    (statement,) = result.statements
    group = next(a for a in result.actors if a.key == statement.speaker)
    assert group.type == "Group"
    labels = {next(a.label for a in result.actors if a.key == m) for m in group.members}
    assert labels == {"Vladimir Putin", "Emmanuel Macron"}
    assert statement.text.endswith("the ceasefire in Syria must be observed")


def test_a_turn_label_gets_the_full_name_from_the_title(nlp, lexicon):
    text = (
        "MS. PSAKI:  Hi, everyone.  The President will travel to Poland on Friday.\n\n"
        "Q    Will he meet refugees?\n\n"
        f"{NBSP}MS. PSAKI:  He will meet refugees and the troops stationed there.\n"
    )
    extractor = Extractor(nlp, Linker(lexicon))
    result = extractor(nlp(analysis_text(text)), text, dt.date(2022, 3, 22),
                       title="Press Briefing by Press Secretary Jen Psaki, March 22, 2022")
    labels = {a.key: a.label for a in result.actors}
    said = [(labels[s.speaker], s.text) for s in result.statements]
    assert said == [
        ("Jen Psaki", "The President will travel to Poland on Friday"),
        ("Jen Psaki", "He will meet refugees and the troops stationed there"),
    ]
    assert {labels.get(s.on_behalf_of) for s in result.statements} == {"United States"}
    # each statement knows its turn (sg:inTurn in the graph): the label as written and its span
    assert [s.turn.label for s in result.statements] == ["MS. PSAKI", "MS. PSAKI"]
    assert text[result.statements[1].turn.begin:].startswith(NBSP + "MS. PSAKI") is False
    assert text[result.statements[1].turn.begin:].startswith("MS. PSAKI")


def _extract(nlp, lexicon, text, day, **kw):
    extractor = Extractor(nlp, Linker(lexicon))
    result = extractor(nlp(analysis_text(text)), text, day, **kw)
    labels = {a.key: a.label for a in result.actors}
    return result, labels


def test_a_quotation_after_a_colon_and_its_next_paragraph(nlp, lexicon):
    text = (
        "Yvette Cooper, the shadow home secretary, spoke in the Commons on Tuesday.\n\n"
        'She continued: "Labour has a common-sense plan to fast-track cases.\n\n'
        '"We would take much stronger action against the criminal gangs."\n\n'
        "The Home Office did not comment.\n"
    )
    result, labels = _extract(nlp, lexicon, text, dt.date(2023, 2, 23))
    said = [(labels[s.speaker], s.text) for s in result.statements]
    assert said == [
        ("Yvette Cooper", "Labour has a common-sense plan to fast-track cases"),
        ("Yvette Cooper", "We would take much stronger action against the criminal gangs"),
    ]


def test_a_main_verb_the_parser_left_without_a_subject(nlp, lexicon):
    text = (
        "During the exchange of opinions on the situation in the North Caucasus Mr Putin, while agreeing "
        "with Mr Clinton that crimes committed in Chechnya should be investigated, noted that all those "
        "involved in international terrorist atrocities must be punished.\n"
    )
    result, labels = _extract(nlp, lexicon, text, dt.date(2000, 3, 27))
    noted = [s for s in result.statements if s.text.startswith("all those involved")]
    assert [labels[s.speaker] for s in noted] == ["Vladimir Putin"]
    # the holder of an office on the date speaks for its state (gazetteer.tsv offices)
    assert [labels[s.on_behalf_of] for s in noted] == ["Russia"]


def test_an_unsigned_proclamation_is_the_publishers_head_on_the_date(nlp, lexicon):
    text = (
        "Our Nation's farmers and ranchers are the backbone of our rural communities.\n\n"
        "My Administration is committed to building a fairer food system for all of us.\n"
    )
    title = "A Proclamation on National Agriculture Day, 2022"
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 3, 21), title=title, publisher="White House")
    assert result.kind == "memo"
    assert {labels[s.speaker] for s in result.statements} == {"Joe Biden"}
    assert len(result.statements) == 2
    # a report of the same words in the third person is no one's speech: no document speaker
    report = "The President said farmers were the backbone of rural communities, officials said.\n"
    result, labels = _extract(nlp, lexicon, report, dt.date(2022, 3, 21), title=title, publisher="White House")
    assert all(s.cue != "document speaker" for s in result.statements)


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Principal Deputy Press Secretary Karine Jean-Pierre", "Karine Jean-Pierre"),
        ("President Andrzej Duda of Poland", "Andrzej Duda"),
        ("Jen Psaki, Press Secretary", "Jen Psaki"),
        ("Prime Minister Lee Hsien Loong of Singapore", "Lee Hsien Loong"),
    ],
)
def test_the_name_in_a_titled_name(nlp, lexicon, label, name):
    extractor = Extractor(nlp, Linker(lexicon))
    words, _ = extractor._person_name(label)
    assert " ".join(words) == name


def test_meeting_coverage_delegates_speak_for_their_states(nlp, lexicon):
    text = (
        "The representative of France said that the Council must act to protect civilians in Syria.\n\n"
        "Speaking on behalf of China, the delegate of Pakistan stressed that dialogue was the only way forward.\n"
    )
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 3, 1))
    said = [(labels[s.speaker], labels.get(s.on_behalf_of), s.text) for s in result.statements]
    assert said == [
        ("France", "France", "the Council must act to protect civilians in Syria"),
        ("Pakistan", "China", "dialogue was the only way forward"),
    ]


def test_a_line_that_goes_on_in_lower_case_is_one_sentence():
    from kg.nlp.paragraphs import analysis_text

    # lines that are paragraphs (most end a sentence), but one stops mid-sentence
    text = "Our economy grew.\nIt grew in\nnearly 40 years, to an\neconomy that works.\nNext line.\n"
    assert analysis_text(text) == (
        "Our economy grew.\nIt grew in nearly 40 years, to an economy that works.\nNext line.\n"
    )
    assert len(analysis_text(text)) == len(text)


@pytest.mark.parametrize("sentence", ["Well, he's going to —", "So, with that, I'll turn it over.", "Sir, we're calling on MJ."])
def test_interrupted_sentences_and_turn_giving_say_nothing(lexicon, sentence):
    assert not says_something(sentence, lexicon.words.courtesies)


def test_a_statement_by_two_people_is_their_group(nlp, lexicon):
    text = (
        "We send our warmest greetings to everyone celebrating the Lunar New Year.\n\n"
        "This year we honor the resilience of Asian American communities across our nation.\n"
    )
    title = "Statement from President Joe Biden and First Lady Jill Biden on Lunar New Year"
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 2, 1), title=title, publisher="White House")
    (statement,) = result.statements  # the greeting says nothing
    group = next(a for a in result.actors if a.key == statement.speaker)
    assert group.type == "Group" and {labels[m] for m in group.members} == {"Joe Biden", "Jill Biden"}


def test_a_corrected_title_names_its_speakers():
    from kg.extract.statements import title_speakers

    title = "CORRECTED: Remarks by Vice President Harris and President Andrzej Duda of Poland in Joint Press Conference"
    assert title_speakers(title) == ["Vice President Harris", "President Andrzej Duda of Poland"]


def test_a_name_said_again_after_a_dash_is_the_name(nlp, lexicon):
    text = "Ida B. — Ida B. Wells once said that the way to right wrongs is to turn the light of truth upon them.\n"
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 3, 29))
    assert "Ida B. Wells" in labels.values()
    assert not any("—" in label for label in labels.values())
