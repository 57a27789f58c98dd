"""data/schema.json: the JSON Schema of data/reference.yaml, made from gen/reference/model.py."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from gen.formats import paths
from gen.formats.labels import BANNER
from gen.reference.model import Reference

PATH = paths.SCHEMA


def schema() -> dict:
    """The schema, with the banner where JSON Schema allows a comment."""
    body = Reference.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": BANNER.replace("data/reference.yaml", "gen/reference/model.py"),
        **body,
    }


def render(ref: Reference) -> dict[PurePosixPath, str]:
    """The schema depends on the model only; `ref` is taken for the common signature."""
    return {PATH: json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"}
