"""Reading a SPARQL 1.1 JSON result, streamed: one binding decoded at a time from a small
buffer, whatever the size of the file (see ``kg.gazetteer.sparql`` for the variables)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from kg.errors import InputError
from kg.gazetteer.entity import ImportedEntity
from kg.gazetteer.files import open_text, read_guarded
from kg.gazetteer.sparql import RowJoiner, Term, json_term, normalise_variables

_CHUNK = 1 << 16


class _JsonStream:
    """Just enough of an incremental JSON reader to walk the top two levels of a SPARQL JSON
    result and decode each binding on its own (values are decoded with json.raw_decode)."""

    def __init__(self, handle: IO[str], path: Path) -> None:
        self.handle, self.path = handle, path
        self.buffer, self.pos, self.eof = "", 0, False
        self.decoder = json.JSONDecoder()
        self.line = 1  # line of self.pos, for messages

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = read_guarded(self.handle, _CHUNK, self.path)
        if not chunk:
            self.eof = True
            return False
        self.line += self.buffer.count("\n", 0, self.pos)
        self.buffer = self.buffer[self.pos:] + chunk
        self.pos = 0
        return True

    def broken(self, problem: str) -> InputError:
        return InputError(str(self.path), f"broken SPARQL JSON: {problem}", self.where())

    def where(self) -> int:
        return self.line + self.buffer.count("\n", 0, self.pos)

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self._fill():
                return ""

    def expect(self, char: str) -> None:
        found = self.peek()
        if found != char:
            raise self.broken(f"expected {char!r}, found {found or 'end of file'!r}")
        self.pos += 1

    def value(self):
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
                if end < len(self.buffer) or self.eof:  # a number may go on in the next chunk
                    self.pos = end
                    return value
            except json.JSONDecodeError as err:
                if self.eof:
                    raise self.broken(err.msg) from err
            if not self._fill():
                self.eof = True

    def _more(self, close: str) -> bool:
        """After a member or element: True after a ``,``, False at ``close``."""
        nxt = self.peek()
        self.pos += 1
        if nxt == close:
            return False
        if nxt != ",":
            raise self.broken(f"expected ',' or {close!r}, found {nxt or 'end of file'!r}")
        return True

    def members(self) -> Iterator[str]:
        """Keys of the object that starts here; the caller consumes each key's value."""
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self.broken("an object key must be a string")
            self.expect(":")
            yield key
            if not self._more("}"):
                return

    def elements(self) -> Iterator[int]:
        """Positions of the elements of the array that starts here; the caller consumes each."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        index = 0
        while True:
            yield index
            index += 1
            if not self._more("]"):
                return


def _row(binding: dict) -> dict[str, Term]:
    """Variable -> term of one binding; TypeError or ValueError for a malformed one."""
    return {
        name: term
        for name, term in ((v, json_term(b)) for v, b in zip(normalise_variables(binding), binding.values()))
        if name and term is not None
    }


def _bindings(stream: _JsonStream, path: Path, joiner: RowJoiner) -> Iterator[ImportedEntity | InputError]:
    """Feed each binding of the ``bindings`` array that starts here to ``joiner``."""
    for index in stream.elements():
        where = stream.where()
        binding = stream.value()
        if not isinstance(binding, dict):
            yield InputError(str(path), f"binding {index + 1} is not an object", where)
            continue
        try:
            row = _row(binding)
        except (TypeError, ValueError) as err:
            yield InputError(str(path), f"binding {index + 1}: {err}", where)
            continue
        yield from joiner.add(row, where)


def iter_sparql_json(path: Path) -> Iterator[ImportedEntity | InputError]:
    """The entities of a JSON result; a bad binding is yielded as an InputError, a broken file
    raises one."""
    with open_text(path) as handle:
        stream = _JsonStream(handle, path)
        joiner = RowJoiner(path)
        seen_bindings = False
        for key in stream.members():
            if key != "results":
                stream.value()  # "head" (variables are not needed: each binding names them)
                continue
            for inner in stream.members():
                if inner != "bindings":
                    stream.value()
                    continue
                seen_bindings = True
                yield from _bindings(stream, path, joiner)
        if stream.peek():
            raise InputError(str(path), "broken SPARQL JSON: text after the result object", stream.where())
        if not seen_bindings:
            raise InputError(str(path), "not a SPARQL SELECT result: no results.bindings")
        done = joiner.flush()
        if done is not None:
            yield done
