"""The listening socket for serving the app on a port chosen up front (embedded and test servers)."""

from __future__ import annotations

import socket


def listening_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A bound TCP socket to hand to `uvicorn.Server.run(sockets=[...])`.

    Made with proto IPPROTO_TCP on purpose: asyncio turns Nagle off (TCP_NODELAY) only on
    connections whose socket says IPPROTO_TCP, and a plain `socket.socket()` says 0. With
    Nagle on, uvicorn's two writes of a response (head, then body) meet the client's delayed
    ACK and the body waits ~40 ms: every request took 44 ms on loopback."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock
