"""Receiving Labelbox webhooks: checking that a delivery was signed with your secret.

Labelbox signs each delivery's raw body with the webhook's secret and sends the result
in the ``X-Hub-Signature`` header as ``sha1=<hex HMAC-SHA1(secret, body)>``::

    from labelbox.webhooks import verify_signature

    def handle(request):                      # any web framework
        body = request.body                   # the raw bytes, before any JSON parsing
        if not verify_signature(body, request.headers.get("X-Hub-Signature", ""), SECRET):
            return 403
        event = json.loads(body)
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Hub-Signature"
#: Digest algorithms accepted in the header's ``<algorithm>=<hex>`` prefix.
_ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256}


def sign(payload: bytes, secret: str | bytes, algorithm: str = "sha1") -> str:
    """The signature header value Labelbox sends for ``payload``; useful to test a receiver.

    Args:
        payload: the body to sign.
        secret: the webhook's secret.
        algorithm: ``"sha1"`` (what Labelbox sends) or ``"sha256"``.

    Returns:
        The ``X-Hub-Signature`` value, ``<algorithm>=<hex digest>``.

    Raises:
        ValueError: if ``secret`` is empty or ``algorithm`` unknown.
        TypeError: if ``payload`` is not bytes.
    """
    key = _key(secret)
    digest = _ALGORITHMS.get(algorithm)
    if digest is None:
        raise ValueError(f"Unknown signature algorithm {algorithm!r}; use sha1 or sha256")
    return f"{algorithm}={hmac.new(key, _payload(payload), digest).hexdigest()}"


def verify_signature(payload: bytes, signature_header: str, secret: str | bytes) -> bool:
    """Whether ``signature_header`` (the delivery's ``X-Hub-Signature`` value,
    ``sha1=<hex>``) is the HMAC of ``payload`` under ``secret``.

    Compares in constant time. ``payload`` must be the raw request body, exactly as
    received (not re-serialized JSON). A missing, malformed or wrong signature gives
    False; it never raises for what a sender controls.

    Args:
        payload: the raw body of the delivery.
        signature_header: the ``X-Hub-Signature`` header value.
        secret: the webhook's secret (as given to ``Webhook.create``).

    Returns:
        True if the signature matches.

    Raises:
        ValueError: if ``secret`` is empty (an empty secret would accept anyone's
            signature computed with an empty key).
        TypeError: if ``payload`` is not bytes or ``secret`` not str/bytes.
    """
    key = _key(secret)
    body = _payload(payload)
    if not isinstance(signature_header, str):
        return False
    algorithm, sep, received = signature_header.strip().partition("=")
    digest = _ALGORITHMS.get(algorithm.strip().lower())
    if not sep or digest is None or not received:
        return False
    expected = hmac.new(key, body, digest).hexdigest()
    try:
        return hmac.compare_digest(expected, received.strip().lower())
    except TypeError:  # non-ASCII characters in the header
        return False


def _key(secret: str | bytes) -> bytes:
    if isinstance(secret, str):
        key = secret.encode("utf-8")
    elif isinstance(secret, (bytes, bytearray)):
        key = bytes(secret)
    else:
        raise TypeError(f"secret must be str or bytes, got {type(secret).__name__}")
    if not key:
        raise ValueError("The webhook secret is empty: refuse to verify with an empty key")
    return key


def _payload(payload: bytes) -> bytes:
    if isinstance(payload, (bytes, bytearray, memoryview)):
        return bytes(payload)
    raise TypeError(f"payload must be the raw request body as bytes, got {type(payload).__name__}")
