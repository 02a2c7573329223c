"""stancegraph: who said what, on which occasion, taking which position on what topic.

Public API (imported lazily so that ``import kg`` stays cheap):

- ``kg.build.build(inputs, out_dir, base=None)`` -> ``BuildSummary``
- ``kg.validate.validate_graph(graph)`` -> ``ValidationResult``
- ``kg.query.run_query(kg.query.open_store(out_dir), sparql)`` -> ``QueryResult``
"""

__version__ = "0.1.0"
