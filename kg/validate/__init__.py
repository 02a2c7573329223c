"""Validation of stancegraph graphs: SHACL shapes (``shacl``) and OWL consistency with
HermiT (``consistency``; imported lazily, as it needs owlready2 and Java)."""

from kg.validate.chunked import validate_exports, validate_store
from kg.validate.shacl import (
    ValidationResult,
    ValidationResultRow,
    format_rows,
    load_rdf_files,
    load_shapes,
    validate_graph,
    write_report,
)

__all__ = [
    "ConsistencyResult",
    "ValidationResult",
    "ValidationResultRow",
    "check_consistency",
    "format_rows",
    "load_rdf_files",
    "load_shapes",
    "validate_exports",
    "validate_graph",
    "validate_store",
    "write_report",
]


def __getattr__(name: str):
    if name in ("ConsistencyResult", "check_consistency"):
        from kg.validate import consistency

        return getattr(consistency, name)
    raise AttributeError(f"module 'kg.validate' has no attribute {name!r}")
