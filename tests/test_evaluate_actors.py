"""kg.evaluate: scores, reading the gold, and matching predicted actors against it.

Gold and graphs here are small synthetic fixtures made in tmp_path; one test also checks
that the shipped gold in data/gold loads cleanly (every offset matches its document).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from rdflib import namespace as ns

from kg.errors import ConfigError
from kg.evaluate import Score, evaluate_actors, format_evaluation, load_gold
from kg.evaluate.actors import name_key
from kg.namespaces import SG

# rdflib namespaces taken by attribute: a module-level XSD import makes pytest warn (closed namespace)
DCTERMS, OWL, RDF, RDFS, SKOS = ns.DCTERMS, ns.OWL, ns.RDF, ns.RDFS, ns.SKOS

REPO = Path(__file__).resolve().parent.parent
BASE = rdflib.Namespace("https://w3id.org/stancegraph/id/")
WD = rdflib.Namespace("http://www.wikidata.org/entity/")

TEXT = (
    "Wang Yi told Russian Foreign Minister Sergey Lavrov that China supports talks. Wang said so.\n"
)


# --- fixtures -------------------------------------------------------------------------


def mention(text: str, surface: str, nth: int = 1) -> dict:
    begin = -1
    for _ in range(nth):
        begin = text.index(surface, begin + 1)
    return {"begin": begin, "end": begin + len(surface), "text": surface}


def actor(name, typ, qid=None, aliases=(), mentions=()) -> dict:
    out = {
        "name": name,
        "type": typ,
        "qid": qid,
        "aliases": list(aliases),
        "mentions": list(mentions),
    }
    if qid:
        out["qid_evidence"] = "qids.tsv"
    return out


def write_gold(
    gold_dir: Path,
    doc_id: str,
    actors: list[dict],
    text: str | None = TEXT,
    source: str | None = None,
) -> Path:
    """An annotation file, and (when text is given) its source document under gold_dir."""
    (gold_dir / "annotations").mkdir(parents=True, exist_ok=True)
    if text is not None:
        (gold_dir / "docs").mkdir(exist_ok=True)
        (gold_dir / "docs" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        source = source or f"docs/{doc_id}.txt"
    data = {"id": doc_id, "source": source or f"docs/{doc_id}.txt", "actors": actors}
    path = gold_dir / "annotations" / f"{doc_id}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def standard_gold(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    write_gold(
        gold,
        "doc1",
        [
            actor(
                "Wang Yi",
                "Person",
                None,
                ["Wang Yi", "Wang"],
                [mention(TEXT, "Wang Yi"), mention(TEXT, "Wang", 2)],
            ),
            actor(
                "Sergey Lavrov",
                "Person",
                "Q58217",
                ["Sergey Lavrov"],
                [mention(TEXT, "Sergey Lavrov")],
            ),
            actor("China", "Country", "Q148", ["China"], [mention(TEXT, "China")]),
        ],
    )
    return gold


class GraphMaker:
    """A graph in the build's vocabulary: documents and the actors mentioned in them."""

    def __init__(self) -> None:
        self.g = rdflib.Graph()
        self.n = 0

    def doc(self, doc_id: str) -> rdflib.URIRef:
        node = BASE[f"doc/{doc_id}"]
        self.g.add((node, RDF.type, SG.Document))
        self.g.add((node, DCTERMS.identifier, rdflib.Literal(doc_id, datatype=ns.XSD.string)))
        return node

    def actor(
        self,
        doc: rdflib.URIRef,
        label: str,
        typ: str,
        qid: str | None = None,
        alt: tuple[str, ...] = (),
    ) -> rdflib.URIRef:
        self.n += 1
        node = BASE[f"actor/{self.n}"]
        self.g.add((node, RDF.type, SG.Actor))
        self.g.add((node, RDF.type, getattr(SG, typ)))
        self.g.add((node, RDFS.label, rdflib.Literal(label)))
        for a in alt:
            self.g.add((node, SKOS.altLabel, rdflib.Literal(a)))
        if qid:
            self.g.add((node, OWL.sameAs, WD[qid]))
        self.g.add((node, SG.mentionedIn, doc))
        return node


# --- Score ----------------------------------------------------------------------------


def test_score_measures_and_zero_cases():
    s = Score(tp=8, fp=2, fn=8)
    assert s.precision == pytest.approx(0.8)
    assert s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 * 0.8 * 0.5 / 1.3)
    empty = Score()
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)
    assert Score(tp=0, fp=3, fn=0).f1 == 0.0
    assert Score(1, 2, 3) + Score(10, 20, 30) == Score(11, 22, 33)
    assert Score.total([Score(1, 0, 0), Score(0, 1, 0), Score(0, 0, 1)]) == Score(1, 1, 1)
    with pytest.raises(ValueError):
        Score(tp=-1)


def test_name_key_normalises_case_article_possessive_and_apostrophes():
    assert name_key("The United States") == name_key("united states")
    assert name_key("China’s") == "china"
    assert name_key("People’s Republic of China") == name_key("People's Republic  of\nChina")
    assert name_key("Allies'") == "allies"


# --- load_gold ------------------------------------------------------------------------


def test_load_gold_reads_and_checks_offsets(tmp_path):
    gold = standard_gold(tmp_path)
    docs = load_gold(gold)
    assert list(docs) == ["doc1"]
    doc = docs["doc1"]
    assert doc.text == TEXT
    wang = doc.actors[0]
    assert (wang.name, wang.type, wang.qid, wang.aliases) == (
        "Wang Yi",
        "Person",
        None,
        ("Wang Yi", "Wang"),
    )
    assert [(m.begin, m.end, m.text) for m in wang.mentions] == [
        (0, 7, "Wang Yi"),
        (TEXT.index("Wang said"), TEXT.index("Wang said") + 4, "Wang"),
    ]
    assert doc.actors[1].qid == "Q58217" and doc.actors[1].qid_evidence == "qids.tsv"
    # the annotations folder itself may be given
    assert list(load_gold(gold / "annotations")) == ["doc1"]


def test_load_gold_without_source_text_skips_the_offset_check(tmp_path):
    gold = tmp_path / "gold"
    write_gold(
        gold,
        "nosrc",
        [actor("X", "Person", mentions=[{"begin": 0, "end": 1, "text": "X"}])],
        text=None,
        source="nowhere/nosrc.txt",
    )
    assert load_gold(gold)["nosrc"].text is None


@pytest.mark.parametrize(
    "breakage, message",
    [
        (lambda d: d["actors"][0]["mentions"][0].update(begin=1, end=8), "is 'ang Yi "),
        (
            lambda d: d["actors"][0]["mentions"][0].update(end=500, begin=493, text="x" * 7),
            "past the end",
        ),
        (lambda d: d["actors"][0].update(type="Place"), '"type" must be one of'),
        (lambda d: d["actors"][0].update(qid="148"), '"qid" must be null or a Wikidata id'),
        (lambda d: d["actors"][1].pop("qid_evidence"), 'needs its "qid_evidence"'),
        (lambda d: d["actors"][0].update(name=""), '"name" must be a non-empty string'),
        (lambda d: d["actors"][0]["mentions"][0].update(text="Wang"), "length end - begin"),
        (lambda d: d.update(actors={}), '"actors" must be a list'),
        (lambda d: d.update(id="other"), "differs from the file name"),
    ],
)
def test_load_gold_rejects_malformed_gold_naming_the_file(tmp_path, breakage, message):
    gold = standard_gold(tmp_path)
    path = gold / "annotations" / "doc1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    breakage(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_gold(gold)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_load_gold_rejects_broken_json_and_an_empty_folder(tmp_path):
    gold = standard_gold(tmp_path)
    (gold / "annotations" / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.json: not JSON"):
        load_gold(gold)
    empty = tmp_path / "empty"
    (empty / "annotations").mkdir(parents=True)
    with pytest.raises(ConfigError, match="no gold annotation"):
        load_gold(empty)


# --- evaluate_actors ------------------------------------------------------------------


def test_perfect_prediction(tmp_path):
    gold = standard_gold(tmp_path)
    gm = GraphMaker()
    d = gm.doc("doc1")
    gm.actor(d, "Wang Yi", "Person")
    gm.actor(d, "Sergey Lavrov", "Person", "Q58217")
    gm.actor(d, "China", "Country", "Q148")
    ev = evaluate_actors(gold, gm.g)
    assert ev.actors == Score(3, 0, 0)
    assert ev.links == Score(2, 0, 0)
    assert ev.per_document == {"doc1": Score(3, 0, 0)}
    assert ev.errors == ()


def test_matching_by_alias_mention_qid_and_normalised_names(tmp_path):
    gold = standard_gold(tmp_path)
    gm = GraphMaker()
    d = gm.doc("doc1")
    gm.actor(d, "Wang", "Person")  # an alias / mention text
    gm.actor(d, "Lavrov S.", "Person", "Q58217")  # only the QID agrees
    gm.actor(d, "the China's", "Country")  # article and possessive dropped
    ev = evaluate_actors(gold, gm.g)
    assert ev.actors == Score(3, 0, 0)
    # China is matched but not linked: a link false negative, no false positive
    assert ev.links == Score(1, 0, 1)
    assert any("FN link 'China' Q148" in e and "has no owl:sameAs" in e for e in ev.errors)


def test_false_positives_negatives_type_mismatch_and_one_to_one(tmp_path):
    gold = standard_gold(tmp_path)
    gm = GraphMaker()
    d = gm.doc("doc1")
    gm.actor(d, "Wang Yi", "Person")
    gm.actor(d, "Wang Yi", "Person")  # a duplicate: only one can match
    gm.actor(d, "China", "Organization")  # wrong type
    gm.actor(d, "Russia", "Country")  # not in the gold
    ev = evaluate_actors(gold, gm.g)
    assert ev.actors == Score(tp=1, fp=3, fn=2)
    text = "\n".join(ev.errors)
    assert "FP actor Organization 'China'" in text and "gold has it as Country 'China'" in text
    assert "FN actor Country 'China' [Q148] (predicted as Organization 'China')" in text
    assert "FN actor Person 'Sergey Lavrov' [Q58217]" in text
    assert "FP actor Country 'Russia'" in text


def test_pronoun_mentions_are_no_evidence(tmp_path):
    gold = tmp_path / "gold"
    text = "Wang Yi said he agreed.\n"
    write_gold(
        gold,
        "p",
        [
            actor(
                "Wang Yi",
                "Person",
                None,
                ["Wang Yi"],
                [mention(text, "Wang Yi"), mention(text, "he")],
            )
        ],
        text=text,
    )
    gm = GraphMaker()
    gm.actor(gm.doc("p"), "He", "Person")
    assert evaluate_actors(gold, gm.g).actors == Score(0, 1, 1)


def test_qid_evidence_wins_over_a_name(tmp_path):
    gold = tmp_path / "gold"
    text = "Joe Biden and Joe Biden Jr. met.\n"
    write_gold(
        gold,
        "q",
        [
            actor("Joe Biden", "Person", "Q6279", ["Joe Biden"], [mention(text, "Joe Biden")]),
            actor(
                "Joe Biden Jr.", "Person", None, ["Joe Biden Jr."], [mention(text, "Joe Biden Jr.")]
            ),
        ],
        text=text,
    )
    gm = GraphMaker()
    d = gm.doc("q")
    # labelled like the second gold actor, but linked to the first one's QID
    gm.actor(d, "Joe Biden Jr.", "Person", "Q6279", alt=("Joe Biden",))
    gm.actor(d, "Joe Biden Jr.", "Person")
    ev = evaluate_actors(gold, gm.g)
    assert ev.actors == Score(2, 0, 0)
    assert ev.links == Score(1, 0, 0)


def test_link_false_positives(tmp_path):
    gold = standard_gold(tmp_path)
    gm = GraphMaker()
    d = gm.doc("doc1")
    gm.actor(d, "Wang Yi", "Person", "Q17")  # gold has no QID for him
    gm.actor(d, "Sergey Lavrov", "Person", "Q1")  # wrong QID
    gm.actor(d, "China", "Country", "Q148")  # right
    gm.actor(d, "Rome", "Country", "Q220")  # not a gold actor at all
    ev = evaluate_actors(gold, gm.g)
    assert ev.actors == Score(3, 1, 0)
    assert ev.links == Score(tp=1, fp=3, fn=1)
    text = "\n".join(ev.errors)
    assert "FP link 'Wang Yi' -> Q17 (gold 'Wang Yi' has no QID)" in text
    assert "FP link 'Sergey Lavrov' -> Q1 (gold 'Sergey Lavrov' is Q58217)" in text
    assert "FP link 'Rome' -> Q220 (actor not in the gold)" in text
    assert "FN link 'Sergey Lavrov' Q58217 (matched 'Sergey Lavrov' links Q1)" in text


def test_documents_are_kept_apart_and_missing_documents_count_as_misses(tmp_path):
    gold = standard_gold(tmp_path)
    text2 = "NATO met.\n"
    write_gold(
        gold,
        "doc2",
        [actor("NATO", "Organization", "Q7184", ["NATO"], [mention(text2, "NATO")])],
        text=text2,
    )
    gm = GraphMaker()
    d1 = gm.doc("doc1")
    gm.doc("unrelated")
    gm.actor(d1, "Wang Yi", "Person")
    # an actor of another document does not count for doc1
    gm.actor(gm.doc("doc3"), "China", "Country", "Q148")
    ev = evaluate_actors(gold, gm.g)
    assert ev.per_document == {"doc1": Score(1, 0, 2), "doc2": Score(0, 0, 1)}
    assert ev.actors == Score(1, 0, 3)
    assert ev.links == Score(0, 0, 3)
    assert any(e.startswith("doc2: document not in the graph") for e in ev.errors)


def test_format_evaluation_lines(tmp_path):
    gold = standard_gold(tmp_path)
    gm = GraphMaker()
    d = gm.doc("doc1")
    gm.actor(d, "Wang Yi", "Person")
    gm.actor(d, "China", "Country", "Q148")
    gm.actor(d, "Russia", "Country", "Q159")
    ev = evaluate_actors(gold, gm.g)
    lines = format_evaluation(ev)
    assert lines == [
        "actors  P 0.667  R 0.667  F1 0.667  (tp 2, fp 1, fn 1)",
        "links   P 0.500  R 0.500  F1 0.500  (tp 1, fp 1, fn 1)",
    ]
    full = format_evaluation(ev, per_document=True, errors=True)
    assert any(line.endswith("doc1") for line in full)
    assert any("FP actor Country 'Russia'" in line for line in full)


def test_a_graph_file_round_trip_through_the_module_entry_point(tmp_path, capsys):
    from kg.evaluate.__main__ import main

    gold = standard_gold(tmp_path)
    gm = GraphMaker()
    gm.actor(gm.doc("doc1"), "China", "Country", "Q148")
    path = tmp_path / "graph.ttl"
    gm.g.serialize(path, format="turtle")
    assert main([str(path), "--gold", str(gold)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "actors  P 1.000  R 0.333  F1 0.500  (tp 1, fp 0, fn 2)"
    (gold / "annotations" / "doc1.json").write_text("[]", encoding="utf-8")
    assert main([str(path), "--gold", str(gold)]) == 2


# --- the shipped gold -----------------------------------------------------------------


def test_shipped_gold_loads_and_matches_its_manifest():
    gold_dir = REPO / "data" / "gold"
    if not (gold_dir / "annotations").is_dir():
        pytest.skip("no gold annotation in this checkout")
    docs = load_gold(gold_dir)
    rows = [
        line.split("\t")
        for line in (gold_dir / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]
    ]
    assert sorted(r[0] for r in rows) == sorted(docs)
    for doc_id, path, n_actors, n_mentions in rows:
        doc = docs[doc_id]
        assert doc.text is not None, f"{doc_id}: source {doc.source} not found"
        assert doc.source == path
        assert len(doc.actors) == int(n_actors)
        assert sum(len(a.mentions) for a in doc.actors) == int(n_mentions)
