"""Ingest: read input files into Documents.

Formats: ``NAME.txt`` (UTF-8) with an optional ``NAME.meta.json`` beside it; Markdown
``NAME.md`` with optional YAML front matter; ``NAME.jsonl``, one JSON document per line.
``iter_documents`` yields a Document per good document and an InputError per bad one.
"""

from kg.ingest.model import Document, document_id_slug
from kg.ingest.readers import check_paths, count_documents, iter_documents

__all__ = ["Document", "check_paths", "count_documents", "document_id_slug", "iter_documents"]
