"""Serialisations of the graph, byte-deterministic, each written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.namespaces import NAMESPACES
from kg.resources import resource_path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); an output is as readable as any new file
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prefixes() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in sorted(NAMESPACES.items())}


def write_turtle(path: Path, quads: list[ox.Quad]) -> None:
    """The union of all graphs as Turtle (quads must be in canonical order)."""
    seen: set[tuple] = set()
    triples = []
    for quad in sorted(quads, key=lambda q: (str(q.subject), str(q.predicate), str(q.object))):
        key = (quad.subject, quad.predicate, quad.object)
        if key not in seen:
            seen.add(key)
            triples.append(ox.Triple(*key))
    atomic_write(path, ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes()))


def write_trig(path: Path, quads: list[ox.Quad]) -> None:
    atomic_write(path, ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_prefixes()))


def load_context() -> dict:
    with resource_path("ontology", "context.jsonld").open(encoding="utf-8") as handle:
        return json.load(handle)


def _canonical(value):
    """JSON-LD with every unordered array sorted: node order carries no meaning."""
    if isinstance(value, dict):
        return {key: _canonical(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def write_jsonld(path: Path, graph: Graph) -> None:
    """The union graph as JSON-LD compacted with the project's context (inlined)."""
    context = load_context()["@context"]
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if isinstance(data, dict) and "@graph" not in data and "@context" in data:
        body = {k: v for k, v in data.items() if k != "@context"}
        data = {"@context": data["@context"], "@graph": [body] if body else []}
    data["@graph"] = _canonical(data.get("@graph", []))
    data["@context"] = context
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    atomic_write(path, text.encode("utf-8"))
