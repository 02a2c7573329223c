"""The endpoint follows its build: when a build publishes into the folder being served, the
next queries are answered from the new store, without restarting ``kg serve``.

A build publishes its store by renaming a new folder onto ``OUT/store`` (kg.publish), so the
store's identity (device and inode of the folder) changes exactly when a build has
published. A watcher thread looks every ``interval`` seconds; on a change (and no
publication half done) it starts a SPARQL server on the new store, sends every later query
to it, and stops the old server once the queries it was answering have finished. A query in
flight during the switch is answered whole by the server it started on.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import StancegraphError, StoreError
from kg.publish import JOURNAL, recover_if_idle
from kg.serve.backend import GRACE_SECONDS, MAX_RESULT_BYTES, Answer, SparqlBackend

__all__ = ["WATCH_SECONDS", "FollowingBackend"]

WATCH_SECONDS = 1.0


def store_identity(store: Path) -> tuple[int, int, int] | None:
    """Device, inode and change time of the store folder: a rename into place changes the
    change time, so a store published where a freed inode number was reused is seen too."""
    try:
        stat = os.stat(store)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_ctime_ns


class _Generation:
    """One SPARQL server over one published store, with the count of queries it is answering."""

    def __init__(self, backend: SparqlBackend, identity: tuple[int, int, int] | None) -> None:
        self.backend = backend
        self.identity = identity
        self.active = 0
        self.idle = threading.Condition()

    def retire(self, deadline: float) -> None:
        """Stop the server once its queries are answered (at most ``deadline`` seconds)."""
        with self.idle:
            self.idle.wait_for(lambda: self.active == 0, timeout=deadline)
        self.backend.close()


class FollowingBackend:
    """A SPARQL backend over ``OUT/store`` that moves to each newly published store.

    ``forward`` and ``query`` are those of :class:`SparqlBackend`; ``notices`` is told of
    each switch (a line for the server's log)."""

    def __init__(self, out: Path, timeout: float, max_bytes: int = MAX_RESULT_BYTES, *,
                 interval: float = WATCH_SECONDS, notices: Callable[[str], None] = lambda line: None,
                 on_switch: Callable[[], None] = lambda: None, fetches: bool = False) -> None:
        self.out = out
        self.fetches = fetches
        self.store = out / "store"
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.interval = interval
        self.notices = notices
        self.on_switch = on_switch
        self._current = _Generation(SparqlBackend(self.store, timeout, max_bytes, fetches=fetches),
                                    store_identity(self.store))
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None
        self._retiring: list[threading.Thread] = []
        self._told: str | None = None

    @property
    def port(self) -> int:
        return self._current.backend.port

    def start(self) -> None:
        self._current.backend.start()
        self._watcher = threading.Thread(target=self._watch, name="kg-serve-watch", daemon=True)
        self._watcher.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(timeout=self.interval + 5)
        for thread in self._retiring:
            thread.join(timeout=self.timeout + GRACE_SECONDS + 5)
        with self._lock:
            self._current.backend.close()

    @contextmanager
    def _using(self) -> Iterator[SparqlBackend]:
        with self._lock:
            generation = self._current
            with generation.idle:  # the count is only ever changed under its condition
                generation.active += 1
        try:
            yield generation.backend
        finally:
            with generation.idle:
                generation.active -= 1
                generation.idle.notify_all()

    def forward(self, method: str, target: str, body: bytes | None, content_type: str | None,
                accept: str | None) -> Answer:
        with self._using() as backend:
            return backend.forward(method, target, body, content_type, accept)

    def query(self, sparql: str, accept: str) -> Answer:
        with self._using() as backend:
            return backend.query(sparql, accept)

    def _tell(self, notice: str) -> None:
        """A problem for the log, once (the watcher looks again every second)."""
        if notice != self._told:
            self._told = notice
            self._log(notice)

    def _log(self, notice: str) -> None:
        try:
            self.notices(notice)
        except OSError:  # the log is gone (a closed pipe): serving goes on without it
            pass

    def _watch(self) -> None:
        while not self._stopping.wait(self.interval):
            try:
                self.check()
            except Exception as err:  # noqa: BLE001 - the watcher outlives one failed look; the cause is logged
                self._tell(f"kg serve could not check {self.out} for a new build: {type(err).__name__}: {err}")

    def check(self) -> bool:
        """Switch to a newly published store, if there is one; True if it switched."""
        if (self.out / JOURNAL).exists():
            try:
                recover_if_idle(self.out)  # a build stopped while publishing: finish it first
            except StancegraphError as err:  # e.g. a folder this server may not write
                self._tell(f"a build's publication in {self.out} is unfinished and cannot be finished here: {err}")
            if (self.out / JOURNAL).exists():
                return False  # a build is publishing right now: look again next time
        identity = store_identity(self.store)
        if identity is None or identity == self._current.identity:
            return False
        try:
            fresh = _Generation(SparqlBackend(self.store, self.timeout, self.max_bytes, fetches=self.fetches), identity)
            fresh.backend.start()
        except StoreError as err:
            self._tell(f"a new build was published in {self.out}, but its store cannot be served: {err}")
            self._current.identity = identity  # not tried again until the next build
            return False
        with self._lock:
            if self._stopping.is_set():  # the server stopped while this one started
                fresh.backend.close()
                return False
            old, self._current = self._current, fresh
        retiring = threading.Thread(target=old.retire, args=(self.timeout + GRACE_SECONDS,),
                                    name="kg-serve-retire", daemon=True)
        retiring.start()
        self._retiring = [t for t in self._retiring if t.is_alive()] + [retiring]
        self.on_switch()
        self._log(f"serving the new build published in {self.out}")
        return True
