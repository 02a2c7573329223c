"""Extraction: one spaCy ``Doc`` plus its document metadata in, a ``DocumentExtraction`` out.

One module per step (actors, events, statements, positions, dates); ``kg.extract.pipeline``
chains them. Extraction sits above the linker (``kg.link``), whose actor records
``kg.extract.model`` reuses; this package imports nothing eagerly.
"""
