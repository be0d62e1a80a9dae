"""The SDK's HTTP machinery, one job per module (all private):

* :mod:`.pool`: the pooled ``httpx.Client`` -- keep-alive, TCP_NODELAY, coalesced writes.
* :mod:`.environment`: what the pools take from the process -- the lazy httpx import,
  the TLS context, the proxy settings.
* :mod:`.auth`: the API key (never shown) and what must not leak with it.
* :mod:`.multipart`: encoding a request (JSON, or a GraphQL multipart upload).
* :mod:`.loop`: the one request loop -- attempts, waits, deadline, retry decision --
  without I/O.
* :mod:`.drive`: the loop's driver, the only code that sends and sleeps.
* :mod:`.exchange`: one HTTP exchange captured as an :class:`labelbox._retry.Attempt`.
* :mod:`.decode`: decoding an answer's JSON body.
* :mod:`.errors`: mapping a failed request to its ``labelbox.exceptions`` type.

:mod:`labelbox._transport` puts them together; :mod:`labelbox._download` streams files
through the same loop; :mod:`labelbox._logs` keeps secrets out of log records.

``drive``, ``exchange`` and ``pool`` are derived by ``codegen/unasync.py`` from their
async source in :mod:`labelbox._async._http` (edit that); the others are shared by the
sync and the async facade.
"""
