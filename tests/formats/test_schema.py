"""data/schema.json is generated from the model and committed: it must match and accept the data."""

from __future__ import annotations

import json

import jsonschema
import yaml
from helpers import DATA, ROOT

from gen.formats import schema


def test_committed_schema_is_the_generated_one() -> None:
    committed = (ROOT / schema.PATH).read_text(encoding="utf-8")
    assert committed == schema.render(None)[schema.PATH], (
        "data/schema.json is out of date: run `eks-sg build`"
    )


def test_schema_accepts_the_real_data() -> None:
    """An editor using the schema (yaml-language-server) sees no error in the real file."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as strings, as JSON has them
    jsonschema.validate(data, schema.schema())


def test_schema_rejects_unknown_keys_and_bad_protocols() -> None:
    data = json.loads(json.dumps(yaml.safe_load(DATA.read_text(encoding="utf-8")), default=str))
    data["rules"][0]["protocol"] = "icmp4"
    errors = list(jsonschema.Draft202012Validator(schema.schema()).iter_errors(data))
    assert any("icmp4" in e.message for e in errors)


def test_schema_documents_every_field() -> None:
    """Each field's docstring reaches the schema, so editors show it on hover."""
    definitions = schema.schema()["$defs"]
    undocumented = [
        f"{name}.{field}"
        for name, model in definitions.items()
        for field, spec in model.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert undocumented == []


def test_data_file_points_editors_at_the_schema() -> None:
    first = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"
