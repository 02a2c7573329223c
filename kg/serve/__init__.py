"""``kg serve``: the build over HTTP (SPARQL endpoint, resource pages, query page, VoID)."""

from kg.serve.server import Server

__all__ = ["Server"]
