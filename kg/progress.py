"""What a build tells a person while it runs: documents done of how many, and the stage.

``kg build`` picks the reporter: on a terminal a live bar (tqdm) with documents done/total,
rate, ETA and the current stage; off a terminal (a log, a pipe, CI) one line per document
with its short name and a line per stage; with ``--quiet`` only the errors. The build calls
the same four methods whatever the reporter, as each document finishes and as each stage
begins.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

__all__ = ["BarReporter", "LineReporter", "Reporter", "reporter_for"]


NAME_CHARS = 40  # of a document's name beside the bar


class Reporter:
    """A build's progress, told to nobody (the base class: the API's default)."""

    def begin(self, total: int) -> None:
        """The build starts; about ``total`` documents are to be read."""

    def stage(self, name: str) -> None:
        """A stage begins: documents (read, parse, extract), store, validate, export, publish."""

    def document(self, name: str, detail: str) -> None:
        """A document was built: its short name and what it gave."""

    def failed(self, message: str) -> None:
        """A document (or a file) failed: the message names it and the problem."""

    def end(self) -> None:
        """The build is over (also when it raised)."""


class LineReporter(Reporter):
    """A line per document (``[i/N] name: detail``) and per stage (``stage: name``), for
    logs and pipes; ``quiet`` keeps only the error lines."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream
        self.quiet = quiet
        self.done = 0
        self.total = 0

    def _line(self, text: str) -> None:
        stream = self.stream if self.stream is not None else sys.stderr
        print(text, file=stream, flush=True)

    def begin(self, total: int) -> None:
        self.total = total

    def stage(self, name: str) -> None:
        if not self.quiet:
            self._line(f"stage: {name}")

    def document(self, name: str, detail: str) -> None:
        self.done += 1
        if not self.quiet:
            self._line(f"[{self.done}/{max(self.total, self.done)}] {name}: {detail}")

    def failed(self, message: str) -> None:
        self.done += 1
        self._line(f"error: {message}")


class BarReporter(Reporter):
    """A live tqdm bar on a terminal: documents done/total, rate, ETA; the current stage as
    its label. Error lines are printed above the bar."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.bar = None

    def begin(self, total: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="doc", desc="documents", file=self.stream, dynamic_ncols=True,
                        mininterval=0.2, smoothing=0.1)

    def stage(self, name: str) -> None:
        if self.bar is not None:
            if name != "documents":
                self.bar.set_postfix_str("", refresh=False)
            self.bar.set_description_str(name, refresh=True)

    def document(self, name: str, detail: str) -> None:
        if self.bar is not None:
            if self.bar.n >= (self.bar.total or 0):  # more than counted: grow the total
                self.bar.total = self.bar.n + 1
            self.bar.set_postfix_str(name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…",
                                     refresh=False)
            self.bar.update(1)

    def failed(self, message: str) -> None:
        if self.bar is None:
            print(f"error: {message}", file=self.stream, flush=True)
            return
        self.bar.write(f"error: {message}", file=self.stream)
        if self.bar.n >= (self.bar.total or 0):
            self.bar.total = self.bar.n + 1
        self.bar.update(1)

    def end(self) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str("", refresh=False)
            self.bar.close()
            self.bar = None


def reporter_for(stream: TextIO, quiet: bool = False) -> Reporter:
    """The reporter a person at ``stream`` wants: a bar on a terminal, lines elsewhere."""
    if not quiet and stream.isatty() and _columns(stream) > 0:
        return BarReporter(stream)
    return LineReporter(stream, quiet=quiet)


def _columns(stream: TextIO) -> int:
    """The terminal's width (0: unknown, where a bar cannot be drawn)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):
        return 0
