"""Issue 16: a long build tells a person how far it is, as it goes: a line per document and a
line per stage off a terminal, a live bar (tqdm) on one."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

from conftest import SEEDS

import kg.build
import kg.work
from kg.build import build
from kg.progress import BarReporter, LineReporter, reporter_for


class _Recording(LineReporter):
    def __init__(self, events: list, stream) -> None:
        super().__init__(stream)
        self.events = events

    def document(self, name: str, detail: str) -> None:
        self.events.append(("line", name))
        super().document(name, detail)


def test_the_first_document_is_reported_before_the_last_is_parsed(tmp_path, monkeypatch):
    events: list[tuple[str, str]] = []
    analysis_text = kg.work.analysis_text

    def parsing(text):  # called as the parser takes each document's text
        events.append(("parse", text[:40]))
        return analysis_text(text)

    monkeypatch.setattr(kg.work, "analysis_text", parsing)
    monkeypatch.setattr(kg.build, "BATCH_SIZE", 2)  # five seeds: three parse batches
    stream = io.StringIO()
    summary = build([SEEDS], tmp_path / "out", progress=_Recording(events, stream), incremental=False)
    assert summary.documents == 5
    kinds = [kind for kind, _ in events]
    assert kinds.count("parse") == 5 and kinds.count("line") == 5
    last_parse = max(i for i, kind in enumerate(kinds) if kind == "parse")
    assert kinds.index("line") < last_parse, kinds

    lines = stream.getvalue().splitlines()
    documents = [line for line in lines if line.startswith("[")]
    assert [d.split("]")[0] for d in documents] == [f"[{i}/5" for i in range(1, 6)]
    for line in documents:  # the file's short name, not its path
        name = line.split("] ", 1)[1].split(":", 1)[0]
        assert "/" not in name and name.endswith(".txt")
        assert re.search(r": \d+ actors, \d+ statements, \d+ events$", line)
    stages = [line.removeprefix("stage: ") for line in lines if line.startswith("stage: ")]
    assert stages == ["documents", "store", "validate", "export", "publish"]


def test_quiet_keeps_only_errors():
    stream = io.StringIO()
    reporter = LineReporter(stream, quiet=True)
    reporter.begin(2)
    reporter.stage("documents")
    reporter.document("a.txt", "1 actors")
    reporter.failed("b.txt: empty document")
    assert stream.getvalue() == "error: b.txt: empty document\n"


def test_a_bar_only_on_a_terminal(tmp_path):
    assert isinstance(reporter_for(io.StringIO()), LineReporter)
    with open(tmp_path / "log", "w", encoding="utf-8") as log:
        assert isinstance(reporter_for(log), LineReporter)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    with os.fdopen(follower, "w", encoding="utf-8") as terminal:
        assert isinstance(reporter_for(terminal), BarReporter)
        assert isinstance(reporter_for(terminal, quiet=True), LineReporter)
    os.close(leader)


def test_kg_build_on_a_terminal_draws_a_live_bar(tmp_path):
    """The real command in a pseudo-terminal of 120 columns: tqdm's bar with done/total, the
    rate and the stages, redrawn in place."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(SEEDS), "-o", str(tmp_path / "out")],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    screen = b""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the command is over
                break
            if not chunk:
                break
            screen += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    assert process.wait(timeout=60) == 0
    text = screen.decode("utf-8", "replace")
    assert "Traceback" not in text
    frames = [frame for frame in re.split(r"[\r\n]+", text) if frame.strip()]
    assert any(re.search(r"documents:\s+\d+%\|.*\| [1-4]/5 ", f) for f in frames), frames  # while it runs
    assert any(re.search(r"\| 5/5 \[\d\d:\d\d<", f) for f in frames), frames
    assert any(re.search(r"(doc/s|s/doc)", f) for f in frames), frames  # the rate
    for stage in ("validate", "export", "publish"):
        assert any(f.lstrip().startswith(stage + ":") for f in frames), (stage, frames)
