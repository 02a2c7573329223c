"""The gold annotation: reading and checking ``data/gold/annotations/*.json``.

One JSON file per document, named ``<doc-id>.json``::

    {"id": "<doc-id>", "source": "data/seeds/<file>", "actors": [
      {"name": "Li Wei", "type": "Person", "qid": null, "aliases": ["Li Wei", "Li"],
       "mentions": [{"begin": 62, "end": 68, "text": "Li Wei"}]}]}

A non-null ``qid`` comes with ``qid_evidence`` (the evidence file it was taken from). Keys
this module does not know (``statements``, ``events``, ...) are kept in
:attr:`GoldDocument.raw` for the evaluations that will read them; the actor keys are
checked here, and so are ``title_actors`` (actors named only in the title or
metadata, such as the speaker of "Statement by X": same format, no mentions). When the document text can be found from ``source`` (relative to the gold
directory, the repository root or the working directory), every mention's offsets are
checked against it: ``text[begin:end]`` must equal the mention's ``text``. Any problem
raises :class:`kg.errors.ConfigError` naming the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from kg.errors import ConfigError, InputError

T = TypeVar("T")

__all__ = [
    "ACTOR_TYPES",
    "PRONOUNS",
    "GoldActor",
    "GoldDocument",
    "GoldMention",
    "annotations_dir",
    "load_gold",
]

ACTOR_TYPES = ("Person", "Organization", "Country")
# pronouns: mentions, but never evidence that two names are the same actor
PRONOUNS = frozenset(
    "i me my mine we us our ours he him his she her hers it its they them their theirs".split()
)
_QID = re.compile(r"Q[1-9][0-9]*")
_REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class GoldMention:
    begin: int
    end: int
    text: str


@dataclass(frozen=True)
class GoldActor:
    name: str
    type: str
    """``Person``, ``Organization`` or ``Country``."""
    qid: str | None = None
    qid_evidence: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[GoldMention, ...] = ()


@dataclass(frozen=True)
class GoldDocument:
    id: str
    source: str | None
    actors: tuple[GoldActor, ...]
    path: Path
    """The annotation file."""
    text: str | None = None
    """The document text, when ``source`` was found (offsets were then checked)."""
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """The whole JSON object, for evaluations of other layers."""
    title_actors: tuple[GoldActor, ...] = ()
    """Actors named only in the title or metadata (the speaker of "Statement by X"): they
    can be speakers of statements, but the text never mentions them, so the actor
    evaluation does not count them."""


def annotations_dir(gold_dir: str | Path) -> Path:
    """``GOLD/annotations`` if it exists, else ``GOLD`` itself (a folder of .json files)."""
    gold = Path(gold_dir)
    sub = gold / "annotations"
    if sub.is_dir():
        return sub
    if gold.is_dir():
        return gold
    raise ConfigError(f"{gold}: no gold annotation folder")


def by_kind(gold: Mapping[str, GoldDocument], evaluate: Callable[[Mapping[str, GoldDocument]], T]) -> dict[str, T]:
    """``evaluate`` run on the gold documents of each kind (the gold's ``kind``), for those that
    have one: {kind: result}."""
    kinds = sorted({d.raw["kind"] for d in gold.values() if d.raw.get("kind")})
    return {kind: evaluate({k: d for k, d in gold.items() if d.raw.get("kind") == kind}) for kind in kinds}


def load_gold(gold_dir: str | Path) -> dict[str, GoldDocument]:
    """Every annotation file of the gold folder, by document id (sorted)."""
    folder = annotations_dir(gold_dir)
    files = sorted(folder.glob("*.json"))
    if not files:
        raise ConfigError(f"{folder}: no gold annotation (*.json) found")
    base = Path(gold_dir)
    docs: dict[str, GoldDocument] = {}
    for path in files:
        doc = _read(path, base)
        if doc.id in docs:
            raise ConfigError(f"{path}: document id {doc.id!r} is also in {docs[doc.id].path}")
        docs[doc.id] = doc
    return dict(sorted(docs.items()))


def _read(path: Path, gold_dir: Path) -> GoldDocument:
    def bad(problem: str) -> ConfigError:
        return ConfigError(f"{path}: {problem}")

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise bad(f"cannot read: {err}") from err
    except json.JSONDecodeError as err:
        raise bad(f"not JSON: {err.msg} at line {err.lineno} column {err.colno}") from err
    if not isinstance(data, dict):
        raise bad("the annotation must be a JSON object")
    doc_id = data.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        raise bad('"id" must be a non-empty string')
    if doc_id != path.stem:
        raise bad(f'"id" {doc_id!r} differs from the file name (expected {path.stem}.json)')
    source = data.get("source")
    if source is not None and (not isinstance(source, str) or not source):
        raise bad('"source" must be a non-empty string when given')
    actors_raw = data.get("actors")
    if not isinstance(actors_raw, list):
        raise bad('"actors" must be a list')

    title_raw = data.get("title_actors", [])
    if not isinstance(title_raw, list):
        raise bad('"title_actors" must be a list')

    text = _document_text(path, gold_dir, doc_id, source) if source else None
    actors = tuple(_actor(item, i, text, bad) for i, item in enumerate(actors_raw))
    title_actors = tuple(_actor(item, i, text, bad, "title_actors") for i, item in enumerate(title_raw))
    clash = {a.name for a in actors} & {a.name for a in title_actors}
    if clash:
        raise bad(f'{sorted(clash)} in both "actors" and "title_actors"')
    if any(a.mentions for a in title_actors):
        raise bad('"title_actors" have no mentions in the text (they are named in the title)')
    return GoldDocument(doc_id, source, actors, path, text, data, title_actors)


def _actor(item: Any, index: int, text: str | None, bad, key: str = "actors") -> GoldActor:
    where = f"{key}[{index}]"
    if not isinstance(item, dict):
        raise bad(f"{where} must be an object")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise bad(f'{where}: "name" must be a non-empty string')
    where = f"{where} ({name})"
    typ = item.get("type")
    if typ not in ACTOR_TYPES:
        raise bad(f'{where}: "type" must be one of {", ".join(ACTOR_TYPES)}, not {typ!r}')
    qid = item.get("qid")
    evidence = item.get("qid_evidence")
    if qid is not None:
        if not isinstance(qid, str) or not _QID.fullmatch(qid):
            raise bad(f'{where}: "qid" must be null or a Wikidata id like "Q148", not {qid!r}')
        if not isinstance(evidence, str) or not evidence:
            raise bad(f'{where}: a non-null "qid" needs its "qid_evidence"')
    elif evidence is not None:
        raise bad(f'{where}: "qid_evidence" without a "qid"')
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise bad(f'{where}: "aliases" must be a list of non-empty strings')
    mentions_raw = item.get("mentions", [])
    if not isinstance(mentions_raw, list):
        raise bad(f'{where}: "mentions" must be a list')
    mentions = []
    for j, m in enumerate(mentions_raw):
        mw = f"{where} mentions[{j}]"
        if not isinstance(m, dict):
            raise bad(f"{mw} must be an object")
        begin, end, mtext = m.get("begin"), m.get("end"), m.get("text")
        if not (_is_int(begin) and _is_int(end)) or not 0 <= begin < end:
            raise bad(f'{mw}: "begin" and "end" must be integers with 0 <= begin < end')
        if not isinstance(mtext, str) or len(mtext) != end - begin:
            raise bad(f'{mw}: "text" must be a string of length end - begin')
        if text is not None:
            if end > len(text):
                raise bad(f"{mw}: end {end} is past the end of the text ({len(text)} characters)")
            if text[begin:end] != mtext:
                raise bad(
                    f"{mw}: the text at [{begin}, {end}) is {text[begin:end]!r}, not {mtext!r}"
                )
        mentions.append(GoldMention(begin, end, mtext))
    return GoldActor(name, typ, qid, evidence, tuple(aliases), tuple(mentions))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _document_text(path: Path, gold_dir: Path, doc_id: str, source: str) -> str | None:
    """The text of the annotated document as ``kg.ingest`` reads it, or None if not found."""
    from kg.ingest import iter_documents

    rel = Path(source)
    candidates = (
        [rel] if rel.is_absolute() else [gold_dir / rel, _REPO_ROOT / rel, Path.cwd() / rel]
    )
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        return None
    texts = []
    for item in iter_documents([str(found)]):
        if isinstance(item, InputError):
            raise ConfigError(f"{path}: its source cannot be read: {item}")
        if item.id == doc_id:
            texts.append(item.text)
    if len(texts) != 1:
        raise ConfigError(f"{path}: source {source} holds no document with id {doc_id!r}")
    return texts[0]
