"""The installed package carries the ontology, shapes, queries and lexicon it needs.

CI installs the project as a wheel (not editable), so there these files come from
``kg/_resources``: they must be the repository's files, byte for byte.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from kg.resources import resource_root

REPO = Path(__file__).resolve().parent.parent
SHIPPED = [
    ("ontology", "stancegraph.ttl"), ("ontology", "context.jsonld"),
    ("shapes", "shapes.ttl"), ("shapes", "shapes-recommended.ttl"),
    ("data", "lexicon", "gazetteer.tsv"), ("data", "lexicon", "topics.ttl"),
    ("data", "lexicon", "event-types.ttl"), ("queries", "positions-of-actor.rq"),
]


@pytest.mark.parametrize("parts", SHIPPED, ids="/".join)
def test_shipped_resource_is_the_repository_file(parts):
    shipped = resource_root().joinpath(*parts)
    assert shipped.is_file(), f"{shipped} is not installed"
    assert filecmp.cmp(shipped, REPO.joinpath(*parts), shallow=False)


# -- supply chain (issue 8) -----------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent


def _constraints() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, sep, version = line.partition("==")
            assert sep and version.strip(), f"not pinned: {line!r}"
            pins[_normal(name)] = version.strip()
    return pins


def _normal(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_declared_dependency_is_pinned_and_installed_at_its_pin():
    """CI installs with -c constraints.txt: the environment running the tests is the pinned one."""
    import re
    import tomllib
    from importlib.metadata import version

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [*project["dependencies"], *(d for extra in project["optional-dependencies"].values() for d in extra)]
    pins = _constraints()
    for requirement in declared:
        name = _normal(re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0))
        assert name in pins, f"{name} is not in constraints.txt"
        assert _normal(version(name)) == _normal(pins[name]), f"{name} {version(name)} installed, {pins[name]} pinned"


def test_ci_and_the_readme_install_from_the_constraints():
    command = "pip install --quiet -c constraints.txt '.[test]'"
    assert command in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert command.replace("--quiet ", "") in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.fixture()
def model_copy(tmp_path):
    import shutil

    from kg.nlp.integrity import model_folder
    from kg.nlp.pipeline import MODEL_NAME

    target = tmp_path / MODEL_NAME
    shutil.copytree(model_folder(MODEL_NAME), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_the_installed_model_matches_its_recorded_hashes(model_copy):
    from kg.nlp.integrity import read_record, verify_model

    verify_model(model_copy)
    assert any(name.endswith("/ner/model") for name in read_record())


@pytest.mark.parametrize("tamper, named", [
    (lambda folder: (folder / "meta.json").write_text("{}"), r"meta\.json: changed"),
    (lambda folder: next(folder.rglob("ner/model")).unlink(), r"ner/model: missing"),
    (lambda folder: (folder / "evil.py").write_text("import os"), r"evil\.py: not in the recorded package"),
])
def test_a_tampered_model_is_refused_naming_the_file(model_copy, tamper, named):
    import re

    from kg.nlp.integrity import ModelIntegrityError, verify_model

    tamper(model_copy)
    with pytest.raises(ModelIntegrityError) as caught:
        verify_model(model_copy)
    assert re.search(named, str(caught.value)) and str(model_copy) in str(caught.value)


def test_kg_build_refuses_a_tampered_model_before_running_it(model_copy, tmp_path):
    """End to end: the tampered copy is first on the import path; its __init__.py would
    write a file if it ran. kg build stops with exit 2, names the file, and builds nothing."""
    import os
    import subprocess
    import sys

    from conftest import SEEDS

    ran = tmp_path / "model-code-ran"
    init = model_copy / "__init__.py"
    init.write_text(init.read_text() + f"\nopen({str(ran)!r}, 'w').close()\n")
    env = {**os.environ, "PYTHONPATH": str(model_copy.parent)}
    done = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEEDS), "-o", str(tmp_path / "out"), "-q"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "__init__.py: changed" in done.stderr and "does not match the hashes" in done.stderr
    assert not ran.exists()
    assert not (tmp_path / "out" / "graph.ttl").exists()
