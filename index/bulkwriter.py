"""Whoosh's multi-process writer, made safe to kill.

`MpWriter` forks sub-writers that inherit the index's write lock (a flock on an open file). If
the indexing process is killed, they would wait on their job queue for ever and keep the lock, so
no later writer could open the index. Here each sub-writer asks the kernel to kill it when its
parent dies (Linux `prctl(PR_SET_PDEATHSIG)`); elsewhere Whoosh's behaviour is unchanged.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

from whoosh.multiproc import MpWriter, SubWriterTask

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Make the kernel kill this process when its parent goes; exit now if it already has."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


class OrphanSafeTask(SubWriterTask):
    """A sub-writer process that does not outlive the process that started it."""

    parent: int = 0

    def run(self) -> None:
        die_with_parent(self.parent)
        super().run()


class BulkWriter(MpWriter):
    """`MpWriter` whose sub-writers die with the indexing process."""

    def _new_task(self) -> SubWriterTask:
        task = OrphanSafeTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        task.parent = os.getpid()
        self.tasks.append(task)
        task.start()
        return task
