"""The entity classes of the Labelbox API (importing this registers them all)."""

import labelbox.schema.asset_attachment
import labelbox.schema.asset_metadata
import labelbox.schema.benchmark
import labelbox.schema.bulk_import_request
import labelbox.schema.data_row
import labelbox.schema.dataset
import labelbox.schema.enums
import labelbox.schema.label
import labelbox.schema.labeling_frontend
import labelbox.schema.ontology
import labelbox.schema.organization
import labelbox.schema.prediction
import labelbox.schema.project
import labelbox.schema.review
import labelbox.schema.role
import labelbox.schema.task
import labelbox.schema.user
import labelbox.schema.webhook  # noqa: F401
