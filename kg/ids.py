"""The build's id space: the base under which minted IRIs live unless ``--base`` says otherwise.

A constant of its own, low in the layers, so that readers of a build (``kg query``,
``kg serve``, reviewed mappings) know it without importing the graph stage.
"""

from __future__ import annotations

__all__ = ["ACTOR_PATH", "DEFAULT_BASE", "normalized_base"]

DEFAULT_BASE = "https://w3id.org/stancegraph/id/"
ACTOR_PATH = "actor/"  # actors live at <base>actor/<key>


def normalized_base(base: str | None) -> str:
    """``base`` (default: DEFAULT_BASE) ending in "/" or "#", as every minted IRI joins it."""
    base = base or DEFAULT_BASE
    return base if base.endswith(("/", "#")) else base + "/"
