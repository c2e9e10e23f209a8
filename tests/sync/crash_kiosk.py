"""A kiosk process for the kill -9 drills: `python -m tests.sync.crash_kiosk MODE ... [--key HEX]`.

enqueue      enqueue registrations one by one, printing "enq <seq>" after each commit
upload       run the uploader on what is waiting, printing "sent <n>" after each answered batch
after-apply  like upload, but SIGKILL itself right after the server answered the first batch,
             before the outbox records the answer
drain        run the uploader until nothing is waiting, then print "done"
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import uuid

from sync.outbox import Outbox
from sync.uploader import Uploader, upload_client


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["enqueue", "upload", "after-apply", "drain"])
    ap.add_argument("--outbox", required=True)
    ap.add_argument("--url", default="")
    ap.add_argument("--token", default="")
    ap.add_argument("--mac", default="")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--key", default="", help="the database key in hex (an encrypted outbox)")
    a = ap.parse_args()
    box = Outbox(a.outbox, bytes.fromhex(a.key) if a.key else None)
    if a.mode == "enqueue":
        for i in range(a.count):
            order = str(uuid.uuid4())
            rec = box.enqueue(
                "register",
                order,
                {"orderId": order, "name": f"访客{i}", "registerType": "1", "phoneNum": f"139{i:08d}"},
            )
            print(f"enq {rec.seq}", flush=True)
        return 0
    http = upload_client(a.url, a.token, a.mac)
    done = threading.Event()
    sent = [0]

    def after_send(records, results):
        sent[0] += 1
        if a.mode == "after-apply":
            os.kill(os.getpid(), signal.SIGKILL)  # the server applied it; we never write that down
        print(f"sent {sent[0]}", flush=True)

    def changed(n: int) -> None:
        if n == 0:
            done.set()

    box.on_change(changed)
    up = Uploader(box, http, batch_size=a.batch, backoff_base=0.05, backoff_cap=0.2, after_send=after_send)
    if box.unsent_count() == 0:
        done.set()
    up.start()
    done.wait(60)
    up.stop()
    print("done" if box.unsent_count() == 0 else f"left {box.unsent_count()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
