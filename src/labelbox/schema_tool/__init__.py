"""``labelbox-schema``: compare the SDK's operations with a server's GraphQL schema.

Subcommands (see :mod:`labelbox.schema_tool.cli`):

* ``pull``  -- introspect a live endpoint and write its schema as deterministic SDL;
* ``diff``  -- breaking and dangerous changes between two schemas, with the SDK
  operations and facade methods each change touches;
* ``check`` -- validate every SDK operation against a schema (live or from a file).

The tool needs ``graphql-core``; ``import labelbox`` never imports this package.
"""
