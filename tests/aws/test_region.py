"""Which region the audit's boto3 session uses (issue 24, item 17): docs/audit.md says what
boto3 reads, and this checks it against boto3 itself (no network: only the session's config)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT

from gen.aws import live

REGION_VARIABLES = ("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_CONFIG_FILE")


@pytest.fixture
def clean_env(monkeypatch, tmp_path: Path) -> Path:
    for name in REGION_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "config"
    config.write_text("[default]\nregion = eu-west-3\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    return config


def test_the_region_comes_from_aws_default_region(clean_env, monkeypatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-south-2")
    assert live.session().region_name == "ap-south-2"


def test_else_from_the_profile_in_the_config_file(clean_env) -> None:
    assert live.session().region_name == "eu-west-3"


def test_aws_region_alone_is_not_read(clean_env, monkeypatch) -> None:
    """What docs/audit.md warns about: AWS_REGION (the AWS CLI v2's and the SDKs' variable)
    does not reach boto3, so the profile's region is used."""
    monkeypatch.setenv("AWS_REGION", "us-west-2")
    assert live.session().region_name == "eu-west-3"


def test_the_audit_page_documents_what_boto3_reads() -> None:
    page = (ROOT / "docs" / "audit.md").read_text(encoding="utf-8")
    assert "the region from AWS_DEFAULT_REGION, else the\n# profile's `region`" in page
    assert "boto3 does not read AWS_REGION" in page
    assert "region (AWS_REGION)" not in page
