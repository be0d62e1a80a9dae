"""labelbox.webhooks.verify_signature against real deliveries of the emulator: a
receiver on loopback gets label and review events, signed with the webhook's secret."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from labelbox import Webhook
from labelbox.webhooks import sign, verify_signature
from labelbox_emulator import Emulator

from .conftest import fast_client

Delivery = tuple[dict[str, str], bytes]


class _Receiver(BaseHTTPRequestHandler):
    received: list[Delivery]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.received.append((dict(self.headers.items()), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[Delivery]]]:
    received: list[Delivery] = []
    handler = type("Handler", (_Receiver,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()
    server.server_close()


def test_real_deliveries_verify(femu: Emulator, receiver: tuple[str, list[Delivery]]) -> None:
    url, received = receiver
    secret = "s3cret-ü"  # non-ASCII: the emulator signs the UTF-8 bytes
    with fast_client(femu) as client:
        project = client.create_project(name="hooks")
        dataset = client.create_dataset(name="d", projects=project)
        row = dataset.create_data_row(row_data="https://example.com/1.jpg")
        Webhook.create(
            client,
            [Webhook.Topic.LABEL_CREATED, Webhook.Topic.REVIEW_CREATED],
            url,
            secret,
            project,
        )
        label = project.create_label(data_row=row, label="x")
        label.create_review(score=1)
    femu.webhook_deliveries(wait=True)
    assert [h["X-Labelbox-Event"] for h, _ in received] == ["LABEL_CREATED", "REVIEW_CREATED"]
    for headers, body in received:
        header = headers["X-Hub-Signature"]
        assert header.startswith("sha1=")
        assert verify_signature(body, header, secret)
        assert verify_signature(body, header, secret.encode())
        assert verify_signature(bytearray(body), header, secret)
        assert sign(body, secret) == header
        # anything else is refused
        assert not verify_signature(body, header, "other-secret")
        assert not verify_signature(body + b" ", header, secret)
        reserialized = json.dumps(json.loads(body)).encode()
        assert reserialized == body or not verify_signature(reserialized, header, secret)
        assert not verify_signature(body, header[:-1] + ("0" if header[-1] != "0" else "1"), secret)
        assert verify_signature(body, header.upper().replace("SHA1=", "sha1="), secret)
    assert json.loads(received[0][1])["id"] == label.uid


@pytest.mark.parametrize(
    "header",
    ["", "sha1", "sha1=", "md5=abc", "abc", "sha1=ü", "sha256=00", "=deadbeef", "sha1==x"],
)
def test_malformed_headers_are_false(header: str) -> None:
    assert verify_signature(b"{}", header, "secret") is False


def test_sha256_and_arguments() -> None:
    header = sign(b"payload", b"key", algorithm="sha256")
    assert header.startswith("sha256=") and verify_signature(b"payload", header, "key")
    with pytest.raises(ValueError, match="empty"):
        verify_signature(b"x", "sha1=00", "")
    with pytest.raises(ValueError, match="empty"):
        verify_signature(b"x", "sha1=00", b"")
    with pytest.raises(TypeError):
        verify_signature("text", "sha1=00", "k")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        verify_signature(b"x", "sha1=00", None)  # type: ignore[arg-type]
    assert verify_signature(b"x", None, "k") is False  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        sign(b"x", "k", algorithm="md5")
