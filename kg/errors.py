"""One exception tree for stancegraph, with messages a user can act on."""

from __future__ import annotations


class StancegraphError(Exception):
    """Base class of every error stancegraph raises on purpose."""


class InputError(StancegraphError):
    """A document (or one line of a .jsonl file) cannot be read.

    ``source`` names the file, ``line`` the 1-based line for .jsonl, ``problem`` what is wrong.
    ``str(err)`` is the one line a user sees: ``FILE[:LINE]: PROBLEM``.
    """

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class ConfigError(StancegraphError):
    """A setting or a data file (gazetteer, scheme) is unusable."""


class QueryError(StancegraphError):
    """A SPARQL query is malformed or the store cannot answer it."""


class StoreError(StancegraphError):
    """The output directory holds no usable store."""


class OutputError(StancegraphError):
    """The output directory (``-o``) is not a directory, or cannot be made or written."""


class NothingToBuild(StancegraphError):
    """No document could be read from the inputs; nothing was written."""
