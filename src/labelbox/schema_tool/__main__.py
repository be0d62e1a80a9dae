"""``python -m labelbox.schema_tool``: the same as the ``labelbox-schema`` command."""

from labelbox.schema_tool.cli import main

raise SystemExit(main())
