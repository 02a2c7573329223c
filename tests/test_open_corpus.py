"""The copy of a shared corpus to explore rules on leaves out every document of the blind parts."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("open_corpus", REPO / "data" / "gold" / "tools" / "open_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_open_copy_leaves_out_the_blind_parts_documents_and_keeps_the_rest(tmp_path):
    kinds = tmp_path / "kinds"
    (kinds / "events-test").mkdir(parents=True)
    header = "part\tkind\tdoc_id\tpool\tsource\n"
    (kinds / "drawn.tsv").write_text(header + "dev\treadout\tk__a\tk\tkremlin/a.md\n"
                                     "test\treadout\tk__b\tk\tkremlin/b.md\n", encoding="utf-8")
    (kinds / "events-test" / "drawn.tsv").write_text(header + "test\tspeech\tu__C_79\tu\tun/S79/C_79.txt\n",
                                                     encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "S79").mkdir(parents=True)
    for name in ("a.md", "b.md", "S79/C_79.txt", "S79/C_79.meta.json", "S79/D_79.txt"):
        (corpus / name).write_text("text", encoding="utf-8")
    out = tmp_path / "open"
    assert _tool().copy_open(corpus, out, kinds) == (2, 3)
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == ["S79/D_79.txt", "a.md"]


def test_the_shipped_manifests_name_the_blind_documents():
    blind = _tool().blind_names()
    assert "joint-statement__2001-11-30-26839" in blind  # the first row of events-test/drawn.tsv
    assert not any(name.startswith("joint-statement__2001-06-15-41570") for name in blind)  # an events-dev one
