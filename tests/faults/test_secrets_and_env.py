"""Secrets in logs (the SDK's and httpx's own lines), the LABELBOX_LOG switch, and
proxies from the environment -- over real HTTP."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from labelbox import Client
from labelbox._logs import redact
from labelbox_emulator import Emulator

from .conftest import fast_client


def test_redact() -> None:
    text = redact(
        'GET https://x.io/f/1?token=abc&expires=9 "200" Authorization: Bearer sk-123 '
        "https://user:pw@host/p {'authorization': 'Bearer sk-456'}"
    )
    for secret in ("abc", "sk-123", "sk-456", "pw@"):
        assert secret not in text
    assert "https://x.io/f/1?<redacted>" in text


def test_httpx_and_sdk_log_lines_hide_signed_urls_and_the_key(
    femu: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    femu.faults.configure("502@after=1,limit=1")
    with fast_client(femu) as client:
        url = client.upload_data(b"secret content", sign=True)  # retried once
        token = parse_qs(urlsplit(url).query)["token"][0]
        assert client._transport.get(url) == b"secret content"
    http_lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert any("?<redacted>" in line for line in http_lines), http_lines
    assert any("Retrying UploadFile" in r.getMessage() for r in caplog.records)
    assert token not in caplog.text and femu.api_key not in caplog.text


def test_labelbox_log_switch(femu: Emulator, tmp_path: os.PathLike[str]) -> None:
    script = textwrap.dedent(
        """
        import httpx
        from labelbox import Client
        with Client() as client:
            url = client.upload_data(b"x", sign=True)
            client.get_user()
            httpx.get(url)
            client._transport.get(url)
        """
    )
    env = {
        **os.environ,
        "LABELBOX_LOG": "debug",
        "LABELBOX_API_KEY": femu.api_key,
        "LABELBOX_ENDPOINT": femu.endpoint,
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert "GetCurrentUser -> HTTP 200" in err and "HTTP Request: POST" in err
    assert "?<redacted>" in err and "token=" not in err
    assert femu.api_key not in err
    quiet = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "LABELBOX_LOG": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert quiet.returncode == 0 and quiet.stderr == ""


class _FakeProxy:
    """A forward HTTP proxy stand-in: records request heads, answers one JSON body."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        self.heads: list[str] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                head, _, rest = data.partition(b"\r\n\r\n")
                self.heads.append(head.decode("latin-1"))
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                while len(rest) < length:
                    rest += conn.recv(65536)
                body = b'{"data": {"organization": {"id": "via-proxy"}}}'
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                    + body
                )

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[_FakeProxy]:
    fake = _FakeProxy()
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{fake.port}")
    yield fake
    fake.close()


def test_http_proxy_from_the_environment_is_used(proxy: _FakeProxy) -> None:
    with pytest.warns(UserWarning, match="plain http"):
        client = Client(api_key="sk-proxy-key", endpoint="http://api.example.test/graphql")
    with client:
        assert client.execute("{ organization { id } }") == {"organization": {"id": "via-proxy"}}
    [head] = proxy.heads
    assert head.startswith("POST http://api.example.test/graphql HTTP/1.1")


def test_no_proxy_is_honoured(proxy: _FakeProxy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with Emulator() as emu, Client(api_key=emu.api_key, endpoint=emu.endpoint) as client:
        assert client.get_user().email == "admin@example.com"
    assert proxy.heads == []
