"""Generate ``kg/namespaces.py`` from ``ontology/stancegraph.ttl``.

Run ``python -m kg.tools.gen_namespaces`` after changing the ontology; ``--check`` exits
with status 1 (and changes nothing) when the checked-in file is out of date, ``--stdout``
prints the generated module instead of writing it. The output depends only on the ontology,
so two runs give identical files.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from pathlib import Path

import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.resources import resource_path

SG_NS = "https://w3id.org/stancegraph/ontology#"
NIF_NS = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ONTOLOGY_IRI = rdflib.URIRef("https://w3id.org/stancegraph/ontology")
TARGET = Path(__file__).resolve().parent.parent / "namespaces.py"

# Kinds of terms, in the order the generated classes list them.
KINDS: tuple[tuple[rdflib.URIRef, str], ...] = (
    (OWL.Class, "http://www.w3.org/2002/07/owl#Class"),
    (OWL.ObjectProperty, "http://www.w3.org/2002/07/owl#ObjectProperty"),
    (OWL.DatatypeProperty, "http://www.w3.org/2002/07/owl#DatatypeProperty"),
    (OWL.AnnotationProperty, "http://www.w3.org/2002/07/owl#AnnotationProperty"),
    (SKOS.ConceptScheme, "http://www.w3.org/2004/02/skos/core#ConceptScheme"),
    (SKOS.Concept, "http://www.w3.org/2004/02/skos/core#Concept"),
)

# NIF 2.0 Core terms that stancegraph code may use besides the two the ontology declares
# (comments after the NIF Core ontology).
NIF_EXTRA: tuple[tuple[str, str, str], ...] = (
    ("Context", "http://www.w3.org/2002/07/owl#Class",
     "The string that serves as a context for its substrings: the whole text of a document."),
    ("OffsetBasedString", "http://www.w3.org/2002/07/owl#Class",
     "A string identified by its begin and end offsets in its context."),
    ("Phrase", "http://www.w3.org/2002/07/owl#Class", "A string that is a phrase of a sentence."),
    ("RFC5147String", "http://www.w3.org/2002/07/owl#Class",
     "A string whose IRI uses the RFC 5147 character offset scheme."),
    ("Sentence", "http://www.w3.org/2002/07/owl#Class", "A string that is a sentence."),
    ("String", "http://www.w3.org/2002/07/owl#Class", "A sequence of Unicode characters."),
    ("Word", "http://www.w3.org/2002/07/owl#Class", "A string that is a word (a token)."),
    ("referenceContext", "http://www.w3.org/2002/07/owl#ObjectProperty",
     "The context (whole text) a string is part of."),
    ("sourceUrl", "http://www.w3.org/2002/07/owl#ObjectProperty",
     "The URL the context was taken from."),
    ("anchorOf", "http://www.w3.org/2002/07/owl#DatatypeProperty",
     "The characters of the string, exactly as in its context."),
    ("isString", "http://www.w3.org/2002/07/owl#DatatypeProperty",
     "The whole text of a context."),
)

NAMESPACES: tuple[tuple[str, str], ...] = (
    ("sg", SG_NS),
    ("sgsh", "https://w3id.org/stancegraph/shapes#"),
    ("wd", "http://www.wikidata.org/entity/"),
    ("nif", NIF_NS),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("schema", "http://schema.org/"),
)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _english(graph: rdflib.Graph, subject, predicate) -> str | None:
    values = sorted(
        graph.objects(subject, predicate),
        key=lambda v: (getattr(v, "language", None) != "en", str(v)),
    )
    return _one_line(str(values[0])) if values else None


def _terms(graph: rdflib.Graph, namespace: str) -> list[tuple[str, str, str]]:
    """(local name, kind IRI, comment) of every term of ``namespace`` the ontology types."""
    terms = []
    seen = set()
    for kind, kind_iri in KINDS:
        for subject in sorted(set(graph.subjects(RDF.type, kind))):
            iri = str(subject)
            if not iri.startswith(namespace) or iri in seen:
                continue
            name = iri[len(namespace):]
            if not name.isidentifier():
                raise ValueError(f"{iri}: local name is not a Python identifier")
            seen.add(iri)
            comment = (
                _english(graph, subject, SKOS.definition)
                or _english(graph, subject, RDFS.comment)
                or _english(graph, subject, RDFS.label)
                or ""
            )
            terms.append((name, kind_iri, comment))
    return terms


def _class_body(terms: list[tuple[str, str, str]]) -> list[str]:
    lines: list[str] = []
    for _kind, kind_iri in KINDS:
        group = sorted((t for t in terms if t[1] == kind_iri), key=lambda t: t[0])
        if not group:
            continue
        lines.append("")
        lines.append(f"    # {kind_iri}")
        for name, _k, comment in group:
            lines.append(f"    {name}: URIRef  # {comment}" if comment else f"    {name}: URIRef")
    return lines


def _docstring(text: str, indent: str = "    ") -> list[str]:
    lines = [f'{indent}"""']
    for paragraph in text.split("\n\n"):
        wrapped = textwrap.wrap(_one_line(paragraph), width=92 - len(indent))
        lines.extend(f"{indent}{line}" for line in wrapped)
        lines.append("")
    lines[-1] = f'{indent}"""'
    return lines


def render(ontology_path: Path | None = None) -> str:
    """The source of ``kg/namespaces.py`` for the ontology at ``ontology_path``."""
    path = ontology_path or resource_path("ontology", "stancegraph.ttl")
    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    title = _english(graph, ONTOLOGY_IRI, DCTERMS.title) or "stancegraph ontology"
    description = _english(graph, ONTOLOGY_IRI, DCTERMS.description) or ""
    version = str(graph.value(ONTOLOGY_IRI, OWL.versionInfo) or "")

    sg_terms = _terms(graph, SG_NS)
    nif_terms = _terms(graph, NIF_NS)
    declared = {name for name, _k, _c in nif_terms}
    nif_terms += [t for t in NIF_EXTRA if t[0] not in declared]

    out: list[str] = [
        '"""RDF namespaces of stancegraph: the ontology\'s terms as rdflib DefinedNamespaces.',
        "",
        "GENERATED by ``python -m kg.tools.gen_namespaces`` from ``ontology/stancegraph.ttl``",
        f"(owl:versionInfo {version}); do not edit by hand: change the ontology and rerun the",
        "generator. A test checks that this file is in sync with the ontology. (No",
        "``from __future__ import annotations``: rdflib reads the annotations at run time.)",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class SG(DefinedNamespace):",
    ]
    out += _docstring(
        f"{title}\n\n{description}\n\nClosed: naming a term the ontology does not define "
        "raises AttributeError.\n\nGenerated from: ontology/stancegraph.ttl"
        + (f" (version {version})" if version else "")
    )
    out.append("")
    out.append("    _fail = True")
    out += _class_body(sg_terms)
    out.append("")
    out.append(f'    _NS = Namespace("{SG_NS}")')
    out += ["", "", "class NIF(DefinedNamespace):"]
    out += _docstring(
        "NLP Interchange Format (NIF) 2.0 Core: the terms stancegraph uses.\n\n"
        "nif:beginIndex and nif:endIndex are declared in ontology/stancegraph.ttl (comments "
        "from there); the others are common NIF Core terms listed by the generator. Other NIF "
        "terms still work, with a warning."
    )
    out += _class_body(nif_terms)
    out.append("")
    out.append(f'    _NS = Namespace("{NIF_NS}")')
    out += [
        "",
        "",
        "# Prefix -> namespace, for serializers (Turtle, TriG, JSON-LD contexts, SPARQL).",
        "NAMESPACES: dict[str, Namespace] = {",
    ]
    out += [f'    "{prefix}": Namespace("{iri}"),' for prefix, iri in NAMESPACES]
    out.append("}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kg.tools.gen_namespaces", description=__doc__.splitlines()[0]
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--check", action="store_true", help="exit 1 if kg/namespaces.py is out of date"
    )
    group.add_argument(
        "--stdout", action="store_true", help="print the module instead of writing it"
    )
    args = parser.parse_args(argv)
    source = render()
    if args.stdout:
        sys.stdout.write(source)
        return 0
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
    if args.check:
        if current != source:
            message = f"{TARGET} is out of date: run python -m kg.tools.gen_namespaces"
            print(message, file=sys.stderr)
            return 1
        return 0
    if current != source:
        TARGET.write_text(source, encoding="utf-8")
        print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
