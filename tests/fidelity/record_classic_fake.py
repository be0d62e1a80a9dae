"""The fake transport of tests/fidelity/record_classic.py: a recording ``requests``
stand-in that answers each GraphQL document with a synthesised response, the fixed clocks,
and ``call`` (which attributes a documented method's requests to it).

Runs in the *classic* virtualenv (labelbox 2.6.0 + graphql-core), imported by
record_classic.py from its own directory.
"""

import json
import re
import threading
import types
from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, timezone

import requests
from graphql import parse
from graphql.language import (
    FieldNode,
    IntValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    StringValueNode,
    VariableNode,
)

import labelbox.schema.bulk_import_request as lb_bir
import labelbox.schema.project as lb_project
import labelbox.schema.task as lb_task
from labelbox.pagination import PaginatedCollection

STORAGE = "https://storage.example.com"
FIXED_DATETIME = "2021-06-01T12:00:00.000Z"
FIXED_NOW = datetime(2021, 6, 1, 12, 0, 0, tzinfo=timezone.utc)

# A small ontology (Project.ontology().normalized) that the MAL validation of
# BulkImportRequest accepts; ids are 25 chars like real Labelbox cuids.
BOX_SCHEMA = "ckfeatureschemabox0000001"
RADIO_SCHEMA = "ckfeatureschemaradio00001"
YES_SCHEMA = "ckfeatureschemayes0000001"
ONTOLOGY = {
    "tools": [
        {
            "tool": "rectangle",
            "name": "box",
            "color": "#ff0000",
            "required": False,
            "classifications": [],
            "featureSchemaId": BOX_SCHEMA,
            "schemaNodeId": "cknodebox" + "0" * 16,
        }
    ],
    "classifications": [
        {
            "type": "radio",
            "instructions": "is it?",
            "name": "is it?",
            "required": False,
            "featureSchemaId": RADIO_SCHEMA,
            "schemaNodeId": "cknoderadio" + "0" * 14,
            "options": [
                {
                    "value": "yes",
                    "label": "yes",
                    "options": [],
                    "featureSchemaId": YES_SCHEMA,
                    "schemaNodeId": "cknodeyes" + "0" * 16,
                }
            ],
        }
    ],
}
ANNOTATIONS = [
    {
        "uuid": "9fd9a92e-2560-4e77-81d4-b2e955800092",
        "schemaId": BOX_SCHEMA,
        "dataRow": {"id": "ckdatarow0000000000000001"},
        "bbox": {"top": 48, "left": 58, "height": 865, "width": 1512},
    },
    {
        "uuid": "0c2fe1a5-a5c1-4c4e-9a25-b8d5c5b4a1f1",
        "schemaId": RADIO_SCHEMA,
        "dataRow": {"id": "ckdatarow0000000000000001"},
        "answer": {"schemaId": YES_SCHEMA},
    },
]
ANNOTATIONS_URL = STORAGE + "/annotations.ndjson"


def ndjson_text(rows):
    return "".join(json.dumps(r, sort_keys=True) + "\n" for r in rows)


class FakeResponse:
    def __init__(self, payload=None, text=None, status_code=200):
        self._payload = payload
        self.text = text if text is not None else json.dumps(payload)
        self.status_code = status_code
        self.reason = "OK" if status_code == 200 else "Not Found"

    def json(self):
        return self._payload if self._payload is not None else json.loads(self.text)

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code} for fake url")


class FakeServer:
    """Records every request and answers with a synthesised response."""

    def __init__(self):
        self.records = []
        self.http_gets = []
        self.results = defaultdict(set)  # method label -> returned classes
        self.called = []  # every method label driven, in order
        self._stack = []
        self._lock = threading.RLock()
        self._ids = 0
        self.full_pages = False  # answer `first: 100` with 100 items
        self.task_statuses = []  # queued Task.status values, then COMPLETE
        self.bir_states = []  # queued BulkImportRequest.state, then FINISHED

    # ---- call attribution -------------------------------------------------
    @contextmanager
    def method(self, label):
        self.called.append(label)
        self._stack.append(label)
        try:
            yield
        finally:
            self._stack.pop()

    # ---- transport --------------------------------------------------------
    def post(self, url, data=None, headers=None, files=None, timeout=None):
        with self._lock:
            if files is not None:  # multipart (GraphQL multipart request)
                operations = json.loads(data["operations"])
                file_map = json.loads(data["map"][1])
                return self._answer(
                    operations["query"], operations.get("variables"), True, file_map
                )
            body = json.loads(data)
            return self._answer(body["query"], body.get("variables"), False, None)

    def get(self, url, *args, **kwargs):
        self.http_gets.append((self._label(), url))
        name = url.rsplit("/", 1)[-1]
        if url == ANNOTATIONS_URL or name == "inputs.ndjson":
            return FakeResponse(text=ndjson_text(ANNOTATIONS))
        if name == "errors.ndjson":
            return FakeResponse(text="")
        if name == "statuses.ndjson":
            return FakeResponse(
                text=ndjson_text(
                    [
                        {"uuid": a["uuid"], "dataRow": a["dataRow"], "status": "SUCCESS"}
                        for a in ANNOTATIONS
                    ]
                )
            )
        return FakeResponse(text="not found", status_code=404)

    def _label(self):
        return self._stack[0] if self._stack else "<unattributed>"

    def _answer(self, query, variables, multipart, file_map):
        document = parse(query)
        op = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
        self.records.append(
            {
                "method": self._label(),
                "operation_name": op.name.value if op.name else None,
                "query": query,
                "variables": variables or {},
                "multipart": multipart,
                "map": file_map,
            }
        )
        data = self._selection(op.selection_set, op.operation.value, variables or {}, None)
        return FakeResponse({"data": data})

    # ---- response synthesis -----------------------------------------------
    def _new_id(self, parent):
        self._ids += 1
        tag = re.sub(r"^(create|update|get)(?=[A-Z])", "", parent)
        tag = "".join(c for c in tag.lower() if c.isalpha())[:10]
        return f"ck{tag}{self._ids:0{23 - len(tag)}d}"

    @staticmethod
    def _int_arg(field, name, variables, default):
        for arg in field.arguments or ():
            if arg.name.value == name:
                if isinstance(arg.value, IntValueNode):
                    return int(arg.value.value)
                if isinstance(arg.value, VariableNode):
                    return int(variables[arg.value.name.value])
        return default

    @staticmethod
    def _where_id(field, variables):
        """Echo `where: {id: $var}` / `where: {id: "..."}` as the object id."""
        for arg in field.arguments or ():
            if arg.name.value == "where" and isinstance(arg.value, ObjectValueNode):
                for f in arg.value.fields:
                    if f.name.value != "id":
                        continue
                    if isinstance(f.value, VariableNode):
                        return variables.get(f.value.name.value)
                    if isinstance(f.value, StringValueNode):
                        return f.value.value
        return None

    def _selection(self, selection_set, parent, variables, forced_id):
        out = {}
        for field in selection_set.selections:
            assert isinstance(field, FieldNode), "fragments are not expected"
            key = field.alias.value if field.alias else field.name.value
            name = field.name.value
            if field.selection_set is None:
                out[key] = (
                    forced_id if name == "id" and forced_id else self._leaf(name, parent, variables)
                )
            elif any(a.name.value == "first" for a in (field.arguments or ())) or (
                parent == "mutation" and name.startswith("delete") and name.endswith("s")
            ):
                skip = self._int_arg(field, "skip", variables, 0)
                first = self._int_arg(field, "first", variables, 100)
                count = (first if skip == 0 else 3) if self.full_pages else 1 if skip == 0 else 0
                where_id = self._where_id(field, variables)
                out[key] = [
                    self._selection(field.selection_set, name, variables, where_id)
                    for _ in range(count)
                ]
            else:
                out[key] = self._selection(
                    field.selection_set, name, variables, self._where_id(field, variables)
                )
        return out

    def _leaf(self, name, parent, variables):
        low = name.lower()
        if name == "id" or name == "taskId":
            return self._new_id(parent if name == "id" else "task")
        if name == "status":
            if "webhook" in parent.lower():
                return "ACTIVE"
            return self.task_statuses.pop(0) if self.task_statuses else "COMPLETE"
        if name == "state":
            return self.bir_states.pop(0) if self.bir_states else "FINISHED"
        if name == "shouldPoll":
            return False
        if name == "showingPredictionsToLabelers":
            return variables.get("show", True)
        if name in ("success", "accepted"):
            return True
        if name == "deleted" or (name.startswith("is") and name[2:3].isupper()):
            return False
        if (
            name.endswith("At")
            or name.endswith("Time")
            or name in ("setupComplete", "lastActivity")
        ):
            return FIXED_DATETIME
        if name in (
            "count",
            "version",
            "priority",
            "numberOfLabels",
            "extendReservations",
            "autoAuditNumberOfLabels",
        ) or name.endswith("Count"):
            return 3
        if any(
            s in low
            for s in ("agreement", "percentage", "seconds", "score", "consensus", "timelabeling")
        ):
            return 0.5
        if name == "normalized":
            return ONTOLOGY
        if name == "mediaAttributes":
            return {}
        if name == "customizationOptions":
            return json.dumps({"tools": [], "classifications": []})
        if name == "topics":
            return ["LABEL_CREATED"]
        if name == "inputFileUrl":
            return STORAGE + "/bulk-import/inputs.ndjson"
        if name == "errorFileUrl":
            return STORAGE + "/bulk-import/errors.ndjson"
        if name == "statusFileUrl":
            return STORAGE + "/bulk-import/statuses.ndjson"
        if name in ("url", "downloadUrl", "rowData", "picture"):
            return f"{STORAGE}/{parent}/{name}"
        if name == "iframeUrlPath":
            return "/editor"
        if name == "name" and "labelingfrontend" in parent.lower():
            return "Editor"
        if name == "email":
            return "user@example.com"
        if name == "type":
            return "TEXT"
        if name == "label":
            return json.dumps({"objects": [], "classifications": []})
        return f"{parent}-{name}"


SERVER = FakeServer()


def install_fakes():
    requests.post = SERVER.post
    requests.get = SERVER.get

    def no_network(*args, **kwargs):
        raise RuntimeError("network access attempted outside the fake")

    requests.Session.request = no_network
    quiet_time = types.SimpleNamespace(sleep=lambda s: None)
    lb_task.time = quiet_time
    lb_bir.time = quiet_time
    lb_project.time = quiet_time

    class FixedDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            return FIXED_NOW if tz is not None else FIXED_NOW.replace(tzinfo=None)

    lb_project.datetime = FixedDatetime


def call(method, fn, *args, **kwargs):
    """Invoke a documented method, attributing its requests to `method`."""
    with SERVER.method(method):
        result = fn(*args, **kwargs)
        if isinstance(result, PaginatedCollection):
            result = list(result)
    values = result if isinstance(result, list) else [result]
    for v in values:
        if v is not None and not isinstance(v, (str, bool, int, float, dict)):
            SERVER.results[method].add(type(v).__name__)
    return result
