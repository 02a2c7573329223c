"""What ``kg serve`` answers, independent of the HTTP plumbing: one ``Request`` in, one
``Response`` out.

- ``/sparql``: the SPARQL 1.1 Protocol (GET, POST form, POST ``application/sparql-query``),
  forwarded to the Oxigraph server; updates are refused (403).
- ``/id/...`` (and the base IRI's own path): each minted resource, as HTML, Turtle, JSON-LD
  or N-Triples by content negotiation.
- ``/``: the query page (YASGUI, bundled); ``/queries/index.json``: the example queries.
- ``/ontology``, ``/context.jsonld``, ``/.well-known/void``.
"""

from __future__ import annotations

import functools
import html
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pyoxigraph as ox

from kg.export.void import VOID, void_iris
from kg.query.datatypes import declared_integer_ranges, retyped
from kg.query.sparql_text import declares_dataset, has_relative_iri, uses_service
from kg.resources import resource_path
from kg.serve.backend import Answer, ResultTooLarge, SparqlBackend
from kg.serve.follow import FollowingBackend
from kg.serve.service import SD_PREFIXES, service_description

RDF_OFFERS = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")
# for resources, the ontology, the shapes, VoID and the service description; RDF first: a
# client that takes anything (*/*, or no Accept) gets Turtle, a browser, which prefers
# text/html, gets the page
RESOURCE_OFFERS = (*RDF_OFFERS, "text/html")
RDF_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# what the SPARQL server can answer, in the order a wildcard in Accept is read: results as
# JSON and graphs as Turtle for */* or no Accept, CSV and Turtle for text/*
ANSWER_FORMATS = (
    "application/sparql-results+json", "text/turtle", "application/sparql-results+xml", "text/csv",
    "text/tab-separated-values", "application/n-triples", "application/ld+json", "application/rdf+xml",
    "application/n-quads", "application/trig",
)
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
# the shapes the ontology's rdfs:seeAlso names, as paths of this server
SHAPES = {"/shapes": "shapes.ttl", "/shapes-recommended": "shapes-recommended.ttl"}
UNSAFE_IRI = re.compile(r'[\s<>"{}|\\^`]')
STATIC = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html; charset=utf-8"}
CANCELLED = b"The SPARQL operation has been cancelled"
MAX_INCOMING = 200  # links into a resource shown on its page or put in its description
LABELS = "<http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel>"


@dataclass(frozen=True)
class Request:
    method: str
    target: str  # path and query string
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def text(status: int, message: str) -> Response:
    return Response(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their q-values."""
    ranges = []
    for item in accept.split(","):
        parts = [p.strip() for p in item.split(";")]
        quality = 1.0
        for param in parts[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranges.append((parts[0].lower(), quality))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    """How much ``ranges`` want ``offer``: its own range's q, else its type's (text/*), else */*."""
    kind = offer.split("/")[0]
    specific = [q for r, q in ranges if r == offer] or [q for r, q in ranges if r == f"{kind}/*"] or \
        [q for r, q in ranges if r == "*/*"]
    return max(specific) if specific else 0.0


def negotiate(accept: str | None, offers: tuple[str, ...]) -> str | None:
    """The offer the ``Accept`` header prefers (q-values, then the server's order); the
    first offer when there is no header; None when it accepts none of them."""
    if not accept:
        return offers[0]
    ranges = _ranges(accept)
    best, best_q = None, 0.0
    for offer in offers:
        quality = _quality(offer, ranges)
        if quality > best_q:
            best, best_q = offer, quality
    return best


def results_accept(accept: str | None) -> str:
    """The ``Accept`` header sent to the SPARQL server: the client's, with every wildcard
    spelt out as the formats it covers in ``ANSWER_FORMATS`` order (the server reads
    ``text/*`` as JSON and sends N-Quads to a client without Accept), best q first."""
    ranges = _ranges(accept or "*/*")
    if not any(r == "*/*" or r.endswith("/*") for r, _ in ranges):
        return accept or ""
    wanted = [(offer, _quality(offer, ranges)) for offer in ANSWER_FORMATS]
    listed = {r for r, _ in ranges} - {"*/*"}
    wanted += [(r, q) for r, q in ranges if not r.endswith("/*") and r not in ANSWER_FORMATS and r in listed]
    wanted = sorted((w for w in wanted if w[1] > 0), key=lambda w: -w[1])
    return ", ".join(f"{offer};q={quality:g}" if quality < 1 else offer for offer, quality in wanted)


NO_SERVICE = ("federated queries (SERVICE) are off on this endpoint: the server does not fetch "
              "other addresses (kg serve --allow-service turns them on)")


class Site:
    def __init__(self, backend: SparqlBackend | FollowingBackend, out: Path, base: str, public_url: str,
                 allow_service: bool = False) -> None:
        self.backend = backend
        self.allow_service = allow_service
        self.out = out
        self.public_url = public_url.rstrip("/")
        self.base = base

    @property
    def base(self) -> str:
        return self._base

    @base.setter
    def base(self, base: str) -> None:
        """The build's base IRI (a rebuild may change it), and where resource IRIs are then
        answered: /id/..., and the base IRI's own path when the server runs at the base's
        host (behind a proxy for w3id.org, say)."""
        self._base = base
        self.mounts = tuple(dict.fromkeys(("/id/", urlsplit(base).path or "/")))

    # -- routing ---------------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        path = urlsplit(request.target).path
        if request.method == "OPTIONS":
            return Response(204, "text/plain", b"")
        if path == "/sparql":
            # every answer of the endpoint depends on Accept (a cache must not serve JSON results
            # to a client that asked for CSV), errors and 406s included
            answer = self.sparql(request)
            if ("Vary", "Accept") in answer.headers:
                return answer
            return replace(answer, headers=(*answer.headers, ("Vary", "Accept")))
        if request.method not in ("GET", "HEAD"):
            return text(405, f"{request.method} is not allowed here; the endpoint is /sparql")
        if path == "/":
            return self.static("index.html")
        if path.startswith("/static/"):
            return self.static(path[len("/static/"):])
        if path == "/queries/index.json":
            return self.examples()
        if path in ("/ontology", "/ontology.ttl", ontology_version_path()):
            return self.rdf_file(resource_path("ontology", "stancegraph.ttl"), request, "the stancegraph ontology")
        if (name := SHAPES.get(path.removesuffix(".ttl"))) is not None:
            return self.rdf_file(resource_path("shapes", name), request, f"stancegraph shapes ({name})")
        if path == "/context.jsonld":
            data = resource_path("ontology", "context.jsonld").read_bytes()
            return Response(200, "application/ld+json", data)
        if path in ("/.well-known/void", "/void.ttl"):
            return self.void(request)
        for mount in self.mounts:
            if path.startswith(mount) and len(path) > len(mount):
                return self.resource(self.base + path[len(mount):], request)
        return text(404, f"{path}: nothing here")

    # -- SPARQL ------------------------------------------------------------------------------
    def sparql(self, request: Request) -> Response:
        """The SPARQL 1.1 Protocol's query operation: GET, POST form, POST query; the
        dataset from ``default-graph-uri`` / ``named-graph-uri`` (from the URL, or from the
        form for a form POST) or from the query's ``FROM``; a GET without a query gets the
        service description."""
        query_string = urlsplit(request.target).query
        content_type = (request.header("content-type") or "").split(";")[0].strip().lower()
        params = parse_qs(query_string, keep_blank_values=True)
        if request.method in ("GET", "HEAD"):
            if "update" in params:
                return text(403, "this endpoint is read-only: no update operations")
            if "query" not in params:
                return self.describe_service(request)
            return self._forward(params, request.header("accept"))
        if request.method != "POST":
            return text(405, f"{request.method} is not allowed on /sparql")
        if content_type == "application/sparql-update":
            return text(403, "this endpoint is read-only: no update operations")
        if content_type == "application/x-www-form-urlencoded":
            form = parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                return text(403, "this endpoint is read-only: no update operations")
            if "query" not in form:
                return text(400, "a SPARQL query is needed: the form has no 'query' field")
            return self._forward(form, request.header("accept"))
        if content_type != "application/sparql-query":
            return text(415, "POST a SPARQL query as application/sparql-query or as a form (query=...)")
        try:
            query = request.body.decode("utf-8")
        except UnicodeDecodeError:
            return text(400, "the query is not UTF-8")
        if "query" in params:
            return text(400, "a query is sent either in the body or as 'query' in the URL, not both")
        return self._forward({**params, "query": [query]}, request.header("accept"))

    def _forward(self, params: dict[str, list[str]], accept: str | None) -> Response:
        """Send one query to the SPARQL server, as the client's dataset asks: the graphs the
        protocol parameters name, else those of the query's ``FROM``, else the union of all
        graphs as the default graph. Relative IRIs resolve against this endpoint's address."""
        if len(params["query"]) != 1:
            return text(400, "one query per request: the request has several 'query' parameters")
        query = params["query"][0]
        if not self.allow_service and uses_service(query):
            return text(403, NO_SERVICE)
        dataset = [(name, iri) for name in DATASET_PARAMETERS for iri in params.get(name, ())]
        if not dataset and not declares_dataset(query):
            dataset = [("union-default-graph", "")]
        if has_relative_iri(query):
            query = f"BASE <{self.public_url}/sparql>\n{query}"
        target = "/query?" + urlencode(dataset)
        try:
            answer = self.backend.forward("POST", target, query.encode("utf-8"), "application/sparql-query",
                                          results_accept(accept))
        except ResultTooLarge as err:
            return text(403, f"{err}: add a LIMIT or ask for less")
        return self._answer(answer)

    def describe_service(self, request: Request) -> Response:
        """The SPARQL 1.1 Service Description of this endpoint (its own address, the
        languages, result formats and dataset it offers); a browser is sent to the query page."""
        chosen = negotiate(request.header("accept"), RESOURCE_OFFERS)
        if chosen == "text/html":
            return Response(303, "text/plain", b"", (("Location", "/"),))
        graph = service_description(self.public_url + "/sparql", self.base, ANSWER_FORMATS)
        return self._rdf(ox.serialize(graph, format=ox.RdfFormat.TURTLE, prefixes=SD_PREFIXES), chosen,
                         "SPARQL service description", "/sparql")

    @staticmethod
    def _answer(answer: Answer) -> Response:
        if answer.status == 400:
            message = answer.body.decode("utf-8", "replace").strip()
            return text(400, f"malformed SPARQL query: {message}")
        # the Oxigraph server has sent 200 before a query hits its time limit: the body
        # then ends in its message instead of the rest of the results
        if CANCELLED in answer.body[-200:] or (answer.status >= 500 and b"timeout" in answer.body.lower()):
            return text(503, "the query took longer than the server's time limit (kg serve --timeout)")
        answer = with_declared_datatypes(answer)
        return Response(answer.status, answer.content_type, answer.body)

    # -- resources ---------------------------------------------------------------------------
    def resource(self, iri: str, request: Request) -> Response:
        if UNSAFE_IRI.search(iri):
            return text(400, f"not an IRI of this dataset: {iri!r}")
        chosen = negotiate(request.header("accept"), RESOURCE_OFFERS)
        if chosen is None:
            return text(406, "available as " + ", ".join(RESOURCE_OFFERS))
        # the VoID description's own resources (dataset, class partitions, linkset) are
        # answered from void.ttl: they describe the store and are not in it
        source = self._void_graph() if iri.startswith(self.base + "void/") else self.backend
        exists = source.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}",
                              "application/sparql-results+json")
        if exists.status != 200 or not json.loads(exists.body).get("boolean"):
            return text(404, f"<{iri}> is not in this dataset")
        vary = (("Vary", "Accept"),)
        if chosen == "text/html":
            page = self._page(iri, source, urlsplit(request.target).path)
            return Response(200, "text/html; charset=utf-8", page.encode("utf-8"), vary)
        construct = (
            f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ {{ <{iri}> ?p ?o }} UNION "
            f"{{ SELECT ?s ?q WHERE {{ ?s ?q <{iri}> }} ORDER BY ?s ?q LIMIT {MAX_INCOMING} }} }}"
        )
        answer = with_declared_datatypes(source.query(construct, chosen))
        return Response(answer.status, answer.content_type, answer.body, vary)

    @staticmethod
    def _rows(source, sparql: str) -> list[dict]:
        answer = source.query(sparql, "application/sparql-results+json")
        return json.loads(answer.body)["results"]["bindings"] if answer.status == 200 else []

    def local(self, iri: str) -> str:
        """Where a browser reads about ``iri``: its page here for the dataset's own IRIs."""
        if iri.startswith(self.base):
            return "/id/" + iri[len(self.base):]
        return iri

    def _term(self, term: dict, label: dict | None = None) -> str:
        if term["type"] == "uri":
            shown = label["value"] if label else term["value"]
            return f'<a href="{html.escape(self.local(term["value"]))}">{html.escape(shown)}</a>'
        value = html.escape(term["value"])
        if "xml:lang" in term:
            return f'"{value}"@{html.escape(term["xml:lang"])}'
        return f'"{value}"'

    def _page(self, iri: str, source, path: str) -> str:
        out_rows = self._rows(source,
            f"SELECT ?p ?o (SAMPLE(?l) AS ?label) WHERE {{ <{iri}> ?p ?o OPTIONAL {{ ?o {LABELS} ?l }} }} "
            "GROUP BY ?p ?o ORDER BY ?p ?o")
        in_rows = self._rows(source,
            f"SELECT ?s ?p (SAMPLE(?l) AS ?label) WHERE {{ ?s ?p <{iri}> OPTIONAL {{ ?s {LABELS} ?l }} }} "
            f"GROUP BY ?s ?p ORDER BY ?p ?s LIMIT {MAX_INCOMING}")
        title = next((r["o"]["value"] for r in out_rows if r["p"]["value"].endswith(("#label", "#prefLabel"))), iri)
        lines = [
            "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{html.escape(title)}</title>",
            *alternates(path),
            ("<style>body{font-family:sans-serif;margin:2em}td{padding:2px 8px;vertical-align:top}"
             "th{text-align:left}</style></head><body>"),
            f'<p><a href="/">query page</a></p><h1>{html.escape(title)}</h1>',
            f"<p><code>{html.escape(iri)}</code></p>",
            "<table><tr><th>property</th><th>value</th></tr>",
        ]
        for row in out_rows:
            lines.append(f"<tr><td>{self._term(row['p'])}</td><td>{self._term(row['o'], row.get('label'))}</td></tr>")
        lines.append("</table>")
        if in_rows:
            lines.append("<h2>Referred to by</h2><table><tr><th>resource</th><th>property</th></tr>")
            for row in in_rows:
                lines.append(f"<tr><td>{self._term(row['s'], row.get('label'))}</td><td>{self._term(row['p'])}</td></tr>")
            lines.append("</table>")
        lines.append("</body></html>")
        return "\n".join(lines)

    # -- files ---------------------------------------------------------------------------------
    def static(self, name: str) -> Response:
        path = (STATIC / name).resolve()
        if STATIC.resolve() not in path.parents or not path.is_file():
            return text(404, f"/static/{name}: nothing here")
        return Response(200, STATIC_TYPES.get(path.suffix, "application/octet-stream"), path.read_bytes())

    def examples(self) -> Response:
        items = []
        for path in sorted(resource_path("queries").glob("*.rq")):
            query = path.read_text(encoding="utf-8")
            first = query.splitlines()[0] if query else ""
            title = first.lstrip("# ").strip() if first.startswith("#") else path.stem
            items.append({"name": path.stem, "title": title, "query": query})
        return Response(200, "application/json", json.dumps(items, indent=1).encode("utf-8"))

    def rdf_file(self, path: Path, request: Request, title: str) -> Response:
        chosen = negotiate(request.header("accept"), RESOURCE_OFFERS)
        turtle = path.read_bytes()
        return self._rdf(turtle, chosen, title, urlsplit(request.target).path)

    def _rdf(self, turtle: bytes, chosen: str | None, title: str, path: str) -> Response:
        vary = (("Vary", "Accept"),)
        if chosen is None:
            return text(406, "available as " + ", ".join(RESOURCE_OFFERS))
        if chosen == "text/html":
            page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}'
                    f"</title>{''.join(alternates(path))}</head><body><h1>{html.escape(title)}</h1><pre>"
                    f"{html.escape(turtle.decode('utf-8'))}</pre></body></html>")
            return Response(200, "text/html; charset=utf-8", page.encode("utf-8"), vary)
        if chosen == "text/turtle":
            return Response(200, "text/turtle; charset=utf-8", turtle, vary)
        triples = ox.parse(turtle, format=ox.RdfFormat.TURTLE)
        return Response(200, chosen, ox.serialize(triples, format=RDF_FORMATS[chosen]), vary)

    def _void_triples(self) -> list[ox.Triple] | None:
        """The build's VoID description, its endpoint this server's (None without void.ttl)."""
        path = self.out / "void.ttl"
        if not path.is_file():
            return None
        endpoint = ox.NamedNode(str(VOID.sparqlEndpoint))
        triples = [t for t in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE) if t.predicate != endpoint]
        dataset = ox.NamedNode(str(void_iris(self.base)["dataset"]))
        return [*triples, ox.Triple(dataset, endpoint, ox.NamedNode(self.public_url + "/sparql"))]

    def _void_graph(self) -> LocalGraph:
        store = ox.Store()
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in self._void_triples() or ())
        return LocalGraph(store)

    def void(self, request: Request) -> Response:
        triples = self._void_triples()
        if triples is None:
            return text(404, "this build has no void.ttl (rebuild it with this version of kg)")
        turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes={"void": str(VOID)})
        chosen = negotiate(request.header("accept"), RESOURCE_OFFERS)
        return self._rdf(turtle, chosen, "VoID description of this dataset", urlsplit(request.target).path)


class LocalGraph:
    """A small graph held in memory, asked as the SPARQL server is (``query(sparql, accept)``)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def query(self, sparql: str, accept: str) -> Answer:
        answer = self.store.query(sparql)
        if isinstance(answer, ox.QueryTriples):
            return Answer(200, accept, answer.serialize(format=RDF_FORMATS[accept]))
        return Answer(200, accept, answer.serialize(format=ox.QueryResultsFormat.JSON))


def with_declared_datatypes(answer: Answer) -> Answer:
    """A graph from the SPARQL server with the datatypes the files have (kg.query.datatypes):
    parsed and written again in its format when it holds a property the store retypes."""
    fmt = ox.RdfFormat.from_media_type(answer.content_type)
    if answer.status != 200 or fmt is None:
        return answer
    names = {p.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1].encode() for p in declared_integer_ranges()}
    if not any(name in answer.body for name in names):
        return answer
    mended = ox.serialize(retyped(ox.parse(answer.body, format=fmt)), format=fmt)
    return replace(answer, body=mended)


@functools.cache
def ontology_version_path() -> str:
    """The path of the ontology's version IRI on this server (``/ontology/0.1.0``)."""
    turtle = resource_path("ontology", "stancegraph.ttl").read_bytes()
    for triple in ox.parse(turtle, format=ox.RdfFormat.TURTLE):
        if triple.predicate.value == "http://www.w3.org/2002/07/owl#versionIRI":
            return "/ontology/" + triple.object.value.rsplit("/ontology/", 1)[1]
    raise LookupError("the shipped ontology has no owl:versionIRI")


def alternates(path: str) -> list[str]:
    """``<link rel="alternate">`` elements of an HTML page: the same address in each RDF format."""
    href = html.escape(path)
    return [f'<link rel="alternate" type="{offer}" href="{href}">' for offer in RDF_OFFERS]
