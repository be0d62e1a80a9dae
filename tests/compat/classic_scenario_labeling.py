"""Steps of classic_scenario.py: project setup and its ontology, instructions, labels,
webhooks, reviews and their metrics, benchmarks, labeling parameter overrides and
predictions.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import datetime, timedelta, timezone
from typing import Any

from classic_scenario_datasets import data_rows_from_urls, projects
from classic_scenario_support import (
    ONTOLOGY,
    HookListener,
    S,
    check_review_metrics,
    download,
    expect,
    expect_eq,
    expected_review_metrics,
    http_get,
    new_label,
    new_review,
    one,
    raises,
    same,
    step,
    uids,
)

from labelbox import (
    DataRow,
    Label,
    LabelingFrontend,
    Ontology,
    Prediction,
    PredictionModel,
    Review,
    Webhook,
)
from labelbox.exceptions import (
    InvalidQueryError,
)
from labelbox.schema.benchmark import Benchmark
from labelbox.schema.labeling_frontend import LabelingFrontendOptions
from labelbox.schema.ontology import OntologyBuilder
from labelbox.schema.project import LabelingParameterOverride


@step(projects)
def setup_with_ontology() -> None:
    """project.setup(Editor, ontology dict); LabelingFrontend and LabelingFrontendOptions."""
    frontends = list(S.client.get_labeling_frontends())
    expect(frontends, "get_labeling_frontends() lists frontends")
    S.editor = one(
        S.client.get_labeling_frontends(where=LabelingFrontend.name == "Editor"),
        "get_labeling_frontends(where name == 'Editor')",
    )
    expect(isinstance(S.editor, LabelingFrontend), "a LabelingFrontend")
    expect_eq(S.editor.name, "Editor", "frontend.name")
    by_path = S.client.get_labeling_frontends(
        where=LabelingFrontend.iframe_url_path == S.editor.iframe_url_path
    )
    expect(S.editor in set(by_path), "get_labeling_frontends(where iframe_url_path ==)")

    other = S.other_project
    expect(other.labeling_frontend() is None, "a new project has no labeling frontend")
    other.labeling_frontend.connect(S.editor)
    same(other.labeling_frontend(), S.editor, "labeling_frontend after connect")
    other.labeling_frontend.disconnect(S.editor)
    expect(other.labeling_frontend() is None, "labeling_frontend after disconnect")

    before = datetime.now(timezone.utc) - timedelta(seconds=5)
    S.project.setup(S.editor, ONTOLOGY)
    after = datetime.now(timezone.utc) + timedelta(seconds=5)
    project = S.client.get_project(S.project.uid)
    expect(
        isinstance(project.setup_complete, datetime) and before <= project.setup_complete <= after,
        f"setup_complete after setup: {project.setup_complete!r}",
    )
    S.setup_window = (before, after)
    same(project.labeling_frontend(), S.editor, "project.labeling_frontend()")
    expect(S.project.uid in uids(S.editor.projects()), "frontend.projects() lists the project")
    options = one(S.project.labeling_frontend_options(), "project.labeling_frontend_options()")
    expect(isinstance(options, LabelingFrontendOptions), "a LabelingFrontendOptions")
    expect_eq(options.customization_options, json.dumps(ONTOLOGY), "customization_options")
    # The real API has no labelingFrontendOptions(where: {id}) root: refused there.
    for relationship in (options.project, options.labeling_frontend, options.organization):
        raises(InvalidQueryError, "expanding LabelingFrontendOptions (no root)", relationship)


@step(setup_with_ontology)
def setup_sets_last_activity_time() -> None:
    """project.setup() also sets project.last_activity_time (as on the real server)."""
    before, after = S.setup_window
    project = S.client.get_project(S.project.uid)
    expect(
        isinstance(project.last_activity_time, datetime)
        and before <= project.last_activity_time <= after,
        f"last_activity_time after setup: expected a time between {before:%H:%M:%S} and "
        f"{after:%H:%M:%S} UTC, got {project.last_activity_time!r}",
    )


@step(setup_with_ontology)
def ontology() -> None:
    """project.ontology(): normalized, tools(), classifications(), schema ids, builder."""
    S.ontology = S.project.ontology()
    expect(isinstance(S.ontology, Ontology), f"project.ontology() is an Ontology: {S.ontology!r}")
    tools = S.ontology.tools()
    expect_eq(
        [(t.name, t.tool.value, t.color) for t in tools],
        [("Car", "rectangle", "#ff0000"), ("Road", "polygon", "#00ff00")],
        "tools",
    )
    classes = S.ontology.classifications()
    expect_eq(
        [(c.instructions, c.class_type.value, c.required) for c in classes],
        [("Weather", "radio", True), ("Tags", "checklist", False), ("Notes", "text", False)],
        "classifications",
    )
    expect_eq([o.value for o in classes[0].options], ["sunny", "rainy"], "radio options")
    expect_eq(tools[0].classifications[0].instructions, "Occluded", "nested classification")
    nested = tools[0].classifications[0].options
    features = [
        *tools,
        *classes,
        *classes[0].options,
        *classes[1].options,
        *tools[0].classifications,
        *nested,
    ]
    missing = [f for f in features if not (f.feature_schema_id and f.schema_id)]
    expect(not missing, f"every feature has featureSchemaId and schemaNodeId: {missing}")
    ids = [f.feature_schema_id for f in features]
    expect_eq(len(set(ids)), len(ids), "featureSchemaIds are distinct")
    expect_eq(S.ontology.object_schema_count, 2, "object_schema_count")
    expect_eq(S.ontology.classification_schema_count, 3, "classification_schema_count")
    expect_eq(sorted(S.ontology.normalized), ["classifications", "tools"], "normalized keys")
    expect(S.project.uid in uids(S.ontology.projects()), "ontology.projects() lists the project")
    builder = OntologyBuilder.from_project(S.project)
    expect_eq([t.name for t in builder.tools], ["Car", "Road"], "OntologyBuilder.from_project")
    expect_eq(builder.asdict()["tools"][0]["featureSchemaId"], tools[0].feature_schema_id, "ids")
    S.car, S.road, S.weather, S.tags = tools[0], tools[1], classes[0], classes[1]


@step(ontology)
def upsert_instructions() -> None:
    """project.upsert_instructions(file): the options point at the uploaded instructions."""
    path = S.workdir / "instructions.html"
    path.write_text("<h1>Label every car</h1>\n", encoding="utf-8")
    S.project.upsert_instructions(str(path))
    options = list(S.project.labeling_frontend_options())[-1]
    custom = json.loads(options.customization_options)
    url = custom.get("projectInstructions")
    expect(isinstance(url, str), f"projectInstructions in customization_options: {custom!r}")
    expect_eq(download(url).content, path.read_bytes(), "content of the instructions URL")
    expect_eq(
        {k: v for k, v in custom.items() if k != "projectInstructions"},
        ONTOLOGY,
        "the ontology part of customization_options is kept",
    )
    same(S.project.labeling_frontend(), S.editor, "labeling_frontend after upsert_instructions")
    ids = [t.feature_schema_id for t in S.project.ontology().tools()]
    expect_eq(ids, [S.car.feature_schema_id, S.road.feature_schema_id], "stable featureSchemaIds")
    raises(ValueError, "upsert_instructions(.docx)",
           lambda: S.project.upsert_instructions(str(S.workdir / "x.docx")))  # fmt: skip


@step(setup_with_ontology, data_rows_from_urls)
def labels() -> None:
    """project.create_label with a data row; relationships, labels(datasets, order_by), update."""
    S.labels = {}
    for n, key in enumerate(("url-0", "url-1", "url-2")):
        body = json.dumps({"objects": [], "classifications": [], "n": n})
        label = new_label(key, body, n + 1.5)
        expect_eq((label.label, label.seconds_to_label), (body, n + 1.5), "label fields")
        expect_eq(label.is_benchmark_reference, False, "is_benchmark_reference")
        S.labels[key] = label
    label = S.labels["url-0"]
    same(label.project(), S.project, "label.project()")
    same(label.data_row(), S.rows["url-0"], "label.data_row()")
    same(label.created_by(), S.user, "label.created_by()")
    expect_eq(uids(S.rows["url-0"].labels()), [label.uid], "data_row.labels()")
    ours = [lb.uid for lb in S.labels.values()]
    expect_eq(sorted(uids(S.project.labels())), sorted(ours), "project.labels()")
    by_time = uids(S.project.labels(order_by=Label.seconds_to_label.desc))
    expect_eq(by_time, ours[::-1], "project.labels(order_by=seconds_to_label desc)")
    in_ds = uids(S.project.labels(datasets=[S.dataset], order_by=Label.seconds_to_label.asc))
    expect_eq(in_ds, ours, "project.labels(datasets=[dataset])")
    S.empty = S.client.create_dataset(name=f"compat-empty-{S.tag}", projects=S.project)
    expect_eq(uids(S.project.labels(datasets=[S.empty])), [], "labels of a dataset without labels")
    both = uids(S.project.labels(datasets=[S.dataset, S.empty]))
    expect_eq(sorted(both), sorted(ours), "project.labels(datasets=[two datasets])")
    label.update(label='{"objects": [], "updated": true}')
    expect_eq(label.label, '{"objects": [], "updated": true}', "label.update()")
    fresh = one(S.rows["url-0"].labels(), "data_row.labels() after update")
    expect_eq(fresh.label, '{"objects": [], "updated": true}', "label after update")
    project = S.client.get_project(S.project.uid)
    expect(isinstance(project.last_activity_time, datetime), "project.last_activity_time is set")


@step(labels)
def webhooks() -> None:
    """Webhook.create -> signed LABEL_CREATED/REVIEW_CREATED deliveries reach a local listener."""
    listener = HookListener()
    try:
        secret = f"s3cret-{S.tag}"
        topics = [Webhook.LABEL_CREATED]
        hook = Webhook.create(S.client, topics, listener.url, secret, S.project)
        expect(isinstance(hook, Webhook), "Webhook.create returns a Webhook")
        expect_eq(hook.url, listener.url, "webhook.url")
        expect_eq(hook.topics, topics, "webhook.topics")
        expect_eq(hook.status, Webhook.ACTIVE, "webhook.status")
        same(hook.project(), S.project, "webhook.project()")
        same(hook.organization(), S.org, "webhook.organization()")
        expect_eq(uids(S.project.webhooks()), [hook.uid], "project.webhooks()")
        expect(hook.uid in uids(S.org.webhooks()), "organization.webhooks() lists the webhook")

        label = new_label("url-3")
        delivery = listener.next(timeout=15)
        expect(delivery is not None, "no LABEL_CREATED POST reached the listener within 15 s")
        path, headers, body = delivery
        expect_eq(path, "/hook", "delivery path")
        signed = "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
        expect_eq(
            headers.get("X-Hub-Signature"), signed, "X-Hub-Signature = HMAC-SHA1(secret, body)"
        )
        payload = json.loads(body)
        expect(label.uid in body.decode(), f"the delivery names the new label: {payload!r}")
        records = emulator_deliveries(hook.uid, at_least=1)
        expect_eq([r.get("status_code") for r in records], [200], "recorded deliveries")

        both = [Webhook.LABEL_CREATED, Webhook.REVIEW_CREATED]
        hook.update(topics=both)
        expect_eq(hook.topics, both, "webhook.topics after update")
        review = new_review(label, 1)
        delivery = listener.next(timeout=15)
        expect(delivery is not None, "no REVIEW_CREATED POST reached the listener within 15 s")
        _, headers, body = delivery
        signed = "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
        expect_eq(headers.get("X-Hub-Signature"), signed, "signature of the review delivery")
        expect(review.uid in body.decode(), f"the delivery names the review: {body[:300]!r}")

        hook.update(url=listener.url + "?v=2")
        expect_eq(hook.url, listener.url + "?v=2", "webhook.url after update")
        hook.delete()
        expect_eq(hook.status, Webhook.INACTIVE, "webhook.status after delete()")
        new_label("url-3")
        late = listener.next(timeout=1.5)
        expect(late is None, f"an INACTIVE webhook must not deliver: {late!r}")
        raises(ValueError, "update(status='invalid')", lambda: hook.update(status="invalid"))
    finally:
        listener.close()


def emulator_deliveries(webhook_id: str, at_least: int) -> list[dict[str, Any]]:
    """The emulator's record of deliveries (GET /_emulator/webhook-deliveries, which lists
    those of the API key's organization) of a webhook."""
    base = S.endpoint.rsplit("/graphql", 1)[0]
    records: list[dict[str, Any]] = []
    auth = {"Authorization": f"Bearer {S.api_key}"}
    for _ in range(50):
        response = http_get(base + "/_emulator/webhook-deliveries", timeout=10, headers=auth)
        expect_eq(response.status_code, 200, "GET /_emulator/webhook-deliveries")
        records = [r for r in response.json() if r.get("webhook_id") == webhook_id]
        if len(records) >= at_least:
            break
        time.sleep(0.1)
    return records


@step(labels)
def reviews() -> None:
    """label.create_review(score=1); Review relationships, update, where filters."""
    label = S.labels["url-0"]
    S.review = review = new_review(label, 1)
    expect_eq(review.score, 1, "review.score")
    expect(isinstance(review.created_at, datetime), "review.created_at is a datetime")
    same(review.label(), label, "review.label()")
    same(review.project(), S.project, "review.project()")
    same(review.created_by(), S.user, "review.created_by()")
    same(review.organization(), S.org, "review.organization()")
    expect_eq(uids(label.reviews()), [review.uid], "label.reviews()")
    expect(review.uid in uids(S.project.reviews()), "project.reviews() lists the review")
    S.temp_review = temp = new_review(S.labels["url-1"], 0)
    temp.update(score=-1)
    S.scores[S.labels["url-1"].uid][temp.uid] = -1
    expect_eq(temp.score, -1, "review.update(score=-1)")
    expect_eq([r.score for r in S.labels["url-1"].reviews()], [-1], "score after update")
    new_review(S.labels["url-2"], 0)
    scored = {rid: sc for per in S.scores.values() for rid, sc in per.items()}
    positive = {rid for rid, sc in scored.items() if sc > 0}
    negative = {rid for rid, sc in scored.items() if sc < 0}
    expect_eq(set(uids(S.project.reviews(where=Review.score > 0))), positive, "where score > 0")
    expect_eq(set(uids(S.project.reviews(where=Review.score < 0))), negative, "where score < 0")
    raises(InvalidQueryError, "label.reviews(where=...) is not supported by the classic",
           lambda: label.reviews(where=Review.score > 0))  # fmt: skip


@step(reviews)
def review_metrics() -> None:
    """project.review_metrics(None / Negative / Zero / Positive) match the reviews."""
    expected = expected_review_metrics()
    expect(min(expected.values()) >= 1, f"every net score is represented: {expected}")
    check_review_metrics()
    raises(InvalidQueryError, "review_metrics(12)", lambda: S.project.review_metrics(12))


@step(labels)
def benchmarks() -> None:
    """label.create_benchmark, project.benchmarks(), benchmark.delete()."""
    expect_eq(uids(S.project.benchmarks()), [], "no benchmarks yet")
    label = S.labels["url-2"]
    bench = label.create_benchmark()
    expect(isinstance(bench, Benchmark), "create_benchmark returns a Benchmark")
    expect(isinstance(bench.created_at, datetime), "benchmark.created_at is a datetime")
    same(bench.reference_label(), label, "benchmark.reference_label()")
    same(bench.created_by(), S.user, "benchmark.created_by()")
    expect_eq(uids(S.project.benchmarks()), [bench.uid], "project.benchmarks()")
    fresh = one(S.rows["url-2"].labels(), "data_row.labels()")
    expect_eq(fresh.is_benchmark_reference, True, "is_benchmark_reference after create_benchmark")
    bench.delete()
    expect_eq(uids(S.project.benchmarks()), [], "project.benchmarks() after delete()")
    fresh = one(S.rows["url-2"].labels(), "data_row.labels()")
    expect_eq(fresh.is_benchmark_reference, False, "is_benchmark_reference after delete()")


@step(setup_with_ontology, data_rows_from_urls)
def labeling_parameter_overrides() -> None:
    """set/unset_labeling_parameter_overrides and project.labeling_parameter_overrides()."""
    a, b = S.rows["url-0"], S.rows["url-1"]

    def current() -> dict[str, tuple[int, int]]:
        out = {}
        for lpo in S.project.labeling_parameter_overrides():
            expect(isinstance(lpo, LabelingParameterOverride), "a LabelingParameterOverride")
            row = lpo.data_row()
            expect(isinstance(row, DataRow), f"override.data_row() is a DataRow: {row!r}")
            out[row.uid] = (lpo.priority, lpo.number_of_labels)
        return out

    expect_eq(current(), {}, "no overrides yet")
    expect_eq(S.project.set_labeling_parameter_overrides([(a, 2, 3), (b, 1, 1)]), True, "set")
    expect_eq(current(), {a.uid: (2, 3), b.uid: (1, 1)}, "overrides after set")
    expect_eq(S.project.set_labeling_parameter_overrides([(a, 5, 2)]), True, "set again")
    expect_eq(current(), {a.uid: (5, 2), b.uid: (1, 1)}, "overrides after re-set")
    expect_eq(S.project.unset_labeling_parameter_overrides([a]), True, "unset")
    expect_eq(current(), {b.uid: (1, 1)}, "overrides after unset")
    raises(
        ValueError, "priority 0", lambda: S.project.set_labeling_parameter_overrides([(a, 0, 1)])
    )


@step(setup_with_ontology, data_rows_from_urls)
def predictions() -> None:
    """create_prediction_model, create_prediction (active and explicit model)."""
    expect(S.project.active_prediction_model() is None, "no active prediction model yet")
    model = S.project.create_prediction_model("compat-model", 1)
    expect(isinstance(model, PredictionModel), "create_prediction_model returns a PredictionModel")
    expect_eq((model.name, model.version), ("compat-model", 1), "model name and version")
    same(S.project.active_prediction_model(), model, "project.active_prediction_model()")
    same(model.created_by(), S.user, "model.created_by()")
    same(model.organization(), S.org, "model.organization()")
    row = S.rows["url-1"]
    pred = S.project.create_prediction('{"objects": []}', row)
    expect(isinstance(pred, Prediction), "create_prediction returns a Prediction")
    expect_eq(pred.label, '{"objects": []}', "prediction.label")
    same(pred.prediction_model(), model, "prediction.prediction_model()")
    same(pred.data_row(), row, "prediction.data_row()")
    same(pred.project(), S.project, "prediction.project()")
    same(pred.organization(), S.org, "prediction.organization()")
    expect_eq(uids(model.created_predictions()), [pred.uid], "model.created_predictions()")
    model2 = S.project.create_prediction_model("compat-model", 2)
    same(S.project.active_prediction_model(), model2, "the newest model is active")
    pred2 = S.project.create_prediction('{"v": 2}', row)
    same(pred2.prediction_model(), model2, "prediction of the active model")
    pred3 = S.project.create_prediction('{"v": 1}', row, prediction_model=model)
    same(pred3.prediction_model(), model, "prediction with an explicit model")
    all_ids = sorted([pred.uid, pred2.uid, pred3.uid])
    expect_eq(sorted(uids(S.project.predictions())), all_ids, "project.predictions()")
    expect_eq(sorted(uids(row.predictions())), all_ids, "data_row.predictions()")
    expect_eq(uids(model2.created_predictions()), [pred2.uid], "model2.created_predictions()")
