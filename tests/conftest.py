"""Shared fixtures: the pinned pipeline, and one build of the bundled seeds per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "seeds"
SAMPLES = REPO / "data" / "samples"


@pytest.fixture(scope="session")
def lexicon():
    from kg.lexicon import load_lexicon

    return load_lexicon()


@pytest.fixture(scope="session")
def nlp(lexicon):
    from kg.nlp import build_pipeline

    return build_pipeline(lexicon)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """``kg build data/seeds`` once; tests read its outputs and must not change them."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seed-build")
    summary = build([SEEDS], out)
    return out, summary


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    import rdflib

    out, _ = seed_build
    graph = rdflib.Graph()
    graph.parse(out / "graph.ttl", format="turtle")
    return graph


@pytest.fixture()
def seed_copy(tmp_path):
    """A writable copy of the seed documents."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def start_server(out, **options):
    """``kg serve`` over ``out`` on a free loopback port, in a thread: (server, thread)."""
    import threading

    from kg.serve import Server

    server = Server(out, port=0, **options)
    server.start()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
