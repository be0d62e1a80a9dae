"""Uploaded and generated files, kept in SQLite and served through signed URLs."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit

from .errors import BadUserInputError
from .store import Store, new_id

FILES_PATH = "/_emulator/files/"
DEFAULT_MAX_SIZE = 64 * 1024 * 1024

Check = Literal["ok", "forbidden", "expired", "missing"]


@dataclass(frozen=True)
class StoredFile:
    """A stored file's bytes and what the uploader said about them."""

    data: bytes
    filename: str
    content_type: str


class FileStore:
    """Stores bytes and hands out expiring URLs signed with the database's secret.

    The secret is kept in the database, so URLs stay valid across restarts; a URL
    stored in an object (a data row's ``rowData``, an attachment) is signed again when
    it is read (:meth:`refresh`), so it works for as long as the object exists.
    """

    def __init__(
        self,
        store: Store,
        expiry_seconds: float = 3600.0,
        max_size: int = DEFAULT_MAX_SIZE,
        secret: bytes | None = None,
    ) -> None:
        """Keep files in ``store``; URLs expire after ``expiry_seconds``."""
        self.store = store
        self.expiry_seconds = expiry_seconds
        self.max_size = max_size
        if secret is None:
            stored = store.meta("file_secret")
            if stored is None:
                stored = secrets.token_hex(32)
                store.set_meta("file_secret", stored)
            secret = bytes.fromhex(stored)
        self._secret = secret

    def put(self, data: bytes, filename: str = "file", content_type: str | None = None) -> str:
        """Store ``data``; returns the file id. Rejects files above the size limit."""
        if len(data) > self.max_size:
            raise BadUserInputError(
                f"File is too large: {len(data)} bytes, the limit is {self.max_size} bytes."
            )
        file_id = new_id()
        self.store.execute(
            "INSERT INTO _files (id, filename, content_type, data, created) VALUES (?,?,?,?,?)",
            [file_id, filename, content_type or "application/octet-stream", data, time.time()],
        )
        return file_id

    def get(self, file_id: str) -> StoredFile | None:
        """The stored file ``file_id`` or None."""
        rows = self.store.execute(
            "SELECT data, filename, content_type FROM _files WHERE id = ?", [file_id]
        )
        if not rows:
            return None
        data, filename, content_type = rows[0]
        return StoredFile(bytes(data), str(filename), str(content_type))

    def _token(self, file_id: str, expires: int) -> str:
        mac = hmac.new(self._secret, f"{file_id}:{expires}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

    def url(self, base_url: str, file_id: str, params: Mapping[str, str] | None = None) -> str:
        """A signed URL of ``file_id`` under ``base_url`` (scheme://host:port); ``params``
        come first in its query string (they are not part of the signature)."""
        expires = int(time.time() + self.expiry_seconds)
        token = self._token(file_id, expires)
        query = urlencode({**(params or {}), "token": token, "expires": str(expires)})
        return f"{base_url.rstrip('/')}{FILES_PATH}{file_id}?{query}"

    def refresh(self, value: str, base_url: str) -> str:
        """``value`` again if it is not one of our file URLs; else that URL signed anew
        under ``base_url`` when it expired, is past half its lifetime or names another
        address (an earlier run of the emulator on another port). A URL with a wrong
        signature stays as it is."""
        if FILES_PATH not in value:
            return value
        parts = urlsplit(value)
        if not parts.path.startswith(FILES_PATH):
            return value
        file_id = parts.path[len(FILES_PATH) :]
        token, expires, params = "", "", {}
        for key, item in parse_qsl(parts.query, keep_blank_values=True):
            if key == "token":
                token = item
            elif key == "expires":
                expires = item
            else:
                params[key] = item
        try:
            exp = int(expires)
        except ValueError:
            return value
        if not token or not hmac.compare_digest(token, self._token(file_id, exp)):
            return value
        same_place = f"{parts.scheme}://{parts.netloc}" == base_url.rstrip("/")
        if same_place and exp - time.time() >= self.expiry_seconds / 2:
            return value
        return self.url(base_url, file_id, params)

    def put_url(
        self, base_url: str, data: bytes, filename: str, content_type: str | None = None
    ) -> str:
        """Store ``data`` and return its signed URL."""
        return self.url(base_url, self.put(data, filename, content_type))

    def check(self, file_id: str, token: str | None, expires: str | None) -> Check:
        """Whether a request for ``file_id`` with ``token``/``expires`` may be served."""
        try:
            exp = int(expires or "")
        except ValueError:
            return "forbidden"
        if not token or not hmac.compare_digest(token, self._token(file_id, exp)):
            return "forbidden"
        if exp < time.time():
            return "expired"
        if not self.store.execute("SELECT 1 FROM _files WHERE id = ?", [file_id]):
            return "missing"
        return "ok"

    def resolve_url(self, url: str) -> StoredFile | None:
        """The stored file behind one of our own (valid) URLs, else None."""
        parts = urlsplit(url)
        if not parts.path.startswith(FILES_PATH):
            return None
        file_id = parts.path[len(FILES_PATH) :]
        qs = parse_qs(parts.query)
        if self.check(file_id, qs.get("token", [""])[0], qs.get("expires", [""])[0]) != "ok":
            return None
        return self.get(file_id)

    def read(self, url: str) -> bytes:
        """The bytes behind ``url``: ours from the store, others fetched over HTTP(S)."""
        own = self.resolve_url(url)
        if own is not None:
            return own.data
        if urlsplit(url).path.startswith(FILES_PATH):
            raise OSError(f"The file URL {url.split('?')[0]} is invalid or expired.")
        if not url.startswith(("http://", "https://")):
            raise OSError(f"Unsupported URL {url!r}.")
        import httpx

        response = httpx.get(url, timeout=10.0, follow_redirects=True)
        response.raise_for_status()
        return response.content
