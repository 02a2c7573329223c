"""A build's outputs replace the previous ones all together, and one build writes an OUT at a time.

A build writes every output file into ``OUT/.cache/publish/`` and its store into
``OUT/store.tmp``, while ``OUT`` still holds the previous build, untouched. Once all are
complete, it writes a journal (``OUT/.publish.json``, itself written atomically) naming
them, moves each into place, swaps the store (``store`` -> ``store.old``, ``store.tmp`` ->
``store``), and deletes the journal.

A build killed before the journal exists leaves the previous outputs as they were; its
partial files are dropped by the next build. A build killed after leaves a journal, and
whoever opens ``OUT`` next (``kg build``, ``kg query``, ``kg serve``) finishes the moves
first: every step can be done again, so the outputs are then all those of the killed
build, never a mix.

``build_lock`` keeps a second build out of an ``OUT`` being written: it holds an
exclusive ``flock`` on ``OUT/.lock``, which the system releases when the holder exits,
however it exits.
"""

from __future__ import annotations

import datetime
import fcntl
import json
import os
import shutil
import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kg.atomic import atomic_write
from kg.errors import OutputError, StancegraphError

__all__ = [
    "CACHE_DIR",
    "JOURNAL",
    "LOCK",
    "BuildLocked",
    "build_lock",
    "check_out_dir",
    "checkpoint",
    "publish",
    "recover",
    "recover_if_idle",
    "stage_dir",
]

CACHE_DIR = ".cache"  # OUT's working folder: staging, kept extractions, files being published
JOURNAL = ".publish.json"
LOCK = ".lock"
KILL_AT = "KG_TEST_KILL_AT"  # tests: the checkpoint at which a build SIGKILLs itself


class BuildLocked(StancegraphError):
    """Another build is writing into the same output directory."""


def checkpoint(name: str) -> None:
    """A point where the tests kill a build (``KG_TEST_KILL_AT=name``), as a power cut would."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def stage_dir(out: Path) -> Path:
    return out / CACHE_DIR / "publish"


def check_out_dir(out: Path) -> None:
    """OutputError unless ``out`` is a directory this process can write, or one can be made
    there: checked before a build touches anything."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: a file, not a directory; -o names the folder the build writes into")
    existing = out
    while not existing.exists():
        if existing.is_symlink():
            raise OutputError(f"{existing}: a broken symbolic link; -o names a folder")
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{out}: cannot be made: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        what = "write into this folder" if existing == out else f"make this folder in {existing}"
        raise OutputError(f"{out}: cannot {what} (permission denied); choose another -o")


def _try_lock(out: Path):
    """The open, locked lock file; None if another process holds the lock."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = (out / LOCK).open("a+", encoding="utf-8")
    except OSError as err:
        raise OutputError(f"{out}: cannot write the build here: {err.strerror or err}; choose another -o") from err
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold ``out`` for one build; BuildLocked at once if another build holds it."""
    handle = _try_lock(out)
    if handle is None:
        holder = (out / LOCK).read_text(encoding="utf-8").strip() or "a process"
        raise BuildLocked(f"{out}: another kg build is writing into this directory ({holder}); "
                          "wait for it to end, or build into another -o")
    try:
        handle.seek(0)
        handle.truncate()
        started = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        handle.write(f"pid {os.getpid()}, started {started}\n")
        handle.flush()
        recover(out)
        yield
    finally:
        handle.truncate(0)
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def publish(out: Path, files: Sequence[str], store: str | None) -> None:
    """Move the staged ``files`` and the store ``store``.tmp into place, as one step."""
    journal = {"files": list(files), "store": store}
    atomic_write(out / JOURNAL, json.dumps(journal, indent=1).encode("utf-8"))
    checkpoint("journal")
    _roll_forward(out, journal)


def _roll_forward(out: Path, journal: dict) -> None:
    stage = stage_dir(out)
    for name in journal["files"]:
        staged = stage / name
        if staged.exists():  # else moved before the build was stopped
            os.replace(staged, out / name)
            checkpoint("publishing")
    if journal.get("store"):
        live = out / journal["store"]
        new, old = live.with_name(live.name + ".tmp"), live.with_name(live.name + ".old")
        if new.exists():
            if live.exists():
                shutil.rmtree(old, ignore_errors=True)
                live.rename(old)
            checkpoint("store")
            new.rename(live)
        shutil.rmtree(old, ignore_errors=True)
    (out / JOURNAL).unlink(missing_ok=True)


def recover(out: Path) -> bool:
    """Finish the publication a stopped build began (the caller holds the lock); True if
    there was one."""
    path = out / JOURNAL
    if not path.exists():
        return False
    _roll_forward(out, json.loads(path.read_text(encoding="utf-8")))
    return True


def recover_if_idle(out: Path) -> bool:
    """``recover`` for a reader of ``out``: only when no build holds it (a running build
    finishes its own publication)."""
    if not (out / JOURNAL).exists():
        return False
    handle = _try_lock(out)
    if handle is None:
        return False
    try:
        return recover(out)
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
