"""The embedded and test servers' listening socket: their connections must not use Nagle,
or each response's body waits for the client's delayed ACK (~40 ms a request)."""

from __future__ import annotations

import asyncio
import socket

from server.listen import listening_socket


def test_connections_accepted_on_the_listening_socket_have_nagle_off():
    async def scenario() -> int:
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        sock = listening_socket()
        server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
        port = sock.getsockname()[1]
        async with server:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            value = await asyncio.wait_for(accepted, 5)
            writer.close()
        return value

    assert asyncio.run(scenario()) != 0
