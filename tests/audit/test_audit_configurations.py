"""Real configurations rebuilt in moto, rule by rule from their sources
(tests/fixtures/audit/configurations.json cites the repository, file, tag and rule key of each),
with the EKS cluster group as EKS creates it before and since Kubernetes 1.33; each audited
live (real boto3 against moto) and from the real AWS CLI's saved snapshot, with several setups.

The audit's missing halves must be exactly what an independent judge (tests/ec2_judge.py:
EC2's union rule over the raw describe-security-group-rules items) finds for every flow the
setup needs: no false alarm, no false all-clear.
"""

from __future__ import annotations

import json
import subprocess

import jsonschema
import pytest
from aws_tools import FAKE_CREDENTIALS, aws_executable, cli_env, moto_server
from ec2_judge import End, blocked
from helpers import FIXTURES
from moto_groups import _client

from gen.audit.schema import REPORT
from gen.cli import main as cli
from gen.select import Setup, select

pytestmark = pytest.mark.moto
DATA = json.loads((FIXTURES / "audit" / "configurations.json").read_text())
CONFIGS = sorted(DATA["configurations"])
VERSIONS = ("1.32", "1.33")
SETUPS = ((), ("istio",), ("aws-load-balancer-controller",))
VPC_CIDR = "10.0.0.0/16"
TF_DEFAULTS = "terraform-aws-eks-v21.19.0-defaults"
NODE_ALL_SELF = ("node", "node", "all", "all", "ingress")


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


def _permission(rule: dict, ids: dict[str, str], own: str) -> dict:
    perm: dict = {"IpProtocol": rule["protocol"]}
    if rule["protocol"] != "-1":
        perm |= {"FromPort": rule["from"], "ToPort": rule["to"]}
    peer = rule["peer"]
    if "group" in peer:
        perm["UserIdGroupPairs"] = [
            {"GroupId": own if peer["group"] == "self" else ids[peer["group"]]}
        ]
    else:
        perm["IpRanges"] = [{"CidrIp": peer["cidr"]}]
    return perm


def build(endpoint: str, name: str, version: str) -> dict[str, str]:
    """The configuration's groups in a new VPC, as their creators leave them: name -> sg id."""
    config, ec2 = DATA["configurations"][name], _client(endpoint)
    vpc = ec2.create_vpc(CidrBlock=VPC_CIDR)["Vpc"]["VpcId"]
    ids = {g: ec2.create_security_group(GroupName=f"{g}-{name}-{version}"[:255], Description=g,
                                        VpcId=vpc)["GroupId"] for g in config["groups"]}  # fmt: skip
    rules = list(config["rules"])
    for group, spec in config["groups"].items():
        if not spec["default_egress"]:  # Terraform's aws_security_group removes EC2's default
            ec2.revoke_security_group_egress(GroupId=ids[group], IpPermissions=[
                {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])  # fmt: skip
        if spec.get("eks_cluster_group"):
            eks = DATA["eks_cluster_group"]
            extra = eks["rules"] + (eks["since_1_33"] if version >= "1.33" else [])
            rules += [{**r, "group": group} for r in extra]
    for rule in rules:
        if (
            rule["type"] == "egress"
            and rule["protocol"] == "-1"
            and rule["peer"].get("cidr") == "0.0.0.0/0"
            and config["groups"][rule["group"]]["default_egress"]
        ):
            continue  # EC2's default egress: already there
        call = ec2.authorize_security_group_ingress if rule["type"] == "ingress" else (
            ec2.authorize_security_group_egress)  # fmt: skip
        call(GroupId=ids[rule["group"]], IpPermissions=[_permission(rule, ids, ids[rule["group"]])])
    return ids


def sg_args(name: str, ids: dict[str, str]) -> list[str]:
    groups = DATA["configurations"][name]["groups"]
    return [f"--sg={role}={ids[g]}" for g, spec in groups.items() for role in spec["roles"]
            if not (role == "node" and "cluster" in spec["roles"])]  # fmt: skip


def setup_args(name: str, setup: tuple[str, ...]) -> list[str]:
    groups = DATA["configurations"][name]["groups"].values()
    shared = any({"cluster", "node"} <= set(g["roles"]) for g in groups)
    categories = [*setup, *(["managed-nodes-cluster-sg"] if shared else [])]
    return [f"--with={c}" for c in categories]


def run_audit(monkeypatch, capsys, *args: str) -> tuple[int, dict]:
    for key, value in {**FAKE_CREDENTIALS}.items():
        monkeypatch.setenv(key, value)
    code = cli.main(["audit", "--format", "json", *args])
    out = capsys.readouterr().out
    report = json.loads(out)
    jsonschema.Draft202012Validator(REPORT).validate(report)
    return code, report


def _ports(protocol: str, low: int, high: int) -> str:
    if protocol == "all":
        return "all"
    if protocol in ("icmp", "icmpv6"):
        return f"type {'any' if low == -1 else low} code {'any' if high == -1 else high}"
    return str(low) if low == high else f"{low}-{high}"


def judged(ref, name: str, ids: dict[str, str], setup: tuple[str, ...], items: list[dict]):
    """The halves the independent judge finds blocked, for every rule the setup needs."""
    groups = DATA["configurations"][name]["groups"]
    by_role: dict[str, set[str]] = {}
    for g, spec in groups.items():
        for role in spec["roles"]:
            by_role.setdefault(role, set()).add(ids[g])
    # The control plane's interfaces carry the cluster group and every additional group.
    plane = by_role.get("cluster", set()) | by_role.get("control-plane", set())
    ends = {role: End(role, frozenset(sgs), (VPC_CIDR,)) for role, sgs in by_role.items()}
    for role in ("cluster", "control-plane"):
        ends[role] = End(role, frozenset(plane), (VPC_CIDR,))
    categories = [a.split("=", 1)[1] for a in setup_args(name, setup)]
    selection = select(ref, Setup(tuple(categories)))
    needed = {r.id for r in selection.rules} | {c.rule.id for c in selection.covered}
    found = set()
    for rule in (r for r in ref.rules if r.id in needed):
        here = ends[rule.group]
        other = (
            ends[rule.peer_role]
            if rule.peer_role
            else End(str(rule.network), addresses=(str(rule.network),))
        )
        low, high = (0, 65535) if rule.protocol == "all" else rule.port_range[:2]
        source, dest = (other, here) if rule.direction == "inbound" else (here, other)
        for half in blocked(items, source, dest, rule.protocol, low, high):
            found.add(
                (source.name, dest.name, rule.protocol, _ports(rule.protocol, low, high), half)
            )
    return found


def _missing(report: dict) -> set[tuple]:
    return {(m["flow"]["from"], m["flow"]["to"], m["flow"]["protocol"], m["flow"]["ports"], m["half"])
            for m in report["missing"]}  # fmt: skip


def _snapshot(endpoint: str, ids: dict[str, str], path) -> list[dict]:
    out = subprocess.run(
        [aws_executable(), "ec2", "describe-security-group-rules", "--output", "json",
         "--filters", f"Name=group-id,Values={','.join(ids.values())}"],
        env=cli_env(endpoint), capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    path.write_text(out)
    return json.loads(out)["SecurityGroupRules"]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", CONFIGS)
def test_the_audit_agrees_with_the_independent_judge(endpoint, ref, name, version, monkeypatch,
                                                     capsys, tmp_path) -> None:  # fmt: skip
    ids = build(endpoint, name, version)
    items = _snapshot(endpoint, ids, tmp_path / "snapshot.json")
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    found: dict[tuple[str, ...], set[tuple]] = {}
    for setup in SETUPS:
        args = [*setup_args(name, setup), *sg_args(name, ids)]
        code, report = run_audit(monkeypatch, capsys, *args)  # live: the VPC's CIDR from EC2
        expected = judged(ref, name, ids, setup, items)
        assert _missing(report) == expected, (name, version, setup)
        assert code == (1 if expected else 0)
        saved = run_audit(monkeypatch, capsys, *args, "--input", str(tmp_path / "snapshot.json"),
                          f"--param=vpc-cidr={VPC_CIDR}")  # fmt: skip
        assert saved == (code, report)
        found[setup] = _missing(report)
        # Working clusters: no false alarm. On terraform-aws-eks defaults the only baseline
        # finding is node-in-all-self, which the data has in `minimum` while the module's nodes
        # work without it (issue 19, point 4: the data moves it to `recommended`).
        if name == TF_DEFAULTS and setup == ("istio",):
            assert found[setup] - found[()] == {
                ("control-plane", "node", "tcp", "15017", "ingress")
            }
            (webhook,) = [m for m in report["missing"] if m["flow"]["ports"] == "15017"]
            node = DATA["configurations"][name]["groups"]["node"]
            assert node["roles"] == ["node"]
            assert (webhook["role"], webhook["sg"], webhook["rule"]) == (
                "node", ids["node"], "node-in-istio-webhook-from-control-plane"
            )  # fmt: skip
        else:
            assert found[setup] <= ({NODE_ALL_SELF} if name == TF_DEFAULTS else set())
