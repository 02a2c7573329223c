"""Where the package's data files live, installed (wheel) or in a source checkout.

A wheel carries ``ontology/``, ``shapes/``, ``queries/`` and ``data/lexicon/`` under
``kg/_resources/``; a source checkout (or an editable install) has them at the repository
root. Callers ask for a path relative to that root and never care which case they are in.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def resource_root() -> Path:
    installed = _PACKAGE_DIR / "_resources"
    if (installed / "ontology").is_dir():
        return installed
    return _PACKAGE_DIR.parent


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource_path("ontology", "stancegraph.ttl")``."""
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"stancegraph resource missing: {path}")
    return path
