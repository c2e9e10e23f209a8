"""What the server refuses above, in one place (docs/api-notes.md, "Limits and time rules").

Every number is far above what a real kiosk sends and low enough that one client cannot take
the server's memory, time or connections. Field lengths are the wire models' (visitorcs.wire);
times are checked by services/timefmt.py.
"""

from __future__ import annotations

# --- the request's head (request line + headers): cut at the connection (server/serve.py) and
# checked again by the edge guard (server/edge.py) for servers started another way
MAX_HEAD_BYTES = 16 * 1024  # a kiosk's head is ~300 bytes; nginx and Node allow 8-16 KB
HEAD_TIMEOUT_S = 10.0  # from the first byte of a request (or the connection) to its last header
KEEP_ALIVE_S = 5  # an idle keep-alive connection is closed after this (uvicorn's default)

# --- the body: Content-Length checked before reading, chunked bodies counted as they come
MAX_BODY_BYTES = 2 * 1024 * 1024  # kiosk routes: a 200 KB JPEG in base64 is ~270 KB, a batch ~200 KB
MAX_OPEN_BODY_BYTES = 64 * 1024  # routes without a kiosk token (eits login): a few hundred bytes
MAX_PICTURE_BODY_BYTES = (
    512 * 1024
)  # the mobile channels' picture uploads: a 200 KB JPEG in base64 is ~273 KB
BODY_TIMEOUT_S = 30.0  # the whole body, from the end of the head: 2 MB at ~0.6 Mbit/s

# --- what is in a body
MAX_JSON_DEPTH = 32  # the deepest real body (batch > records > data > companions > one) is 5
MAX_FORM_FIELDS = 200  # form-encoded bodies (the spec allows them): RegisterInfo has ~45 fields
MAX_QUERY_BYTES = 4 * 1024  # the query string (queryInfo is at most 64 characters)

# --- connections and requests at once (uvicorn answers 503 above it)
MAX_CONCURRENCY = 500  # a large site: 50 kiosks x 4 connections, staff consoles, monitoring
MAX_PICTURE_DECODES = 2  # pictures decoded at once (one per core): each can hold ~200 MB at 20 MP


# routes whose bodies carry pictures or batches: kiosk routes, the platform's feeds (1,000 rows),
# the staff picture upload
LARGE_BODIES = (
    "/clientService/",
    "/api/v1/person/",
    "/api/v1/privilege/",
    "/api/v1/field/",
    "/api/v1/order/",
    "/api/v1/config/",
    "/ui/v1/base/image/",
)
PICTURE_UPLOADS = ("/image/upload", "/facePic/upload")  # the mobile channels' picture uploads


def body_limit(path: str) -> int:
    """The largest body a route takes: MAX_BODY_BYTES where pictures or batches travel, less for
    the mobile channels' upload routes (one picture), little elsewhere."""
    if any(part in path for part in LARGE_BODIES):
        return MAX_BODY_BYTES
    if path.endswith(PICTURE_UPLOADS):
        return MAX_PICTURE_BODY_BYTES
    return MAX_OPEN_BODY_BYTES
