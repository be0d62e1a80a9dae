"""A webhook receiver that checks each delivery's signature before trusting it.

    python examples/webhook_receiver.py                 # demo with an embedded emulator
    python examples/webhook_receiver.py --serve --port 8000   # just receive (secret from
                                                              # $LABELBOX_WEBHOOK_SECRET)

Labelbox signs every delivery's raw body with the webhook's secret and sends
``X-Hub-Signature: sha1=<hex HMAC>``. The receiver (``http.server``, no framework) reads
the raw body, checks it with ``labelbox.webhooks.verify_signature`` (constant-time)
*before* parsing anything, answers 403 to a missing or wrong signature and 200 to a
good one, then handles the event.

Demo (the default): the receiver runs on a free loopback port, an embedded emulator is
started, a project gets a ``LABEL_CREATED`` webhook pointing at the receiver with a
random secret, and a label is created: the emulator delivers the event, signed. A
forged delivery (wrong signature) is then sent and must be refused. ``--endpoint`` /
``--api-key`` point the demo at another server instead (it must be able to reach this
machine's ``--host``/``--port``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import queue
import secrets
import sys
import threading
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
from _connect import add_connection_arguments, connect

from labelbox import Webhook
from labelbox.webhooks import SIGNATURE_HEADER, verify_signature

MAX_BODY = 1 << 20  # deliveries are small; refuse anything bigger than 1 MiB


def make_handler(secret: str, events: queue.Queue[dict[str, Any]]) -> type[BaseHTTPRequestHandler]:
    """A request handler class that verifies deliveries signed with ``secret`` and
    puts each verified event on ``events``."""

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.send_error(413, "Body too large")
                return
            body = self.rfile.read(length)  # the raw bytes: what was signed
            if not verify_signature(body, self.headers.get(SIGNATURE_HEADER, ""), secret):
                print(f"rejected a delivery with a bad signature from {self.client_address[0]}")
                self.send_error(403, "Bad signature")
                return
            try:
                event = json.loads(body)
            except ValueError:
                self.send_error(400, "Body is not JSON")
                return
            self.send_response(200)
            self.end_headers()
            events.put(event)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the handler prints what matters."""

    return Receiver


def describe(event: dict[str, Any]) -> str:
    """One line about a delivered event."""
    project = (event.get("project") or {}).get("name")
    return f"verified {event.get('event')} delivery: project {project!r}, object {event.get('id')}"


def demo(
    args: argparse.Namespace, url: str, secret: str, events: queue.Queue[dict[str, Any]]
) -> int:
    """Creates a webhook to ``url`` and a label, and checks the delivery arrived."""
    with ExitStack() as stack:
        client, _ = connect(args, stack)
        project = client.create_project(name="Webhook demo")
        dataset = client.create_dataset(name="Webhook demo rows", projects=project)
        webhook = Webhook.create(client, [Webhook.LABEL_CREATED], url, secret, project)
        print(f"Webhook {webhook.uid} -> {url} (topics {', '.join(map(str, webhook.topics))})")

        row = dataset.create_data_row(row_data="https://picsum.photos/id/1/200")
        logging.getLogger("labelbox").setLevel(logging.ERROR)  # create_label is deprecated
        label = project.create_label(data_row=row, label=json.dumps({"objects": []}))
        try:
            event = events.get(timeout=30)
        except queue.Empty:
            print("No delivery arrived within 30 s", file=sys.stderr)
            return 1
        print(describe(event))
        ok = event.get("id") == label.uid

        forged = json.dumps({"event": "LABEL_CREATED", "id": "forged"}).encode()
        answer = httpx.post(url, content=forged, headers={SIGNATURE_HEADER: "sha1=" + "0" * 40})
        print(f"forged delivery answered HTTP {answer.status_code}")
        webhook.delete()
        project.delete()
        dataset.delete()
    return 0 if ok and answer.status_code == 403 and events.empty() else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve", action="store_true", help="only run the receiver")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument(
        "--secret",
        default=os.environ.get("LABELBOX_WEBHOOK_SECRET"),
        help="the webhook's secret (default: $LABELBOX_WEBHOOK_SECRET; the demo makes one)",
    )
    add_connection_arguments(parser)
    args = parser.parse_args(argv)
    if args.serve and not args.secret:
        parser.error("--serve needs --secret (or LABELBOX_WEBHOOK_SECRET)")
    secret = args.secret or secrets.token_urlsafe(24)

    events: queue.Queue[dict[str, Any]] = queue.Queue()
    server = ThreadingHTTPServer((args.host, args.port), make_handler(secret, events))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://{args.host}:{server.server_address[1]}/labelbox"
    print(f"Receiving webhooks on {url}")
    try:
        if not args.serve:
            return demo(args, url, secret, events)
        while True:
            print(describe(events.get()))
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
