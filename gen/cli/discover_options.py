"""`eks-sg discover`'s options: the Kubernetes objects (a file or stdin), the control plane's
groups (--cluster from EKS, or --sg), the interfaces (live, or saved --input files).

Bad input is a usage error (exit 2) naming the file and item; AWS's failures are
`gen.aws.live.AwsError` (exit 3).
"""

from __future__ import annotations

import sys
from argparse import Namespace
from dataclasses import replace
from pathlib import Path

from gen.aws import interfaces
from gen.aws.interfaces import ClusterInfo, Network
from gen.cli import options
from gen.cli.options import UsageError
from gen.discover import kube, report, tags
from gen.discover.judge import judge
from gen.discover.targets import targets
from gen.reference.model import Reference
from gen.reference.words import printable

ROLES = ("cluster", "control-plane")


def _kubernetes(path: str) -> kube.Cluster:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        why = err.strerror if isinstance(err, OSError) else "not UTF-8"
        raise UsageError(f"--kubernetes {printable(path)}: {why}") from None
    try:
        return kube.parse(text, "stdin" if path == "-" else path)
    except kube.KubeError as err:
        raise UsageError(*err.lines) from None


def _sg(ref: Reference, given: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """--sg cluster=ID (once) and --sg control-plane=ID (repeatable): the control plane's."""
    found = options.groups(ref, given, list(ROLES))
    if len(found.get("cluster", ())) > 1:
        raise UsageError("--sg 'cluster' is given twice; give it once")
    return next(iter(found.get("cluster", ())), None), found.get("control-plane", ())


def _cluster(name: str | None) -> str | None:
    try:
        return interfaces.cluster_name(name) if name is not None else None
    except ValueError as err:
        raise UsageError(f"--cluster: {err}") from None


def _network(ref: Reference, args: Namespace) -> Network:
    cluster_sg, additional = _sg(ref, args.sg)
    _cluster(args.cluster)
    if args.input:
        network = interfaces.read_saved(args.input)
    else:
        network = interfaces.read_live(args.cluster, [g for g in (cluster_sg, *additional) if g])
    given = network.cluster
    name = args.cluster or given.name
    cluster = ClusterInfo(
        name, cluster_sg or given.cluster_group, additional or given.groups, given.vpc
    )
    return replace(network, cluster=cluster)


def run(ref: Reference, args: Namespace) -> dict:
    """The report (plain data): every target judged, the tag findings, the fixes."""
    cluster = _kubernetes(args.kubernetes)
    network = _network(ref, args)
    found = targets(cluster)
    results = judge(found, network)
    nodes = [i for n in cluster.nodes.values() for ip in n.addresses if (i := network.owner(ip))]
    return report.build(ref, results, tags.findings(results, network, nodes), network)


def where(args: Namespace) -> str:
    return "kubernetes" if args.kubernetes == "-" else args.kubernetes
