"""``sample/`` is a user's project run in a subprocess by test_plugin_user.py, never
collected as part of this suite."""

collect_ignore = ["sample"]
