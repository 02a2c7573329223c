"""Shared fixtures: the pinned pipeline, and one build of the bundled seeds per session."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "seeds"
SAMPLES = REPO / "data" / "samples"
# README: the set-up installs the npm packages and Debian's Chromium and Jena unless this is set
NO_INSTALL = os.environ.get("STANCEGRAPH_TESTS_NO_INSTALL", "") not in ("", "0")


def apt_install(package: str) -> None:
    """Install Debian's ``package`` with apt-get (its index refreshed when the first try
    fails), when the tests run as root and may install; the caller checks the result."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None or NO_INSTALL:
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", package]
    if subprocess.run(install, capture_output=True, check=False, timeout=900, env=env).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], capture_output=True, check=False, timeout=900, env=env)
        subprocess.run(install, capture_output=True, check=False, timeout=900, env=env)


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


def comparable_rows(results: dict, query: str) -> list[dict]:
    """SPARQL JSON results as rows that two engines' answers to ``query`` can be compared
    by, in order: each term as (type, value, datatype, language), and a GROUP_CONCAT column
    as the sorted tuple of its parts (SPARQL leaves their order to the engine)."""
    separators = {column: separator for separator, column in re.findall(
        r"GROUP_CONCAT\s*\([^)]*separator\s*=\s*\"([^\"]*)\"\s*\)\s*AS\s*\?(\w+)", query)}
    rows = []
    for binding in results["results"]["bindings"]:
        row = {}
        for var, term in binding.items():
            value = term["value"]
            if var in separators:
                value = tuple(sorted(value.split(separators[var])))
            row[var] = (term["type"].replace("typed-literal", "literal"), value, term.get("datatype"), term.get("xml:lang"))
        rows.append(row)
    return rows
