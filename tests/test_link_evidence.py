"""A link needs evidence of the entity, not only of its label (issue 21).

The hard negatives and positives are data (tests/fixtures/links/); each text goes through the
pinned model and the actor stage, as in a build."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from kg.extract.actors import extract_actors
from kg.link.linker import ASSERT_AT, Linker
from kg.nlp.paragraphs import analysis_text

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "links"
LEXICON = REPO / "data" / "lexicon"
DAY = dt.date(2022, 3, 4)


def _cases(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def _actor_at(text: str, name: str, nlp, lexicon, home: str | None = None):
    """The table of ``text`` and the keys of the actors its tokens at ``name`` refer to."""
    analysed = analysis_text(text)
    doc = nlp(analysed)
    table = extract_actors(doc, Linker(lexicon), DAY, home or None)
    begin = analysed.index(name)
    keys = {
        table.token_actor[t.i]
        for t in doc
        if begin <= t.idx < begin + len(name) and t.i in table.token_actor
    }
    return table, keys


@pytest.mark.parametrize("case", _cases("hard-negatives.tsv"), ids=lambda c: c["case"])
def test_hard_negative_gets_no_link(case, nlp, lexicon):
    table, keys = _actor_at(case["text"], case["name"], nlp, lexicon, case["home"])
    assert case["forbidden"] not in {actor.qid for actor in table.actors.values()}
    assert all(table.actors[key].qid is None for key in keys), [table.actors[k] for k in keys]


@pytest.mark.parametrize("case", _cases("hard-positives.tsv"), ids=lambda c: c["case"])
def test_hard_positive_is_linked(case, nlp, lexicon):
    table, keys = _actor_at(case["text"], case["name"], nlp, lexicon)
    assert {table.actors[key].qid for key in keys} == {case["qid"]}


def test_every_state_of_the_speakers_list_has_an_item(lexicon):
    """Every UN member and observer state of countries.tsv has a state-qids.tsv row (the
    European Union, no state, has none), and every name of one state gives one item."""
    with (LEXICON / "countries.tsv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")][1:]
    missing = [r[0] for r in rows if r[0] != "EU" and lexicon.state_item(r[1].split("|")[0]) is None]
    assert not missing
    for row in rows:
        items = {lexicon.state_item(name) for name in row[1].split("|")}
        assert len({item.qid if item else None for item in items}) == 1, row


def test_an_elevant_label_alone_is_only_a_candidate(lexicon):
    """A full personal name with exactly one QID in the ELEVANT list and no gazetteer row: the
    item is suggested (SSSOM), never asserted."""
    name = "Adam Smith"
    assert [label.qid for label in lexicon.elevant_named(name)] == ["Q9381"]
    actor = Linker(lexicon).link("Person", name, [name])
    assert actor.qid is None
    assert [c.qid for c in actor.candidates] == ["Q9381"]
    assert all(c.confidence < ASSERT_AT and not c.asserted for c in actor.candidates)


def test_a_surname_with_known_namesakes_needs_a_title_of_the_persons_offices(lexicon):
    # "Harris": many ELEVANT full names end so; the gazetteer's Kamala Harris holds the office
    # whose role "vice president" the title gives
    linker = Linker(lexicon)
    assert linker.link("Person", "Harris", ["Harris"], title=["vice", "president"]).qid == "Q10853588"
    assert linker.link("Person", "Harris", ["Harris"], title=["senator"]).qid is None
    # "Macron": no namesake in the list; a title backs the gazetteer's only Macron
    assert linker.link("Person", "Macron", ["Macron"], title=["president"]).qid == "Q3052772"


AFFILIATIONS = [
    # (text, person, the affiliation's label or None)
    (("I arrived this week from the funeral of Queen Jane Roe, a leader who holds a special place "
      "in Fijian history and in the hearts of the people."), "Jane Roe", None),
    (("And one more on the sanctions that were imposed today by Russia against yourself, "
      "President Tom Poe, and other officials."), "Tom Poe", None),
    (("President Tom Poe, members of Congress, and my fellow Americans: Today, we are gathered "
      "to celebrate."), "Tom Poe", None),
    ("Our resolve has grown since the invasion of Ukraine and Tom Poe’s war began.", "Tom Poe", None),
    (("During the exchange of opinions on the situation in the North Caucasus Mr Tom Poe noted that "
      "all those involved should be punished."), "Tom Poe", None),
    ("We met the Foreign Minister of Ukraine, Jane Roe, in Lima on Monday.", "Jane Roe", "Ukraine"),
    ("Russian Foreign Minister Jane Roe said so on Monday.", "Jane Roe", "Russia"),
]


@pytest.mark.parametrize(("text", "person", "expected"), AFFILIATIONS, ids=[a[2] or a[0][:30] for a in AFFILIATIONS])
def test_affiliation_only_from_a_title(text, person, expected, nlp, lexicon):
    """A person's state or body comes from their title (a title run, an apposition whose head is
    a title, "of" after the name), never from a relative clause, a vocative list or a pronoun
    the name stands beside."""
    table = extract_actors(nlp(analysis_text(text)), Linker(lexicon), DAY)
    (actor,) = [a for a in table.actors.values() if a.type == "Person" and a.label == person]
    found = table.actors[actor.affiliation].label if actor.affiliation else None
    assert found == expected


def _audit_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("audit_links", REPO / "bench" / "audit_links.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def test_the_link_audit_passes_the_seeds_and_flags_a_damaged_build(seed_build, tmp_path, capsys):
    """bench/audit_links.py: every link of the seed build has a gazetteer or state row and
    nothing to flag; a build whose graph has a Person linked to a state's item under a name of
    no item, without evidence, and an unlinked state, is flagged on each count."""
    import shutil

    audit = _audit_script()
    out, _ = seed_build
    assert audit.main([str(out), "--out", str(tmp_path / "seed.tsv")]) == 0
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    shutil.copy(out / "mappings.sssom.tsv", damaged)
    extra = (
        "\n<https://w3id.org/stancegraph/id/actor/person/lima-college> a sg:Actor , sg:Person ;\n"
        '\trdfs:label "Lima College" ;\n\towl:sameAs wd:Q36 .\n'
        "<https://w3id.org/stancegraph/id/actor/country/peru> a sg:Actor , sg:Country ;\n"
        '\trdfs:label "Peru" .\n'
    )
    (damaged / "graph.ttl").write_text((out / "graph.ttl").read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert audit.main([str(damaged), "--out", str(tmp_path / "damaged.tsv")]) == 1
    with (tmp_path / "damaged.tsv").open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle, delimiter="\t"))
    assert row["qid"] == "Q36" and row["type"] == "Person"
    flags = row["flags"]
    assert "type: a Person linked to a Country item" in flags
    assert "type: a Person with an organisation's or a state's name" in flags
    assert "label: 'Lima College' is no name of the item" in flags
    assert "evidence: no gazetteer row" in flags
    assert "unlinked-state: 'Peru'" in capsys.readouterr().err


def test_a_state_cut_off_by_a_line_break_is_read_with_the_next_words(nlp, lexicon):
    """A paragraph break in the middle of a sentence (a speech as its source wraps it) leaves
    "Georgia" a sentence of its own; the words after it still tell the state."""
    text = ("This is not the first time we have seen aggression. Ruritania has occupied parts of\n\n"
            "Georgia since 2008 and parts of Ukraine since 2014. Our response was incomplete.")
    table, keys = _actor_at(text, "Georgia", nlp, lexicon)
    assert {table.actors[key].qid for key in keys} == {"Q230"}

