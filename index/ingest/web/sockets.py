"""The network under the Fetcher's httpx client: httpcore's own sockets, which a stop can cut.

A thread blocked reading from a slow server does not notice a closed client (closing a socket
does not wake a `recv` in another thread); it waits for its timeout, and a fetch that was told
to stop (Ctrl-C, quitting the reader) would then linger until every such read timed out.
Shutting a socket down does wake the read, which then fails at once.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from typing import TYPE_CHECKING, Any

import httpcore

if TYPE_CHECKING:
    import httpx


class StoppableBackend(httpcore.SyncBackend):
    """httpcore's synchronous network, keeping hold of every socket it opens so that `abort`
    can end the reads and writes still waiting on them."""

    def __init__(self) -> None:
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._aborted = False

    def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        stream = super().connect_tcp(*args, **kwargs)
        sock = stream.get_extra_info("socket")
        with self._lock:
            self._sockets.add(sock)
            aborted = self._aborted
        if aborted:  # connected while the stop came: this one ends as the others did
            _shut(sock)
        return stream

    def abort(self) -> None:
        """End every transfer in flight and refuse the connections still being made."""
        with self._lock:
            self._aborted = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # closed already, or never connected
        sock.shutdown(socket.SHUT_RDWR)


def on_stoppable_network(client: httpx.Client, network: StoppableBackend) -> None:
    """Make ``client``'s connection pools (the direct one and any proxy's the environment set)
    open their connections through ``network``. httpx takes no httpcore network backend, so
    it goes where its pools keep theirs; a pool without one keeps its own network (the stop
    then waits for that pool's reads to time out, as it did before)."""
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        if hasattr(pool, "_network_backend"):
            pool._network_backend = network
