"""gen/discover/kube.py, kubectl's JSON read at the boundary: names and ports that Kubernetes
itself would refuse are input errors naming the file and the item (exit 2, never a
traceback, never a fix for a port AWS refuses), every wrong item in one run; and text from
the cluster reaches no output raw (ESC, a bidi override)."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import FIXTURES, eks_sg

DEMO = FIXTURES / "discover" / "demo.json"
AWS = FIXTURES / "discover" / "aws"
INPUTS = [f"--input={AWS / n}" for n in ("cluster.json", "enis.json", "groups.json", "rules.json")]


def _changed(tmp_path: Path, change) -> str:
    """demo.json (tests/fixtures/discover/build.py's cluster) with its items changed."""
    data = json.loads(DEMO.read_text())
    change(data["items"])
    path = tmp_path / "k.json"
    path.write_text(json.dumps(data))
    return str(path)


def _discover(path: str, *args: str):
    return eks_sg("discover", "--kubernetes", path, *INPUTS, *args)


def test_a_service_name_kubernetes_would_refuse_is_an_input_error(tmp_path) -> None:
    """`{{resolve:...}}` in a name once reached a CloudFormation fix and ended in a traceback."""

    def change(items: list) -> None:
        items[0]["webhooks"][0]["clientConfig"]["service"]["name"] = "{{resolve:ssm:p}}"
        items[2]["metadata"]["name"] = "{{resolve:ssm:p}}"

    result = _discover(_changed(tmp_path, change), "--format", "json")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("eks-sg: error: ")
    assert (
        "k.json: items[0] (MutatingWebhookConfiguration istio-sidecar-injector): the service "
        'name "{{resolve:ssm:p}}" is not a Kubernetes name'
    ) in lines[0]
    assert "items[2] (Service istio-system/{{resolve:ssm:p}}): name " in lines[1]


def test_an_endpoint_port_out_of_range_is_an_input_error(tmp_path) -> None:
    def change(items: list) -> None:
        items[4]["ports"][2]["port"] = 70000
        items[10]["ports"][0]["port"] = True

    result = _discover(_changed(tmp_path, change))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split("k.json: ", 1)[1] for line in lines] == [
        "items[4] (EndpointSlice istio-system/istiod-7xk2p): port 70000 is not a port 1-65535",
        "items[10] (EndpointSlice kube-system/aws-load-balancer-webhook-service-7xk2p): port "
        "true is not a port 1-65535",
    ]


def test_a_field_of_the_wrong_shape_is_said_in_words(tmp_path) -> None:
    def change(items: list) -> None:
        items[2]["spec"]["ports"] = "443"

    result = _discover(_changed(tmp_path, change))
    assert result.returncode == 2
    assert "items[2] (Service istio-system/istiod): a field of the wrong shape" in result.stderr
    assert "object has no attribute" not in result.stderr


def test_text_from_the_cluster_reaches_markdown_and_sarif_escaped(tmp_path) -> None:
    hostile = "evil\x1b[2J\x1b[31mRED\u202eoi"

    def change(items: list) -> None:
        items[0]["webhooks"][0]["name"] = hostile

    path = _changed(tmp_path, change)
    markdown = _discover(path, "--format", "markdown")
    assert markdown.returncode == 1, markdown.stderr
    assert "evil" in markdown.stdout
    assert "\x1b" not in markdown.stdout
    assert "\u202e" not in markdown.stdout
    assert "\\x1b" in markdown.stdout
    sarif = _discover(path, "--format", "sarif")
    texts = [r["message"]["text"] for r in json.loads(sarif.stdout)["runs"][0]["results"]]
    assert any("evil" in t for t in texts)
    assert not [t for t in texts if "\x1b" in t or "\u202e" in t]
