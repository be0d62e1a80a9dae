"""``labelbox-emulator parity``: where a live Labelbox endpoint differs from the emulator.

The emulator executes our reconstruction of the real API (``schema.graphql``). This
command runs the SDK's reads (and, with ``--write-scratch``, a small write scenario in a
scratch project) against a live endpoint and against an embedded emulator seeded the
same way, and reports every difference: schema (by introspection), operations accepted
on one side only, answer shapes, error answers and server behaviours.

Modules, one job each: :mod:`.command` (arguments, run, exit status), :mod:`.side` (one
endpoint: SDK client, raw requests, cleaning of answers), :mod:`.schema_diff`,
:mod:`.discovery` (ids of objects to read), :mod:`.operations`, :mod:`.shapes`,
:mod:`.probes` (error probes), :mod:`.scenario` (seed, behaviours, cleanup) and
:mod:`.report`.
"""
