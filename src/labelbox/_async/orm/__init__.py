"""The async entity base classes and relationship managers (the source of
:mod:`labelbox.orm.db_object` and :mod:`labelbox.orm.relationships`)."""
