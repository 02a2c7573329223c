"""What ``merge_into_gazetteer`` did, for the user (``kg gazetteer import`` prints ``lines()``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GazetteerMergeReport:
    """What ``merge_into_gazetteer`` did. QIDs are sorted; messages in input order."""

    path: Path
    added: tuple[str, ...] = ()  # new rows
    updated: tuple[str, ...] = ()  # existing rows that gained aliases or offices
    filled: tuple[str, ...] = ()  # QID-less rows ("-") that got this QID
    copied: tuple[str, ...] = ()  # reference rows copied here and merged (see ``reference``)
    unchanged: tuple[str, ...] = ()  # existing rows the import had nothing new for
    skipped_untyped: tuple[str, ...] = ()  # entities with no type (and no default_type)
    clashes: tuple[str, ...] = ()  # entities not added because their label is another row's
    dropped: tuple[str, ...] = ()  # aliases or offices that cannot be written to the TSV
    errors: tuple[str, ...] = ()  # InputErrors met in the entity stream

    @property
    def skipped(self) -> int:
        return len(self.skipped_untyped)

    def lines(self) -> list[str]:
        return [
            f"added       {len(self.added)}",
            f"updated     {len(self.updated)}",
            f"QID filled  {len(self.filled)}",
            f"copied      {len(self.copied)} (from the reference gazetteer, merged)",
            f"unchanged   {len(self.unchanged)}",
            f"no type     {len(self.skipped_untyped)} (skipped)",
            f"clashes     {len(self.clashes)} (skipped)",
            f"errors      {len(self.errors)}",
        ]
