"""Name normalisation: the slug of a name and the key of an actor known by name only."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug of a name: "Li Wei" -> "li-wei". Never empty."""
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_WORD.sub("-", ascii_text).strip("-")
    if slug:
        return slug
    # a name with no ASCII letters at all: keep it identifiable by its code points
    return "u" + "-".join(f"{ord(ch):x}" for ch in text.strip()[:16]) if text.strip() else "unnamed"


def actor_key(actor_type: str, name: str) -> str:
    return f"{actor_type.lower()}/{slugify(name)}"
