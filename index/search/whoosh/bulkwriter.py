"""Whoosh's multi-process writer, made safe to interrupt and to kill.

`MpWriter` forks sub-writers that inherit the index's write lock (a flock on an open file). Each
sub-writer here is a child of the run in the sense of `childproc`: it dies with the indexing
process (so a killed run leaves no sub-writer waiting on its job queue for ever, holding the
lock) and ignores Ctrl-C, which the run handles. Cancelling kills the sub-writers: Whoosh's own
cancel only flags its copy of them in this process, which the forked ones never see.
"""

from __future__ import annotations

import os

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

from ...ingest.childproc import become_child, forking


class OrphanSafeTask(SubWriterTask):
    """A sub-writer process that does not outlive the process that started it."""

    parent: int = 0

    def run(self) -> None:
        become_child(self.parent)
        super().run()


class BulkWriter(MpWriter):
    """`MpWriter` whose sub-writers die with the indexing process, and when it is cancelled."""

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
        # A daemon: when the run exits without commit or cancel (an interrupt between two of
        # its steps), multiprocessing's exit handler terminates it instead of joining it for
        # ever, while it ignores Ctrl-C and waits on the job queue.
        task.daemon = True
        self.tasks.append(task)
        with forking():
            task.start()
        return task

    def cancel(self) -> None:
        """Stop the sub-writers at once and drop what they wrote (uncommitted segments)."""
        try:
            # SIGKILL: a sub-writer forked a moment ago may still run the run's own handlers, and
            # it has nothing to clean up (the next writer removes what it left).
            for task in self.tasks:
                task.kill()
            for task in self.tasks:
                task.join()
            # Nobody reads the job queue any more: exiting must not wait to flush it.
            self.jobqueue.cancel_join_thread()
        finally:
            SegmentWriter.cancel(self)
