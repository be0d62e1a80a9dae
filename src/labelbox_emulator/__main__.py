"""``python -m labelbox_emulator``: the same as the ``labelbox-emulator`` command."""

from labelbox_emulator.cli import main

raise SystemExit(main())
