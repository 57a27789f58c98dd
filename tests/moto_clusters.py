"""EKS clusters in several accounts and regions of one moto server, shaped as EKS builds them.

- Accounts are entered with `sts:AssumeRole` (moto gives an assumed role's keys the role's
  account), so every cluster, group and finding lives in its own account.
- Shapes (EKS user guide, "Amazon EKS security group requirements"; "Customizing managed
  nodes with launch templates"; "Self-managed nodes"):
  `template`: a managed node group whose launch template sets the node group;
  `cluster-sg`: a managed node group without a launch template: nodes on the cluster group;
  `self-managed`: no node group, instances with the node group in the subnets tagged
  `kubernetes.io/cluster/NAME`, next to the control plane's interfaces (cluster group +
  additional group, described "Amazon EKS NAME").
- Moto gap (moto 5.2): `describe_cluster` has no `clusterSecurityGroupId`; `hooked_session`
  adds it, as EKS returns it, with a botocore after-call hook.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import boto3

from gen.aws import ec2 as ec2_words
from gen.aws.live import session as made_by_gen  # (before a test replaces live.session)
from gen.reference.model import Reference
from gen.select import Setup, select

ROLE = "arn:aws:iam::{account}:role/eks-sg-audit"
CLUSTER_SG: dict[str, str] = {}
"""Cluster name -> its cluster group: what EKS's describe-cluster returns and moto does not."""


@dataclass
class Made:
    account: str
    region: str
    name: str
    keys: dict[str, str]
    groups: dict[str, str]
    """Role -> group id (roles a setup shares carry the carrier's group)."""
    setup: tuple[str, ...]
    sharing: tuple[tuple[str, str], ...] = ()


def keys_for(endpoint: str, account: str) -> dict[str, str]:
    sts = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")  # fmt: skip
    made = sts.assume_role(RoleArn=ROLE.format(account=account), RoleSessionName="setup")
    c = made["Credentials"]
    return {"aws_access_key_id": c["AccessKeyId"], "aws_secret_access_key": c["SecretAccessKey"],
            "aws_session_token": c["SessionToken"]}  # fmt: skip


def env_keys(keys: dict[str, str], region: str) -> dict[str, str]:
    """The same keys as environment variables (the AWS CLI, boto3's default chain)."""
    return {"AWS_ACCESS_KEY_ID": keys["aws_access_key_id"],
            "AWS_SECRET_ACCESS_KEY": keys["aws_secret_access_key"],
            "AWS_SESSION_TOKEN": keys["aws_session_token"],
            "AWS_DEFAULT_REGION": region, "AWS_REGION": region}  # fmt: skip


def client(endpoint: str, keys: dict[str, str], service: str, region: str):
    return boto3.client(service, endpoint_url=endpoint, region_name=region, **keys)


EVALUATIONS: list[dict] = []
"""Every PutEvaluations request the Config rule made (moto answers only those in TestMode)."""


def hooked_session(**credentials):
    """A boto3 session as the code under test makes it, with moto's two gaps filled."""
    made = made_by_gen(**credentials)
    made.events.register("after-call.eks.DescribeCluster", _with_cluster_sg)
    made.events.register("before-parameter-build.config-service.PutEvaluations", _record)
    return made


def _record(params, **_):
    """Moto 5.2 implements PutEvaluations only with TestMode=True: record what the rule sent,
    then ask for test mode so moto accepts it."""
    EVALUATIONS.append({k: v for k, v in params.items() if k != "TestMode"})
    params["TestMode"] = True


def _with_cluster_sg(parsed, **_):
    cluster = parsed.get("cluster", {})
    if cluster.get("name") in CLUSTER_SG:
        cluster["resourcesVpcConfig"]["clusterSecurityGroupId"] = CLUSTER_SG[cluster["name"]]


def apply(endpoint: str, made: Made, ref: Reference, values: dict | None = None) -> None:
    """Every rule the cluster's setup selects, on the groups that carry them."""
    ec2 = client(endpoint, made.keys, "ec2", made.region)
    selection = select(ref, Setup(made.setup, made.sharing))
    made_by_aws = [c.rule for c in selection.covered if c.by is None]  # moto's stand-in is EKS
    for rule in [*selection.rules, *made_by_aws]:
        permission = ec2_words.ip_permission(rule, made.groups, values or {})
        call = ec2.authorize_security_group_egress if rule.direction == "outbound" else (
            ec2.authorize_security_group_ingress)  # fmt: skip
        try:
            call(GroupId=made.groups[rule.group], IpPermissions=[permission])
        except ec2.exceptions.ClientError as err:  # two rules alike once shared: one is there
            if err.response["Error"]["Code"] != "InvalidPermission.Duplicate":
                raise


def revoke_port(endpoint: str, made: Made, port: int) -> None:
    """Remove every rule of the cluster's groups that starts at this port (both halves)."""
    ec2 = client(endpoint, made.keys, "ec2", made.region)
    found = ec2.describe_security_group_rules(
        Filters=[{"Name": "group-id", "Values": sorted(set(made.groups.values()))}]
    )["SecurityGroupRules"]
    for rule in (r for r in found if r.get("FromPort") == port):
        call = ec2.revoke_security_group_egress if rule["IsEgress"] else (
            ec2.revoke_security_group_ingress)  # fmt: skip
        call(GroupId=rule["GroupId"], SecurityGroupRuleIds=[rule["SecurityGroupRuleId"]])


def make_cluster(endpoint: str, ref: Reference, account: str, region: str, name: str,
                 shape: str, tags: dict[str, str], setup: tuple[str, ...]) -> Made:  # fmt: skip
    keys = keys_for(endpoint, account)
    ec2 = client(endpoint, keys, "ec2", region)
    eks = client(endpoint, keys, "eks", region)
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    ec2.create_tags(Resources=[subnet], Tags=[{"Key": f"kubernetes.io/cluster/{name}",
                                               "Value": "shared"}])  # fmt: skip
    suffix = uuid.uuid4().hex[:8]

    def group(role: str) -> str:
        return ec2.create_security_group(GroupName=f"{name}-{role}-{suffix}", Description=role,
                                         VpcId=vpc)["GroupId"]  # fmt: skip

    cluster_sg = group("cluster")
    # Nodes on the cluster group (its categories share everything on it): no additional group.
    control_plane = cluster_sg if shape == "cluster-sg" else group("control-plane")
    CLUSTER_SG[name] = cluster_sg
    groups = {"cluster": cluster_sg, "control-plane": control_plane}
    sharing: tuple[tuple[str, str], ...] = ()
    additional = [] if control_plane == cluster_sg else [control_plane]
    eks.create_cluster(name=name, roleArn=f"arn:aws:iam::{account}:role/eks", tags=tags,
                       resourcesVpcConfig={"subnetIds": [subnet],
                                           "securityGroupIds": additional})  # fmt: skip
    ec2.create_network_interface(SubnetId=subnet, Groups=[cluster_sg, *additional],
                                 Description=f"Amazon EKS {name}")  # fmt: skip
    node_role = f"arn:aws:iam::{account}:role/node"
    if shape == "template":
        groups["node"] = group("node")
        template = ec2.create_launch_template(
            LaunchTemplateName=f"{name}-nodes",
            LaunchTemplateData={"SecurityGroupIds": [groups["node"]]},
        )["LaunchTemplate"]  # fmt: skip
        eks.create_nodegroup(clusterName=name, nodegroupName="main", subnets=[subnet],
                             nodeRole=node_role, launchTemplate={
                                 "id": template["LaunchTemplateId"], "version": "1"})  # fmt: skip
    elif shape == "cluster-sg":
        groups["node"] = cluster_sg
        sharing = (("node", "cluster"), ("control-plane", "cluster"))
        eks.create_nodegroup(clusterName=name, nodegroupName="main", subnets=[subnet],
                             nodeRole=node_role)  # fmt: skip
    elif shape == "self-managed":
        groups["node"] = group("node")
        image = ec2.describe_images()["Images"][0]["ImageId"]
        ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, SubnetId=subnet,
                          SecurityGroupIds=[groups["node"]])  # fmt: skip
    return Made(account, region, name, keys, groups, setup, sharing)


def _permission(rule: dict, ids: dict[str, str], own: str) -> dict:
    perm: dict = {"IpProtocol": rule["protocol"]}
    if rule["protocol"] != "-1":
        perm |= {"FromPort": rule["from"], "ToPort": rule["to"]}
    peer = rule["peer"]
    if "group" in peer:
        group = own if peer["group"] == "self" else ids[peer["group"]]
        perm["UserIdGroupPairs"] = [{"GroupId": group}]
    else:
        perm["IpRanges"] = [{"CidrIp": peer["cidr"]}]
    return perm


def make_configured(endpoint: str, account: str, region: str, name: str, data: dict,
                    config_name: str, tags: dict[str, str]) -> tuple[Made, dict[str, str]]:  # fmt: skip
    """A cluster whose groups are one of tests/fixtures/audit/configurations.json's real
    configurations (as their creators leave them, the EKS cluster group as on 1.33+): the
    cluster group from EKS, the control-plane group as the additional group, node groups on a
    managed node group's launch template (Terraform), on the cluster group (eksctl managed), or
    on a self-managed instance's interface (eksctl: two groups on one interface)."""
    config = data["configurations"][config_name]
    keys = keys_for(endpoint, account)
    ec2, eks = client(endpoint, keys, "ec2", region), client(endpoint, keys, "eks", region)
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    ec2.create_tags(Resources=[subnet], Tags=[{"Key": f"kubernetes.io/cluster/{name}",
                                               "Value": "owned"}])  # fmt: skip
    suffix = uuid.uuid4().hex[:8]
    ids = {g: ec2.create_security_group(GroupName=f"{g}-{name}-{suffix}", Description=g,
                                        VpcId=vpc)["GroupId"] for g in config["groups"]}  # fmt: skip
    rules = list(config["rules"])
    for group, spec in config["groups"].items():
        if not spec["default_egress"]:  # Terraform's aws_security_group removes EC2's default
            ec2.revoke_security_group_egress(GroupId=ids[group], IpPermissions=[
                {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])  # fmt: skip
        if spec.get("eks_cluster_group"):
            eks_rules = data["eks_cluster_group"]
            rules += [{**r, "group": group} for r in eks_rules["rules"] + eks_rules["since_1_33"]]
    for rule in rules:
        if (rule["type"], rule["protocol"], rule["peer"].get("cidr")) == (
            "egress",
            "-1",
            "0.0.0.0/0",
        ) and config["groups"][rule["group"]]["default_egress"]:
            continue  # EC2's default egress: already there
        call = ec2.authorize_security_group_ingress if rule["type"] == "ingress" else (
            ec2.authorize_security_group_egress)  # fmt: skip
        call(GroupId=ids[rule["group"]], IpPermissions=[_permission(rule, ids, ids[rule["group"]])])
    by_role: dict[str, list[str]] = {}
    for group, spec in config["groups"].items():
        for role in spec["roles"]:
            by_role.setdefault(role, []).append(ids[group])
    [cluster_sg] = by_role["cluster"]
    CLUSTER_SG[name] = cluster_sg
    additional = by_role.get("control-plane", [])
    eks.create_cluster(name=name, roleArn=f"arn:aws:iam::{account}:role/eks", tags=tags,
                       resourcesVpcConfig={"subnetIds": [subnet],
                                           "securityGroupIds": additional})  # fmt: skip
    ec2.create_network_interface(SubnetId=subnet, Groups=[cluster_sg, *additional],
                                 Description=f"Amazon EKS {name}")  # fmt: skip
    nodes = by_role["node"]
    node_role = f"arn:aws:iam::{account}:role/node"
    if nodes == [cluster_sg]:
        eks.create_nodegroup(clusterName=name, nodegroupName="main", subnets=[subnet],
                             nodeRole=node_role)  # fmt: skip
    elif config_name.startswith("eksctl"):
        image = ec2.describe_images()["Images"][0]["ImageId"]
        ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, SubnetId=subnet,
                          SecurityGroupIds=nodes)  # fmt: skip
    else:
        template = ec2.create_launch_template(
            LaunchTemplateName=f"{name}-nodes", LaunchTemplateData={"SecurityGroupIds": nodes}
        )
        eks.create_nodegroup(clusterName=name, nodegroupName="main", subnets=[subnet],
                             nodeRole=node_role, launchTemplate={
                                 "id": template["LaunchTemplate"]["LaunchTemplateId"],
                                 "version": "1"})  # fmt: skip
    groups = {"cluster": cluster_sg, "node": nodes[0]}
    return Made(account, region, name, keys, groups, ()), {"nodes": ",".join(nodes)}
