"""A TLS-terminating proxy with added network latency, for benchmarks only.

    python bench/tls_proxy.py --target 127.0.0.1:8080 --cert cert.pem --key key.pem \
        [--latency-ms 20]

Prints one JSON line ``{"port": N}`` (the port clients connect to with ``https://``) and
serves until killed. Clients -> [delay: ``latency/2`` each way, raw TCP, so TLS
handshakes pay the round trips too] -> TLS termination -> plain TCP -> ``--target``.
The TCP connect itself is not delayed (the kernel accepts it).

:func:`make_certificate` writes a self-signed certificate for ``localhost`` and
``127.0.0.1`` (with the ``cryptography`` package when installed, else the ``openssl``
command line tool).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import shutil
import ssl
import subprocess
import sys
import time
from pathlib import Path

CHUNK = 256 * 1024


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate (valid for ``localhost`` and ``127.0.0.1``) and its key,
    written into ``directory``; returns ``(cert.pem, key.pem)``."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    try:
        _certificate_with_cryptography(cert, key)
    except ImportError:
        if shutil.which("openssl") is None:
            raise RuntimeError(
                "Neither the cryptography package nor the openssl tool is available to "
                "make a TLS certificate"
            ) from None
        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
                *("-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)),
                *("-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"),
                *("-addext", "basicConstraints=critical,CA:TRUE"),
            ],
            check=True,
            capture_output=True,
        )
    return cert, key


def _certificate_with_cryptography(cert_path: Path, key_path: Path) -> None:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copies until EOF, then half-closes (or closes) the other side."""
    try:
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, ssl.SSLError, OSError):
        pass
    finally:
        try:
            if writer.can_write_eof():
                writer.write_eof()
            else:
                writer.close()
        except (ConnectionError, OSError, RuntimeError):
            pass


async def _delayed_pipe(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float
) -> None:
    """Copies each chunk ``delay`` seconds after it arrived, in order (a one-way link of
    that latency and unlimited bandwidth)."""
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def receive() -> None:
        try:
            while data := await reader.read(CHUNK):
                queue.put_nowait((time.monotonic() + delay, data))
        except (ConnectionError, OSError):
            pass
        queue.put_nowait((time.monotonic() + delay, b""))

    receiving = asyncio.ensure_future(receive())
    try:
        while True:
            due, data = await queue.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError, RuntimeError):
        pass
    finally:
        receiving.cancel()


async def _serve(args: argparse.Namespace) -> None:
    target_host, target_port = args.target.rsplit(":", 1)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)

    async def terminate(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(target_host, int(target_port))
        except OSError:
            writer.close()
            return
        await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        for w in (writer, up_writer):
            w.close()

    tls = await asyncio.start_server(terminate, "127.0.0.1", 0, ssl=context, backlog=256)
    tls_port = tls.sockets[0].getsockname()[1]
    port = tls_port
    servers = [tls]
    if args.latency_ms > 0:
        one_way = args.latency_ms / 2000

        async def delay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                up_reader, up_writer = await asyncio.open_connection("127.0.0.1", tls_port)
            except OSError:
                writer.close()
                return
            await asyncio.gather(
                _delayed_pipe(reader, up_writer, one_way), _delayed_pipe(up_reader, writer, one_way)
            )
            for w in (writer, up_writer):
                w.close()

        delayed = await asyncio.start_server(delay, "127.0.0.1", 0, backlog=256)
        port = delayed.sockets[0].getsockname()[1]
        servers.append(delayed)
    print(json.dumps({"port": port}), flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target", required=True, help="host:port of the plain HTTP server")
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--latency-ms", type=float, default=0.0, help="added round-trip time")
    args = parser.parse_args()
    try:
        asyncio.run(_serve(args))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
