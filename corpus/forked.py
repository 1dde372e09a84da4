"""Work done meanwhile in a forked copy of this process, on a second core.

A forked child starts with everything this process has built (features, candidates) without
copying or pickling any of it; only its result comes back, pickled, through a pipe. Forking is
only safe in a process running one thread, on Linux (:mod:`corpus.comparison` decides whether a
comparison may), so nothing here starts a thread: no pool, a bare process and a pipe. Elsewhere
the work is simply done in turn.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


FORK_BELOW_MB = 1024
"""Resident size (MB) of this process above which work late in a comparison is done in turn
rather than forked (see :func:`roomy`)."""


def roomy() -> bool:
    """Whether this process is small enough for a fork to be cheap in memory. A fork shares
    this process's pages until either process writes to one; while the child lives, every page
    the parent touches (reading a Python object writes its reference count) becomes two. In a
    big comparison, passes over millions of matches touch most pages: forking there cost 0.5 GB
    and more for a few seconds saved (10,000 articles). Linux only, like forking here."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            resident_pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return False
    return resident_pages * _PAGE_SIZE < FORK_BELOW_MB * 1024 * 1024


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class Forked(Generic[T]):
    """``job()`` running in a forked process; :meth:`get` waits for its result."""

    _job: Callable[[], Any] | None = None  # read by the fork: never pickled

    def __init__(self, job: Callable[[], T], process: Any, pipe: Any) -> None:
        self._job_here = job
        self._process = process
        self._pipe = pipe
        self._received: tuple[bool, Any] | None = None

    @classmethod
    def start(cls, job: Callable[[], T]) -> Forked[T]:
        """Fork now (the caller has checked that this process may) and run ``job`` there."""
        import multiprocessing

        context = multiprocessing.get_context("fork")
        here, there = context.Pipe(duplex=False)
        process = context.Process(target=_run, args=(there,), daemon=True)
        cls._job = job
        try:
            process.start()
        except OSError:  # no memory or processes left to fork with: the job runs in get()
            here.close()
            return cls(job, None, None)
        finally:
            cls._job = None  # the fork has it
            there.close()
        return cls(job, process, here)

    def poll(self) -> None:
        """Take the result now if the forked process has sent it; never waits. A finished
        process waits for its result to be read before it exits, holding on to whatever pages
        it came to own: taken early, they are given back early."""
        if self._process is None or self._received is not None:
            return
        try:
            if not self._pipe.poll():
                return
        except (EOFError, OSError):
            return  # get() will see what went wrong
        self._received = self._receive()

    def get(self) -> T:
        """The job's result; if the forked process failed (killed for memory, say), the job
        is run here instead, so a result never depends on the second process."""
        if self._process is None:
            return self._job_here()
        done, found = self._received if self._received is not None else self._receive()
        if not done:
            return self._job_here()
        result: T = found
        return result

    def _receive(self) -> tuple[bool, Any]:
        try:
            done, found = self._pipe.recv()
        except (EOFError, OSError):  # it died before answering
            done, found = False, None
        finally:
            self.close()
        return done, found

    def close(self) -> None:
        if self._process is None:
            return
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._pipe.close()


def _run(pipe: Any) -> None:
    """In the forked process: the job's result, or word that it failed."""
    job = Forked._job
    assert job is not None
    try:
        found = job()
    except BaseException:  # any failure: the parent does the work itself
        pipe.send((False, None))
    else:
        pipe.send((True, found))
    finally:
        pipe.close()


R = TypeVar("R")


def in_turns(count: int, work: Callable[[int], R]) -> list[R]:
    """``[work(k) for k in range(count)]``, with a forked process taking turns with this one:
    each takes the next ``k`` when done with its last, so neither waits long for the other
    at the end, however unequally fast the two cores run. The same results as in turn (each
    ``k`` is worked out once, by one process; a ``k`` the forked process took but did not
    answer for is worked out here). At most :data:`MAX_TURNS` parts; the caller has checked
    that this process may fork."""
    turns = _Turns(count)

    def mine() -> dict[int, R]:
        try:
            return {k: work(k) for k in turns}
        finally:
            turns.close()

    rest = Forked.start(mine)
    try:
        done = mine()
    except BaseException:
        rest.close()
        raise
    done.update(rest.get())
    return [done[k] if k in done else work(k) for k in range(count)]


MAX_TURNS = 256


class _Turns:
    """The numbers ``0 … count - 1``, each handed to one of the processes reading them: a
    byte each in a pipe made before the fork, which both processes then read from (the system
    gives each byte to one reader only). An empty pipe ends the turns."""

    def __init__(self, count: int) -> None:
        if not 0 <= count <= MAX_TURNS:
            raise ValueError(f"{count} turns: at most {MAX_TURNS}")
        self._read, write = os.pipe()
        try:
            os.write(write, bytes(range(count)))  # far below a pipe's capacity: never blocks
        finally:
            os.close(write)
        os.set_blocking(self._read, False)

    def __iter__(self) -> Iterator[int]:
        while self._read >= 0:
            try:
                got = os.read(self._read, 1)
            except BlockingIOError:
                got = b""
            if not got:
                break
            yield got[0]

    def close(self) -> None:
        if self._read >= 0:
            os.close(self._read)
            self._read = -1
