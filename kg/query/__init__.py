"""SPARQL over the build's embedded Oxigraph store."""

from kg.query.run import QueryResult, format_result, open_store, run_query

__all__ = ["QueryResult", "format_result", "open_store", "run_query"]
