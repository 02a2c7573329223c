"""Where batches of documents are parsed and extracted: here, in worker processes, or on a
Dask cluster. All three run ``kg.work.run_batch``; results come back in submission order.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from typing import Protocol

from kg.errors import ConfigError
from kg.ingest import Document
from kg.timing import StageClock
from kg.work import Extracted, WorkerConfig, run_batch, worker_for

BatchResult = tuple[list[Extracted], dict[str, float]]


class Pending(Protocol):
    def result(self) -> BatchResult: ...


class Executor(Protocol):
    parallel: int  # how many batches are worked on at once

    def submit(self, documents: Sequence[Document]) -> Pending: ...

    def close(self) -> None: ...


class _Done:
    """A batch worked on already: its results, or the exception it raised (raised again by
    ``result``, as a worker process's would be, so that the build retries its documents
    one by one and fails only the one that raises)."""

    def __init__(self, value: BatchResult | None, error: Exception | None = None) -> None:
        self.value = value
        self.error = error

    def result(self) -> BatchResult:
        if self.error is not None:
            raise self.error
        assert self.value is not None
        return self.value


class LocalExecutor:
    """The build's own process; stage times go to the build's clock as they happen."""

    parallel = 1

    def __init__(self, config: WorkerConfig, clock: StageClock) -> None:
        self.worker = worker_for(config)
        self.clock = clock

    def submit(self, documents: Sequence[Document]) -> Pending:
        try:
            return _Done((self.worker.run(documents, self.clock), {}))
        except Exception as err:  # noqa: BLE001 - handed to the build with its cause, as from a worker process
            return _Done(None, err)

    def close(self) -> None:
        pass


class _AsyncResult:
    def __init__(self, handle) -> None:
        self.handle = handle

    def result(self) -> BatchResult:
        return self.handle.get()


class ProcessExecutor:
    """N worker processes (started fresh, not forked: the parent holds store threads)."""

    def __init__(self, config: WorkerConfig, workers: int) -> None:
        self.parallel = workers
        self.config = config
        self.pool = multiprocessing.get_context("spawn").Pool(workers)

    def submit(self, documents: Sequence[Document]) -> Pending:
        return _AsyncResult(self.pool.apply_async(run_batch, (self.config, list(documents))))

    def close(self) -> None:
        """Wait for the workers to end (again: nothing to do)."""
        self.pool.close()
        self.pool.join()


class DaskExecutor:
    """The workers of a Dask distributed cluster, by scheduler address (or a Client)."""

    def __init__(self, config: WorkerConfig, scheduler) -> None:
        try:
            from distributed import Client
        except ImportError as err:
            raise ConfigError("--dask needs the 'distributed' package: pip install 'stancegraph[dask]'") from err
        self.own_client = not isinstance(scheduler, Client)
        try:
            self.client = Client(scheduler, timeout="30s") if self.own_client else scheduler
        except OSError as err:
            raise ConfigError(f"cannot reach the Dask scheduler {scheduler!r}: {err}") from err
        # a worker process runs one batch at a time (kg.work holds one pipeline per process)
        self.parallel = max(1, len(self.client.nthreads()))
        self.config = self.client.scatter(config, broadcast=True)

    def submit(self, documents: Sequence[Document]) -> Pending:
        # pure=False: the same batch submitted twice is run twice, never shared
        return self.client.submit(run_batch, self.config, list(documents), pure=False)

    def close(self) -> None:
        if self.own_client and self.client.status != "closed":
            self.client.close()


def check_workers(workers: int, dask=None) -> None:
    """A ConfigError for a number of worker processes no executor can have."""
    if dask is None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")


def make_executor(config: WorkerConfig, clock: StageClock, workers: int = 1, dask=None) -> Executor:
    check_workers(workers, dask)
    if dask is not None:
        return DaskExecutor(config, dask)
    if workers == 1:
        return LocalExecutor(config, clock)
    return ProcessExecutor(config, workers)


__all__ = ["DaskExecutor", "Executor", "LocalExecutor", "ProcessExecutor", "check_workers", "make_executor"]
