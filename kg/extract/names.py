"""Name normalisation shared by the extractors and the graph stage (kg.link.names)."""

from kg.link.names import actor_key, slugify

__all__ = ["actor_key", "slugify"]
