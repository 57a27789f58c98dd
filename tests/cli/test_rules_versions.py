"""Issue 25 point 3: `eks-sg rules --with PRODUCT@VERSION` picks the rules a release needs,
and every output says which releases a rule is for.

The expected rules are written here from the upstream facts (issue 25 and ../shared/REFERENCE.md,
"Audit of 2026-12-01"), as ports between roles, never computed by the code under test:

- Karpenter (F1, charts/karpenter/values.yaml per tag): the webhook on 8443 is always on in
  v0.6.0-0.31.x (no switch; read 2026-12-03), on in v0.32.x,
  off in v0.33.0-0.33.7, 0.34.0-0.34.8, 0.35.0-0.35.7, 0.36.0-0.36.4, 0.37.0-0.37.2, on again
  from 0.33.8, 0.34.9, 0.35.8, 0.36.5, 0.37.3 (#6900), on in every v1.0.x (conversion
  webhooks), gone in v1.1.0.
- metrics-server: --secure-port 4443 in v0.5.2 to v0.6.x, 10250 from v0.7.0 (the kubelet's
  port, which the baseline opens already).
- cert-manager's chart: webhook.securePort 10250 (from v0.12.0; v0.11 used 6443); the EKS add-on 10260.
- The EKS cluster group's outbound rule to itself: groups created on Kubernetes 1.33 or later.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re

import hcl_tools
import pytest
import yaml
from helpers import FIXTURES, eks_sg

from gen.cli import main as cli
from gen.reference.model import EC2_DESCRIPTION_CHARS, Reference

WEBHOOK_8443 = {("node", "inbound", "tcp", 8443, "control-plane"),
                ("control-plane", "outbound", "tcp", 8443, "node")}  # fmt: skip
METRICS_4443 = {("node", "inbound", "tcp", 4443, "control-plane"),
                ("control-plane", "outbound", "tcp", 4443, "node")}  # fmt: skip
KUBELET_10250 = {("node", "inbound", "tcp", 10250, "control-plane"),
                 ("control-plane", "outbound", "tcp", 10250, "node")}  # fmt: skip
CERT_MANAGER_ADDON_10260 = {("node", "inbound", "tcp", 10260, "control-plane")}
CLUSTER_SELF = ("cluster", "outbound", "all", None, "self")


def run(*args: str) -> tuple[int, str, str]:
    """`eks-sg ARGS` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def needed(ref: Reference, *words: str) -> set[tuple]:
    """(group, direction, protocol, port, peer) of every rule the setup needs: the ones to add
    and the ones the groups already allow (covered), from `--format json`."""
    code, out, err = run("rules", "--with", ",".join(words), "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    by_id = {r.id: r for r in ref.rules}
    shapes = {(r["group"], r["direction"], r["protocol"], r["from_port"], r["peer"])
              for r in found["rules"]}  # fmt: skip
    for covered in found["covered"]:
        rule = by_id[covered["id"]]
        port = None if rule.protocol == "all" else rule.port_range.low
        shapes.add((rule.group, rule.direction, rule.protocol, port, rule.peer))
    return shapes


KARPENTER = [
    ("0.32.0", True), ("0.32.10", True), ("0.33.0", False), ("0.33.7", False), ("0.33.8", True),
    ("0.33.9", True), ("0.34.0", False), ("0.34.8", False), ("0.34.9", True), ("0.35.0", False),
    ("0.35.7", False), ("0.35.8", True), ("0.36.0", False), ("0.36.4", False), ("0.36.5", True),
    ("0.37.0", False), ("0.37.2", False), ("0.37.3", True), ("0.37.10", True), ("1.0.0", True),
    ("1.0.3", True), ("v1.0.9", True), ("1.1.0", False), ("1.1", False), ("1.6.2", False),
]  # fmt: skip


@pytest.mark.parametrize(("version", "webhook"), KARPENTER, ids=[v for v, _ in KARPENTER])
def test_karpenter_needs_8443_exactly_where_its_chart_turns_the_webhook_on(
    ref: Reference, version: str, webhook: bool
) -> None:
    assert (needed(ref, f"karpenter@{version}") >= WEBHOOK_8443) is webhook
    if not webhook:
        assert not WEBHOOK_8443 & needed(ref, f"karpenter@{version}")


@pytest.mark.parametrize(
    ("version", "port"), [("0.5.2", 4443), ("0.6.4", 4443), ("0.7.0", 10250), ("0.7.2", 10250)]
)
def test_metrics_server_moves_from_4443_to_10250_at_0_7_0(ref, version, port) -> None:
    shapes = needed(ref, f"metrics-server@{version}")
    assert shapes >= KUBELET_10250  # the baseline's either way
    assert bool(METRICS_4443 & shapes) is (port == 4443)
    assert shapes >= METRICS_4443 or port == 10250


@pytest.mark.parametrize("version", ["1.5.0", "1.16.2"])
def test_cert_manager_from_its_chart_needs_only_the_kubelet_port(ref, version) -> None:
    shapes = needed(ref, f"cert-manager@{version}")
    assert shapes >= KUBELET_10250
    assert not CERT_MANAGER_ADDON_10260 & shapes
    assert needed(ref, "cert-manager-eks-addon") >= CERT_MANAGER_ADDON_10260


@pytest.mark.parametrize(("version", "has"), [("1.32", False), ("1.32.9", False), ("1.33", True)])
def test_the_cluster_group_has_its_self_rule_from_1_33(ref, version, has) -> None:
    assert (CLUSTER_SELF in needed(ref, f"kubernetes@{version}")) is has


def test_without_a_version_a_category_keeps_its_meaning(ref) -> None:
    """`--with karpenter`: a release whose webhook is on (the help says so)."""
    assert needed(ref, "karpenter") >= WEBHOOK_8443
    assert needed(ref, "metrics-server-legacy") >= METRICS_4443
    result = eks_sg("rules", "--help")
    assert result.returncode == 0
    flat = " ".join(result.stdout.split())
    assert "--with karpenter is a release whose webhook is on" in flat
    assert "PRODUCT@VERSION (the category that release needs, or none" in flat


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("karpenter@0.5.1", "--with karpenter@0.5.1: karpenter releases before 0.6.0 were not "
         "checked, so the reference cannot say what 0.5.1 needs; karpenter releases the "
         "reference knows: 0.6.0-0.32.x: category karpenter; 0.33.0-0.33.7: no rule of its own"),
        ("karpenter@latest", "'latest' is not a release number such as 1.0.3; karpenter "
         "releases the reference knows: 0.6.0-0.32.x: category karpenter;"),
        ("metrics-server@0.5.1", "metrics-server releases before 0.5.2 were not checked"),
        ("cert-manager@0.11.9", "cert-manager releases before 0.12.0 were not checked"),
        ("nginx@1.0", "'nginx' is not a versioned product; versioned: cert-manager, karpenter, "
         "kubernetes, metrics-server"),
        ("istio@1.24", "istio has no versions in the reference (its rules are the same for "
         "every release): give --with istio"),
        ("karpenter,karpenter@1.0.3", "--with karpenter and karpenter@1.0.3 both name karpenter"),
        ("karpenter@1.0.3,karpenter@0.32.0", "both name karpenter"),
        ("kubernetes", "--with kubernetes needs a release: kubernetes@VERSION"),
        ("karpenter@", "'' is not a release number"),
    ],
)  # fmt: skip
def test_a_release_the_reference_cannot_answer_is_a_usage_error(words, message) -> None:
    code, out, err = run("rules", "--with", words)
    assert (code, out) == (2, "")
    assert message in err, err


def test_every_bad_release_is_reported_in_one_run() -> None:
    code, _, err = run("rules", "--with", "karpenter@0.1,nginx@2,metrics-server@x")
    assert code == 2
    assert err.count("eks-sg: error:") == 1
    for part in ("--with karpenter@0.1:", "--with 'nginx@2':", "--with 'metrics-server@x':"):
        assert part in err


def test_user_text_in_a_version_error_is_escaped() -> None:
    code, _, err = run("rules", "--with", "karpenter@1.0\x1b[31m")
    assert code == 2
    assert "\x1b" not in err
    assert "\\x1b" in err


def test_audit_and_the_organisation_take_releases_through_the_same_parser() -> None:
    code, _, err = run("audit", "--with", "karpenter@0.2", "--sg", "node=sg-0123456789abcdef0",
                       "--input", "nothing.json")  # fmt: skip
    assert code == 2
    assert "karpenter releases before 0.6.0 were not checked" in err
    code, _, err = run("audit", "--all-clusters", "--region", "us-east-1", "--with", "nginx@1")
    assert code == 2
    assert "'nginx' is not a versioned product" in err


# --- every format says which releases a rule is for ----------------------------------------

NOTE = "karpenter 1.0.x"
RULE = "node-in-webhook-8443-from-control-plane"
EC2_TEXT = re.compile(f"[{EC2_DESCRIPTION_CHARS}&]*")


def rules_out(fmt: str, *more: str) -> str:
    code, out, err = run("rules", "--with", "istio,karpenter@1.0.3", "--format", fmt, *more)
    assert code == 0, err
    return out


def test_json_says_the_release_and_the_releases_each_rule_is_for() -> None:
    found = json.loads(rules_out("json"))
    assert found["setup"]["releases"] == [
        {"product": "karpenter", "version": "1.0.3", "category": "karpenter",
         "range": "karpenter 1.0.x"}
    ]  # fmt: skip
    notes = {r["id"]: r["for_releases"] for r in found["rules"]}
    assert notes[RULE] == NOTE
    assert notes["node-in-istio-webhook-from-control-plane"] is None  # istio: every release
    assert notes["node-in-kubelet-from-control-plane"] is None  # the baseline needs it too
    by_id = {r["id"]: r for r in found["rules"]}
    assert by_id[RULE]["description"].endswith("; for karpenter 1.0.x")


def test_the_csv_has_a_for_releases_column() -> None:
    rows = list(csv.DictReader(io.StringIO(rules_out("csv"))))
    notes = {row["rule_id"]: row["for_releases"] for row in rows}
    assert notes[RULE] == NOTE
    assert {n for r, n in notes.items() if r != RULE} == {""}


def test_the_table_and_markdown_say_the_release_and_the_rule_is_for() -> None:
    table = rules_out("table", "--wide")
    assert "karpenter 1.0.3: category karpenter (karpenter 1.0.x)" in table.splitlines()[1]
    row = next(line for line in table.splitlines() if line.startswith(RULE))
    assert row.endswith("; for karpenter 1.0.x")
    assert "--with istio,karpenter@1.0.3 --format aws-cli" in table
    markdown = rules_out("markdown")
    assert "- karpenter 1.0.3: category karpenter (karpenter 1.0.x)" in markdown
    row = next(line for line in markdown.splitlines() if f"`{RULE}`" in line)
    assert "; for karpenter 1.0.x" in row


def test_the_script_says_it_in_comments_and_takes_the_category() -> None:
    lines = rules_out("aws-cli").splitlines()
    at = lines.index("default_with='istio,karpenter'")
    assert lines[at - 1] == "# karpenter 1.0.3: category karpenter (karpenter 1.0.x)"
    lines = rules_out("aws-cli", "--with", "metrics-server").splitlines()  # unversioned word
    assert "# metrics-server: for metrics-server 0.7.0 and later" in " ".join(lines)


def test_a_release_that_needs_no_rule_says_so() -> None:
    code, out, _ = run("rules", "--with", "karpenter@1.1.0", "--format", "aws-cli")
    assert code == 0
    lines = out.splitlines()
    at = lines.index("default_with=''")
    assert lines[at - 1] == ("# karpenter 1.1.0: no rule of its own (karpenter 1.1.0 and later)")


def test_terraform_descriptions_carry_the_note_in_ec2_characters() -> None:
    parsed = hcl_tools.loads(rules_out("terraform"))
    rules = {name: body for block in parsed["resource"] for named in block.values()
             for name, body in named.items()}  # fmt: skip
    description = rules[RULE.replace("-", "_")]["description"]
    assert description.endswith("; for karpenter 1.0.x")
    assert EC2_TEXT.fullmatch(description)
    assert len(description) <= 255
    assert rules_out("terraform").startswith(
        "# Generated by: eks-sg rules --with istio,karpenter@1.0.3 --format terraform\n"
    )


def test_cloudformation_and_terraform_aws_eks_descriptions_carry_it_too() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!Ref", lambda loader, node: loader.construct_scalar(node))
    template = yaml.load(rules_out("cloudformation"), Loader=Loader)  # noqa: S506 (SafeLoader)
    described = template["Resources"]["NodeInWebhook8443FromControlPlane"]["Properties"]
    assert described["Description"].endswith("; for karpenter 1.0.x")
    assert EC2_TEXT.fullmatch(described["Description"])
    text = rules_out("terraform-aws-eks", "--no-recommended-rules")
    assert "; for karpenter 1.0.x" in text


def test_list_names_the_releases_and_what_each_needs() -> None:
    code, out, _ = run("rules", "--list")
    assert code == 0
    lines = out.splitlines()
    start = lines.index("Releases (--with PRODUCT@VERSION picks the category a release needs):")
    at = lines.index("karpenter", start)
    assert lines[at + 1 : at + 4] == [
        "    karpenter 0.6.0-0.32.x: category karpenter",
        "    karpenter 0.33.0-0.33.7: no rule of its own",
        "    karpenter 0.33.8-0.33.x: category karpenter",
    ]
    assert "    for: karpenter 0.6.0-0.32.x or 0.33.8-0.33.x or 0.34.9-0.34.x" in out


CHART = json.loads((FIXTURES / "upstream" / "karpenter-chart.json").read_text(encoding="utf-8"))
"""aws/karpenter-provider-aws charts/karpenter/values.yaml per tag: `webhook.enabled` and
`webhook.port` and the `webhook:` block's lines, read with `git show TAG:PATH` (the README there)."""
CHART_TAGS = sorted(CHART["tags"])


@pytest.mark.parametrize("tag", CHART_TAGS)
def test_karpenter_releases_follow_their_own_chart(ref: Reference, tag: str) -> None:
    """The judge is the chart's own values at that tag: `webhook.enabled` and `webhook.port`
    say whether the API server calls the nodes, and on which port."""
    webhook = CHART["tags"][tag]["webhook"] or {}
    shapes = needed(ref, f"karpenter@{tag.removeprefix('v')}")
    inbound = {s for s in shapes if s[:3] == ("node", "inbound", "tcp") and s[4] == "control-plane"}
    if webhook and webhook["enabled"] is not False:  # None: no switch, always on (before v0.32)
        assert ("node", "inbound", "tcp", webhook["port"], "control-plane") in inbound
    else:
        assert not {s for s in inbound if s[3] == 8443}


@pytest.mark.parametrize("tag", CHART_TAGS)
def test_the_recorded_webhook_values_are_those_of_the_quoted_lines(tag: str) -> None:
    """The recorded values and the recorded `webhook:` block say the same (v1.1.0 has neither)."""
    facts = CHART["tags"][tag]
    block = yaml.safe_load("\n".join(facts["webhook_lines"].values())) or {}
    said = block.get("webhook")
    quoted = None if said is None else {"enabled": said.get("enabled"), "port": said["port"]}
    assert quoted == facts["webhook"]


SNAPSHOT = ["--sg", "cluster=sg-03a4ad6c4ef6a08da", "--sg", "control-plane=sg-f7751dcf51307f6b0",
            "--sg", "node=sg-252a5a6a3678a6f37",
            "--input", str(FIXTURES / "audit" / "snapshot.json")]  # fmt: skip


@pytest.mark.parametrize(("version", "webhook"), [("1.0.3", True), ("1.1.0", False)])
def test_the_audit_judges_the_flows_the_release_needs(version: str, webhook: bool) -> None:
    """The saved groups of fixtures/audit (node inbound 1025-65535 from the control plane):
    with Karpenter 1.0.x the audit weighs the 8443 webhook flow against them, from 1.1 not."""
    code, out, err = run("audit", "--with", f"istio,karpenter@{version}", *SNAPSHOT,
                         "--format", "json")  # fmt: skip
    assert code in (0, 1), err
    assert ("node-in-webhook-8443-from-control-plane" in out) is webhook


def test_a_tag_with_a_release_the_reference_cannot_answer_is_that_clusters_setup_error(
    ref: Reference,
) -> None:
    from gen.audit import organisation
    from gen.aws import clusters

    cluster = clusters.Cluster("111111111111", "us-east-1", "web", "arn:web", "sg-1", (), (),
                               tags={"eks-sg/with": "istio+karpenter@0.1"})  # fmt: skip
    setup = organisation.setup_of(cluster, {}, ())
    made = organisation.section(
        ref, clusters.Account(clusters.Target("us-east-1"), {}, "111111111111"), cluster, setup, {}
    )
    assert made.error_kind == "setup"
    assert "karpenter releases before 0.6.0 were not checked" in made.error


CERT_MANAGER = json.loads(
    (FIXTURES / "upstream" / "cert-manager-chart.json").read_text(encoding="utf-8")
)
"""cert-manager/cert-manager: the webhook's port per chart tag, and the line saying it, read
with `git show TAG:PATH` (tests/fixtures/upstream/README.md)."""


@pytest.mark.parametrize("tag", sorted(CERT_MANAGER["tags"]))
def test_cert_manager_releases_follow_their_own_chart(ref: Reference, tag: str) -> None:
    """The judge is the chart at that tag: a release whose webhook serves on 10250 is
    answered (the kubelet's rule carries it); v0.11's 6443 is refused, not called 10250."""
    facts = CERT_MANAGER["tags"][tag]
    assert [str(facts["secure_port"]) in line for line in facts["lines"].values()] == [True]
    code, out, err = run("rules", "--with", f"cert-manager@{tag.removeprefix('v')}",
                         "--format", "json")  # fmt: skip
    if facts["secure_port"] == 10250:
        assert code == 0, err
        assert "node-in-kubelet-from-control-plane" in out
    else:
        assert code == 2
        assert "cert-manager releases before 0.12.0 were not checked" in err
