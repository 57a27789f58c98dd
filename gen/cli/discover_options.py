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
from gen.cli.options import SG_ID, UsageError
from gen.discover import kube, report, tags
from gen.discover.judge import judge
from gen.discover.targets import targets
from gen.reference.model import Reference
from gen.reference.words import printable, shown

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
        raise UsageError(str(err)) from None


def _sg(options: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """--sg cluster=ID (once) and --sg control-plane=ID (repeatable)."""
    cluster, additional = None, []
    for option in options:
        role, _, sg = option.partition("=")
        if role not in ROLES or not SG_ID.match(sg):
            raise UsageError(
                f"--sg takes cluster=sg-ID or control-plane=sg-ID, not {shown(option)}"
            )
        if role == "cluster" and cluster:
            raise UsageError("--sg cluster is given twice; give it once")
        cluster = sg if role == "cluster" else cluster
        additional += [sg] if role == "control-plane" else []
    return cluster, tuple(additional)


def _network(args: Namespace) -> Network:
    cluster_sg, additional = _sg(args.sg)
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
    network = _network(args)
    found = targets(cluster)
    results = judge(found, network)
    nodes = [i for n in cluster.nodes.values() for ip in n.addresses if (i := network.owner(ip))]
    return report.build(ref, results, tags.findings(results, network, nodes), network)


def where(args: Namespace) -> str:
    return "kubernetes" if args.kubernetes == "-" else args.kubernetes
