"""`--all-clusters` over the real configurations of tests/fixtures/audit/configurations.json
(terraform-aws-eks v21.19.0, eksctl v0.230.0 managed and self-managed; each rule cites its
repository, file, tag and key), rebuilt as EKS clusters in two accounts and two regions: each
cluster's section must be exactly what `eks-sg audit --cluster NAME --sg node=...` says of it
(tests/audit/test_audit_configurations.py judges that audit against EC2's own union rule).

The eksctl self-managed nodes carry two groups on one interface, found only through the
interfaces of the subnet tagged for the cluster.
"""

from __future__ import annotations

import json

import pytest
from aws_tools import moto_server
from helpers import FIXTURES
from moto_clusters import ROLE, env_keys, hooked_session, make_configured

from gen.aws import clusters, live
from gen.cli import main as cli

pytestmark = pytest.mark.moto
DATA = json.loads((FIXTURES / "audit" / "configurations.json").read_text())
A, B = "444444444444", "555555555555"
WORLD = [  # account, region, cluster, configuration, eks-sg/with tag
    (A, "us-east-1", "tf-defaults", "terraform-aws-eks-v21.19.0-defaults", "istio"),
    (A, "eu-west-1", "tf-broad", "terraform-aws-eks-v21.19.0-all-from-10/8", None),
    (B, "us-east-1", "eksctl-managed", "eksctl-v0.230.0-managed", "managed-nodes-cluster-sg+istio"),
    (B, "eu-west-1", "eksctl-self", "eksctl-v0.230.0-self-managed", "istio"),
]


@pytest.fixture(scope="module")
def world():
    with moto_server() as url:
        made = {}
        for account, region, name, config, tag in WORLD:
            tags = {"eks-sg/with": tag} if tag else {}
            made[name] = make_configured(url, account, region, name, DATA, config, tags)
        yield url, made


def _env(monkeypatch, url: str) -> None:
    monkeypatch.setattr(clusters, "session", hooked_session)
    monkeypatch.setattr(live, "session", hooked_session)
    for name, value in {"AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "test",
                        "AWS_SECRET_ACCESS_KEY": "test", "AWS_CONFIG_FILE": "/dev/null",
                        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)


def test_every_real_configuration_gets_the_verdict_of_its_own_audit(world, monkeypatch, capsys):
    url, made = world
    _env(monkeypatch, url)
    args = ["audit", "--all-clusters", "--region=us-east-1", "--region=eu-west-1",
            "--role-arn", ROLE.format(account="ACCOUNT"), f"--account={A}", f"--account={B}",
            "--format", "json"]  # fmt: skip
    code = cli.main(args)
    org = json.loads(capsys.readouterr().out)
    assert sorted(s["cluster"] for s in org["clusters"]) == sorted(n for _, _, n, _, _ in WORLD)
    codes = []
    for section in org["clusters"]:
        cluster, extra = made[section["cluster"]]
        for name, value in env_keys(cluster.keys, cluster.region).items():
            monkeypatch.setenv(name, value)
        # The node groups in the order the organisation audit uses (sorted: EC2 gives an
        # interface's groups in no set order, and the first is where fixes go).
        nodes = [f"--sg=node={sg}" for sg in sorted(extra["nodes"].split(","))]
        setup = [f"--with={','.join(section['setup'])}"] if section["setup"] else []
        codes.append(cli.main(["audit", "--cluster", cluster.name, *nodes, *setup,
                               "--format", "json"]))  # fmt: skip
        alone = json.loads(capsys.readouterr().out)
        assert section["report"] == alone, section["cluster"]
        assert section["exit_code"] == codes[-1]
    assert code == max(codes)
    broad = next(s for s in org["clusters"] if s["cluster"] == "tf-broad")["report"]["broad"]
    assert [b["live"]["peer"] for b in broad] == ["10.0.0.0/8"]  # the user's all-from-10/8 rule
    self_managed = next(s for s in org["clusters"] if s["cluster"] == "eksctl-self")
    assert len(self_managed["report"]["interfaces"]["node"]) == 2  # both groups, together
