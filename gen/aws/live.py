"""Reading security groups: from AWS with boto3, or from saved `describe-security-group-rules`
JSON. Both parse each rule once, at this boundary, into `gen.audit.groups.Group` values holding
`gen.reference.flows.GroupRule`s, so the audit never sees an AWS dict and cannot tell live from
saved.

Live reads use the standard credential chain, the region boto3 reads (`AWS_DEFAULT_REGION` or
the config file), `AWS_ENDPOINT_URL`, botocore's adaptive retry mode, and a few groups at a
time. Every AWS failure, and an answer that is not AWS's (a captive proxy's HTML page), becomes
an `AwsError` that says what happened and what to check (exit 3). A malformed saved file is an
`InputError` naming the file and the item (exit 2).
"""

from __future__ import annotations

import functools
import ipaddress
import json
import re
import stat
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gen.audit.groups import Group
from gen.reference.flows import Direction, GroupRule, Network, Peer, Protocol
from gen.reference.words import first_problems, printable

WORKERS = 4
MAX_ATTEMPTS = 10
MAX_INPUT_BYTES = 256 * 1024 * 1024
"""A saved snapshot larger than this is refused (1,000 groups of 50 rules is about 30 MB)."""
PERMISSIONS = {
    "DescribeSecurityGroups": "ec2:DescribeSecurityGroups",
    "DescribeSecurityGroupRules": "ec2:DescribeSecurityGroupRules",
    "DescribeVpcs": "ec2:DescribeVpcs",
    "DescribeCluster": "eks:DescribeCluster",
    "DescribeNetworkInterfaces": "ec2:DescribeNetworkInterfaces",  # eks-sg discover
}
DENIED = ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthFailure")
"""The error codes of a caller without the permission (gen/aws/clusters.py names its own)."""
_THROTTLED = ("Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests")
GROUP_ID = re.compile(r"sg-[0-9a-f]{8}(?:[0-9a-f]{9})?")
INTERFACE_ID = re.compile(r"eni-[0-9a-f]{8}(?:[0-9a-f]{9})?")
_SGR = re.compile(r"sgr-[0-9a-f]{8}(?:[0-9a-f]{9})?")
_PL = re.compile(r"pl-[0-9a-f]{8}(?:[0-9a-f]{9})?")
_ACCOUNT = re.compile(r"[0-9]{12}")
_NUMBER = re.compile(r"[0-9]{1,3}")
_PEER_KEYS = ("ReferencedGroupInfo", "CidrIpv4", "CidrIpv6", "PrefixListId")
_PROTOCOLS: dict[str, Protocol] = {
    "-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6",
    "tcp": "tcp", "udp": "udp", "icmp": "icmp", "icmpv6": "icmpv6",
}  # fmt: skip
"""EC2 answers `-1` for all, names for these four, and numbers for every other protocol."""


class AwsError(Exception):
    """AWS refused or failed, or answered something that is not AWS's: exit 3."""


class InputError(Exception):
    """The user's input cannot be read (a saved file, a missing boto3): a usage error, exit 2.
    The command line turns it into its own usage error; this module never imports it. One
    line per problem (`lines`): a run reports every one it found (`words.first_problems`)."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines

    @classmethod
    def of(cls, problems: list[str]) -> InputError:
        return cls(*first_problems(problems))


class Malformed(ValueError):
    """One rule item that is not what describe-security-group-rules returns; `where` is its
    place (`SecurityGroupRules[3].FromPort`)."""

    def __init__(self, where: str, why: str) -> None:
        super().__init__(f"{where}: {why}")


@dataclass(frozen=True)
class Read:
    """What a read found: the groups by id, and their VPCs' CIDR blocks (live only)."""

    groups: dict[str, Group]
    vpc_networks: tuple[Network, ...] = ()


def text_field(item: Mapping[str, Any], key: str, where: str,
               pattern: re.Pattern | None = None) -> str:  # fmt: skip
    """`item[key]`, a string (matching `pattern`), or Malformed naming `where.key`."""
    value = item.get(key)
    if not isinstance(value, str) or (pattern is not None and not pattern.fullmatch(value)):
        shown = printable(json.dumps(value))[:80]
        raise Malformed(f"{where}.{key}", f"expected {_expected(pattern)}, got {shown}")
    return value


def _expected(pattern: re.Pattern | None) -> str:
    names = {GROUP_ID: "a group id sg-...", INTERFACE_ID: "an interface id eni-...",
             _SGR: "a rule id sgr-...", _PL: "a prefix-list id pl-...",
             _ACCOUNT: "a 12-digit account id"}  # fmt: skip
    return names.get(pattern, "a string") if pattern is not None else "a string"


def _port(item: Mapping[str, Any], key: str, where: str, low: int) -> int:
    value = item.get(key)
    if type(value) is not int or not low <= value <= 65535:  # bool is an int: refused too
        shown = printable(json.dumps(value))[:40]
        raise Malformed(f"{where}.{key}", f"expected a whole number {low}..65535, got {shown}")
    return value


_OCTET = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4_CIDR = re.compile(rf"{_OCTET}\.{_OCTET}\.{_OCTET}\.{_OCTET}/(3[0-2]|[12]?[0-9])")
"""The form EC2 writes an IPv4 CIDR in, parsed without ipaddress's slower general parser."""


@dataclass
class Parsed:
    """What one read has parsed already, by value, and only for that read: the group ids
    found well-formed, and the CIDR peers, which recur on every group of a cluster (a Peer is
    frozen: one value serves every rule)."""

    groups: set[str] = field(default_factory=set)
    peers: dict[tuple[str, int], Peer] = field(default_factory=dict)


def _cidr_peer(value: str, version: int) -> Peer | None:
    """A CIDR of that IP version as a peer (host bits cleared, as EC2 treats them), or None.
    An IPv4 CIDR in EC2's form, with no host bits, is how the network writes itself: the
    peer keeps it as its text."""
    found = _IPV4_CIDR.fullmatch(value)
    if found:
        a, b, c, d, prefix = map(int, found.groups())
        address = (a << 24) | (b << 16) | (c << 8) | d
        network = address & (0xFFFFFFFF << (32 - prefix)) & 0xFFFFFFFF
        text = value if network == address else None
        return (
            Peer(network=ipaddress.IPv4Network((network, prefix)), text=text)
            if version == 4
            else None
        )
    if "%" in value:  # a zone id would ride along in str()
        return None
    try:
        parsed = ipaddress.ip_network(value, strict=False)
    except ValueError:
        return None
    return Peer(network=parsed) if parsed.version == version else None


def _network_peer(item: Mapping[str, Any], kind: str, where: str, parsed: Parsed) -> Peer:
    value, version = item[kind], 4 if kind == "CidrIpv4" else 6
    peer = parsed.peers.get((value, version)) if isinstance(value, str) else None
    if peer is None:
        peer = _cidr_peer(value, version) if isinstance(value, str) else None
        if peer is None:
            shown = printable(json.dumps(value))[:60]
            raise Malformed(f"{where}.{kind}", f"expected an IPv{version} CIDR, got {shown}")
        parsed.peers[(value, version)] = peer
    return peer


def _peer(item: Mapping[str, Any], where: str, parsed: Parsed) -> tuple[Peer, str | None]:
    """The rule's other side, and why it cannot be judged (another account's group)."""
    kinds = [k for k in _PEER_KEYS if k in item]
    if len(kinds) != 1:
        raise Malformed(where, "expected exactly one of ReferencedGroupInfo, CidrIpv4, CidrIpv6, "
                        f"PrefixListId, got {len(kinds)}")  # fmt: skip
    kind = kinds[0]
    if kind == "ReferencedGroupInfo":
        info = item[kind]
        if not isinstance(info, dict):
            raise Malformed(f"{where}.{kind}", "expected an object with GroupId")
        group = text_field(info, "GroupId", f"{where}.{kind}", GROUP_ID)
        owner, user = item.get("GroupOwnerId"), info.get("UserId")
        foreign = isinstance(owner, str) and isinstance(user, str) and user != owner
        why = f"the peer is a group of another account ({printable(user)})" if foreign else None
        return Peer(group=group), why
    if kind == "PrefixListId":
        return Peer(prefix_list=text_field(item, kind, where, _PL)), None
    return _network_peer(item, kind, where, parsed), None


def _group_id(item: Mapping[str, Any], where: str, parsed: Parsed) -> str:
    value = item.get("GroupId")
    if isinstance(value, str) and value in parsed.groups:
        return value
    parsed.groups.add(text_field(item, "GroupId", where, GROUP_ID))
    return value  # type: ignore[return-value]


def parse_rule(item: Any, where: str, parsed: Parsed | None = None) -> GroupRule:
    """One `SecurityGroupRules` item as a GroupRule: protocol names from numbers, `-1` as all
    with ports 0-65535, CIDRs parsed, the peer typed. Raises Malformed for anything else.
    `parsed`: what this read has parsed already."""
    if not isinstance(item, dict):
        raise Malformed(where, "expected an object (one SecurityGroupRules item)")
    parsed = Parsed() if parsed is None else parsed
    group = _group_id(item, where, parsed)
    rule_id = text_field(item, "SecurityGroupRuleId", where, _SGR)
    egress = item.get("IsEgress")
    if not isinstance(egress, bool):
        raise Malformed(f"{where}.IsEgress", "expected true or false")
    raw = item.get("IpProtocol")
    if not isinstance(raw, str) or not raw:
        raise Malformed(f"{where}.IpProtocol", "expected a protocol name or number")
    protocol = _PROTOCOLS.get(raw.lower())
    unknown = None
    if protocol is None:
        if not _NUMBER.fullmatch(raw) or int(raw) > 255:  # isdigit() takes "²" and "٦"
            shown = printable(raw)[:20]
            raise Malformed(f"{where}.IpProtocol", f"expected a protocol, got {shown}")
        protocol, unknown = "all", f"IP protocol {int(raw)}, which no rule of the reference uses"
    if protocol == "all":
        low, high = 0, 65535
    else:
        floor = -1 if protocol in ("icmp", "icmpv6") else 0
        low, high = _port(item, "FromPort", where, floor), _port(item, "ToPort", where, floor)
        if floor == 0 and low > high:
            raise Malformed(f"{where}.ToPort", f"ToPort {high} is below FromPort {low}")
    peer, foreign = _peer(item, where, parsed)
    description = item.get("Description")
    direction: Direction = "outbound" if egress else "inbound"
    return GroupRule(group, direction, protocol, low, high, peer, rule_id,
                     description if isinstance(description, str) else None,
                     unknown or foreign)  # fmt: skip


def parse_page(data: Any, where: str, parsed: Parsed | None = None) -> list[GroupRule]:
    """A whole `describe-security-group-rules` answer (or saved file); `parsed`: what this
    read has parsed already."""
    parsed = Parsed() if parsed is None else parsed
    items = enumerate(_items(data, where))
    return [parse_rule(item, f"SecurityGroupRules[{i}]", parsed) for i, item in items]


def _items(data: Any, where: str) -> list:
    items = data.get("SecurityGroupRules") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise Malformed(where, "expected an object with a SecurityGroupRules list (the JSON of "
                        "`aws ec2 describe-security-group-rules --output json`)")  # fmt: skip
    return items


def grouped(ids: Iterable[str], rules: Iterable[GroupRule]) -> dict[str, Group]:
    """Groups by id (every id given, with or without rules); a rule seen twice counts once."""
    found: dict[str, dict[str | None, GroupRule]] = {sg: {} for sg in ids}
    for rule in rules:
        found.setdefault(rule.group, {})[rule.id] = rule
    return {sg: Group(sg, tuple(rules.values())) for sg, rules in found.items()}


# -- live ----------------------------------------------------------------------------------


def session(**credentials: str):
    """A boto3 session from the standard chain, or with these keys (tests replace this to add
    hooks). Sessions share botocore's parsed models (`_models`)."""
    boto3 = _boto3()
    import botocore.session

    core, models = botocore.session.Session(), _models()
    core.register_component("data_loader", models)
    made = boto3.session.Session(botocore_session=core, **credentials)
    models.search_paths[:] = dict.fromkeys(models.search_paths)  # boto3 added its folder again
    return made


@functools.cache
def _models():
    """botocore's loader of its JSON models, one per process: a new session parses a
    service's model again (~0.3 s for EC2's), and an organisation's audit makes a session per
    account. The models are the installed packages' files: they never change in a run."""
    boto3 = _boto3()
    import botocore.session

    core = botocore.session.Session()
    boto3.session.Session(botocore_session=core)  # puts boto3's data folder on the path
    return core.get_component("data_loader")


def _boto3():
    try:
        import boto3
    except ImportError:
        raise InputError(
            "reading live groups needs boto3, which is not installed: with pipx, "
            "`pipx inject eks-sg-reference boto3`; with pip, install the wheel with its aws "
            "extra (`pip install 'eks_sg_reference-VERSION-py3-none-any.whl[aws]'`, in a clone "
            "`pip install -e '.[aws]'`); or audit a saved snapshot with --input"
        ) from None
    return boto3


def client(service: str):
    from botocore.config import Config

    config = Config(retries={"mode": "adaptive", "max_attempts": MAX_ATTEMPTS})
    return session().client(service, config=config)


def _hint(code: str, operation: str, attempts: int) -> str:
    if code in DENIED:
        return f"the caller needs {PERMISSIONS.get(operation, operation)} (read-only)"
    if code.startswith("InvalidGroup"):
        return "check the group id, and that the region is the group's"
    if code == "ResourceNotFoundException":
        return "check the cluster name, and that the region is the cluster's"
    if code in _THROTTLED:
        return f"throttled after {attempts} retries (adaptive mode); run it again later"
    return "see AWS's message"


def aws_error(err: Exception) -> AwsError:
    """A botocore exception as one line: the code, AWS's message, what to check."""
    from botocore.exceptions import ClientError

    if isinstance(err, ClientError):
        error = err.response.get("Error", {})
        code, message = error.get("Code", "?"), error.get("Message", str(err))
        attempts = err.response.get("ResponseMetadata", {}).get("RetryAttempts", 0)
        hint = _hint(code, err.operation_name, attempts)
        return AwsError(f"{err.operation_name}: {code}: {printable(message)}; {hint}")
    return AwsError(f"{type(err).__name__}: {printable(str(err))}; check the credentials, "
                    "the region (AWS_DEFAULT_REGION) and AWS_ENDPOINT_URL")  # fmt: skip


def not_aws(err: Exception) -> AwsError:
    """An answer that is not AWS's (a proxy's page, a malformed item) as an AwsError."""
    shown = printable(str(err))[:120]
    return AwsError(f"the endpoint's answer is not AWS's ({shown}); a proxy or captive portal "
                    "answering? check AWS_ENDPOINT_URL and the network")  # fmt: skip


def guarded(action, *args):
    """`action(*args)` with every botocore failure, and an answer that is not AWS's, as an
    AwsError (and a missing boto3 as the InputError that says how to install it)."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # no boto3 either: session() says how to add it (exit 2)
        session()
        raise

    try:
        return action(*args)
    except (ClientError, BotoCoreError) as err:
        raise aws_error(err) from None
    except (KeyError, TypeError, AttributeError, ValueError) as err:  # HTML parsed as XML, ...
        raise not_aws(err) from None


def rules_of(ec2, group: str) -> list[GroupRule]:
    """Every rule of one group, through an EC2 client (the caller's, or an assumed role's)."""
    pages = ec2.get_paginator("describe_security_group_rules").paginate(
        Filters=[{"Name": "group-id", "Values": [group]}]
    )
    parsed = Parsed()
    return [r for page in pages for r in parse_page(page, "DescribeSecurityGroupRules", parsed)]


def vpc_networks(ec2, vpcs: list[str]) -> tuple[Network, ...]:
    """The associated IPv4 CIDR blocks of these VPCs, each once."""
    if not vpcs:
        return ()
    found = ec2.describe_vpcs(VpcIds=vpcs)["Vpcs"]
    blocks = [
        a["CidrBlock"]
        for vpc in found
        for a in vpc.get("CidrBlockAssociationSet", [])
        if a.get("CidrBlockState", {}).get("State", "associated") == "associated"
    ]
    blocks = blocks or [vpc["CidrBlock"] for vpc in found]
    # an IPv6 cluster's interfaces also have addresses in the VPC's IPv6 blocks
    blocks += [
        a["Ipv6CidrBlock"]
        for vpc in found
        for a in vpc.get("Ipv6CidrBlockAssociationSet", [])
        if a.get("Ipv6CidrBlockState", {}).get("State", "associated") == "associated"
        and a.get("Ipv6CidrBlock")
    ]
    return tuple(ipaddress.ip_network(b, strict=False) for b in dict.fromkeys(blocks))


def _fetch(groups: list[str], with_vpc: bool) -> Read:
    ec2 = client("ec2")
    described = ec2.describe_security_groups(GroupIds=groups)["SecurityGroups"]
    vpcs = sorted({g["VpcId"] for g in described if isinstance(g.get("VpcId"), str)})
    with ThreadPoolExecutor(WORKERS) as pool:
        found = [r for rules in pool.map(lambda g: rules_of(ec2, g), groups) for r in rules]
    networks = vpc_networks(ec2, vpcs) if with_vpc else ()
    return Read(grouped(groups, found), networks)


def fetch(groups: Iterable[str], with_vpc: bool = True) -> Read:
    """Every rule of these groups read from AWS, and (with_vpc) their VPCs' CIDR blocks."""
    try:
        return guarded(_fetch, sorted(set(groups)), with_vpc)
    except Malformed as err:
        raise not_aws(err) from None


def _cluster(name: str) -> tuple[str | None, list[str]]:
    config = client("eks").describe_cluster(name=name)["cluster"]["resourcesVpcConfig"]
    found = [config.get("clusterSecurityGroupId"), *config.get("securityGroupIds", [])]
    if not all(g is None or (isinstance(g, str) and GROUP_ID.fullmatch(g)) for g in found):
        raise ValueError("describe-cluster named a group that is not sg-...")
    return found[0], list(found[1:])


def cluster_groups(name: str) -> tuple[str | None, list[str]]:
    """The cluster security group and the additional (control-plane) groups of a cluster."""
    return guarded(_cluster, name)


# -- saved ---------------------------------------------------------------------------------


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _load(path: Path) -> Any:
    try:
        found = path.stat()  # one stat for both checks (each costs a system call per file)
        if not stat.S_ISREG(found.st_mode):  # a FIFO would hang, /dev/zero fill memory
            raise InputError(f"--input {printable(str(path))}: not a regular file")
        if found.st_size > MAX_INPUT_BYTES:
            raise InputError(f"--input {printable(str(path))}: over {MAX_INPUT_BYTES} bytes")
        data = path.read_bytes()
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # PowerShell 5's `>` writes UTF-16
            raise InputError(f"--input {printable(str(path))}: UTF-16 text (PowerShell 5's > "
                             f"writes it), not UTF-8: save it again with {SAVE_WITH} piped to "
                             "`Out-File -Encoding utf8 FILE`")  # fmt: skip
        return json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except OSError as err:
        raise InputError(f"--input {printable(str(path))}: {err.strerror}") from None
    except RecursionError:
        raise InputError(f"--input {printable(str(path))}: nested too deeply to be "
                         "describe-security-group-rules JSON") from None  # fmt: skip
    except json.JSONDecodeError as err:
        why = "an empty file" if not err.doc.strip() else f"not JSON ({err.msg})"
        raise InputError(f"--input {printable(str(path))}:{err.lineno}:{err.colno}: {why}; "
                         f"save it again with {SAVE_WITH}") from None  # fmt: skip
    except (UnicodeDecodeError, ValueError) as err:
        raise InputError(f"--input {printable(str(path))}: {printable(str(err))}") from None


SAVE_WITH = (
    "`aws ec2 describe-security-group-rules --filters Name=group-id,Values=SG --output json`"
)


def read_files(paths: Iterable[Path], ids: Iterable[str] = ()) -> Read:
    """Groups from saved `aws ec2 describe-security-group-rules --output json` files; every id
    in `ids` is a group, with no rule when the files hold none of it (the caller decides
    whether that is a mistake). Every malformed item of every file is reported at once; a rule
    saved twice counts once, but one id with two different rules is a damaged snapshot."""
    rules: dict[str | None, tuple[GroupRule, str]] = {}
    parsed, problems = Parsed(), []
    for path in paths:
        shown_path = f"--input {printable(str(path))}"
        try:
            items = _items(_load(Path(path)), "the file")
        except InputError as err:
            problems += err.lines
            continue
        except Malformed as err:
            problems.append(f"{shown_path}: {err}")
            continue
        for i, item in enumerate(items):
            where = f"SecurityGroupRules[{i}]"
            try:
                rule = parse_rule(item, where, parsed)
            except Malformed as err:
                problems.append(f"{shown_path}: {err}")
                continue
            first = rules.setdefault(rule.id, (rule, f"{shown_path} {where}"))
            if first[0] != rule:
                problems.append(f"{shown_path}: {where}: rule {rule.id} differs from the "
                                f"rule of that id at {first[1]}; save each group once")  # fmt: skip
    if problems:
        raise InputError.of(problems)
    return Read(grouped(ids, (rule for rule, _ in rules.values())))
