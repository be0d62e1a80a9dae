"""The emulator's domain: what each operation does to the stored objects, by area.

Each module works on the store through :class:`~labelbox_emulator.domain.context.Ctx`
(the caller and the emulator state) and knows nothing of GraphQL resolvers, the
executor or the HTTP app, which call into it:

- :mod:`.records`: generic lookups, lists, creation and updates of any entity;
- :mod:`.projects`: projects and datasets (overrides, review queue, metrics);
- :mod:`.members`: users, organizations, roles and project members;
- :mod:`.data_rows`: data rows, their attachments and the row-import job;
- :mod:`.labels`: labels, reviews, benchmarks and predictions;
- :mod:`.ontology`: ontologies and labeling frontend options;
- :mod:`.transfers`: exports and annotation imports (and their jobs);
- :mod:`.webhooks`: webhooks and their notifications.
"""
