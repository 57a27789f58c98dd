"""Generated Terraform and CloudFormation never create a rule the group already has.

EC2 answers InvalidPermission.Duplicate for a permission the group holds, whatever the
description (moto only refuses exact duplicates, so this compares permissions, statically, over
random setups and random data facts). What a group has from its creation is said here from
the data's documented fields, not from the engine: on a group AWS creates (`aws_created`), the
rules of the `aws_default` categories the setup has (baseline or chosen); on every group created with EC2's default egress (the
user's `--egress-default`, else the data's `default_egress`, and AWS's own groups) the
allow-all IPv4 egress. A category's `removes` takes a rule away (restricted egress).
"""

from __future__ import annotations

import hcl_tools
import yaml
from helpers import DATA
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from setups import valid_setups
from test_select import facts

from gen.aws.commands import Values
from gen.formats import cloudformation, terraform
from gen.reference.load import load
from gen.select import Setup, select

REF = load(DATA)
EC2_EGRESS = ("outbound", "-1", None, None, "0.0.0.0/0")


def _port(value):
    """A port, or the name of the parameter holding it (never one of a default's ports)."""
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, dict):  # CloudFormation's !Ref of a parameter
        return f"ref:{value['Ref']}"
    text = str(value)
    return int(text) if text.isdigit() else text


def defaults(ref, setup: Setup) -> set[tuple]:
    """(role, direction, protocol, from, to, peer) of what the groups have from creation."""
    chosen = set(setup.categories) | {c.id for c in ref.categories if c.baseline}
    gone = {i for c in ref.categories if c.id in chosen for i in c.removes}
    aws = {g.id for g in ref.security_groups if g.aws_created}
    said = setup.egress_default
    said = said if said is not None else [g.id for g in ref.security_groups if g.default_egress]
    found = {(role, *EC2_EGRESS) for role in set(said) | aws}
    # Only the aws_default categories the setup has: a cluster created before 1.33 has no
    # outbound self rule, and `cluster-created-1-33-or-later` is how the user says it does.
    kinds = {c.id for c in ref.categories if c.aws_default and c.id in chosen}
    for rule in ref.rules:
        if rule.group in aws and set(rule.categories) & kinds and rule.id not in gone:
            protocol = "-1" if rule.protocol == "all" else rule.protocol
            low, high = (None, None) if protocol == "-1" else rule.port_range[:2]
            found.add((rule.group, rule.direction, protocol, low, high, rule.peer))
    if any(i == "cluster-out-all-ipv4" for i in gone):
        found.discard(("cluster", *EC2_EGRESS))
    return found


def _role(reference: str) -> str:
    return reference.removeprefix("${var.").removesuffix("_sg_id}").replace("_", "-")


def terraform_permissions(text: str) -> list[tuple]:
    parsed = hcl_tools.loads(text)
    found = []
    for block in parsed.get("resource", []):
        for kind, named in block.items():
            for raw in named.values():
                body = {
                    k: v[0] if isinstance(v, list) and len(v) == 1 else v for k, v in raw.items()
                }
                role = _role(body["security_group_id"])
                direction = "inbound" if kind.endswith("ingress_rule") else "outbound"
                peer = body.get("cidr_ipv4") or body.get("cidr_ipv6") or body.get("prefix_list_id")
                if "referenced_security_group_id" in body:
                    peer = _role(body["referenced_security_group_id"])
                    peer = "self" if peer == role else peer
                protocol = body["ip_protocol"]
                ports = (None, None) if protocol == "-1" else (body["from_port"], body["to_port"])
                found.append((role, direction, protocol, *map(_port, ports), peer))
    return found


def _cfn_role(ref: dict) -> str:
    name = ref["Ref"].removesuffix("SgId")
    return "".join("-" + c.lower() if c.isupper() else c for c in name).lstrip("-")


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!Ref", lambda loader, node: {"Ref": loader.construct_scalar(node)})


def cloudformation_permissions(text: str) -> list[tuple]:
    template = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader with !Ref)
    found = []
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::CloudFormation::WaitConditionHandle":
            continue  # the placeholder of a template with no rule
        props = resource["Properties"]
        role = _cfn_role(props["GroupId"])
        direction = "inbound" if resource["Type"].endswith("Ingress") else "outbound"
        group = props.get("SourceSecurityGroupId") or props.get("DestinationSecurityGroupId")
        peer = _cfn_role(group) if group else None
        peer = "self" if peer == role else peer
        peer = peer or props.get("CidrIp") or props.get("CidrIpv6")
        peer = peer or props.get("SourcePrefixListId") or props.get("DestinationPrefixListId")
        peer = f"ref:{peer['Ref']}" if isinstance(peer, dict) else peer
        protocol = str(props["IpProtocol"])
        ports = (None, None) if protocol == "-1" else (props["FromPort"], props["ToPort"])
        found.append((role, direction, protocol, *map(_port, ports), peer))
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck),
          phases=(Phase.explicit, Phase.reuse, Phase.generate))  # fmt: skip
@given(data=st.data())
def test_no_generated_resource_is_a_rule_the_group_has(data) -> None:
    ref = facts(REF, data.draw) if data.draw(st.booleans(), label="random facts") else REF
    roles = [g.id for g in ref.security_groups]
    egress = data.draw(st.none() | st.lists(st.sampled_from(roles), unique=True).map(tuple))
    setup = Setup(data.draw(valid_setups(ref)), egress_default=egress)
    selection = select(ref, setup)
    values = Values.variables(ref)
    had = defaults(ref, setup)
    for found in (
        terraform_permissions(terraform.render_selection(ref, selection, values)),
        cloudformation_permissions(cloudformation.render_selection(ref, selection, values)),
    ):
        assert len(found) == len(selection.rules)
        assert not set(found) & had, set(found) & had
        assert len(set(found)) == len(found), "two resources of one permission"


def test_published_modules_leave_out_what_aws_creates() -> None:
    for path, module in terraform.render(REF).items():
        assert not set(terraform_permissions(module)) & defaults(REF, Setup()), path


def test_the_judge_sees_a_duplicate_when_there_is_one() -> None:
    """Not a no-op: EC2's egress on nodes is a default once the user says the group has it,
    and the Terraform of a setup that does not say so creates it."""
    kept, removed = Setup(egress_default=("node",)), Setup(egress_default=())
    values = Values.variables(REF)
    assert ("node", *EC2_EGRESS) in defaults(REF, kept)
    created = terraform_permissions(terraform.render_selection(REF, select(REF, removed), values))
    assert ("node", *EC2_EGRESS) in created
    assert ("node", *EC2_EGRESS) not in terraform_permissions(
        terraform.render_selection(REF, select(REF, kept), values)
    )


def test_efa_on_the_cluster_group_adds_its_self_rule_unless_eks_created_it() -> None:
    """Nodes that carry only the cluster group, with EFA: their outbound self rule lands on the
    cluster group; a cluster created on 1.33 or later already has it (AWS's rule), one created
    before does not. Found by the property test above: its judge had counted every
    aws_default category, chosen or not."""
    base = ("managed-nodes-cluster-sg", "efa")
    before = select(REF, Setup(base))
    assert [(r.id, r.group, r.peer) for r in before.rules if r.id == "node-out-all-self"] == [
        ("node-out-all-self", "cluster", "self")]  # fmt: skip
    after = select(REF, Setup((*base, "cluster-created-1-33-or-later")))
    assert "node-out-all-self" not in {r.id for r in after.rules}
    assert "node-out-all-self" in {c.rule.id for c in after.covered}
