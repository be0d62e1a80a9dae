"""Async source of the request-making HTTP modules (``drive``, ``exchange``, ``pool``);
``codegen/unasync.py`` derives :mod:`labelbox._http`'s sync modules of the same names
from them. The modules without I/O (``loop``, ``auth``, ``multipart``, ``decode``,
``errors``) are shared by both forms and live in :mod:`labelbox._http` only."""
