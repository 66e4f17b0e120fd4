"""A kernel message whose zmq wake-up was consumed elsewhere is still read.

The wake-up is consumed as it is under load: something reads the socket's
``EVENTS`` behind the asyncio wrapper's back, after the message arrived and
before the event loop looked at the file descriptor.
"""

from __future__ import annotations

import asyncio
import time

import pytest
import zmq
import zmq.asyncio
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.session import Session

from popanalytics.dashboard import kernel_channels


def run(coroutine):
    """``asyncio.run`` in a thread of its own: the browser tests leave an event
    loop running in the main thread, where ``asyncio.run`` refuses to start."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _reply_with_lost_wake_up(get_msg, wait: float) -> dict:
    context = zmq.asyncio.Context()
    kernel = context.socket(zmq.ROUTER)
    port = kernel.bind_to_random_port("tcp://127.0.0.1")
    client = context.socket(zmq.DEALER)
    client.connect(f"tcp://127.0.0.1:{port}")
    session = Session()
    channel = AsyncZMQSocketChannel(client, session)
    try:
        session.send(client, "kernel_info_request")
        identity, *request = await kernel.recv_multipart()
        waiting = asyncio.ensure_future(get_msg(channel))
        await asyncio.sleep(0.2)  # the client now awaits its file descriptor
        _, parsed = session.feed_identities(request)
        parent = session.deserialize(parsed)
        session.send(kernel, "kernel_info_reply", {"status": "ok"}, parent, ident=identity)
        # (blocking: the event loop must not look at the descriptor in between)
        time.sleep(0.2)  # the reply arrives
        # and its wake-up is consumed behind the wrapper's back
        zmq.Socket.shadow(client.underlying).get(zmq.EVENTS)
        return await asyncio.wait_for(waiting, wait)
    finally:
        client.close(linger=0)
        kernel.close(linger=0)
        context.term()


def test_a_reply_whose_wake_up_was_lost_is_read_within_a_slice():
    reply = run(
        _reply_with_lost_wake_up(
            kernel_channels.get_msg_in_slices, wait=5 * kernel_channels.SLICE_MS / 1000
        )
    )
    assert reply["msg_type"] == "kernel_info_reply"


def test_without_slices_the_same_reply_is_never_read():
    # the page that spun forever: jupyter_client's own unbounded wait
    with pytest.raises(TimeoutError):
        run(_reply_with_lost_wake_up(kernel_channels._unbounded_get_msg, wait=3))


def test_a_wait_with_a_timeout_still_ends_empty():
    from queue import Empty

    async def nothing() -> None:
        context = zmq.asyncio.Context()
        client = context.socket(zmq.DEALER)
        client.connect("tcp://127.0.0.1:9")
        try:
            await kernel_channels.get_msg_in_slices(AsyncZMQSocketChannel(client, Session()), 0.1)
        finally:
            client.close(linger=0)
            context.term()

    with pytest.raises(Empty):
        run(nothing())
