"""Issue 17: the layers hold (import-linter's contract in pyproject.toml), and the commands
that read a build (``kg query``, ``kg serve``) do not load spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_the_import_contract_is_kept():
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


READERS = """
import sys
from kg.cli import main
from kg.serve import Server
assert main(["query", sys.argv[1], "ASK {}"]) == 0
server = Server(sys.argv[1], port=0)
server.start()
server.stop()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc", "en_core_web_sm"))
print("LOADED", loaded)
"""


def test_query_and_serve_do_not_import_spacy(seed_build):
    out, _ = seed_build
    done = subprocess.run([sys.executable, "-c", READERS, str(out)], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout, done.stdout
