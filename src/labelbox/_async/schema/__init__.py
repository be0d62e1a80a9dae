"""Async source of the facade's entity modules (sync twins derived by codegen/unasync.py)."""
