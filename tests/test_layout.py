"""The layout stage: kinds, turns, headers and what a sentence said as a whole must be."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.layout import document_kind, document_layout, find_turns, says_something
from kg.extract.pipeline import Extractor
from kg.extract.statements import document_speaker_name
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
        # a press conference held after a joint declaration was signed is no joint statement
        ("President A and President B held a press conference following the signing of the Joint "
         "Declaration", {"kind": "press"}, "transcript"),
        ("A and B held a joint press-conference on the talks", {}, "transcript"),
        ("Joint Readout of the Press Conference Call", {}, "readout"),
    ],
)
def test_document_kind(lexicon, title, extra, kind):
    assert document_kind(title, extra, [], lexicon) == kind


def test_turns_make_a_transcript_only_when_someone_asks(lexicon):
    """Turns of two speakers where someone asks are a press conference's or an interview's
    transcript; the turns of a ceremony, where two people speak and nobody asks, are told in
    a report (which then dates the day's events and records no press conference)."""
    ceremony = ("During his working trip, the President launched the plant.\n\n"
                "President of Russia Vladimir Putin: Good afternoon, friends. Today we launch the plant.\n\n"
                "Chairman of the Board Leonid Mikhelson: Thank you very much! The plant is ready.\n\n"
                "Vladimir Putin: Go ahead, please.\n")
    asked = ceremony + "\nQuestion: Will the plant export gas to Europe?\n\nVladimir Putin: It will.\n"
    turns = find_turns(ceremony, lexicon)
    assert len({t.label for t in turns}) >= 2 and not any(t.asks for t in turns)
    assert document_kind("Ceremony for the first LNG shipment", {"kind": "other"}, turns, lexicon) == "news-report"
    assert document_kind("Ceremony for the first LNG shipment", {"kind": "other"},
                         find_turns(asked, lexicon), lexicon) == "transcript"


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
        ("It's a great honor to be here.", False),
        ("And Wayne Frederick, I want to just thank you again for all that you do to lead this institution.", False),
        ("We'd also like to thank our partners in Congress for their work on the bill.", False),
        ("I appreciate that the Senate acted quickly on the bill.", True),  # an evaluation, not thanks
        ("That was very kind.", False),
        ("So you’ve — thank you.", False),  # broken off for thanks
        ("We have to act now — thanks to Congress, we can.", True),
        ("We have Jake Sullivan here.", False),  # a speaker presented
        ("We have a plan to get the virus under control.", True),
        ("So I’d like to now invite up my Budget Director, Shalanda Young, and all the members of "
         "the Congress here today while we sign this bipartisan government funding bill.", False),
        ("We invite our partners to join the initiative on clean shipping.", True),  # a call, not an introduction
        ("Next, we’ll go to Jeremy Diamond.", False),  # the floor given
        ("We will go to the moon within this decade.", True),
        ("I am especially grateful for the care that you have taken in this process.", False),  # thanks
        ("We are grateful to the President for bringing the two agencies together.", True),
        ("And to all of the leaders who are here today, I thank you for the kind introduction.", False),
        ("Oh, and then we’ll go — okay, go ahead.", False),  # the floor given, after a false start
        ("We will fight for democracy every single day, okay, go ahead.", True),
        ("On the first: It’s a really important one.", False),  # a word for the question
        ("It’s a great question, and the answer is that inflation is falling.", True),
        ("I hope I don’t embarrass him, but her husband, Patrick — a surgeon — Dr. Patrick, stand up.", False),
        ("By way of a quick introduction, Anne is Deputy National Security Advisor for Cyber.", False),
        ("Thanks to the Rescue Plan, our nation is now experiencing the fastest economic growth in 40 years.", True),
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


def _said(result, labels):
    """(speaker label, text) of each statement; a group as its members' labels."""
    out = []
    for s in result.statements:
        actor = next(a for a in result.actors if a.key == s.speaker)
        who = " & ".join(sorted(labels[m] for m in actor.members)) if actor.members else labels[s.speaker]
        out.append((who, " ".join(s.text.split())))
    return out


def test_a_signatory_speaking_alone_in_a_joint_statement(nlp, lexicon):
    text = (
        "The United States and Canada reaffirm their commitment to a free and open Arctic.\n\n"
        "Canada intends to double its support for Arctic research stations.\n\n"
        "The United States will host the next ministerial meeting in Alaska.\n\n"
        "In July, Ottawa was struck by severe floods that damaged many homes.\n"
    )
    title = "Joint Statement by President Joe Biden and Prime Minister Justin Trudeau of Canada"
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 2, 23), title=title, publisher="White House")
    assert result.kind == "joint-statement"
    said = _said(result, labels)
    # a speech act of the signatories named as their states: the signatories', its complement
    # the span (as in a readout)
    assert ("Joe Biden & Justin Trudeau", "their commitment to a free and open Arctic") in said
    assert not any("reaffirm" in what for _, what in said)
    assert ("Canada", "Canada intends to double its support for Arctic research stations") in said
    assert ("United States", "The United States will host the next ministerial meeting in Alaska") in said
    # a passive subject is said by no one in it: the floods sentence stays the signatories'
    assert ("Joe Biden & Justin Trudeau", "In July, Ottawa was struck by severe floods that damaged many homes") in said


def test_what_the_document_says_is_the_signatories(nlp, lexicon):
    text = (
        "The document said Russia and Brazil would soon sign a memorandum on technology cooperation.\n\n"
        "Addressing the summit, Mr Putin said that the partnership had a great future.\n"
    )
    title = "President Vladimir Putin and President Fernando Cardoso of Brazil signed a joint statement"
    result, labels = _extract(nlp, lexicon, text, dt.date(2002, 1, 14), title=title)
    assert result.kind == "joint-statement"
    said = _said(result, labels)
    assert ("Fernando Cardoso & Vladimir Putin", "Russia and Brazil would soon sign a memorandum on technology cooperation") in said
    # his own words are his, not the signatories'
    assert ("Vladimir Putin", "the partnership had a great future") in said
    assert not any(who == "Fernando Cardoso & Vladimir Putin" and "Addressing" in what for who, what in said)


def test_the_signatories_are_the_actors_the_title_joins(nlp, lexicon):
    text = "The two countries welcome the resumption of talks between Moldova and Trans-Dniester.\n"
    title = "The Presidents of Russia and Ukraine issued a joint statement on the situation in Trans-Dniester"
    result, labels = _extract(nlp, lexicon, text, dt.date(2005, 12, 15), title=title)
    ((who, _),) = _said(result, labels)
    assert who == "Russia & Ukraine"


def test_the_names_before_the_kind_of_document_sign_and_one_of_them_speaks_alone(nlp, lexicon):
    text = (
        "The United States and the European Commission are pleased to announce\n"
        "a new framework for critical minerals.\n\n"
        "President Biden and President von der Leyen committed to work together\n"
        "on the framework.\n\n"
        "-   The European Commission will work with EU Member States to pool\n"
        "    demand for the minerals between April and October 2022. The\n"
        "    European Commission will also support long-term contracting\n"
        "    mechanisms.\n"
    )
    title = "United States and European Commission Joint Statement on Critical Minerals"
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 3, 25), title=title, publisher="White House")
    said = _said(result, labels)
    signatories = "European Commission & United States"
    # the parser reads "European Commission Joint Statement on Critical Minerals" as one body
    assert said[0] == (signatories, "The United States and the European Commission are pleased to announce "
                                     "a new framework for critical minerals")
    # the signatories named as their leaders are the signatories
    assert (signatories, "President Biden and President von der Leyen committed to work together on the "
                         "framework") in said
    # a line wrapped after "The" does not hide the body that speaks alone
    assert ("European Commission", "The European Commission will also support long-term contracting mechanisms") in said


def test_the_leaders_a_title_names_after_their_states_sign(nlp, lexicon):
    text = (
        "We pay tribute to the founders of the treaty.\n\n"
        "Today, France and Germany reaffirm their commitment to a united and sovereign Europe.\n"
    )
    title = ("Joint statement by President of the French Republic Emmanuel Macron and Chancellor of the "
             "Federal Republic of Germany Olaf Scholz commemorating the 60th Anniversary of the Elysee Treaty")
    result, labels = _extract(nlp, lexicon, text, dt.date(2023, 1, 22), title=title)
    said = _said(result, labels)
    assert {who for who, _ in said} == {"Emmanuel Macron & Olaf Scholz"}
    assert len(said) == 2


def test_the_states_a_title_joins_by_their_demonyms_sign(nlp, lexicon):
    text = "Mr Tokayev and Mr Putin said they were in favour of a common economic space.\n"
    title = "A communique was signed following Russian-Kazakh negotiations"
    result, labels = _extract(nlp, lexicon, text, dt.date(2020, 1, 21), title=title)
    assert result.kind == "joint-statement"
    # "Mr Tokayev" is a person, whom the parser may take for a body; with Mr Putin, the signatories
    assert _said(result, labels) == [("Kazakhstan & Russia", "they were in favour of a common economic space")]


def test_a_body_signs_its_joint_statement(nlp, lexicon):
    text = (
        "We the Leaders of the Group of Seven (G7) remain resolved to stand with the Ukrainian people.\n\n"
        "We welcome the steps the OECD has taken.\n"
    )
    title = "Joint Statement by the G7 Announcing Further Economic Costs on Russia"
    speaker = document_speaker_name(title, None)  # as the build reads it
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 3, 11), speaker_name=speaker, title=title,
                              publisher="White House")
    assert {labels[s.speaker] for s in result.statements} == {"G7"}
    assert {labels[s.on_behalf_of] for s in result.statements} == {"G7"}  # not the publisher's state


def test_a_group_with_a_member_of_no_known_state_speaks_for_no_one_state(nlp, lexicon):
    text = "We are united in our support of Ukraine's sovereignty and territorial integrity.\n"
    title = "Joint Statement by President Biden and President Jane Roe"
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 3, 24), title=title, publisher="White House")
    (statement,) = result.statements
    assert labels[statement.speaker] == "Jane Roe and Joe Biden"
    assert statement.on_behalf_of is None  # not the United States alone


def test_a_quotation_after_a_colon_and_a_paragraph_break(nlp, lexicon):
    text = (
        "US President Barack Obama tweeted using his @POTUS account:\n\n"
        '"Cool clock, Ahmed. We should inspire more kids like you to like science."\n\n'
        'Professor Marc Lamont Hill commented, "Hoping that the movement translates into a national '
        'conversation.\n'
        'It is overdue."\n\n'
        'Home Secretary Suella Braverman wrote to the claimants:\n\n'
        '"Were you subject to human trafficking on your way here?"\n'
    )
    result, labels = _extract(nlp, lexicon, text, dt.date(2015, 9, 22))
    said = {(labels[s.speaker], s.text) for s in result.statements}
    assert ("Barack Obama", "Cool clock, Ahmed. We should inspire more kids like you to like science") in said
    assert not any("trafficking" in t for _, t in said)  # a quoted question asserts nothing
    assert not any(t == "using his @POTUS account" for _, t in said)  # how it was said, not what
    assert any(w == "Marc Lamont Hill" and t.startswith("Hoping that the movement") for w, t in said)


def test_a_message_quoted_in_full_is_its_senders(nlp, lexicon):
    text = (
        "Vladimir Putin sent a message of greetings to the participants of the Forum of Slavic Cultures.\n\n"
        "The message reads, in part:\n\n"
        "“In the course of 15 years, the forum has fully proved its relevance.\n\n"
        "I would like to emphasise that the Russian side intends to continue participating in the forum.“\n\n"
        "The forum was established in 2004.\n"
    )
    result, labels = _extract(nlp, lexicon, text, dt.date(2019, 6, 20), publisher="President of Russia (en.kremlin.ru)")
    said = [(labels[s.speaker], s.text) for s in result.statements]
    assert said == [
        ("Vladimir Putin", "In the course of 15 years, the forum has fully proved its relevance"),
        # the quotation goes on in a paragraph with no mark of its own, to its (misprinted) close
        ("Vladimir Putin", "I would like to emphasise that the Russian side intends to continue participating in the forum"),
    ]


def test_a_bare_title_in_a_state_bodys_text_is_its_office_holder(nlp, lexicon):
    text = (
        "Vladimir Putin sent a message of condolence to President of Ecuador Rafael Correa over the victims of the earthquake.\n\n"
        "The President stressed that Russia shares the pain of those who lost their family and friends.\n"
    )
    result, labels = _extract(nlp, lexicon, text, dt.date(2016, 4, 17), publisher="President of Russia (en.kremlin.ru)")
    (statement,) = result.statements
    assert labels[statement.speaker] == "Vladimir Putin"  # not the president he wrote to


def test_what_someone_will_say_or_a_person_confirmed_is_no_statement(nlp, lexicon):
    text = (
        "Education Secretary Miguel Cardona will highlight the relief fund in a speech on Tuesday.\n\n"
        "The Senate confirmed the renowned clinical trialist Dr. Robert Califf to the job of FDA Commissioner.\n\n"
        "The Senate confirmed that the vote would take place on Thursday.\n"
    )
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 3, 7))
    said = [(labels[s.speaker], s.text) for s in result.statements]
    assert said == [("Senate", "the vote would take place on Thursday")]


def test_a_foreign_leader_at_a_home_event_is_not_the_home_states(nlp, lexicon):
    text = (
        "PRESIDENT BIDEN:  It is my honor to welcome the Prime Minister to the White House today.\n\n"
        "PRIME MINISTER MARTIN:  Our two countries share a long history of friendship and trade.\n\n"
        "PRESIDENT VON DER LEYEN:  The European Commission will cut Europe's dependence on Russian gas by two thirds.\n"
    )
    title = "Remarks by President Biden and European Commission President Ursula von der Leyen"
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 3, 25), title=title, publisher="White House")
    behalf = {labels[s.speaker]: labels.get(s.on_behalf_of) for s in result.statements}
    assert behalf["Joe Biden"] == "United States"
    assert behalf["Martin"] is None  # a prime minister of a state the text does not say
    assert behalf["Ursula von der Leyen"] == "European Commission"  # the body her title names


def test_a_title_of_many_states_leaves_the_state_to_the_rest_of_the_title(nlp, lexicon):
    text = "We agreed to deepen our partnership on climate and on security.\n"
    title = ("Joint Statement by President Joseph R. Biden Jr. of the United States and President Ivan Duque "
             "Marquez of the Republic of Colombia")
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 3, 10), title=title, publisher="White House")
    (statement,) = result.statements
    group = next(a for a in result.actors if a.key == statement.on_behalf_of)
    assert {labels[m] for m in group.members} == {"United States", "Colombia"}


def test_what_the_signatories_did_is_narration_what_they_resolved_is_theirs(nlp, lexicon):
    text = (
        "1. The Prime Minister of Japan, H.E. Shinzo Abe, is currently on an official visit to India. "
        "The two Prime Ministers held extensive talks on bilateral issues.\n\n"
        "2. The two Prime Ministers resolved to transform the partnership into a deep and action-oriented one.\n\n"
        "3. They reviewed the developments since the last summit.\n\n"
        "4. We will host the next summit in Tokyo in 2015.\n\n"
        "5. The dialogue will be led by the two foreign ministries.\n"
    )
    title = "Japan-India Joint Statement: Intensifying the Strategic and Global Partnership"
    result, labels = _extract(nlp, lexicon, text, dt.date(2014, 1, 25), title=title)
    said = _said(result, labels)
    # the signatories are the states the title joins with a hyphen
    assert {who for who, _ in said} == {"India & Japan"}
    assert [what for _, what in said] == [
        "The two Prime Ministers resolved to transform the partnership into a deep and action-oriented one",
        "We will host the next summit in Tokyo in 2015",
    ]


def test_a_local_official_quoted_by_a_state_body_speaks_for_no_state(nlp, lexicon):
    text = (
        "**Alabama Governor Kay Ivey:** “With the support of the Alabama Legislature, I’m proud to award "
        "$10 million to our rural hospitals.”\n\n"
        "**COVID-19 Response Coordinator Jeff Zients:** “We have made vaccines free and available to all.”\n"
    )
    title = "WHAT THEY ARE SAYING: Leaders Celebrate the Anniversary of the Plan"
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 3, 15), title=title, publisher="White House")
    behalf = {labels[s.speaker]: labels.get(s.on_behalf_of) for s in result.statements}
    assert behalf == {"Kay Ivey": None, "Jeff Zients": "United States"}


def test_a_leader_the_title_names_by_surname_is_the_gazetteer_holder_and_speaks_for_their_body(nlp, lexicon):
    text = "We are united in our condemnation of the war of aggression against Ukraine.\n"
    title = "Joint Statement by President Biden and President von der Leyen"
    result, labels = _extract(nlp, lexicon, text, dt.date(2022, 3, 24), title=title, publisher="White House")
    (statement,) = result.statements
    assert labels[statement.speaker] == "Joe Biden and Ursula von der Leyen"
    behalf = next(a for a in result.actors if a.key == statement.on_behalf_of)
    assert sorted(labels[m] for m in behalf.members) == ["European Commission", "United States"]
