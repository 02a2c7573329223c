"""Extraction: one spaCy ``Doc`` plus its document metadata in, a ``DocumentExtraction`` out.

One module per step (actors, events, statements, positions, dates); ``kg.extract.pipeline``
chains them. This package imports nothing eagerly, so the linker can use the record types
in ``kg.extract.model`` without a cycle.
"""
