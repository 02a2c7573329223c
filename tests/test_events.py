"""Events: one resource per event across the documents of a build."""

from __future__ import annotations

import datetime as dt

import pytest
import rdflib
from rdflib.namespace import PROV, RDF

from kg.build import build
from kg.extract.dates import compatible as _compatible
from kg.extract.model import DateValue
from kg.link.linker import Linker
from kg.namespaces import SG


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (DateValue("2022-02-26", "date"), DateValue("--02-26", "gMonthDay"), True),
        (DateValue("2022-02-26", "date"), DateValue("--02-27", "gMonthDay"), False),
        (DateValue("2022-02-26", "date"), DateValue("2022-02", "gYearMonth"), True),
        (DateValue("2022-02-26", "date"), DateValue("2022-02-25", "date"), False),
        (DateValue("2022-02-26", "date"), None, True),
    ],
)
def test_dates_of_one_event(a, b, expected):
    assert _compatible(a, b) is expected and _compatible(b, a) is expected


CALL = ("{when}Foreign Minister Jane Roe of Bolivia had a telephone conversation with Foreign "
        "Minister Li Wei of Peru.\n")


def _events(tmp_path, texts):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text)
    summary = build([folder], tmp_path / "out")
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    events = sorted(graph.subjects(RDF.type, SG.Event))
    assert summary.events == len(events)
    return graph, events


def test_the_same_call_reported_twice_is_one_event(tmp_path):
    graph, events = _events(tmp_path, {"a": CALL.format(when="On February 26, 2022, "),
                                       "b": CALL.format(when="")})
    (event,) = events
    assert str(graph.value(event, SG.date)) == "2022-02-26"
    assert {str(d).rsplit("/", 1)[-1] for d in graph.objects(event, PROV.wasDerivedFrom)} == {"a", "b"}
    assert len(list(graph.objects(event, SG.participant))) == 2


def test_an_undated_report_of_one_of_two_calls_stays_apart(tmp_path):
    graph, events = _events(tmp_path, {"a": CALL.format(when="On February 26, 2022, "),
                                       "b": CALL.format(when=""),
                                       "c": CALL.format(when="On March 3, 2022, ")})
    assert sorted(str(graph.value(e, SG.date)) for e in events) == ["2022-02-26", "2022-03-03", "None"]


@pytest.fixture(scope="module")
def extract(nlp, lexicon):
    import datetime as dt

    from kg.extract.pipeline import Extractor
    from kg.nlp import analysis_text

    extractor = Extractor(nlp, Linker(lexicon))

    def run(text, title=None, day=dt.date(2022, 3, 1), **more):
        return extractor(nlp(analysis_text(text)), text, day, title=title, **more)

    return run


def test_a_telephone_conversation_with_three_is_three_calls(extract):
    text = ("Foreign Minister Jane Roe of Bolivia had a telephone conversation with Foreign Minister "
            "Li Wei of Peru, Foreign Minister Ana Diaz of Chile and Foreign Minister Tom Poe of Fiji.\n")
    events = extract(text).events
    assert [e.type for e in events] == ["PhoneCall"] * 3
    assert all(len(e.participants) == 2 and "person/jane-roe" in e.participants for e in events)


def test_a_video_call_with_three_is_one_call(extract):
    text = ("Foreign Minister Jane Roe of Bolivia held a video call with Foreign Minister Li Wei of "
            "Peru and Foreign Minister Ana Diaz of Chile.\n")
    (event,) = extract(text).events
    assert len(event.participants) == 3


@pytest.mark.parametrize("text", [
    "Foreign Minister Jane Roe of Bolivia is going to meet Foreign Minister Li Wei of Peru in Lima.\n",
    "Foreign Minister Jane Roe of Bolivia will meet Foreign Minister Li Wei of Peru in Lima.\n",
    "Foreign Minister Jane Roe of Bolivia said that she’ll meet Foreign Minister Li Wei of Peru in Lima.\n",
    "President Jane Roe of Bolivia will use the State of the Union Address to reiterate her call.\n",
    # every one, a courtesy, a practice
    "There is always trade in every speech by President Jane Roe of Bolivia.\n",
    "It’s a great honor for President Jane Roe of Bolivia to visit Peru.\n",
    "President Jane Roe of Bolivia is often asked to give speeches.\n",
    "Foreign Minister Jane Roe of Bolivia did not meet Foreign Minister Li Wei of Peru.\n",
    # wished for, or a practice
    "Officials noted the importance of resuming talks between President Jane Roe and President Li Wei of Peru.\n",
    "President Jane Roe and President Li Wei of Peru stressed the need for a summit.\n",
    "The Treasury and the Department of Energy have hosted briefings with President Jane Roe of Bolivia.\n",
    # to come, each time, a series, the verb's other sense
    "Next week, President Jane Roe of Bolivia is going to Peru to meet with President Li Wei.\n",
    "Later this year, President Jane Roe of Bolivia hosts a summit with President Li Wei of Peru.\n",
    "Our goal is to sign a declaration in June when Bolivia hosts the Summit of the Andes.\n",
    "Especially when President Jane Roe of Bolivia goes and visits Peru, she says so.\n",
    "In every city President Jane Roe of Bolivia visited, people told her that.\n",
    "The Bolivian Foreign Ministry laid out its case in briefing after briefing.\n",
    "Bolivia is prepared to work with Peru and the Andean Community to meet this moment.\n",
    "In the months ahead, President Jane Roe of Bolivia will continue to meet with experts.\n",  # a series to come
    "President Jane Roe of Bolivia is going there to meet with President Li Wei of Peru.\n",
])
def test_planned_or_denied_events_are_no_events(extract, text):
    assert extract(text).events == ()


@pytest.mark.parametrize("text, date", [
    ("When President Jane Roe and President Li Wei met in Lima in October, they agreed.\n", "2021-10"),
    ("When President Jane Roe and President Li Wei met in Lima in February, they agreed.\n", "2022-02"),
    ("President Jane Roe and President Li Wei meet in Lima in October.\n", None),  # which October?
])
def test_a_month_alone_dates_an_event_told_in_the_past(extract, text, date):
    events = extract(text).events  # the document of 1 March 2022
    assert [(e.type, e.date.lexical if e.date else None) for e in events] == [("Meeting", date)]


def test_a_meeting_after_a_time_of_the_past_and_a_series_of_briefings_are_told(extract):
    text = ("Last week, President Jane Roe of Bolivia went to Peru to meet with President Li Wei. "
            "The Bolivian Foreign Ministry held a briefing with Peru.\n")
    assert [e.type for e in extract(text).events] == ["Meeting", "PressConference"]


def test_a_readout_reads_out_the_event_in_its_title(extract):
    text = ("Today, President Jane Roe spoke with Prime Minister Li Wei. President Roe said that "
            "Bolivia supports a ceasefire.\n")
    result = extract(text, title="Readout of President Jane Roe's Call with Prime Minister Li Wei")
    (event,) = result.events
    assert (event.type, event.participants, event.date.lexical) == (
        "PhoneCall", ("person/jane-roe", "person/li-wei"), "2022-03-01")
    assert {s.event for s in result.statements} == {0}


def test_going_to_meet_is_the_future_and_went_to_meet_a_meeting(extract):
    went = "Foreign Minister Jane Roe of Bolivia went to Lima to meet Foreign Minister Li Wei of Peru.\n"
    assert [e.type for e in extract(went).events if e.type == "Meeting"] == ["Meeting"]


def test_a_readout_whose_text_gives_no_date_is_of_the_documents_day(extract):
    text = "President Jane Roe spoke with Prime Minister Li Wei. President Roe said that Bolivia supports a ceasefire.\n"
    result = extract(text, title="Readout of President Jane Roe's Call with Prime Minister Li Wei")
    (event,) = result.events
    assert (event.type, event.date.lexical) == ("PhoneCall", "2022-03-01")
    undated = extract(text, title="Readout of President Jane Roe's Call with Prime Minister Li Wei", day=None)
    assert undated.events[0].date is None  # no document date: none invented


def test_a_readout_whose_title_names_one_side_records_the_call_its_body_tells(extract):
    text = "President Jane Roe of Bolivia had a telephone conversation with President Li Wei of Peru.\n"
    (call,) = extract(text, title="Telephone conversation with President of Peru Li Wei").events
    assert (call.type, call.date.lexical) == ("PhoneCall", "2022-03-01")
    (undated,) = extract(text).events  # no readout: the text gives no date, and none is invented
    assert undated.date is None


def test_a_speech_document_records_its_speakers_speech_on_its_day(extract):
    result = extract("We support free trade. We call on all states to lower tariffs.\n",
                     title="Remarks by President Jane Roe on Trade", speaker_name="Jane Roe")
    (speech,) = [e for e in result.events if e.type == "Speech"]
    assert speech.participants == ("person/jane-roe",) and speech.date.lexical == "2022-03-01"
    assert {s.event for s in result.statements} == {result.events.index(speech)}


def test_a_speech_documents_occasion_is_its_speakers_not_its_audiences_or_topics(extract):
    """"Presidential Address to the Federal Assembly": the assembly heard it; the lead sentence
    says whose it is. "Remarks by President Jane Roe on Russia and Ukraine": Russia and
    Ukraine are what it was about."""
    result = extract("The President of Ruritania Jane Roe delivered the Address to the Federal Assembly.\n\n"
                     "We will build new schools for the Federal Assembly to fund.\n",
                     title="Presidential Address to the Federal Assembly", extra={"kind": "speech"})
    assert [(e.participants, e.date.lexical if e.date else None) for e in result.events if e.type == "Speech"] \
        == [(("person/jane-roe",), "2022-03-01")]
    about = extract("Russia has massed troops on Ukraine's border. We stand with Ukraine.\n",
                    title="Remarks by President Jane Roe on Russia and Ukraine", speaker_name="Jane Roe")
    assert [e.participants for e in about.events if e.type == "Speech"] == [("person/jane-roe",)]


def test_a_name_after_the_office_of_a_state_is_a_person(extract):
    """"President of France Francois Hollande", where the model tags no name: an office of a
    state, then two capitalised words, is its holder, who took part."""
    (call,) = extract("Vladimir Putin had a telephone conversation with President of France Francois Hollande.\n").events
    assert "person/francois-hollande" in call.participants


def test_a_states_speaker_tells_what_the_state_attended(extract):
    """In a state's statement, its speaker's "I" is the state: "I attended the Summit",
    "I proposed at its first high-level meeting" (done there, not planned), "I was privileged to
    attend the Security Council open debate" (the body named before the trigger meets)."""
    text = ("Last year I attended the Summit on Climate Ambition in Paris.\n\n"
            "As a member of the Water Coalition, I proposed at its first high-level meeting to declare "
            "2025 the Year of Glaciers.\n\n"
            "Just a few months ago, I was privileged to attend the special Security Council open debate on "
            "small island States.\n")
    result = extract(text, title="Statement by Tajikistan at the general debate of session 76 of the UN General "
                     "Assembly", on_behalf_of="Tajikistan", extra={"kind": "speech"})
    told = sorted((e.type, e.participants) for e in result.events if e.type != "Speech")
    state = next(a.key for a in result.actors if a.label == "Tajikistan")
    assert [(t, state in p, len(p)) for t, p in told] == [("Meeting", True, 2), ("Meeting", True, 2), ("Summit", True, 1)]


def test_a_turn_label_with_a_bodys_name_names_the_person_after_it(extract):
    """"Governor of the Central Bank Elvira Nabiullina:": the person is Elvira Nabiullina, who
    takes part in the meeting the readout tells, with the one who speaks first."""
    text = ("Vladimir Putin met with Central Bank Governor Elvira Nabiullina to discuss the banking sector.\n\n"
            "President of Russia Vladimir Putin: Ms Nabiullina, how are the banks doing?\n\n"
            "Governor of the Central Bank Elvira Nabiullina: The situation in the banking sector is stable.\n\n"
            "Vladimir Putin: What is the total amount of deposits?\n\n"
            "Elvira Nabiullina: Deposits grew by ten percent.\n")
    result = extract(text, title="Meeting with head of Central Bank Elvira Nabiullina", extra={"kind": "meeting"})
    assert not any("central-bank" in a.key for a in result.actors if a.type == "Person")
    (meeting,) = [e for e in result.events if e.type == "Meeting"]
    assert "person/elvira-nabiullina" in meeting.participants and len(meeting.participants) == 2


def test_a_readout_whose_title_runs_a_name_into_call_and_a_name_suffix_subject(extract):
    """"Readout of President Jane Roe Call with ...": the model's PERSON "Roe Call" is Roe, and
    the readout records the call; "President Jane Roe, Jr., spoke ... He thanked her for
    attending his speech": the suffix the parser makes the subject is Roe's, so "his" is Roe's."""
    text = ("President Jane Roe, Jr., spoke with opposition leader Tom Poe of Ruritania from the plane. He "
            "thanked her for attending his speech in Warsaw tonight.\n")
    result = extract(text, title="Readout of President Jane Roe Call with Opposition Leader Tom Poe of Ruritania")
    assert not any("call" in a.key for a in result.actors)
    got = sorted((e.type, e.participants) for e in result.events)
    assert got == [("PhoneCall", ("person/jane-roe", "person/tom-poe")), ("Speech", ("person/jane-roe",))]


def test_his_visit_after_a_titled_office_is_the_holders_and_under_way(extract):
    """"I am very glad to meet with President of the Republic of Ruritania during his visit to
    our country": "his" is the President's (not the speaker's), and the visit is under way today."""
    text = ("President of the Republic of Ruritania Jane Roe arrived in Moscow on a working trip.\n\n"
            "Vladimir Putin: Today I am very glad to have this opportunity to meet with President of the "
            "Republic of Ruritania during his visit to our country.\n")
    visits = [e for e in extract(text).events if e.type == "Visit" and e.begin > 0 and "during" in text[e.begin - 20:e.begin]]
    assert [(e.participants, e.date.lexical if e.date else None) for e in visits] == [(("person/jane-roe",), "2022-03-01")]


def test_the_head_of_state_in_a_state_bodys_report_is_its_head(extract):
    """"the head of state met with members of the public" in a Kremlin report is the President
    of Russia on the day; "unable to meet the requests for interviews" tells no interview; "a
    meeting with the head of this organisation" names nobody the text titles "head"."""
    import datetime as dt

    kremlin = "President of Russia (en.kremlin.ru)"
    met = extract("During the trip, the head of state met with members of the public in Sevastopol.\n",
                  day=dt.date(2018, 3, 14), publisher=kremlin)
    assert [(e.type, e.participants) for e in met.events] == [("Meeting", ("Q7747",))]
    unable = extract("Because the head of state was unable to meet all the requests for interviews, he gave "
                     "a news conference.\n", day=dt.date(2018, 3, 14), publisher=kremlin)
    assert "Interview" not in [e.type for e in unable.events]
    other = extract("Fund head Jane Roe spoke first. Recently Tom Poe had a meeting with the "
                    "head of this organisation.\n", day=dt.date(2018, 3, 14), publisher=kremlin)
    assert not any("person/jane-roe" in e.participants for e in other.events if e.type == "Meeting")


def test_a_report_names_its_occasion_only_when_its_title_says_who_held_it(extract):
    text = "President Jane Roe said that Bolivia supports dialogue with Peru.\n"
    held = extract(text, title="President Jane Roe gave a news conference")
    assert [(e.type, e.participants, e.date.lexical) for e in held.events] == [
        ("PressConference", ("person/jane-roe",), "2022-03-01")]
    other = extract("The ministry said that the asylum process will change.\n",
                    title="Reports: asylum process to replace interview with questionnaire")
    assert other.events == ()


@pytest.mark.parametrize("text, expected", [
    ("By Li Wei | CHINA DAILY | Updated: Feb 25, 2022 09:27\nChina said ...", "2022-02-25"),
    ("MOSCOW, February 24, 2022 /TASS/. Lavrov said ...", "2022-02-24"),
    ("MOSCOW, April 24. /TASS/. Lavrov said ...", None),  # no year: no document date
    ("China said on March 3, 2022 that ...", None),  # a date in the text is not the document's
    ("01/08/2022 08:01 PM EST\nThe Secretary spoke today with ...", "2022-01-08"),  # month first in EST
    ("January 8, 2022\nSecretary Blinken spoke with ...", "2022-01-08"),
    ("8 January 2022 10:00 AM\nThe minister said ...", "2022-01-08"),
    ("01/08/2022\nThe minister said ...", None),  # day or month first? no zone, no date
    ("Talks on 8 January 2022 were held.\nThe minister said ...", None),  # a sentence, not a date line
    # a verbatim record's page headers: the meeting's day, day first, beside the record's symbol
    ("Statement by Ruritania\n12/10/2015 A/70/PV.21\nWe said ...\nA/70/PV.21 12/10/2015\n", "2015-10-12"),
    ("02/03/2022 S/PV.8970\nThe Council met ...", "2022-03-02"),
    ("13/01/2021\nA/75/592/Add.8\nThe report says ...", None),  # an issue date, not beside a record's symbol
    ("12/10/2015 A/70/PV.21\nWe said ...\n13/10/2015 A/70/PV.22\n", None),  # headers that disagree
    ("31/02/2015 A/70/PV.21\nWe said ...", None),  # no such day
])
def test_a_documents_own_date_from_its_first_lines(text, expected):
    from kg.extract.dates import text_date

    found = text_date(text)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize("text, expected", [
    ("President Jane Roe of Peru just met with President Tom Poe of Chile.\n", "2022-03-01"),
    ("President Jane Roe of Peru has just met with President Tom Poe of Chile.\n", "2022-03-01"),
    # another past moment, not the telling's
    ("President Jane Roe of Peru had just met with President Tom Poe of Chile when the news came.\n", None),
    ("President Jane Roe of Peru met with President Tom Poe of Chile.\n", None),  # control: no day
])
def test_an_event_told_as_just_done_is_of_the_documents_day(extract, text, expected):
    (event,) = extract(text).events
    assert (event.date.lexical if event.date else None) == expected


@pytest.mark.parametrize("text", [
    # the verb is done on the events, not the events themselves: a week of meetings, a meeting spoken of
    "Judge Jane Roe of Peru just wrapped her second week of meetings with President Tom Poe of Chile.\n",
    "President Tom Poe of Chile has just mentioned his meeting with President Jane Roe of Peru.\n",
])
def test_just_on_another_verb_dates_no_event(extract, text):
    (event,) = extract(text).events
    assert event.date is None


def test_an_event_takes_the_date_its_participant_spoke_on(extract):
    text = ("China supports dialogue, Foreign Minister Li Wei of Peru said on Feb 26. Li made the remarks "
            "when he talked over phone with Foreign Minister Ana Diaz of Chile.\n")
    (event,) = extract(text, day=None).events
    assert event.date.lexical == "--02-26"  # no year: the document has no date


def test_a_scheduled_meeting_is_no_event(extract):
    text = "Foreign Minister Li Wei of Peru and Foreign Minister Ana Diaz of Chile are scheduled to meet in Lima.\n"
    assert extract(text).events == ()


def test_a_statement_has_its_own_date(extract):
    import datetime as dt

    text = ("Foreign Minister Li Wei of Peru had a telephone conversation with Foreign Minister Ana "
            "Diaz of Chile on Tuesday. Li Wei told reporters on Thursday that Peru supports dialogue.\n")
    result = extract(text, day=dt.date(2022, 2, 25))
    (event,) = result.events
    (statement,) = result.statements
    assert event.date.lexical == "2022-02-22" and statement.date.lexical == "2022-02-24"


def test_a_title_nobody_holds_in_an_undated_report_is_the_builds_one_holder(tmp_path):
    graph, events = _events(tmp_path, {
        "a": "Chinese Foreign Minister Li Wei had a telephone conversation with Foreign Minister "
             "Jane Roe of Bolivia on February 26, 2022.\n",
        "b": "The Chinese Foreign Minister spoke on phone with Foreign Minister Jane Roe of Bolivia.\n",
    })
    (event,) = events  # seed 001 and 000 in small: one call, reported twice
    names = sorted(str(graph.value(p, rdflib.RDFS.label)) for p in graph.objects(event, SG.participant))
    assert names == ["Jane Roe", "Li Wei"]
    assert {str(d).rsplit("/", 1)[-1] for d in graph.objects(event, PROV.wasDerivedFrom)} == {"a", "b"}


@pytest.mark.parametrize("year, resolved", [("2013", True), ("2018", False)])
def test_a_title_nobody_holds_in_a_dated_report_is_a_holder_of_its_year(tmp_path, year, resolved):
    """"The Peruvian Foreign Minister" in a text of 2018 is not the one a text of 2013 names:
    the office may have changed hands."""
    folder = tmp_path / "in"
    folder.mkdir()
    texts = {"a": ("2013-03-04", "Peruvian Foreign Minister Li Wei met Foreign Minister Jane Roe of Bolivia in Quito.\n"),
             "b": (f"{year}-05-06", "The Peruvian Foreign Minister spoke on phone with Foreign Minister Tom Poe of Fiji.\n")}
    for name, (day, text) in texts.items():
        (folder / f"{name}.md").write_text(f"---\ntitle: Report {name}\ndate: {day}\n---\n{text}")
    build([folder], tmp_path / "out")
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    calls = [e for e in graph.subjects(RDF.type, SG.Event) if graph.value(e, SG.eventType) == SG.PhoneCall]
    names = sorted(str(graph.value(p, rdflib.RDFS.label)) for e in calls for p in graph.objects(e, SG.participant))
    assert names == (["Li Wei", "Tom Poe"] if resolved else ["Tom Poe"])


def test_a_title_with_two_holders_in_the_build_stays_out(tmp_path):
    graph, events = _events(tmp_path, {
        "a": "Chinese Foreign Minister Li Wei had a telephone conversation with Foreign Minister "
             "Jane Roe of Bolivia on February 26, 2022.\n",
        "c": "Chinese Foreign Minister Wu Min met Foreign Minister Tom Poe of Fiji on March 3, 2022.\n",
        "b": "The Chinese Foreign Minister spoke on phone with Foreign Minister Jane Roe of Bolivia.\n",
    })
    by_event = sorted(sorted(str(graph.value(p, rdflib.RDFS.label)) for p in graph.objects(e, SG.participant))
                      for e in events)
    assert len(events) == 3 and ["Jane Roe"] in by_event  # b's call: Jane Roe alone, not merged


def test_a_call_takes_the_participants_a_readout_lists(extract):
    text = ("President Jane Roe held a secure video call with regional leaders today.\n\n"
            "Participants in the call included Prime Minister Li Wei of Peru and President Ana Diaz of Chile.\n")
    (event,) = extract(text).events
    assert event.participants == ("person/ana-diaz", "person/jane-roe", "person/li-wei")


def test_a_speech_is_the_occasion_of_its_speakers_statements(tmp_path):
    folder = tmp_path / "un"
    (folder / "S").mkdir(parents=True)
    (folder / "speakers.csv").write_text("year,session,iso_code,country,speaker,post\n2022,77,BOL,Bolivia,Jane Roe,President\n")
    (folder / "S" / "BOL_77_2022.txt").write_text(
        "We call for an immediate ceasefire. Li Wei said that Peru supports dialogue.\n")
    build([folder], tmp_path / "out")
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    (speech,) = graph.subjects(SG.eventType, SG.Speech)
    assert str(graph.value(speech, SG.date)) == "2022"
    at_speech = {str(graph.value(s, SG.text)) for s in graph.subjects(SG.inEvent, speech)}
    assert "We call for an immediate ceasefire" in at_speech
    assert "Peru supports dialogue" not in at_speech  # reported there, not said there


def test_an_event_whose_only_participant_is_an_unresolved_title_is_no_event(tmp_path):
    graph, events = _events(tmp_path, {
        "b": "The Chinese Foreign Minister held a press conference.\n"})
    assert events == []
    assert not list(graph.subject_objects(SG.inEvent))


@pytest.mark.parametrize("other, merged", [
    ("French Presidential Adviser Bona", True),  # another spelling of one adviser: one call
    ("French Presidential Adviser Martin", False),  # another adviser: two calls
    ("Peruvian Presidential Adviser Bona", False),  # near name, another state: two calls
])
def test_two_spellings_of_a_participant_in_reports_of_one_call(tmp_path, other, merged):
    graph, events = _events(tmp_path, {
        "a": "On February 25, 2022, Foreign Minister Li Wei of Peru had a telephone conversation with "
             "French Presidential Adviser Bonne.\n",
        "b": f"Foreign Minister Li Wei of Peru spoke on phone with {other}.\n",
    })
    assert len(events) == (1 if merged else 2)
    if merged:
        bonne = next(p for p in graph.objects(events[0], SG.participant) if str(p).endswith("/bonne"))
        assert str(graph.value(bonne, rdflib.namespace.SKOS.altLabel)) == "Bona"


def test_seeds_000_and_001_give_one_call_per_counterpart(seed_graph):
    # two outlets report the same three calls in other words (and one spells a name otherwise)
    docs = {d for d in seed_graph.subjects(RDF.type, SG.Document) if str(d).rsplit("/", 1)[-1][:3] in ("000", "001")}
    calls = [e for e in seed_graph.subjects(SG.eventType, SG.PhoneCall)
             if set(seed_graph.objects(e, PROV.wasDerivedFrom)) & docs]
    assert len(calls) == 3
    assert all(set(seed_graph.objects(e, PROV.wasDerivedFrom)) == docs for e in calls)
    assert all(len(set(seed_graph.objects(e, SG.participant))) == 2 for e in calls)


def _military(result):
    return sorted(
        ((e.participants, e.date.lexical if e.date else None) for e in result.events if e.type == "MilitaryAction"),
        key=lambda x: (x[0], x[1] or "~"),
    )


def test_weapons_tests_on_two_days_are_two_events_and_the_condemner_takes_no_part(extract, lexicon):
    text = ("The United States condemns Bolivia for its test of a ballistic missile. Officials said that "
            "Bolivia's tests on February 26 and March 4, 2022 involved a long-range missile system. "
            "This launch violates several resolutions.\n")
    result = extract(text, day=dt.date(2022, 3, 24))
    bolivia = next(k for k, a in _actors(result).items() if a == "Bolivia")
    assert _military(result) == [((bolivia,), "2022-02-26"), ((bolivia,), "2022-03-04"), ((bolivia,), None)]


def test_an_attack_by_a_states_forces_is_the_states(extract):
    text = "The people of Egypt suffer an unprovoked attack by Libyan military forces tonight.\n"
    result = extract(text, day=dt.date(2022, 2, 23))
    libya = next(k for k, a in _actors(result).items() if a == "Libya")
    assert _military(result) == [((libya,), "2022-02-23")]
    assert libya in result.mentioned  # the event's participant comes from the document


@pytest.mark.parametrize("text", [
    "The school held a test of its students before the troops arrived.\n",  # a test, but no weapon's
    "The Justice Department launched new strike forces against trafficking.\n",  # verb; "strike" modifies
    "Libyan military forces are in an attack position.\n",  # "attack" modifies "position"
    "Do you have anything on Libya's imminent missile launch?\n",  # asked about, and still to come
])
def test_words_that_only_sometimes_tell_a_military_action(extract, text):
    assert _military(extract(text)) == []


def test_delegations_take_part_in_consultations(extract):
    text = ("On 7-8 March, Peru and Chile held high-level consultations on trade. The Peru "
            "delegation was led by Trade Coordinator Ana Diaz and included officials from the Ministry "
            "of Foreign Affairs. The Chile delegation was led by Deputy Minister Tom Poe.\n")
    result = extract(text, day=dt.date(2022, 3, 11))
    (meeting,) = [e for e in result.events if e.type == "Meeting"]
    labels = {_actors(result)[k] for k in meeting.participants}
    assert {"Peru", "Chile", "Ana Diaz", "Tom Poe"} <= labels
    assert meeting.date.lexical == "2022-03-07"  # "7-8 March": the first day


def _actors(result):
    return {a.key: a.label for a in result.actors}


@pytest.mark.parametrize("text", [
    "President Jane Roe chose a raid rather than targeting Tom Poe with an air strike.\n",
    "The agency will test payment models and authorize reimbursement of consultations between "
    "the Ministry of Health of Peru and the Ministry of Health of Chile.\n",
])
def test_events_not_done_are_no_events(extract, text):
    assert extract(text).events == ()


def test_a_demonym_on_the_trigger_names_who_acted(extract):
    text = "President Jane Roe reiterated her concern about the recent Libyan attack on a nuclear power plant.\n"
    result = extract(text)
    libya = next(k for k, a in _actors(result).items() if a == "Libya")
    assert _military(result) == [((libya,), None)]  # not the President, who spoke of it


ROE, LI, POE, DIAZ = "person/jane-roe", "person/li-wei", "person/tom-poe", "person/ana-diaz"


@pytest.mark.parametrize("text, expected", [
    ("Foreign Minister Jane Roe of Bolivia held a phone conversation with Foreign Minister Li Wei of "
     "Peru on Monday.", [("PhoneCall", (ROE, LI), "2022-02-28", None)]),
    ("Foreign Minister Jane Roe of Bolivia and Foreign Minister Li Wei of Peru spoke by phone on Feb 26.",
     [("PhoneCall", (ROE, LI), "2022-02-26", None)]),
    ("Foreign Minister Li Wei of Peru talked over phone with Foreign Minister Jane Roe of Bolivia.",
     [("PhoneCall", (ROE, LI), None, None)]),
    ("Foreign Minister Jane Roe of Bolivia met with Foreign Minister Li Wei of Peru in Geneva on Thursday.",
     [("Meeting", (ROE, LI), "2022-03-03", "Geneva")]),
    ("Foreign Minister Jane Roe of Bolivia and Foreign Minister Li Wei of Peru held a seven-hour-long "
     "meeting in Rome.", [("Meeting", (ROE, LI), None, "Rome")]),
    ("Spokeswoman Ana Diaz told a news conference on Thursday that Peru supports dialogue.",
     [("PressConference", (DIAZ,), "2022-03-03", None)]),
    ("Spokeswoman Ana Diaz said at a regular press conference that Peru supports dialogue.",
     [("PressConference", (DIAZ,), None, None)]),
    ("Spokeswoman Ana Diaz told a media briefing that Peru supports dialogue.",
     [("PressConference", (DIAZ,), None, None)]),
    ("Foreign Minister Li Wei of Peru held separate telephonic conversations with Foreign Minister Jane "
     "Roe of Bolivia and Foreign Minister Tom Poe of Fiji.",
     [("PhoneCall", (ROE, LI), None, None), ("PhoneCall", (LI, POE), None, None)]),
])
def test_detection_forms(extract, text, expected):
    result = extract(text + "\n", day=dt.date(2022, 3, 4))  # a Friday
    places = {}
    for e in result.events:
        if e.place is not None:
            places[e.place] = next(p.label for p in result.places if p.key == e.place)
    found = [(e.type, e.participants, e.date.lexical if e.date else None, places.get(e.place)) for e in result.events]
    assert found == expected


def _event(kind, participants, begin, date=None):
    from kg.extract.model import EventItem

    return EventItem(type=kind, participants=tuple(sorted(participants)), begin=begin, end=begin + 4,
                     sentence_begin=begin, sentence_end=begin + 40, date=date, place=None)


D24, D25 = DateValue("2022-02-24", "date"), DateValue("2022-02-25", "date")


@pytest.mark.parametrize("speaker, at, said_on, back, expected", [
    (LI, 100, None, set(), 1),  # the last occasion before, that the speaker took part in
    (ROE, 100, None, set(), 1),
    (POE, 100, None, set(), None),  # took part in none
    (LI, 100, D24, set(), 0),  # said on the 24th: not at the call of the 25th, but at the meeting
    (LI, 20, None, set(), 0),
    (LI, 20, None, {1}, 1),  # "Li made the remarks when he talked over phone with Roe"
    (DIAZ, 100, None, set(), None),  # an attack is no occasion
])
def test_where_a_statement_was_made(lexicon, speaker, at, said_on, back, expected):
    from kg.extract.pipeline import _occasion

    events = [_event("Meeting", (LI, ROE), 0, D24), _event("PhoneCall", (LI, ROE), 60, D25),
              _event("MilitaryAction", (DIAZ,), 80)]
    occasions = frozenset(c.iri.rsplit("#", 1)[-1] for c in lexicon.event_types if c.occasion)
    assert _occasion(events, speaker, at, said_on, None, back, occasions) == expected


def _hand_doc(words: list[str], lemmas: list[str]):
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas)


def _sorted_matches(matches):
    return sorted(matches, key=lambda m: (m[1], -m[2], m[0]))


def test_a_trigger_word_matches_by_lower_form_or_by_lemma(lexicon):
    """Each word of a trigger may match either form ("Held talks with": lemma, lower, lower)."""
    from kg.extract.events import TriggerMatcher, spacy_trigger_matcher

    doc = _hand_doc(["They", "HELD", "Talks", "with", "Ruritania", "by", "phones", ";", "phones", "Call", "."],
                    ["they", "hold", "talk", "with", "Ruritania", "by", "phone", ";", "phone", "call", "."])
    ours = TriggerMatcher(doc.vocab, lexicon)(doc)
    found = {(doc.vocab.strings[key], start, end) for key, start, end in ours}
    assert ("Meeting", 2, 4) in found  # "Talks with": lower forms
    assert ("PhoneCall", 6, 7) in found  # "phones": the lemma "phone"
    assert ("PhoneCall", 8, 10) in found  # "phones Call": a lemma, then a lower form
    assert not any(s == 1 for _, s, e in found)  # "HELD" alone is no trigger
    assert _sorted_matches(ours) == _sorted_matches(spacy_trigger_matcher(doc.vocab, lexicon)(doc))


def test_a_trigger_cut_off_by_the_end_of_the_text_is_no_match(lexicon):
    from kg.extract.events import TriggerMatcher

    doc = _hand_doc(["A", "missile"], ["a", "missile"])
    assert TriggerMatcher(doc.vocab, lexicon)(doc) == []
    empty = _hand_doc([], [])
    assert TriggerMatcher(empty.vocab, lexicon)(empty) == []


def test_the_trigger_matcher_finds_what_spacys_matcher_finds_on_the_seeds(nlp, lexicon):
    """The same matches, once each, as the spaCy Matcher with one pattern per choice of form."""
    from conftest import SEEDS

    from kg.extract.events import TriggerMatcher, spacy_trigger_matcher
    from kg.ingest import Document, iter_documents
    from kg.nlp import analysis_text

    ours, reference = TriggerMatcher(nlp.vocab, lexicon), spacy_trigger_matcher(nlp.vocab, lexicon)
    seeds = [d for d in iter_documents([SEEDS]) if isinstance(d, Document)]
    total = 0
    for doc in nlp.pipe(analysis_text(d.text) for d in seeds):
        found = ours(doc)
        assert len(found) == len(set(found))
        assert _sorted_matches(found) == _sorted_matches(reference(doc))
        total += len(found)
    assert total >= 10


def test_the_country_of_a_title_is_no_part_of_the_holders_name(extract):
    (talks,) = extract("Vladimir Putin had talks with Federal Chancellor of Austria Sebastian Kurz.\n").events
    assert "person/sebastian-kurz" in talks.participants  # not "Austria Sebastian Kurz"


def test_an_occasion_told_twice_in_a_document_is_one_event(extract):
    text = ("President Jane Roe of Bolivia met President Li Wei of Peru in Lima on February 26.\n\n"
            "Foreign Minister Ana Diaz of Bolivia also took part in the meeting.\n")
    (meeting,) = extract(text).events
    assert meeting.participants == ("person/ana-diaz", "person/jane-roe", "person/li-wei")
    assert meeting.date.lexical == "2022-02-26"


def test_an_undated_telling_of_one_of_two_dated_meetings_joins_neither(extract):
    text = ("President Jane Roe of Bolivia met President Li Wei of Peru on February 26. "
            "President Roe met President Li again on February 28.\n\n"
            "President Roe met President Li in Lima.\n")
    dates = sorted(str(e.date.lexical if e.date else None) for e in extract(text).events)
    assert dates == ["2022-02-26", "2022-02-28", "None"]


@pytest.mark.parametrize("text, dates", [
    ("President Jane Roe of Bolivia meets President Li Wei of Peru on March 4.\n", []),
    ("President Jane Roe of Bolivia visits Peru tomorrow.\n", []),
    ("President Jane Roe of Bolivia met President Li Wei of Peru on February 27.\n", ["2022-02-27"]),
])
def test_an_event_dated_after_its_document_is_still_to_come(extract, text, dates):
    assert [e.date.lexical for e in extract(text).events] == dates


def test_the_meeting_a_participants_list_follows(extract):
    text = ("Taking part in the meeting were Tom Poe, Director of Reuters, and Ana Diaz, Chief Editor of "
            "Kyodo.\n\nPresident Roe said that Bolivia supports a free press.\n")
    result = extract(text, title="President Jane Roe met with the directors of news agencies",
                     extra={"kind": "meeting"})
    (meeting,) = result.events
    # the title's holder (the body's "President Roe", by the full name the title gives) and the
    # directors listed
    assert meeting.participants == ("person/ana-diaz", "person/jane-roe", "person/tom-poe")
    assert meeting.date.lexical == "2022-03-01"


def test_the_lead_of_a_meetings_coverage_says_who_met(extract):
    text = ("President Jane Roe and President Li Wei of Peru discussed cooperation in trade.\n\n"
            "President Roe said that Bolivia supports free trade.\n")
    (meeting,) = extract(text, title="High level Bolivian-Peruvian talks took place in Lima",
                         extra={"kind": "meeting"}).events
    assert (meeting.type, meeting.participants) == ("Meeting", ("person/jane-roe", "person/li-wei"))


def test_a_joint_statements_we_is_its_signatories(extract):
    text = ("We met today in Lima to mark 200 years of relations. When we met in December 2001, we "
            "launched a working group on trade.\n")
    result = extract(text, title="Joint Statement by President Jane Roe of Bolivia and President Li Wei of Peru")
    meetings = sorted((e.participants, e.date.lexical) for e in result.events if e.type == "Meeting")
    assert meetings == [(("person/jane-roe", "person/li-wei"), "2001-12"),
                        (("person/jane-roe", "person/li-wei"), "2022-03-01")]


def test_a_summit_scheduled_for_a_day_is_no_event(extract):
    text = "President Jane Roe of Bolivia discussed the summit scheduled for March 21 with President Li Wei of Peru.\n"
    assert [e for e in extract(text).events if e.type == "Summit"] == []


def test_a_visit_takes_its_host_state_and_who_pays_it(extract):
    text = ("President Jane Roe of Bolivia held talks with Prime Minister Tom Poe, who is in Bolivia on a "
            "working visit. President Li Wei of Peru arrived in Chile on an official visit.\n")
    result = extract(text)
    label = {a.key: a.label for a in result.actors}
    visits = sorted(sorted(label[k] for k in e.participants) for e in result.events if e.type == "Visit")
    assert visits == [["Bolivia", "Tom Poe"], ["Chile", "Li Wei"]]
    # a host alone is no visit: who paid it is unknown
    assert [e for e in extract("The delegation arrived in Chile on an official visit.\n").events
            if e.type == "Visit"] == []


def test_telling_a_news_medium_is_an_interview(extract):
    text = ("On Wednesday, Home Secretary Jane Roe told Sky News that the plan works. "
            "Jane Roe told the Senate that the plan works.\n")
    (interview,) = extract(text).events
    assert (interview.type, interview.participants, interview.date.lexical) == (
        "Interview", ("organization/sky-news", "person/jane-roe"), "2022-02-23")


def _labels(result, event):
    names = {a.key: a.label for a in result.actors}
    return {names.get(k, k) for k in event.participants}


def test_states_joined_by_hyphens_take_part(extract):
    result = extract("Jane Roe said the Bolivian-Peruvian-Chilean summit in Lima had been a success.\n")
    (summit,) = [e for e in result.events if e.type == "Summit"]
    assert {"Bolivia", "Peru", "Chile"} <= _labels(result, summit)


def test_hyphened_states_join_the_meeting_their_leaders_held(extract):
    text = ("President Jane Roe of Bolivia met President Li Wei of Peru in Lima on 28 February.\n\n"
            "The Bolivian-Peruvian talks focused on trade.\n")
    result = extract(text)
    (meeting,) = result.events
    assert {"Jane Roe", "Li Wei"} <= _labels(result, meeting)
    assert not {"Bolivia", "Peru"} & _labels(result, meeting)  # in their titles


def test_a_title_of_another_state_is_no_title_at_home(extract):
    text = "Vladimir Putin had a telephone conversation with President of Tajikistan, during which he congratulated him.\n"
    (call,) = extract(text, publisher="President of Russia (en.kremlin.ru)").events
    assert call.type == "PhoneCall" and len(call.participants) == 2


def test_the_body_that_meets_takes_part(extract):
    result = extract("President Jane Roe held a session of the State Council Presidium on Monday.\n")
    (meeting,) = result.events
    assert meeting.type == "Meeting" and {"Jane Roe", "State Council Presidium"} <= _labels(result, meeting)


def test_a_meeting_of_three_heads_of_state_is_a_summit(extract):
    text = ("Bolivian President Jane Roe, Peruvian President Li Wei and Chilean President John Smith met "
            "in Lima on Monday.\n")
    (event,) = extract(text).events
    assert event.type == "Summit"


def test_a_date_of_another_thing_is_not_the_events(extract):
    text = "The main topics of the Bolivian-Peruvian talks were the provisions of the Lima Treaty of 1972.\n"
    (talks,) = extract(text).events
    assert talks.date is None


def test_an_agentless_title_occasion_is_held_by_the_publishers_head(extract):
    text = "Vladimir Churov briefed Dmitry Medvedev on the results of the elections.\n"
    result = extract(text, title="Meeting with Chairman of Central Election Commission Vladimir Churov",
                     day=dt.date(2010, 10, 16), publisher="President of Russia (en.kremlin.ru)",
                     extra={"kind": "meeting"})
    (meeting,) = result.events
    assert meeting.type == "Meeting" and {"Dmitry Medvedev", "Vladimir Churov"} <= _labels(result, meeting)


def test_the_body_pointing_back_to_the_titles_press_conference(extract):
    result = extract("The press conference dealt with trade and fisheries.\n",
                     title="President Jane Roe and President of Peru Li Wei held a press conference following talks",
                     extra={"kind": "press"})
    (conference,) = [e for e in result.events if e.type == "PressConference"]  # and the talks
    assert conference.type == "PressConference" and {"Jane Roe", "Li Wei"} <= _labels(result, conference)
    assert conference.date is not None


def test_an_interview_title_after_talks_records_the_interview(extract):
    result = extract("Ms Roe told journalists that trade had grown.\n",
                     title="After talks, President Jane Roe and President Li Wei were interviewed by journalists",
                     extra={"kind": "interview"})
    # the interview, and the talks before it, which the title tells too
    assert sorted(e.type for e in result.events) == ["Interview", "Meeting"]
    (interview,) = [e for e in result.events if e.type == "Interview"]
    assert {"Jane Roe", "Li Wei"} <= _labels(result, interview)  # the body's "Ms Roe", named in full by the title


def test_a_context_trigger_in_a_titles_modifier_names_no_occasion(extract):
    result = extract("We support the peaceful settlement of disputes.\n",
                     title="Statement by Ruritania at the general debate of session 79 of the General Assembly")
    assert "Meeting" not in [e.type for e in result.events]


def test_a_full_name_the_ner_missed_is_the_surnames_person(extract):
    text = ("Vladimir Putin and Igor Shuvalov discussed the privatisation of housing.\n\n"
            "Mr Shuvalov said that prices had fallen.\n")
    assert "Igor Shuvalov" in {a.label for a in extract(text).actors}


def test_two_heads_of_state_meeting_is_no_summit(extract):
    (event,) = extract("Bolivian President Jane Roe and Peruvian President Li Wei met in Lima on Monday.\n").events
    assert event.type == "Meeting"


def test_a_named_summit_has_no_body_that_meets(extract):
    result = extract("Bolivia welcomes the outcome of the Summit of the Future, which we attended.\n")
    assert all("Future" not in label for e in result.events for label in _labels(result, e))


def test_the_administration_meeting_an_unnamed_group_is_a_meeting(extract):
    result = extract("On Friday, the administration met with veteran service organizations to discuss trucking jobs.\n",
                     publisher="White House")
    (meeting,) = result.events
    assert meeting.type == "Meeting" and _labels(result, meeting) == {"United States"}


def test_talks_among_unnamed_parties_are_no_meeting(extract):
    text = "He said China supports the resumption of such talks among the related parties.\n"
    assert extract(text).events == ()


def test_meeting_journalists_is_a_press_conference(extract):
    (event,) = extract("President Jane Roe met with journalists after the talks.\n").events
    assert event.type == "PressConference"


def test_a_host_alone_is_no_visit(extract):
    assert extract("The number of Bolivian tourists visiting Peru is also increasing.\n").events == ()


def test_a_title_the_body_leaves_unnamed_is_the_titles_person(extract):
    text = "The President said the Swedish King’s visit to Russia was a confirmation of close contacts.\n"
    result = extract(text, title="President Vladimir Putin met with King Carl XVI Gustav of Sweden",
                     day=dt.date(2001, 10, 8), publisher="President of Russia (en.kremlin.ru)",
                     extra={"kind": "meeting"})
    visits = [e for e in result.events if e.type == "Visit"]
    assert visits and "Carl XVI Gustav" in _labels(result, visits[0])


def test_a_working_meeting_title_is_held_by_the_publishers_head(extract):
    result = extract("The socioeconomic situation in the region was the subject of discussion.\n",
                     title="Working meeting with Novosibirsk Region Governor Vasily Yurchenko",
                     day=dt.date(2012, 12, 11), publisher="President of Russia (en.kremlin.ru)",
                     extra={"kind": "meeting"})
    (meeting,) = result.events
    assert _labels(result, meeting) == {"Vladimir Putin", "Vasily Yurchenko"}


def test_a_trigger_in_a_web_address_is_none(extract):
    text = ("In August, President Jane Roe set an [ambitious target](https://example.gov/briefing-room/"
            "statements-releases/2021/08/05/fact-sheet/) for clean cars by 2030.\n")
    assert extract(text).events == ()


def test_the_body_before_a_summit_meets_at_it(extract):
    result = extract("Jane Roe attended the NATO summit in Vilnius on Tuesday.\n")
    (summit,) = result.events
    assert summit.type == "Summit" and any("NATO" in label or "North Atlantic" in label for label in _labels(result, summit))


def test_a_titles_other_occasions_are_the_documents_on_its_date(extract):
    result = extract("Mr Putin and Mr Mirziyoyev made press statements following the talks.\n",
                     title="Press statements following Russian-Uzbekistani talks",
                     day=dt.date(2017, 4, 5), publisher="President of Russia (en.kremlin.ru)",
                     extra={"kind": "press"})
    by_type = {e.type: e for e in result.events}
    assert set(by_type) == {"PressConference", "Meeting"}
    assert {"Vladimir Putin", "Mirziyoyev"} <= _labels(result, by_type["PressConference"])
    assert by_type["Meeting"].date is not None and by_type["Meeting"].date.lexical == "2017-04-05"


def test_an_agentless_visit_in_a_title_is_the_publishers_heads(extract):
    result = extract("President of Russia Vladimir Putin: Mr President, ladies and gentlemen, thank you.\n",
                     title="News conference following state visit to Turkey",
                     day=dt.date(2014, 12, 1), publisher="President of Russia (en.kremlin.ru)",
                     extra={"kind": "press"})
    (visit,) = [e for e in result.events if e.type == "Visit"]
    assert "Vladimir Putin" in _labels(result, visit) and visit.date.lexical == "2014-12-01"


def test_an_occasion_a_statement_is_about_is_not_the_titles(extract):
    text = "President Jane Roe will speak with President Li Wei of Peru this Friday.\n"
    result = extract(text, title="Statement by Press Secretary John Doe on President Roe's Call with President Li Wei",
                     day=dt.date(2022, 3, 17))
    assert [e for e in result.events if e.type == "PhoneCall"] == []


def test_an_earlier_speech_the_address_recalls_is_another_occasion(extract):
    text = ("President of Russia Vladimir Putin: Citizens of Russia,\n\nI first addressed you on March 25 "
            "in connection with the spread of the infection.\n")
    result = extract(text, title="Address to the Nation", day=dt.date(2020, 6, 23),
                     publisher="President of Russia (en.kremlin.ru)", extra={"kind": "speech"})
    assert sorted(e.date.lexical for e in result.events if e.type == "Speech") == ["2020-03-25", "2020-06-23"]


def test_those_who_attended_a_meeting_take_part(extract):
    text = ("Vladimir Putin held a meeting, via videoconference, with permanent members of the Security Council.\n\n"
            "The meeting was attended by Prime Minister Mikhail Mishustin, Foreign Minister Sergei Lavrov "
            "and Security Council Secretary Nikolai Patrushev.\n")
    result = extract(text, day=dt.date(2020, 4, 3))
    (meeting,) = result.events
    assert meeting.type == "Meeting"
    assert {"Vladimir Putin", "Mikhail Mishustin", "Nikolai Patrushev"} <= _labels(result, meeting)
    assert len(meeting.participants) == 4  # and Sergei Lavrov, by whatever label the gazetteer gives him


def test_a_year_elsewhere_in_the_sentence_does_not_date_the_event(extract):
    result = extract("Vladimir Putin spoke to the press about a meeting with regional heads and evaluated "
                     "the government's work in 2000.\n", day=dt.date(2000, 12, 28))
    assert [e.date for e in result.events if e.type == "PressConference"] == [None]


def test_an_owned_address_is_a_speech_and_his_is_the_subjects(extract):
    result = extract("Li Wei welcomed the delegation. In his opening remarks, President Jane Roe said "
                     "trade had grown.\n")
    (speech,) = [e for e in result.events if e.type == "Speech"]
    assert _labels(result, speech) == {"Jane Roe"}


def test_an_address_nobody_owns_is_no_speech(extract):
    assert [e for e in extract("Jane Roe gave the address of the embassy in Lima to Li Wei.\n").events
            if e.type == "Speech"] == []


def _events_of_type(tmp_path, reports, event_type):
    """The events of ``event_type`` a build of dated reports ((name, date, text), ...) gives."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, day, text in reports:
        (folder / f"{name}.md").write_text(f"---\ntitle: Report {name}\ndate: {day}\n---\n{text}")
    build([folder], tmp_path / "out")
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    return [e for e in graph.subjects(RDF.type, SG.Event) if (e, SG.eventType, event_type) in graph]


def test_an_undated_report_is_not_an_event_after_its_document(tmp_path):
    visits = _events_of_type(tmp_path, (("a", "2022-03-04", "On March 4, 2022, President Jane Roe visited Lima.\n"),
                                        ("b", "2022-01-10", "President Jane Roe visited Lima.\n")), SG.Visit)
    assert len(visits) == 2  # the visit of January 10 or before is not the one of March 4


def test_an_undated_speech_of_one_actor_joins_no_other_documents(tmp_path):
    speeches = _events_of_type(tmp_path, (
        ("a", "2022-03-04", "On March 4, 2022, President Jane Roe delivered a speech in Lima.\n"),
        ("b", "2022-03-10", "President Jane Roe delivered a speech on trade.\n")), SG.Speech)
    assert len(speeches) == 2


def test_my_visit_in_a_turn_is_the_speakers(extract):
    text = ("President of Russia Vladimir Putin: Mr President, ladies and gentlemen,\n\n"
            "I would like to confirm that the talks during my state visit to Turkey were held in a friendly "
            "atmosphere.\n\nQuestion: What about gas?\n\nVladimir Putin: We will see.\n")
    result = extract(text, title="News conference", day=dt.date(2014, 12, 1),
                     publisher="President of Russia (en.kremlin.ru)", extra={"kind": "press"})
    (visit,) = [e for e in result.events if e.type == "Visit"]
    assert {"Vladimir Putin", "Turkey"} <= _labels(result, visit)


def test_an_event_told_in_the_present_is_on_the_documents_day(extract):
    result = extract("It is a pleasure to welcome Mr Kurz, who is in Russia on a working visit.\n",
                     day=dt.date(2018, 2, 28))
    (visit,) = [e for e in result.events if e.type == "Visit"]
    assert visit.date is not None and visit.date.lexical == "2018-02-28"


def test_the_subject_of_the_main_verb_made_the_visit_it_follows(extract):
    result = extract("Vladimir Putin answered media questions following a working visit to the People's "
                     "Republic of China.\n", day=dt.date(2017, 5, 15))
    (visit,) = [e for e in result.events if e.type == "Visit"]
    assert "Vladimir Putin" in _labels(result, visit)


def test_telephone_conversations_with_two_leaders_are_two_calls(extract):
    text = ("Vladimir Putin held telephone conversations with President of Bolivia Jane Roe and President "
            "of Peru Li Wei.\n\nThe situation in the region was discussed.\n")
    result = extract(text, title="Telephone conversations with Jane Roe and Li Wei", day=dt.date(2016, 4, 5),
                     publisher="President of Russia (en.kremlin.ru)", extra={"kind": "telephone-conversation"})
    calls = sorted(sorted(_labels(result, e)) for e in result.events if e.type == "PhoneCall")
    assert calls == [["Jane Roe", "Vladimir Putin"], ["Li Wei", "Vladimir Putin"]]
    assert {e.date.lexical for e in result.events if e.type == "PhoneCall"} == {"2016-04-05"}


def test_an_event_in_another_nouns_clause_takes_no_date_from_the_sentence(extract):
    result = extract("Today we examined the agreements reached during Jane Roe's visit to Lima.\n",
                     day=dt.date(2017, 4, 27))
    (visit,) = [e for e in result.events if e.type == "Visit"]
    assert visit.date is None


def test_a_titles_occasion_the_body_dates_is_the_bodys(extract):
    result = extract("President Li Wei signed a list of instructions following a March 13, 2013 meeting "
                     "with President Jane Roe.\n",
                     title="Instructions following President Li Wei's meeting with President Jane Roe",
                     day=dt.date(2013, 4, 4))
    assert [e.date.lexical for e in result.events if e.type == "Meeting"] == ["2013-03-13"]


def test_a_titles_other_occasion_the_body_dates_is_not_told_again(extract):
    text = ("President of Peru Li Wei: On March 3 I held talks with President Jane Roe in Lima.\n\n"
            "Question: What about trade?\n\nLi Wei: Trade is growing.\n")
    result = extract(text, title="Press statements following President Li Wei's talks with President Jane Roe",
                     day=dt.date(2013, 4, 4), extra={"kind": "press"})
    assert [e.date.lexical for e in result.events if e.type == "Meeting"] == ["2013-03-03"]


def test_a_named_address_is_no_participant(extract):
    result = extract("President Jane Roe said her first State of the Union Address was an action plan.\n")
    assert not any("Address" in a.label for a in result.actors)


def test_a_leaders_we_in_a_turn_takes_part_and_a_spokespersons_does_not(extract):
    def meetings(label):
        text = (f"{label}: Ladies and gentlemen,\n\nWe held a productive session of the Cooperation Council "
                "with President Li Wei of Peru.\n\nQuestion: What about trade?\n\n"
                f"{label}: Trade is growing.\n")
        result = extract(text, title="News conference", day=dt.date(2014, 12, 1), extra={"kind": "press"})
        return [_labels(result, e) for e in result.events if e.type == "Meeting"]

    assert any("Jane Roe" in m for m in meetings("President of Bolivia Jane Roe"))
    assert not any("Jane Roe" in m for m in meetings("Press Secretary Jane Roe"))


@pytest.mark.parametrize("text, speech", [
    ("President Jane Roe addressed the nation on Monday.\n", True),
    ("President Jane Roe addressed Scottish businessmen and scientists in Edinburgh.\n", True),
    ("President Jane Roe addressed the issue with the Washington Post.\n", False),
    ("President Jane Roe addressed this with reporters on Monday.\n", False),
    ("Bolivia continues to support the G20 roadmap for addressing challenges and frictions with payments.\n", False),
])
def test_addressed_is_a_speech_only_to_an_audience(extract, text, speech):
    assert any(e.type == "Speech" for e in extract(text).events) is speech


def test_a_name_of_an_occasion_is_no_actor(extract):
    result = extract("Yesterday, as part of Black History Month programming, the White House\nhosted a virtual "
                     "Celebration of Afro-Latino Heritage, where\nAdministration officials highlighted how "
                     "President Jane Roe has prioritized equity.\n")
    assert not any(a.label.startswith("Celebration") for a in result.actors)


def test_an_event_that_is_the_topic_of_a_noun_is_not_held_by_its_subject(extract):
    topic = "President Jane Roe of Bolivia and President Li Wei of Peru exchanged opinions on the current peace talks.\n"
    assert [e for e in extract(topic).events if e.type == "Meeting"] == []
    held = "President Jane Roe of Bolivia and President Li Wei of Peru held peace talks.\n"
    assert [e.type for e in extract(held).events] == ["Meeting"]


@pytest.mark.parametrize("text", [
    "President Jane Roe of Bolivia and President Li Wei of Peru discussed the preparations for the Lima summit.\n",
    "President Jane Roe of Bolivia and President Li Wei of Peru discussed the agenda for the Lima summit.\n",
    "President Jane Roe of Bolivia and President Li Wei of Peru discussed the Lima summit that will take place in July.\n",
])
def test_a_summit_being_prepared_is_no_event(extract, text):
    assert [e for e in extract(text).events if e.type == "Summit"] == []


def test_a_state_at_a_press_conference_takes_part_through_its_leader_the_text_names(extract):
    text = ("President of Russia Vladimir Putin: Mr President, ladies and gentlemen,\n\n"
            "We had a substantive discussion with Turkish President Mr Erdogan.\n")
    result = extract(text, title="News conference following state visit to Turkey",
                     day=dt.date(2014, 12, 1), publisher="President of Russia (en.kremlin.ru)",
                     extra={"kind": "press"})
    (conference,) = [e for e in result.events if e.type == "PressConference"]
    assert {"Vladimir Putin", "Erdogan"} <= _labels(result, conference)
    # a minister is no head: the state alone
    minister = text.replace("Turkish President Mr Erdogan", "Turkish Foreign Minister Mr Cavusoglu")
    result = extract(minister, title="News conference following state visit to Turkey",
                     day=dt.date(2014, 12, 1), publisher="President of Russia (en.kremlin.ru)",
                     extra={"kind": "press"})
    (conference,) = [e for e in result.events if e.type == "PressConference"]
    assert "Cavusoglu" not in _labels(result, conference)


def test_a_readout_whose_title_names_no_occasion_reads_out_a_meeting(extract):
    text = ("Yesterday, the White House hosted a virtual roundtable on trade. The program consisted of remarks "
            "from Ambassador to Spain Jane Roe and Director of the Office of Trade Robert Miller.\n\n"
            "Chair of the Trade Council Maria Lopez moderated a discussion with Acting Director Li Wei.\n")
    result = extract(text, title="Readout of White House Virtual Roundtable on Trade")
    (meeting,) = [e for e in result.events if e.type == "Meeting"]  # the remarks are speeches
    assert meeting.type == "Meeting" and meeting.date.lexical == "2022-02-28"
    assert {"Jane Roe", "Robert Miller", "Maria Lopez", "Li Wei"} <= _labels(result, meeting)


def test_a_meeting_of_a_body_of_leaders_is_a_summit(extract):
    text = ("Today, the European Council was joined by President Jane Roe of Bolivia. The leaders discussed "
            "trade.\n")
    result = extract(text, title="Joint Readout by Bolivia and the European Council")
    (summit,) = result.events
    assert summit.type == "Summit" and {"Jane Roe", "European Council"} <= _labels(result, summit)


def test_a_list_of_those_at_a_meeting_is_not_a_summits(extract):
    text = ("Jane Roe held a meeting with members of the Security Council. They discussed the results of the "
            "Bolivian-Peruvian summit held on February 26. Taking part in the meeting were Prime Minister Tom "
            "Miller and Foreign Minister Ana Lopez.\n")
    result = extract(text, publisher="President of Russia (en.kremlin.ru)")
    summits = [e for e in result.events if e.type == "Summit"]
    assert summits and all("Tom Miller" not in _labels(result, e) for e in summits)
    assert any("Tom Miller" in _labels(result, e) for e in result.events if e.type == "Meeting")


def test_addressing_a_summit_is_a_speech_and_a_pronoun_may_point_forward(extract):
    text = ("Prime Minister Tom Miller arrived in Lima. As he was addressing the summit, President Jane Roe of "
            "Bolivia said that Bolivia supports the plan.\n")
    result = extract(text)
    (speech,) = [e for e in result.events if e.type == "Speech"]
    assert _labels(result, speech) == {"Jane Roe"}  # "he" is Roe, named after it, not Miller before
    issue = "Addressing the issue of trade, President Jane Roe of Bolivia said that Bolivia supports the plan.\n"
    assert [e for e in extract(issue).events if e.type == "Speech"] == []


def test_your_in_a_question_is_the_head_of_state_who_answers(extract):
    text = ("Question: Mr President, on January 23, at your meeting with President Li Wei of Peru, you cited a "
            "letter on trade.\n\nPresident of Bolivia Jane Roe: The letter was a mistake.\n")
    result = extract(text, title="Answers to journalists' questions", extra={"kind": "press"})
    (meeting,) = [e for e in result.events if e.type == "Meeting"]
    assert _labels(result, meeting) == {"Jane Roe", "Li Wei"} and meeting.date.lexical == "2022-01-23"
    # a press secretary's "you" is the administration: no one
    secretary = text.replace("Mr President", "Jen").replace("President of Bolivia Jane Roe", "Press Secretary Jane Roe")
    result = extract(secretary, title="Press Briefing by Press Secretary Jane Roe", extra={"kind": "press"})
    assert [e for e in result.events if e.type == "Meeting"] == []


KREMLIN = "President of Russia (en.kremlin.ru)"


def test_a_same_day_publishers_report_tells_the_days_events(extract):
    text = ("Vladimir Putin met with the members of the Security Council.\n\nAt the end of the meeting, Vladimir "
            "Putin held a news conference for journalists.\n")
    day = dt.date(2013, 3, 23)
    result = extract(text, title="Vladimir Putin met with Security Council members", day=day, publisher=KREMLIN,
                     extra={"kind": "other"})
    (conference,) = [e for e in result.events if e.type == "PressConference"]
    assert result.kind in ("news-report", "meeting-coverage") and conference.date.lexical == "2013-03-23"
    # another publisher, or an earlier day the text marks: no date
    other = extract(text, title="Vladimir Putin met with Security Council members", day=day, publisher="Example News",
                    extra={"kind": "other"})
    assert [e.date for e in other.events if e.type == "PressConference"] == [None]
    earlier = text.replace("held a news conference", "had held a news conference")
    result = extract(earlier, title="Vladimir Putin met with Security Council members", day=day, publisher=KREMLIN,
                     extra={"kind": "other"})
    assert [e.date for e in result.events if e.type == "PressConference"] == [None]


def test_an_invitation_to_visit_is_no_visit(extract):
    text = "President Jane Roe reaffirmed the invitation to President Li Wei of Peru to make a full-scale visit to Bolivia.\n"
    assert [e for e in extract(text).events if e.type == "Visit"] == []


def test_the_two_presidents_are_the_pair_the_text_names(extract):
    text = ("After the documents were signed, the heads of the two countries held a separate meeting.\n\n"
            "President Jane Roe and President Li Wei gave a high assessment of the document.\n")
    (meeting,) = [e for e in extract(text).events if e.type == "Meeting"]
    assert set(meeting.participants) == {"person/jane-roe", "person/li-wei"}
    unnamed = "After the documents were signed, the heads of the two countries held a separate meeting.\n"
    assert [e for e in extract(unnamed).events if e.type == "Meeting"] == []


def test_talks_held_in_the_present_perfect_are_an_occasion(extract):
    text = "President Jane Roe of Bolivia and President Li Wei of Peru have held talks in Lima.\n"
    assert [e.type for e in extract(text).events] == ["Meeting"]


def test_a_state_takes_part_through_every_leader_of_it_the_text_names(extract):
    text = ("President of Russia Vladimir Putin: Mr President, ladies and gentlemen,\n\n"
            "We had a substantive discussion with Turkish President Mr Erdogan and Turkish Prime Minister "
            "Mr Davutoglu.\n")
    result = extract(text, title="News conference following state visit to Turkey",
                     day=dt.date(2014, 12, 1), publisher=KREMLIN, extra={"kind": "press"})
    (conference,) = [e for e in result.events if e.type == "PressConference"]
    assert {"Erdogan", "Davutoglu"} <= _labels(result, conference)


def test_a_bulleted_list_of_participants_joins_the_meeting(extract):
    text = ("Today, Senior Advisor Jane Roe held a virtual roundtable with tribal leaders on roads.\n\n"
            "Virtual roundtable participants included:\n\n"
            "-   Chief Gary Batton (Choctaw Nation, OK)\n"
            "-   President Kevin Killer (Oglala Sioux Tribe, SD)\n"
            "-   Julie Kitka, President of Alaska Federation of Natives\n\n"
            "The roundtable was productive.\n")
    result = extract(text.replace("held a virtual roundtable", "held a virtual meeting"))
    (meeting,) = [e for e in result.events if e.type == "Meeting"]
    assert {"Jane Roe", "Gary Batton", "Kevin Killer", "Julie Kitka"} <= _labels(result, meeting)


def test_remarks_from_two_persons_are_a_speech_each(extract):
    text = "Yesterday the program consisted of remarks from Senator Jane Roe and Governor Maria Lopez.\n"
    speeches = [e for e in extract(text).events if e.type == "Speech"]
    assert sorted(e.participants for e in speeches) == [("person/jane-roe",), ("person/maria-lopez",)]
    assert {e.date.lexical for e in speeches} == {"2022-02-28"}


def test_a_readout_without_a_titled_occasion_reads_out_a_meeting_not_a_speech(extract):
    text = ("Yesterday, the White House hosted a virtual celebration. The program consisted of remarks from "
            "Ambassador Jane Roe and Director Robert Miller.\n\nChair of the Trade Council Maria Lopez moderated "
            "a discussion with Acting Director Li Wei.\n")
    result = extract(text, title="Readout of White House Virtual Celebration of Trade")
    (meeting,) = [e for e in result.events if e.type == "Meeting"]
    assert {"Maria Lopez", "Li Wei"} <= _labels(result, meeting)


def test_he_after_the_president_as_subject_is_the_president(extract):
    text = ("Press Secretary Jen Psaki spoke to Michael Smith. The President received an update. As you know, "
            "he also had a G7 meeting that lasted a couple of hours this morning.\n")
    result = extract(text, day=dt.date(2022, 2, 24), publisher="White House")
    (meeting,) = [e for e in result.events if e.type == "Meeting"]
    assert "Joe Biden" in _labels(result, meeting) and "Jen Psaki" not in _labels(result, meeting)


def test_a_question_that_runs_into_the_answers_label_is_asked_about(lexicon):
    """The parser may leave a transcript's question and the next turn's label in one sentence:
    "... until Lavrov meets with Blinken ? MS ." is still a question."""
    import spacy
    from spacy.tokens import Doc

    from kg.extract.events import _hypothetical

    def make_doc(rows):  # (word, head, dep, pos, lemma): one sentence
        return Doc(spacy.blank("en").vocab, words=[r[0] for r in rows], heads=[r[1] for r in rows],
                   deps=[r[2] for r in rows], pos=[r[3] for r in rows], lemmas=[r[4] for r in rows],
                   sent_starts=[True] + [False] * (len(rows) - 1))

    rows = [("Lavrov", 1, "nsubj", "PROPN", "Lavrov"), ("meets", 1, "ROOT", "VERB", "meet"),
            ("with", 1, "prep", "ADP", "with"), ("Blinken", 2, "pobj", "PROPN", "Blinken"),
            ("?", 1, "punct", "PUNCT", "?"), ("MS", 1, "npadvmod", "PROPN", "MS"), (".", 1, "punct", "PUNCT", ".")]
    assert _hypothetical(make_doc(rows)[1], lexicon.words)
    told = [*rows[:4], (".", 1, "punct", "PUNCT", "."), *rows[5:]]
    assert not _hypothetical(make_doc(told)[1], lexicon.words)


def test_the_name_of_a_recurring_occasion_is_no_actor(extract):
    result = extract("And to President Jane Roe of Bolivia, the State of the Union was more than a speech.\n")
    assert not any("Union" in a.label for a in result.actors)


@pytest.mark.parametrize("who, expected", [("heads", "Summit"), ("foreign ministers", "Meeting")])
def test_the_states_a_plural_noun_lists_take_part(extract, who, expected):
    result = extract(f"At a meeting on Monday, the {who} of three states – Bolivia, Peru and Chile – signed a declaration.\n")
    (event,) = result.events
    assert event.type == expected
    assert _labels(result, event) == {"Bolivia", "Peru", "Chile"}


def test_a_meeting_with_its_own_other_side_does_not_take_the_verbs(extract):
    result = extract("Following a meeting with Foreign Minister Li Wei of Peru on Monday, President Jane Roe of "
                     "Bolivia met with the three leaders of the Andean states — Chile, Ecuador, and Colombia.\n")
    (meeting,) = result.events
    assert _labels(result, meeting) == {"Li Wei", "Jane Roe"}


def test_an_occasion_under_a_glad_infinitive_is_as_told_as_its_copula(lexicon):
    """"We will be happy to see you at the summit": the summit is still to come; "we were happy
    to see you at the summit" tells it."""
    import spacy
    from spacy.tokens import Doc

    from kg.extract.events import _hypothetical

    def sentence(aux: list[tuple], copula: tuple):
        rows = [("we", 1 + len(aux), "nsubj", "PRON", "we"), *aux, copula,
                ("happy", 1 + len(aux), "acomp", "ADJ", "happy"), ("to", 4 + len(aux), "aux", "PART", "to"),
                ("see", 2 + len(aux), "xcomp", "VERB", "see"), ("you", 4 + len(aux), "dobj", "PRON", "you"),
                ("at", 4 + len(aux), "prep", "ADP", "at"), ("the", 8 + len(aux), "det", "DET", "the"),
                ("summit", 6 + len(aux), "pobj", "NOUN", "summit")]
        doc = Doc(spacy.blank("en").vocab, words=[r[0] for r in rows], heads=[r[1] for r in rows],
                  deps=[r[2] for r in rows], pos=[r[3] for r in rows], lemmas=[r[4] for r in rows],
                  sent_starts=[True] + [False] * (len(rows) - 1))
        return doc[len(rows) - 1]

    assert _hypothetical(sentence([("will", 2, "aux", "AUX", "will")], ("be", 2, "ROOT", "AUX", "be")), lexicon.words)
    assert not _hypothetical(sentence([], ("were", 1, "ROOT", "AUX", "be")), lexicon.words)


def test_an_occasion_told_with_a_word_of_frequency_is_a_practice(lexicon):
    """"Roe met Poe many times", "Roe meets Poe regularly": no one occasion; "met Poe" is one."""
    import spacy
    from spacy.tokens import Doc

    from kg.extract.events import _practice, event_types

    meeting = event_types(lexicon)["Meeting"]

    def verb_of(rows):  # (word, head, dep, pos, tag, lemma)
        doc = Doc(spacy.blank("en").vocab, words=[r[0] for r in rows], heads=[r[1] for r in rows],
                  deps=[r[2] for r in rows], pos=[r[3] for r in rows], tags=[r[4] for r in rows],
                  lemmas=[r[5] for r in rows], sent_starts=[True] + [False] * (len(rows) - 1))
        return doc[1]

    met = [("Roe", 1, "nsubj", "PROPN", "NNP", "Roe"), ("met", 1, "ROOT", "VERB", "VBD", "meet"),
           ("Poe", 1, "dobj", "PROPN", "NNP", "Poe")]
    assert not _practice(verb_of(met), meeting, lexicon.words)
    times = [*met, ("many", 4, "amod", "ADJ", "JJ", "many"), ("times", 1, "npadvmod", "NOUN", "NNS", "time")]
    assert _practice(verb_of(times), meeting, lexicon.words)
    numbered = [*met, ("three", 4, "nummod", "NUM", "CD", "three"), ("times", 1, "npadvmod", "NOUN", "NNS", "time")]
    assert _practice(verb_of(numbered), meeting, lexicon.words)
    regularly = [*met, ("regularly", 1, "advmod", "ADV", "RB", "regularly")]
    assert _practice(verb_of(regularly), meeting, lexicon.words)


@pytest.mark.parametrize("sentence, speech", [
    ("President Jane Roe said at the award ceremony on Monday that science matters.", True),
    ("President Jane Roe told the rally on Monday that Bolivia stands firm.", True),
    ("On Monday in this Hall, President Jane Roe spoke about the floods.", True),
    ("President Jane Roe said in a statement on Monday that floods matter.", False),
    # a meeting's words are the meeting's, not a speech
    ("President Jane Roe said at a meeting with Governor Tom Poe on Monday that roads matter.", False),
    ("President Jane Roe will speak at the award ceremony on Friday.", False),
])
def test_speaking_at_a_venue_is_a_speech(extract, sentence, speech):
    result = extract(sentence + "\n")
    speeches = [e for e in result.events if e.type == "Speech"]
    assert [(e.participants, e.date.lexical) for e in speeches] == ([(("person/jane-roe",), "2022-02-28")] if speech else [])


def test_a_capitalised_owned_trigger_and_a_named_ones_head_say_whose(lexicon):
    """"his Address to ...", "his State of the Union Address" (the possessive on the name's head)."""
    import spacy
    from spacy.tokens import Doc

    from kg.extract.events import is_owned

    def doc_of(rows):  # (word, head, dep, pos)
        return Doc(spacy.blank("en").vocab, words=[r[0] for r in rows], heads=[r[1] for r in rows],
                   deps=[r[2] for r in rows], pos=[r[3] for r in rows])

    named = doc_of([("in", 0, "ROOT", "ADP"), ("his", 2, "poss", "PRON"), ("State", 0, "pobj", "PROPN"),
                    ("of", 2, "prep", "ADP"), ("the", 6, "det", "DET"), ("Union", 6, "compound", "PROPN"),
                    ("Address", 3, "pobj", "PROPN")])
    assert is_owned(named[6:7])
    unowned = doc_of([("in", 0, "ROOT", "ADP"), ("the", 2, "det", "DET"), ("State", 0, "pobj", "PROPN"),
                      ("of", 2, "prep", "ADP"), ("the", 6, "det", "DET"), ("Union", 6, "compound", "PROPN"),
                      ("Address", 3, "pobj", "PROPN")])
    assert not is_owned(unowned[6:7])
    capital = doc_of([("in", 0, "ROOT", "ADP"), ("his", 2, "poss", "PRON"), ("Address", 0, "pobj", "PROPN")])
    assert is_owned(capital[2:3])


def test_a_lower_case_trigger_a_name_runs_into_and_one_given_say_whose(lexicon):
    """"his State of the Union address" (the parser hangs "address" under "of", with "Union" its
    compound); "Roe gave the State of the Union address" (the one who gives it), not "gave the
    address of the office"."""
    import spacy
    from spacy.tokens import Doc

    from kg.extract.events import is_owned

    def doc_of(rows):  # (word, head, dep, pos, lemma)
        return Doc(spacy.blank("en").vocab, words=[r[0] for r in rows], heads=[r[1] for r in rows],
                   deps=[r[2] for r in rows], pos=[r[3] for r in rows], lemmas=[r[4] for r in rows])

    owned = doc_of([("in", 0, "ROOT", "ADP", "in"), ("his", 2, "poss", "PRON", "his"),
                    ("State", 0, "pobj", "PROPN", "State"), ("of", 2, "prep", "ADP", "of"),
                    ("the", 6, "det", "DET", "the"), ("Union", 6, "compound", "PROPN", "Union"),
                    ("address", 3, "pobj", "NOUN", "address")])
    assert is_owned(owned[6:7])
    given = doc_of([("Roe", 1, "nsubj", "PROPN", "Roe"), ("gave", 1, "ROOT", "VERB", "give"),
                    ("the", 3, "det", "DET", "the"), ("State", 1, "dobj", "PROPN", "State"),
                    ("of", 3, "prep", "ADP", "of"), ("the", 7, "det", "DET", "the"),
                    ("Union", 7, "compound", "PROPN", "Union"), ("address", 4, "pobj", "NOUN", "address")])
    assert is_owned(given[7:8])
    elsewhere = doc_of([("Roe", 1, "nsubj", "PROPN", "Roe"), ("gave", 1, "ROOT", "VERB", "give"),
                        ("the", 3, "det", "DET", "the"), ("address", 1, "dobj", "NOUN", "address"),
                        ("of", 3, "prep", "ADP", "of"), ("the", 6, "det", "DET", "the"),
                        ("office", 4, "pobj", "NOUN", "office")])
    assert not is_owned(elsewhere[3:4])
    read = doc_of([("Roe", 1, "nsubj", "PROPN", "Roe"), ("read", 1, "ROOT", "VERB", "read"),
                   ("the", 3, "det", "DET", "the"), ("State", 1, "dobj", "PROPN", "State"),
                   ("of", 3, "prep", "ADP", "of"), ("the", 7, "det", "DET", "the"),
                   ("Union", 7, "compound", "PROPN", "Union"), ("address", 4, "pobj", "NOUN", "address")])
    assert not is_owned(read[7:8])


def test_his_after_a_title_named_later_in_the_sentence_is_not_the_last_speaker(extract):
    """"said Jane Roe ... 'I applaud the president for including it in his address'": "his" is
    the president's, not Roe's; with no president named, the address has no one's."""
    result = extract("“This is a continuation of our shared goals,” said Jane Roe, chair of the Ruritania "
                     "Fund. “I applaud the president for including both items in his State of the Union "
                     "address, and I hope both items will be championed.”\n")
    assert not [e for e in result.events if e.type == "Speech" and "person/jane-roe" in e.participants]
    told = extract("Jane Roe, chair of the Ruritania Fund, said that she welcomed both items in his State of "
                   "the Union address.\n")
    assert [e.participants for e in told.events if e.type == "Speech"] == [("person/jane-roe",)]


def test_a_name_the_model_runs_into_what_is_theirs_is_the_person(extract):
    """"President Jane Roe’s State of the Union address": the model's PERSON "Roe’s State" is Roe."""
    result = extract("President Jane Roe’s State of the Union address laid out a vision of change.\n")
    assert [e.participants for e in result.events if e.type == "Speech"] == [("person/jane-roe",)]


def test_a_statement_announcing_a_meeting_tells_no_meeting(extract):
    """"Statement by ... Announcing President Li Wei's Meeting with ...": the meeting is what
    the statement announces, still to come; "Press statements following Russian-Indian talks"
    still tells the talks."""
    title = ("Statement by Press Secretary Jane Roe Announcing President Li Wei’s Meeting with Prime "
             "Minister Tom Poe of Fiji")
    result = extract("On Tuesday March 29, President Li Wei will welcome Prime Minister Tom Poe of Fiji to "
                     "the capital.\n", title=title)
    assert result.events == ()


def test_quotes_applauding_a_speech_are_not_its_speakers(extract):
    """A collection of quotes titled "Members of Congress Applaud President Li Wei's State of
    the Union Address": the speech is Li Wei's, not the quoted member's who holds most turns."""
    text = ("Senator Jane Roe: “President Li Wei laid out a strong vision tonight.”\n\n"
            "Senator Jane Roe: “We will work with him.”\n\n"
            "Congressman Tom Poe: “Will Congress act? It must, and it will.”\n")
    title = "WHAT THEY ARE SAYING: Members of Congress Applaud President Li Wei’s State of the Union Address"
    speeches = [e for e in extract(text, title=title).events if e.type == "Speech"]
    assert [e.participants for e in speeches] == [("person/li-wei",)]


def test_a_generic_determiner_before_a_name_makes_no_occasion_and_no_body(extract):
    """"every State of the Union speech" (which the parser cuts after "State") is no one speech,
    and "every State of the Union" no body; "this White House" is the White House."""
    result = extract("And there is always security in every State of the Union speech, but every State "
                     "of the Union speech also reflects a moment of time.\n")
    assert result.events == () and not any("every" in a.label.lower() for a in result.actors)
    asked = extract("Q    Can you talk about how this White House is preparing?\n")
    assert [a.label for a in asked.actors] == ["White House"]


def test_an_occasion_named_under_a_future_verb_or_a_how_to_is_not_told(lexicon):
    """"In his State of the Union Address, Roe will highlight ...": the name's words are no
    step on the way to the verb, whose "will" makes it still to come; "How to Watch the
    Address": an instruction, no report."""
    import spacy
    from spacy.tokens import Doc

    from kg.extract.events import _hypothetical

    def doc_of(rows):  # (word, head, dep, pos)
        return Doc(spacy.blank("en").vocab, words=[r[0] for r in rows], heads=[r[1] for r in rows],
                   deps=[r[2] for r in rows], pos=[r[3] for r in rows])

    def named(aux: list):
        n = len(aux)
        return doc_of([("In", 8 + n, "prep", "ADP"), ("his", 2, "poss", "PRON"), ("State", 0, "pobj", "PROPN"),
                       ("of", 2, "prep", "ADP"), ("the", 6, "det", "DET"), ("Union", 6, "compound", "PROPN"),
                       ("Address", 3, "pobj", "PROPN"), ("Roe", 8 + n, "nsubj", "PROPN"), *aux,
                       ("highlight", 8 + n, "ROOT", "VERB")])

    assert _hypothetical(named([("will", 9, "aux", "AUX")])[6], lexicon.words)
    assert not _hypothetical(named([])[6], lexicon.words)
    how_to = doc_of([("How", 2, "advmod", "ADV"), ("to", 2, "aux", "PART"), ("Watch", 2, "ROOT", "VERB"),
                     ("the", 4, "det", "DET"), ("Address", 2, "dobj", "PROPN")])
    assert _hypothetical(how_to[4], lexicon.words)
    assert not _hypothetical(doc_of([("Roe", 1, "nsubj", "PROPN"), ("watched", 1, "ROOT", "VERB"),
                                     ("the", 3, "det", "DET"), ("Address", 1, "dobj", "PROPN")])[3], lexicon.words)


def test_an_occasions_name_that_an_office_is_of_names_a_body(lexicon):
    """"the Chair and Co-Founder of the Global Summit": what she chairs, no summit told."""
    import spacy
    from spacy.tokens import Doc

    from kg.extract.events import _office_of

    def doc_of(rows):  # (word, head, dep, pos)
        return Doc(spacy.blank("en").vocab, words=[r[0] for r in rows], heads=[r[1] for r in rows],
                   deps=[r[2] for r in rows], pos=[r[3] for r in rows])

    def of_the_summit(first: str):
        return doc_of([(first, 0, "ROOT", "PROPN"), ("and", 0, "cc", "CCONJ"), ("Founder", 0, "conj", "NOUN"),
                       ("of", 0, "prep", "ADP"), ("the", 6, "det", "DET"), ("Global", 6, "compound", "PROPN"),
                       ("Summit", 3, "pobj", "PROPN")])[6]

    assert _office_of(of_the_summit("Chair"), lexicon.role_nouns)
    assert not _office_of(of_the_summit("Host"), lexicon.role_nouns)


@pytest.mark.parametrize("text", [
    # after the document's dated meeting: on its day
    "President Jane Roe met Chancellor Tom Poe in Lima on Monday. Jane Roe and Tom Poe gave a joint "
    "news conference following their talks.\n",
])
def test_an_occasion_told_in_sequence_with_a_dated_one_has_its_day(extract, text):
    result = extract(text)
    assert sorted((e.type, e.date.lexical if e.date else None) for e in result.events) == [
        ("Meeting", "2022-02-28"), ("PressConference", "2022-02-28")]


def test_the_occasion_a_dated_one_followed_has_its_day(lexicon):
    """"Following the talks, Roe made statements": the talks (undated) on the statements' day."""
    import spacy
    from spacy.tokens import Doc

    from kg.extract.events import sequenced_dates
    from kg.extract.model import EventItem

    rows = [("Following", 4, "prep", "VERB"), ("the", 2, "det", "DET"), ("talks", 0, "pobj", "NOUN"),
            ("Roe", 4, "nsubj", "PROPN"), ("made", 4, "ROOT", "VERB"), ("statements", 4, "dobj", "NOUN")]
    doc = Doc(spacy.blank("en").vocab, words=[r[0] for r in rows], heads=[r[1] for r in rows],
              deps=[r[2] for r in rows], pos=[r[3] for r in rows])

    def event(kind, token, date):
        return EventItem(type=kind, participants=("person/roe",), begin=doc[token].idx,
                         end=doc[token].idx + len(doc[token]), sentence_begin=0, sentence_end=len(doc.text),
                         date=date, place=None)

    day = DateValue("2022-02-28", "date")
    talks, statements = sequenced_dates(doc, [event("Meeting", 2, None), event("PressConference", 5, day)],
                                        lambda d: [])
    assert (talks.date, statements.date) == (day, day)
    # "before" may be any earlier day
    before = [("Before", 4, "prep", "ADP"), *rows[1:]]
    doc = Doc(spacy.blank("en").vocab, words=[r[0] for r in before], heads=[r[1] for r in before],
              deps=[r[2] for r in before], pos=[r[3] for r in before])
    assert sequenced_dates(doc, [event("Meeting", 2, None), event("PressConference", 5, day)], lambda d: [])[0].date is None


def test_a_name_the_parser_hung_in_apposition_in_a_list_of_subjects_takes_part(extract):
    # parsed "Roe and Chancellor, Tom Poe": Poe in apposition to Roe
    (meeting,) = extract("President Jane Roe and Chancellor Tom Poe held talks in Lima on Monday.\n").events
    assert meeting.participants == ("person/jane-roe", "person/tom-poe")


def test_his_before_a_verb_left_without_its_subject_is_the_person_named_before_the_verb(lexicon):
    """"During his trip to Lima , Jane Roe , launched ...": the parser hung "Roe" on "Lima"."""
    import spacy
    from spacy.tokens import Doc

    from kg.extract.actors import extract_actors
    from kg.extract.events import _possessor

    rows = [("During", 9, "prep", "ADP"), ("his", 2, "poss", "PRON"), ("trip", 0, "pobj", "NOUN"),
            ("to", 2, "prep", "ADP"), ("Lima", 3, "pobj", "PROPN"), (",", 4, "punct", "PUNCT"),
            ("Jane", 7, "compound", "PROPN"), ("Roe", 4, "appos", "PROPN"), (",", 4, "punct", "PUNCT"),
            ("launched", 9, "ROOT", "VERB"), ("it", 9, "dobj", "PRON")]
    doc = Doc(spacy.blank("en").vocab, words=[r[0] for r in rows], heads=[r[1] for r in rows],
              deps=[r[2] for r in rows], pos=[r[3] for r in rows])
    doc.ents = [doc.char_span(doc[6].idx, doc[7].idx + len(doc[7]), label="PERSON")]
    table = extract_actors(doc, Linker(lexicon))
    assert _possessor(doc[1], table) == "person/jane-roe"


def _who(events):
    return [(e.type, tuple(sorted(e.participants))) for e in events]


def test_the_hosts_of_a_roundtable_with_an_unnamed_group_held_it_on_the_day_told(extract):
    text = ("Today, Jane Roe, Gender Policy Council Director, Tom Poe, Intergovernmental Affairs Director, and "
            "Ann Doe, Deputy Counsel, hosted a roundtable discussion with Florida reproductive rights advocates "
            "to discuss the new law.\n")
    (event,) = extract(text).events
    assert _who([event]) == [("Meeting", ("person/ann-doe", "person/jane-roe", "person/tom-poe"))]
    assert event.date.lexical == "2022-03-01"


def test_those_who_joined_the_host_took_part(extract):
    text = ("Today, President Jane Roe, joined by Secretary of Commerce Tom Poe and Director of the National "
            "Economic Council Ann Doe, met with business leaders and a bipartisan pair of governors.\n")
    assert _who(extract(text).events) == [("Meeting", ("person/ann-doe", "person/jane-roe", "person/tom-poe"))]


def test_a_list_of_participants_after_a_colon_names_one_person_per_item(extract):
    text = ("Today, President Jane Roe met with business leaders to discuss supply chains.\n\n"
            "**Participants include:**  \nGovernor Tom Poe  \nAnn Doe, Senior Vice President, Global Strategic "
            "Sourcing, Whirlpool  \nLi Wei, President and CEO, Micron\n")
    (event,) = extract(text).events
    assert set(event.participants) == {"person/jane-roe", "person/tom-poe", "person/ann-doe", "person/li-wei"}


def test_a_title_after_a_persons_name_and_a_comma_is_hers_not_the_home_offices(extract):
    text = ("Today, Governor Jane Roe met with business leaders.\n\n**Participants include:**  \n"
            "Tom Poe, President and CEO, Micron\n")
    day = dt.date(2022, 3, 9)
    listed = extract(text, day=day, publisher="White House")
    assert "Q6279" not in (listed.mentioned or ())  # not the President of the United States
    home = extract("Today, Governor Jane Roe met with the President.\n", day=day, publisher="White House")
    assert "Q6279" in (home.mentioned or ())


@pytest.mark.parametrize("text", [
    "Last August, President Jane Roe of Bolivia traveled to Peru.\n",
    "President Jane Roe of Bolivia ended her four-day tour of Peru.\n",
])
def test_a_journey_told_with_travel_or_tour_is_a_visit(extract, text):
    assert [e.type for e in extract(text).events] == ["Visit"]


def test_the_title_of_the_foreign_guest_at_a_press_conference_is_the_guests(extract):
    text = ("Following the Russian-Hungarian talks, Vladimir Putin and Tom Poe made statements for the press.\n\n"
            "President of Russia Vladimir Putin: Today we had very substantive talks as part of the Prime "
            "Minister’s working visit.\n\nPrime Minister of Hungary Tom Poe: Thank you, Mr President.\n")
    result = extract(text, day=dt.date(2018, 9, 18), publisher="President of Russia (en.kremlin.ru)")
    (visit,) = [e for e in result.events if e.type == "Visit"]
    assert visit.participants == ("person/tom-poe",)  # not the Prime Minister of Russia


def test_their_talks_are_those_of_the_persons_who_are_the_subject(extract):
    text = "President Jane Roe and President Tom Poe made press statements following their talks.\n"
    meetings = [e for e in extract(text).events if e.type == "Meeting"]
    assert [m.participants for m in meetings] == [("person/jane-roe", "person/tom-poe")]


def test_a_title_names_the_state_of_a_person_the_body_names_without_one(extract):
    text = ("During the conversation, Tom Poe shared his vision for the agenda of the summits in Canada.\n\n"
            "Dmitry Medvedev and Tom Poe touched on problems relating to global financial regulation.\n")
    result = extract(text, title="Telephone conversation with Prime Minister of Canada Tom Poe",
                     day=dt.date(2010, 6, 15), publisher="President of Russia (en.kremlin.ru)")
    (call,) = result.events
    # Canada is in his title: the other side is the one the body names with him
    assert call.participants == ("person/dmitry-medvedev", "person/tom-poe")
    poe = next(a for a in result.actors if a.key == "person/tom-poe")
    assert poe.affiliation == "Q16"  # Canada (state-qids.tsv)


def test_an_interview_to_a_medium_named_in_apposition_is_with_it(extract):
    text = "Full text of President Jane Roe's interview to the international media company Bloomberg has been published.\n"
    (interview,) = extract(text).events
    assert interview.type == "Interview" and "organization/bloomberg" in interview.participants


def test_a_guests_state_is_not_read_off_the_title_of_the_name_run_into_hers(extract):
    text = ("President of Russia Vladimir Putin: President Tom Poe, ladies and gentlemen,\n\n"
            "It is a great pleasure to once again welcome Mr Poe, the President of Palestine, here in Sochi.\n")
    result = extract(text, day=dt.date(2017, 5, 11), publisher="President of Russia (en.kremlin.ru)")
    poe = next(a for a in result.actors if a.key == "person/tom-poe")
    assert poe.affiliation is not None and poe.affiliation != "Q159"


def test_talks_a_dated_occasion_followed_are_not_an_earlier_meeting(extract):
    """"a news conference following the talks" today: the talks are today's, not the meeting of
    February 10 the text tells after."""
    result = extract("Today, Jane Roe and Tom Poe gave a joint news conference following the talks. "
                     "Jane Roe and Tom Poe met in Lima on February 10.\n")
    assert sorted((e.type, e.date.lexical if e.date else None) for e in result.events) == [
        ("Meeting", "2022-02-10"), ("Meeting", "2022-03-01"), ("PressConference", "2022-03-01")]


@pytest.mark.parametrize("title, speech", [
    ("Jane Roe visited Lima", True),  # a visit with her words: her speech there
    ("Ceremony for the opening of the Lima bridge", True),  # an occasion of no type
    ("Meeting on the development of transport", False),  # the opening words of a meeting
    ("Press statements following Bolivian-Peruvian talks", False),
])
def test_a_report_whose_turns_are_one_persons_records_their_speech(extract, title, speech):
    text = ("President Jane Roe opened the new bridge in Lima.\n\n* * *\n\n"
            "President of Bolivia Jane Roe: Good afternoon, friends. This bridge will serve the people of Lima "
            "for a hundred years.\n")
    result = extract(text, title=title, extra={"kind": "other"})
    speeches = [(e.participants, e.date.lexical) for e in result.events if e.type == "Speech"]
    assert speeches == ([(("person/jane-roe",), "2022-03-01")] if speech else [])


@pytest.mark.parametrize("told, day", [
    ("The interview was recorded on February 20, 2022, in Lima.", "2022-02-20"),  # not the day it was published
    ("The interview was recorded in 2021.", "2022-03-01"),  # a year is no day
    ("The interview was recorded on March 20, 2022.", "2022-03-01"),  # after the document: not this one
])
def test_the_day_a_transcripts_own_occasion_was_recorded_is_its_date(extract, told, day):
    text = ("Full text of President Jane Roe's interview to the Lima Times has been published. " + told + "\n\n"
            "Question: Madam President, thank you.\n\nJane Roe: Thank you.\n")
    result = extract(text, title="Interview to the Lima Times", extra={"kind": "interview"})
    assert [(e.type, e.date.lexical) for e in result.events if e.type == "Interview"] == [("Interview", day)]


def test_a_visit_made_many_times_before_is_a_practice(extract):
    text = "President Jane Roe: Good afternoon. I have visited Bolivia many times before, but not as Prime Minister.\n"
    result = extract(text, title="Meeting with Prime Minister of Bolivia Tom Poe", extra={"kind": "meeting"})
    assert [e.type for e in result.events] == ["Meeting"]


def test_a_visit_during_which_the_meeting_told_was_is_of_its_day_with_its_host(extract):
    result = extract("Jane Roe met with President of Peru Tom Poe while on a state visit to Peru.\n",
                     title="Meeting with President of Peru Tom Poe", extra={"kind": "meeting"})
    meeting, visit = sorted(result.events, key=lambda e: e.type)
    assert (meeting.type, visit.type) == ("Meeting", "Visit")
    assert meeting.date.lexical == visit.date.lexical == "2022-03-01"
    # Peru, the host, though its president takes part
    assert visit.participants == ("Q419", "person/jane-roe", "person/tom-poe")  # Peru (state-qids.tsv)


@pytest.mark.parametrize("text, body", [
    ("Jane Roe held a meeting with members of the Security Council on Monday.\n", "organization/security-council"),
    ("Jane Roe met with representatives of the Lima Business Council on Monday.\n", "organization/lima-business-council"),
])
def test_the_body_whose_members_an_event_is_with_takes_part(extract, text, body):
    (meeting,) = extract(text).events
    assert (meeting.type, meeting.participants) == ("Meeting", (body, "person/jane-roe"))


@pytest.mark.parametrize("audience", ["parliamentary deputies", "the senators", "lawmakers"])
def test_an_address_to_deputies_is_a_speech(extract, audience):
    result = extract(f"President Jane Roe addressed {audience} in Lima on Monday.\n")
    assert [(e.type, e.participants) for e in result.events] == [("Speech", ("person/jane-roe",))]


LISTED = ("with President of Armenia Serzh Poe, President of Belarus Alexander Doe and President of Kazakhstan "
          "Nursultan Wei on Monday.\n")


def test_a_list_of_titled_names_hung_on_the_first_all_take_part(extract):
    (meeting,) = extract("Vladimir Roe held a meeting " + LISTED).events
    assert meeting.participants == ("person/alexander-doe", "person/nursultan-wei", "person/serzh-poe",
                                    "person/vladimir-roe")


def test_separate_meetings_with_several_are_one_with_each(extract):
    meetings = extract("Vladimir Roe held separate meetings " + LISTED).events
    assert sorted(e.participants for e in meetings) == [
        ("person/alexander-doe", "person/vladimir-roe"), ("person/nursultan-wei", "person/vladimir-roe"),
        ("person/serzh-poe", "person/vladimir-roe")]


def test_the_media_a_transcripts_title_names_take_part_in_its_interview(extract):
    text = "Question: Madam President, what do you expect of the talks?\n\nJane Roe: A great deal.\n"
    result = extract(text, title="President Jane Roe gave an interview to the Lima News Agency",
                     extra={"kind": "interview"})
    (interview,) = [e for e in result.events if e.type == "Interview"]
    assert interview.participants == ("organization/lima-news-agency", "person/jane-roe")


@pytest.mark.parametrize("told, kind", [("held talks", "Meeting"), ("met", "Summit")])
def test_talks_of_three_heads_of_state_are_talks_a_meeting_of_them_a_summit(extract, told, kind):
    text = f"Russian President Jane Roe, Turkish President Tom Poe and Iranian President Ann Doe {told} in Lima on Monday.\n"
    assert [e.type for e in extract(text).events] == [kind]


@pytest.mark.parametrize("publisher, day, expected", [
    ("United Nations", dt.date(2019, 9, 25), "António Guterres"),  # the organisation's office, its holder that day
    ("United Nations", dt.date(2015, 9, 30), "Ban Ki-moon"),
    ("White House", dt.date(2019, 9, 25), None),  # another publisher: whose Secretary-General is not said
    ("United Nations", None, None),  # no day: no holder
])
def test_a_bare_title_of_the_publishing_bodys_office_is_its_holder(extract, publisher, day, expected):
    text = "In September, President Jane Roe of Peru met with the Secretary-General in Geneva.\n"
    result = extract(text, day=day, publisher=publisher)
    labels = {a.key: a.label for a in result.actors}
    others = [labels[k] for e in result.events for k in e.participants if labels.get(k) != "Jane Roe"]
    assert others == ([expected] if expected else [])


@pytest.mark.parametrize("text, expected", [
    ("The NATO summit was held in Lima.\n", [("Summit", ("Q7184",))]),  # its body took part
    ("The NATO summit took place in Lima.\n", [("Summit", ("Q7184",))]),
    ("The NATO summit took a decision.\n", []),  # not told as held
    ("The NATO summit will be held in Lima.\n", []),  # still to come
])
def test_a_bodys_summit_told_as_held_has_its_body_as_participant(extract, text, expected):
    assert [(e.type, e.participants) for e in extract(text).events] == expected


@pytest.mark.parametrize("title, expected", [
    ("UN Secretary-General", "António Guterres"),  # the body before the title: the office, wherever published
    ("the Secretary-General of the United Nations", "António Guterres"),  # or after it
    ("the NATO Secretary-General", "NATO"),  # a body with no such office here: as before, the body
    ("the Secretary-General", None),  # no body named, and the publisher is none: nobody
])
def test_a_hyphened_title_of_a_named_body_is_its_holder(extract, title, expected):
    text = f"In September, President Jane Roe of Peru met with {title} in Geneva.\n"
    result = extract(text, day=dt.date(2019, 9, 25), publisher="White House")
    labels = {a.key: a.label for a in result.actors}
    others = [labels[k] for e in result.events for k in e.participants if labels.get(k) != "Jane Roe"]
    assert others == ([expected] if expected else [])


def test_a_gerund_of_the_main_verbs_subject_tells_who_took_part(extract):
    text = "In addressing the General Assembly in 2018, President Jane Roe of Peru wondered aloud.\n"
    (speech,) = extract(text).events
    assert speech.type == "Speech" and "person/jane-roe" in speech.participants and speech.date.lexical == "2018"


@pytest.mark.parametrize("text", [
    "President Jane Roe of Peru will start by meeting with President Tom Poe of Chile.\n",  # still to come
    "Without meeting President Tom Poe of Chile, President Jane Roe of Peru left Lima.\n",  # did not take place
])
def test_a_gerund_of_what_is_to_come_or_not_done_is_no_event(extract, text):
    assert extract(text).events == ()


@pytest.mark.parametrize("day, own_date", [(None, None), (dt.date(2022, 9, 21), "2022-09-21")])
def test_a_speech_documents_own_speech_is_not_one_its_text_dates(extract, nlp, day, own_date):
    from kg.extract.statements import document_speaker_name

    title = "Statement by Peru at the general debate of session 77 of the UN General Assembly (2022)"
    text = "In addressing the General Assembly in 2018, I wondered aloud whether we had learned anything.\n"
    result = extract(text, day=day, title=title, title_doc=nlp(title), publisher="United Nations",
                     speaker_name=document_speaker_name(title, None))
    (peru,) = [a.key for a in result.actors if a.label == "Peru"]
    speeches = sorted((e.date.lexical if e.date else "", peru in e.participants) for e in result.events)
    assert speeches == sorted([("2018", True), (own_date or "", True)])  # two speeches, both Peru's


@pytest.mark.parametrize("text, expected", [
    # a sentence citing a meeting's verbatim record: the reporting verb's subject spoke there
    ("As President Jane Roe of Peru remarked last year, peace is possible (see A/76/PV.8).\n", [("Speech", "2021")]),
    ("As President Jane Roe of Peru remarked last year, peace is possible.\n", []),  # control: no record cited
    # the dates of what was said are not the speech's
    ("As President Jane Roe of Peru reported (see A/76/PV.9), on 31 December 2020, Peru and Chile reached an "
     "understanding.\n", [("Speech", None)]),
])
def test_a_statement_citing_a_meetings_record_was_a_speech_there(extract, text, expected):
    speeches = [(e.type, e.date.lexical if e.date else None) for e in extract(text).events
                if e.type == "Speech" and "person/jane-roe" in e.participants]
    assert speeches == expected


def test_a_speech_documents_own_speech_is_not_the_one_whose_record_it_cites(extract, nlp):
    from kg.extract.statements import document_speaker_name

    title = "Statement by Peru at the general debate of session 77 of the UN General Assembly (2022)"
    text = ("As I said last year (see A/76/PV.3), peace is possible.\n"
            "In my address today, I call for peace in Peru.\n")
    result = extract(text, day=None, title=title, title_doc=nlp(title), publisher="United Nations",
                     speaker_name=document_speaker_name(title, None))
    speeches = [e for e in result.events if e.type == "Speech"]
    # the speech of last year, told where its record is cited, and the document's own, told again
    assert sorted(e.begin for e in speeches) == [text.index("said"), text.index("address")]


@pytest.mark.parametrize("text, host", [
    # a state speaking unnamed: its "we" is the state, who welcomed the visitor
    ("We welcomed Deputy Secretary-General of the United Nations, Jane Roe, who visited the affected areas.\n", True),
    ("We thanked Deputy Secretary-General of the United Nations, Jane Roe, who visited the affected areas.\n", False),
])
def test_the_state_that_welcomed_a_visitor_hosts_the_visit(extract, nlp, text, host):
    from kg.extract.statements import document_speaker_name

    title = "Statement by Peru at the general debate of session 76 of the UN General Assembly (2021)"
    result = extract(text, day=None, title=title, title_doc=nlp(title), publisher="United Nations",
                     speaker_name=document_speaker_name(title, None))
    (peru,) = [a.key for a in result.actors if a.label == "Peru"]
    (visit,) = [e for e in result.events if e.type == "Visit"]
    assert "person/jane-roe" in visit.participants and (peru in visit.participants) == host


def test_a_states_we_takes_part_where_the_state_speaks_unnamed(extract, nlp):
    from kg.extract.statements import document_speaker_name

    title = "Statement by Peru at the general debate of session 74 of the UN General Assembly (2019)"
    text = "Earlier this week, we took part in the summit on sustainable development.\n"
    result = extract(text, day=None, title=title, title_doc=nlp(title), publisher="United Nations",
                     speaker_name=document_speaker_name(title, None))
    (peru,) = [a.key for a in result.actors if a.label == "Peru"]
    assert [e.participants for e in result.events if e.type == "Summit"] == [(peru,)]
