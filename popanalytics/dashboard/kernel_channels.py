"""Bounded waits on a kernel's channels, so that a lost wake-up costs a second,
never a page.

Voilà runs each page's notebook through nbclient, which waits for the kernel's
reply and output with ``get_msg(timeout=None)``: one ``await socket.poll()``
with no end. pyzmq wakes that await from the socket's edge-triggered file
descriptor, and under load an edge is now and then consumed without waking it
(seen here about once in 50 page views with 4 at a time on 2 cores, on the
shell and on the IOPub socket alike): the reply sits unread in the socket, the
kernel is idle, and the page shows Voilà's spinner forever. Waiting in slices
of a second and then asking the socket itself whether a message is there
(``zmq.EVENTS``) turns that into a delay of at most a second. Waits with a
timeout are left as they are.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import zmq
from jupyter_client.channels import AsyncZMQSocketChannel

SLICE_MS = 1000

_log = logging.getLogger(__name__)
_unbounded_get_msg = AsyncZMQSocketChannel.get_msg


async def get_msg_in_slices(self: Any, timeout: float | None = None) -> dict[str, Any]:
    """`AsyncZMQSocketChannel.get_msg`, with a wait without end done in slices."""
    if timeout is not None:
        return await _unbounded_get_msg(self, timeout)
    start = time.monotonic()
    while True:
        if await self.socket.poll(SLICE_MS):
            return await self._recv()  # type: ignore[no-any-return]
        if self.socket.get(zmq.EVENTS) & zmq.POLLIN:
            _log.warning(
                "a kernel message waited %.1f s unseen (lost wake-up); read now",
                time.monotonic() - start,
            )
            return await self._recv()  # type: ignore[no-any-return]


def install() -> None:
    """Make every async kernel client in this process wait in slices (idempotent)."""
    AsyncZMQSocketChannel.get_msg = get_msg_in_slices  # type: ignore[method-assign]
