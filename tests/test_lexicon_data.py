"""The rules' word lists and the event types' behaviour are data: read from ``data/lexicon``,
checked with errors that name the file and the line, and followed by the extractor."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil

import pytest
from conftest import REPO

from kg.errors import ConfigError
from kg.lexicon import RuleWords, load_lexicon

LEXICON = REPO / "data" / "lexicon"


def _copy(tmp_path):
    target = tmp_path / "lexicon"
    shutil.copytree(LEXICON, target)
    return target


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_event_type_behaviour_is_read_from_event_types_ttl(lexicon):
    kinds = {c.iri.rsplit("#", 1)[-1]: c for c in lexicon.event_types}
    assert {n for n, c in kinds.items() if c.occasion} == {
        "PhoneCall", "Meeting", "PressConference", "Visit", "Summit", "Negotiation", "Speech", "Interview"}
    assert {n for n, c in kinds.items() if c.participants_listed} == {"PhoneCall", "Meeting", "Summit", "Negotiation"}
    assert {n: c.min_participants for n, c in kinds.items() if c.min_participants != 1} == {"PhoneCall": 2, "Meeting": 2}
    call = kinds["PhoneCall"]
    assert call.two_sided_marks == ("phone", "telephon")
    assert {"separately", "respectively"} <= call.separate_words and {"video", "conference"} <= call.group_words
    # "held separate meetings with A, B and C": one with each; a meeting is not two-sided by its word
    assert {"separate", "separately"} <= kinds["Meeting"].separate_words
    assert not (kinds["Meeting"].two_sided_marks or kinds["Meeting"].group_words)
    assert not any(c.separate_words or c.two_sided_marks or c.group_words for n, c in kinds.items()
                   if n not in ("PhoneCall", "Meeting"))
    assert all(c.min_participants == 1 and not c.occasion for c in lexicon.topics)


def test_reporting_verbs_carry_their_particle_and_whether_they_date_an_event(lexicon):
    assert lexicon.reporting_particles == {"point": "out"}
    assert lexicon.event_dating_verbs == {"say", "tell", "state", "add", "stress", "note", "remark", "announce"}
    assert lexicon.event_dating_verbs <= set(lexicon.reporting_verbs)
    assert lexicon.reporting_verbs["say"] == "say" and lexicon.reporting_verbs["believe"] == "view"


def test_every_word_list_is_a_documented_file_of_the_lexicon(lexicon):
    readme = (LEXICON / "README.md").read_text(encoding="utf-8")
    for item in dataclasses.fields(RuleWords):
        name = item.metadata["file"]
        assert (LEXICON / name).is_file(), name
        assert f"`{name}`" in readme, f"{name} is not in data/lexicon/README.md"
        assert getattr(lexicon.words, item.name), f"{name} lists nothing"
    assert lexicon.words.name_suffixes == ("Jr", "Sr", "II", "III", "IV")  # file order: a pattern is built from it
    phrases = lexicon.words.remark_phrases
    assert (phrases.verbs[0], phrases.determiners[0], phrases.nouns[0]) == ("made", "the", "remarks")


@pytest.mark.parametrize("file, line, problem", [
    ("forces-nouns.txt", "Troops", "must be lower case"),
    ("forces-nouns.txt", "troops", "is listed already (line"),
    ("planning-verbs.txt", "look forward", "expected 1 word"),
    ("counterfactual-phrases.txt", "rather", "expected 2 words"),
    ("remark-phrases.tsv", "adjective\tkind", "slot must be one of verb, determiner, noun"),
    ("remark-phrases.tsv", "noun", "expected 2 tab-separated columns"),
    ("reporting-verbs.tsv", "speak\tsay\t-", "expected 4 tab-separated columns"),
    ("reporting-verbs.tsv", "speak\ttalk\t-\tno", "kind must be one of say, view"),
    ("reporting-verbs.tsv", "speak\tsay\t-\tmaybe", "dates_event must be yes or no"),
    ("demonyms.tsv", "Ruritanian\tRUR", "'RUR' is no code of countries.tsv"),
    ("demonyms.tsv", "Ruritanian", "expected a one-word demonym and a code"),
])
def test_a_bad_line_of_a_word_list_names_the_file_and_line(tmp_path, file, line, problem):
    base = _copy(tmp_path)
    path = base / file
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    number = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(ConfigError) as err:
        load_lexicon(base)
    assert f"{path}:{number}: " in str(err.value) and problem in str(err.value)


def test_a_missing_word_list_names_its_file(tmp_path):
    base = _copy(tmp_path)
    (base / "unreal-modifiers.txt").unlink()
    with pytest.raises(ConfigError, match="unreal-modifiers.txt"):
        load_lexicon(base)


@pytest.mark.parametrize("old, new, problem", [
    ('sg:minParticipants 2 ;\n    sg:participantsListed true ;\n    sg:occasion true ;\n    sg:separateWord',
     'sg:minParticipants "two" ;\n    sg:participantsListed true ;\n    sg:occasion true ;\n    sg:separateWord',
     "sg:minParticipants must be one"),
    ('sg:minParticipants 2 ;\n    sg:participantsListed true ;\n    sg:occasion true ;\n    sg:separateWord',
     'sg:minParticipants 0 ;\n    sg:participantsListed true ;\n    sg:occasion true ;\n    sg:separateWord',
     "sg:minParticipants must be at least 1"),
    ('sg:twoSidedMark "phone"', 'sg:twoSidedMark "Phone"', "sg:twoSidedMark values must be lower-case"),
])
def test_a_bad_event_type_property_names_the_file_and_type(tmp_path, old, new, problem):
    base = _copy(tmp_path)
    _edit(base / "event-types.ttl", old, new)
    with pytest.raises(ConfigError) as err:
        load_lexicon(base)
    message = str(err.value)
    assert str(base / "event-types.ttl") in message and "PhoneCall" in message and problem in message


def _extractor(nlp, lexicon):
    from kg.extract.pipeline import Extractor
    from kg.link.linker import Linker
    from kg.nlp import analysis_text

    extractor = Extractor(nlp, Linker(lexicon))
    return lambda text: extractor(nlp(analysis_text(text)), text, dt.date(2022, 3, 1))


CALL_WITH_TWO = ("Foreign Minister Jane Roe of Bolivia had a telephone conversation with Foreign Minister "
                 "Li Wei of Peru and Foreign Minister Ana Diaz of Chile. Roe said that Bolivia supports dialogue.\n")


def test_the_extractor_follows_the_event_types_in_the_data(nlp, tmp_path):
    base = _copy(tmp_path)
    shipped = _extractor(nlp, load_lexicon())(CALL_WITH_TWO)
    assert [len(e.participants) for e in shipped.events] == [2, 2]  # a telephone call: one with each
    assert shipped.statements[0].event is not None
    _edit(base / "event-types.ttl", '    sg:twoSidedMark "phone", "telephon" ;\n', "")
    _edit(base / "event-types.ttl", 'sg:minParticipants 2 ;\n    sg:participantsListed true ;\n    sg:occasion true ;\n'
          '    sg:separateWord', 'sg:minParticipants 2 ;\n    sg:participantsListed true ;\n    sg:separateWord')
    edited = _extractor(nlp, load_lexicon(base))(CALL_WITH_TWO)
    assert [len(e.participants) for e in edited.events] == [3]  # no longer two-sided: one call of all three
    assert edited.statements[0].event is None  # and no occasion of what Roe said


def test_the_extractor_follows_the_word_lists_in_the_data(nlp, tmp_path):
    base = _copy(tmp_path)
    text = "Foreign Minister Jane Roe of Bolivia will meet Foreign Minister Li Wei of Peru in Lima.\n"
    assert _extractor(nlp, load_lexicon())(text).events == ()  # "will": only planned
    _edit(base / "hypothetical-modals.txt", "\nwill\n", "\n")
    assert [e.type for e in _extractor(nlp, load_lexicon(base))(text).events] == ["Meeting"]



def test_a_demonym_names_its_state_as_the_gazetteer_labels_it(lexicon):
    assert lexicon.demonyms["Turkmen"] == "Turkmenistan"
    assert lexicon.demonyms["Russian"] == "Russia"  # the gazetteer's own
    assert "Korean" not in lexicon.demonyms  # shared by two states: names neither


def test_a_country_shows_its_label_not_a_misspelling_of_the_speakers_list(lexicon):
    # the shortest name would be "Mauritus"; the label column says which name to show
    assert lexicon.country_names["mauritus"] == lexicon.country_names["mauritius"] == "Mauritius"
    assert lexicon.country_names["germany"] == "Germany"  # no label: the shortest name without a comma


def test_a_country_label_that_is_none_of_its_names_is_an_error(tmp_path):
    base = _copy(tmp_path)
    path = base / "countries.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "RUR\tRuritania|Republic of Ruritania\tLima\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"countries.tsv: RUR: label 'Lima' is none of its names"):
        load_lexicon(base)


@pytest.mark.parametrize("line, problem", [
    ("RUR\tQ900000001\tRuritania\tmade up", "state-qids.tsv: RUR: no such code in countries.tsv"),
    ("PER\tP17\tPeru\tmade up", "state-qids.tsv: PER: 'P17' is no Wikidata QID"),
    ("PER\tQ900000001\tPeru\t", "state-qids.tsv: PER: no evidence for Q900000001"),
    ("CHN\tQ900000001\tChina\tmade up", "state-qids.tsv: CHN: Q900000001 but gazetteer.tsv gives 'China' Q148"),
])
def test_a_bad_state_row_names_the_file_the_code_and_the_problem(tmp_path, line, problem):
    base = _copy(tmp_path)
    path = base / "state-qids.tsv"
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(problem)):
        load_lexicon(base)


def test_a_shared_state_name_must_be_a_state(tmp_path):
    base = _copy(tmp_path)
    path = base / "shared-state-names.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "Ruritania\tRuritanian\ta novel's kingdom\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="shared-state-names.tsv names no state of state-qids.tsv: ruritania"):
        load_lexicon(base)
