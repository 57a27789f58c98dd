"""Many clusters, one report: a section per account / region / cluster, exit code the worst.

`audit_cluster` is the one adapter between a discovered cluster and the audit's entry points
(today `compare.plan` + `compare.audit`, per role and group ids); when the audit takes
`Mapping[str, Group]` and judges flows, only it changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from gen.audit import report as single
from gen.audit.compare import AuditError, Report, audit, plan
from gen.aws import clusters, live
from gen.formats.terminal import WIDTH
from gen.reference import versions
from gen.reference.model import Reference
from gen.reference.words import printable

EXIT_ERROR = {"setup": 2, "aws": 3}


@dataclass
class Section:
    """One cluster's audit, or why it could not be done."""

    account: str
    region: str
    cluster: str
    arn: str
    setup: tuple[str, ...]
    setup_from: str
    """Where the setup came from: the tag, the mapping file, or the default."""
    report: Report | None = None
    error: str | None = None
    error_kind: str | None = None

    def exit_code(self, strict: bool = False) -> int:
        if self.error_kind:
            return EXIT_ERROR[self.error_kind]
        return self.report.exit_code(strict) if self.report else 0

    @property
    def title(self) -> str:
        return f"account {self.account} / {self.region} / cluster {self.cluster}"


@dataclass
class Organisation:
    sections: list[Section] = field(default_factory=list)

    def exit_code(self, strict: bool = False) -> int:
        return max((s.exit_code(strict) for s in self.sections), default=0)


def roles_of(cluster: clusters.Cluster) -> dict[str, tuple[str, ...]]:
    """Role -> the groups its interfaces carry, as EKS puts them: the control plane's carry the
    cluster group and the additional groups (the audit adds the cluster group itself); nodes
    carry their launch template's groups, else the groups on the instances' interfaces, else
    (managed nodes without a template) the cluster group."""
    own = (cluster.cluster_group,) if cluster.cluster_group else ()
    nodes = cluster.node_groups or cluster.node_interface_groups() or own
    found = {"cluster": own, "control-plane": cluster.additional, "node": nodes}
    return {role: sgs for role, sgs in found.items() if sgs}


def audit_cluster(
    ref: Reference,
    cluster: clusters.Cluster,
    setup: Sequence[str],
    values: Mapping[str, int | str],
    read: Callable[[list[str], bool], live.Read],
) -> Report:
    """The adapter: one discovered cluster through the audit's entry points, as `eks-sg audit
    --sg ...` calls them (plan; read the groups, and the VPC's CIDRs unless --param gives them;
    plan again with them; audit)."""
    groups = roles_of(cluster)
    try:  # a tag or mapping may name releases too: `eks-sg/with = istio,karpenter@1.0.3`
        setup, _ = versions.choose(ref, setup)
    except versions.VersionError as err:
        raise AuditError(printable(str(err))) from None
    chosen = plan(ref, setup, groups, values)
    ids = list(dict.fromkeys(sg for sgs in chosen.interfaces.values() for sg in sgs))
    found = read(ids, not chosen.addresses_known)
    if found.vpc_networks:
        chosen = plan(ref, setup, groups, values, vpc_networks=found.vpc_networks)
    return audit(chosen, found.groups)


def groups_needed(cluster: clusters.Cluster) -> list[str]:
    return sorted({sg for sgs in roles_of(cluster).values() for sg in sgs})


def read_mapping(path: Path) -> dict[str, tuple[str, ...]]:
    """A mapping file: JSON `{"CLUSTER" | "ACCOUNT/REGION/CLUSTER" | ARN: "istio,nlb" | [...]}`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise TypeError
        return {str(k): _names(v) for k, v in data.items()}
    except (OSError, UnicodeDecodeError, ValueError, TypeError) as err:
        why = err.strerror if isinstance(err, OSError) else (
            printable(str(err)) if isinstance(err, ValueError) else
            'not {"cluster": "category,category", ...}')  # fmt: skip
        raise live.InputError(f"--setups {printable(str(path))}: {why}") from None


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(n.strip() for n in value.split(",") if n.strip())
    if isinstance(value, list) and all(isinstance(n, str) for n in value):
        return tuple(value)
    raise TypeError


def setup_of(
    cluster: clusters.Cluster, mapping: Mapping[str, tuple[str, ...]], default: Sequence[str]
) -> tuple[tuple[str, ...], str]:
    """The cluster's categories and where they came from: mapping file, tag, else default."""
    for key in (cluster.arn, f"{cluster.account}/{cluster.region}/{cluster.name}", cluster.name):
        if key in mapping:
            return mapping[key], f"mapping {key}"
    tagged = cluster.tagged_setup()
    if tagged is not None:
        return tagged, f"tag {clusters.TAG}"
    return tuple(default), "--with" if default else f"no {clusters.TAG} tag"


def section(
    ref: Reference,
    acct: clusters.Account,
    cluster: clusters.Cluster,
    setup: tuple[tuple[str, ...], str],
    values: Mapping[str, int | str],
) -> Section:
    """Read one cluster's rules and audit it; a setup the reference refuses is its section's
    error, not the whole run's."""
    made = Section(cluster.account, cluster.region, cluster.name, cluster.arn, *setup)
    try:
        made.report = audit_cluster(ref, cluster, setup[0], values, partial(clusters.read, acct))
    except AuditError as err:
        made.error, made.error_kind = f"{err} (setup from {setup[1]})", "setup"
    except live.AwsError as err:
        made.error, made.error_kind = str(err), "aws"
    return made


def discover(
    targets: Iterable[clusters.Target],
) -> list[tuple[clusters.Account, clusters.Cluster]]:
    """Every cluster of every target, listed and described concurrently."""
    accounts = clusters.each(clusters.account, list(targets))
    listed = clusters.each(lambda a: [(a, n) for n in clusters.names(a)], accounts)
    pairs = [pair for found in listed for pair in found]
    described = clusters.each(lambda pair: clusters.describe(*pair), pairs)
    return [(acct, cluster) for (acct, _), cluster in zip(pairs, described, strict=True)]


def audit_all(
    ref: Reference,
    targets: Iterable[clusters.Target],
    values: Mapping[str, int | str],
    mapping: Mapping[str, tuple[str, ...]] | None = None,
    default: Sequence[str] = (),
) -> Organisation:
    """Every cluster of the targets, audited concurrently, sections in a stable order."""
    found = discover(targets)

    def one(pair: tuple[clusters.Account, clusters.Cluster]) -> Section:
        acct, cluster = pair
        return section(ref, acct, cluster, setup_of(cluster, mapping or {}, default), values)

    sections = clusters.each(one, found)
    return Organisation(sorted(sections, key=lambda s: (s.account, s.region, s.cluster)))


def _head(s: Section) -> str:
    setup = ", ".join(s.setup) or "baseline"
    return f"== {s.title} ({s.arn}), setup {setup} (from {s.setup_from})"


def table(org: Organisation, width: int | None = WIDTH) -> str:
    parts = []
    for s in org.sections:
        body = single.table(s.report, width) if s.report else f"error: {s.error}\n"
        parts.append(printable(_head(s)) + "\n" + body)
    summary = f"{len(org.sections)} clusters, exit code {org.exit_code()}\n"
    return "\n".join([*parts, summary])


def markdown(org: Organisation) -> str:
    from gen.formats.markdown import inline

    parts = []
    for s in org.sections:
        body = single.markdown(s.report) if s.report else inline(f"error: {s.error}") + "\n"
        parts.append(f"## {inline(_head(s)[3:])}\n\n{body}")
    return "\n".join(parts)


def as_json(org: Organisation) -> str:
    items = []
    for s in org.sections:
        items.append({"account": s.account, "region": s.region, "cluster": s.cluster,
                      "arn": s.arn, "setup": list(s.setup), "setup_from": s.setup_from,
                      "exit_code": s.exit_code(), "error": s.error,
                      "report": s.report.as_json() if s.report else None})  # fmt: skip
    return json.dumps({"clusters": items, "exit_code": org.exit_code()}, indent=1) + "\n"


def sarif(org: Organisation) -> str:
    """One SARIF run: every cluster's results, each located at its cluster's ARN."""
    runs = [json.loads(single.sarif(s.report, where=s.arn)) for s in org.sections if s.report]
    if not runs:
        return single.sarif(Report([], {}, {}))
    first = runs[0]
    first["runs"][0]["results"] = [r for log in runs for r in log["runs"][0]["results"]]
    return json.dumps(first, indent=2) + "\n"
