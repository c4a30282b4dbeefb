"""A stop Python drops in a callback (a Dask scheduler's garbage-collector hook) is not reported
as "Exception ignored": the run raises it again and prints its one line."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import gc, os, signal, sys
    from newsreader.tui.cli import stopping

    stopping.catch_stop_signals()

    def callback(phase, info):  # a signal raised in a gc callback is dropped by Python
        if phase == "start" and not stopping._received:
            os.kill(os.getpid(), signal.SIGINT)

    gc.callbacks.append(callback)
    gc.collect()
    gc.callbacks.remove(callback)

    class Broken:
        def __del__(self):
            raise ValueError("a real bug")

    Broken()  # still reported
    try:
        stopping.check()
    except KeyboardInterrupt:
        print("stopped")
    """
)


def test_a_dropped_stop_is_not_reported_and_other_errors_still_are() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "stopped"
    assert "KeyboardInterrupt" not in done.stderr
    assert "ValueError: a real bug" in done.stderr
    assert done.returncode == 0
