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

import html
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.export.void import VOID
from kg.resources import resource_path
from kg.serve.backend import Answer, ResultTooLarge, SparqlBackend
from kg.serve.follow import FollowingBackend
from kg.serve.guard import uses_service

RDF_OFFERS = ("text/turtle", "application/ld+json", "application/n-triples")
RESOURCE_OFFERS = ("text/html", *RDF_OFFERS)
RDF_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
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


def negotiate(accept: str | None, offers: tuple[str, ...]) -> str | None:
    """The offer the ``Accept`` header prefers (q-values, then the server's order); the
    first offer when there is no header; None when it accepts none of them."""
    if not accept:
        return offers[0]
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
    best, best_q = None, 0.0
    for offer in offers:
        kind = offer.split("/")[0]
        specific = [q for r, q in ranges if r == offer] or [q for r, q in ranges if r == f"{kind}/*"] or \
            [q for r, q in ranges if r == "*/*"]
        quality = max(specific) if specific else 0.0
        if quality > best_q:
            best, best_q = offer, quality
    return best


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
            return replace(answer, headers=(*answer.headers, ("Vary", "Accept")))
        if request.method not in ("GET", "HEAD"):
            return text(405, f"{request.method} is not allowed here; the endpoint is /sparql")
        if path == "/":
            return self.static("index.html")
        if path.startswith("/static/"):
            return self.static(path[len("/static/"):])
        if path == "/queries/index.json":
            return self.examples()
        if path in ("/ontology", "/ontology.ttl"):
            return self.rdf_file(resource_path("ontology", "stancegraph.ttl"), request, "the stancegraph ontology")
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
        query_string = urlsplit(request.target).query
        content_type = (request.header("content-type") or "").split(";")[0].strip().lower()
        accept = request.header("accept")
        if request.method in ("GET", "HEAD"):
            params = parse_qs(query_string)
            if "update" in params:
                return text(403, "this endpoint is read-only: no update operations")
            if "query" not in params:
                return Response(303, "text/plain", b"", (("Location", "/"),))
            return self._forward("GET", "/query?" + query_string, None, None, accept, params["query"])
        if request.method != "POST":
            return text(405, f"{request.method} is not allowed on /sparql")
        if content_type == "application/sparql-update":
            return text(403, "this endpoint is read-only: no update operations")
        if content_type == "application/x-www-form-urlencoded":
            form = parse_qs(request.body.decode("utf-8", "replace"))
            if "update" in form:
                return text(403, "this endpoint is read-only: no update operations")
            if "query" not in form:
                return text(400, "a SPARQL query is needed: the form has no 'query' field")
            queries = form["query"]
        elif content_type != "application/sparql-query":
            return text(415, "POST a SPARQL query as application/sparql-query or as a form (query=...)")
        else:
            try:
                queries = [request.body.decode("utf-8")]
            except UnicodeDecodeError:
                return text(400, "the query is not UTF-8")
        target = "/query" + (f"?{query_string}" if query_string else "")
        return self._forward("POST", target, request.body, content_type, accept, queries)

    def _forward(self, method: str, target: str, body: bytes | None, content_type: str | None,
                 accept: str | None, queries: list[str]) -> Response:
        if not self.allow_service and any(uses_service(q) for q in queries):
            return text(403, NO_SERVICE)
        try:
            answer = self.backend.forward(method, target, body, content_type, accept)
        except ResultTooLarge as err:
            return text(403, f"{err}: add a LIMIT or ask for less")
        return self._answer(answer)

    @staticmethod
    def _answer(answer: Answer) -> Response:
        if answer.status == 400:
            message = answer.body.decode("utf-8", "replace").strip()
            return text(400, f"malformed SPARQL query: {message}")
        # the Oxigraph server has sent 200 before a query hits its time limit: the body
        # then ends in its message instead of the rest of the results
        if CANCELLED in answer.body[-200:] or (answer.status >= 500 and b"timeout" in answer.body.lower()):
            return text(503, "the query took longer than the server's time limit (kg serve --timeout)")
        return Response(answer.status, answer.content_type, answer.body)

    # -- resources ---------------------------------------------------------------------------
    def resource(self, iri: str, request: Request) -> Response:
        if UNSAFE_IRI.search(iri):
            return text(400, f"not an IRI of this dataset: {iri!r}")
        chosen = negotiate(request.header("accept"), RESOURCE_OFFERS)
        if chosen is None:
            return text(406, "available as " + ", ".join(RESOURCE_OFFERS))
        exists = self.backend.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}",
                                    "application/sparql-results+json")
        if exists.status != 200 or not json.loads(exists.body).get("boolean"):
            return text(404, f"<{iri}> is not in this dataset")
        vary = (("Vary", "Accept"),)
        if chosen == "text/html":
            return Response(200, "text/html; charset=utf-8", self._page(iri).encode("utf-8"), vary)
        construct = (
            f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ {{ <{iri}> ?p ?o }} UNION "
            f"{{ SELECT ?s ?q WHERE {{ ?s ?q <{iri}> }} ORDER BY ?s ?q LIMIT {MAX_INCOMING} }} }}"
        )
        answer = self.backend.query(construct, chosen)
        return Response(answer.status, answer.content_type, answer.body, vary)

    def _rows(self, sparql: str) -> list[dict]:
        answer = self.backend.query(sparql, "application/sparql-results+json")
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

    def _page(self, iri: str) -> str:
        out_rows = self._rows(
            f"SELECT ?p ?o (SAMPLE(?l) AS ?label) WHERE {{ <{iri}> ?p ?o OPTIONAL {{ ?o {LABELS} ?l }} }} "
            "GROUP BY ?p ?o ORDER BY ?p ?o")
        in_rows = self._rows(
            f"SELECT ?s ?p (SAMPLE(?l) AS ?label) WHERE {{ ?s ?p <{iri}> OPTIONAL {{ ?s {LABELS} ?l }} }} "
            f"GROUP BY ?s ?p ORDER BY ?p ?s LIMIT {MAX_INCOMING}")
        title = next((r["o"]["value"] for r in out_rows if r["p"]["value"].endswith(("#label", "#prefLabel"))), iri)
        lines = [
            "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{html.escape(title)}</title>",
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
        chosen = negotiate(request.header("accept"), ("text/turtle", "application/ld+json", "text/html"))
        turtle = path.read_bytes()
        return self._rdf(turtle, chosen, title)

    def _rdf(self, turtle: bytes, chosen: str | None, title: str) -> Response:
        vary = (("Vary", "Accept"),)
        if chosen is None:
            return text(406, "available as text/turtle, application/ld+json, text/html")
        if chosen == "text/html":
            page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}'
                    f"</title></head><body><h1>{html.escape(title)}</h1><pre>"
                    f"{html.escape(turtle.decode('utf-8'))}</pre></body></html>")
            return Response(200, "text/html; charset=utf-8", page.encode("utf-8"), vary)
        if chosen == "text/turtle":
            return Response(200, "text/turtle; charset=utf-8", turtle, vary)
        triples = ox.parse(turtle, format=ox.RdfFormat.TURTLE)
        return Response(200, chosen, ox.serialize(triples, format=RDF_FORMATS[chosen]), vary)

    def void(self, request: Request) -> Response:
        path = self.out / "void.ttl"
        if not path.is_file():
            return text(404, "this build has no void.ttl (rebuild it with this version of kg)")
        endpoint = ox.NamedNode(self.public_url + "/sparql")
        triples = []
        for triple in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE):
            if triple.predicate == ox.NamedNode(str(VOID.sparqlEndpoint)):
                triple = ox.Triple(triple.subject, triple.predicate, endpoint)
            triples.append(triple)
        turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes={"void": str(VOID)})
        chosen = negotiate(request.header("accept"), ("text/turtle", "application/ld+json", "text/html"))
        return self._rdf(turtle, chosen, "VoID description of this dataset")
