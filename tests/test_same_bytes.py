"""Same input, same output, byte for byte: the README's main job and the gold build give the
files recorded in ``tests/golden/outputs.sha256.json``.

A change that must not change outputs (a refactoring) keeps this green. A change that means
to change them records the new digests, and says why in its commit:

    python bench/same_bytes.py snapshot tests/golden/outputs.sha256.json

``bench/same_bytes.py --corpora ../shared/corpus`` checks 80 White House texts and 40 UN
speeches the same way, outside CI.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from conftest import REPO

from kg.build import OUTPUTS, build

RECORDED = json.loads((REPO / "tests" / "golden" / "outputs.sha256.json").read_text(encoding="utf-8"))
SETS = {
    "samples": [REPO / "data" / "seeds", REPO / "data" / "samples"],
    "gold": [REPO / "data" / "seeds", REPO / "data" / "gold" / "whitehouse"],
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_outputs_are_the_recorded_bytes(name, tmp_path):
    build(SETS[name], tmp_path / "out", incremental=False)
    got = {file: hashlib.sha256((tmp_path / "out" / file).read_bytes()).hexdigest() for file in OUTPUTS}
    differing = sorted(file for file in OUTPUTS if got[file] != RECORDED[name][file])
    assert differing == [], f"{name}: these outputs changed: {differing}"
