"""Async source of the facade; the sync modules are derived from it by codegen/unasync.py"""
