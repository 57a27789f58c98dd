"""`eks-sg discover` attacked with objects shaped as Kubernetes and EC2 really return them and
with hostile input (the review of issue 20): each test failed before its fix.

Judged independently of the code: EC2 owns a pod IP taken from a delegated prefix by the
interface holding the prefix (VPC CNI prefix delegation; every IPv6 EKS cluster), the API
server calls a webhook over HTTPS (TCP), and no input may end in a traceback.
"""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

from helpers import eks_sg

from gen.aws import interfaces

FIXTURES = Path(__file__).parent.parent / "fixtures" / "discover"


def _build():
    spec = importlib.util.spec_from_file_location("build", FIXTURES / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    return build


BUILD = _build()
DEMO = json.loads((FIXTURES / "demo.json").read_text())


def _saved(tmp: Path, snapshot: dict | None = None) -> list[str]:
    for name, data in (snapshot or BUILD.aws_snapshot()).items():
        (tmp / name).write_text(json.dumps(data))
    return [f"--input={tmp / name}" for name in BUILD.AWS_FILES]


def _run(tmp: Path, items: list, *extra: str, snapshot: dict | None = None):
    path = tmp / "kubectl.json"
    path.write_text(json.dumps({"apiVersion": "v1", "kind": "List", "items": items}))
    args = ("--kubernetes", str(path), *_saved(tmp, snapshot), "--format", "json", *extra)
    return eks_sg("discover", *args)


def _istiod(report: dict) -> dict:
    return next(t for t in report["targets"] if t["service"] == "istio-system/istiod")


def _items_with(change) -> list:
    items = copy.deepcopy(DEMO["items"])
    for item in items:
        change(item)
    return items


def _is(item: dict, kind: str, name: str) -> bool:
    meta = item["metadata"]
    owner = meta.get("labels", {}).get("kubernetes.io/service-name", meta["name"])
    return item["kind"] == kind and owner == name


def test_a_pod_ip_from_a_delegated_prefix_is_owned_by_the_prefixs_interface(tmp_path):
    # Prefix delegation: the node's interface holds 10.0.1.48/28 and the pod has 10.0.1.50,
    # which is no (secondary) address of any interface. The verdict is the node's groups'.
    snapshot = BUILD.aws_snapshot()
    node = snapshot["enis.json"]["NetworkInterfaces"][0]
    node["Ipv4Prefixes"] = [{"Ipv4Prefix": "10.0.1.48/28"}]
    node["Ipv6Prefixes"] = [{"Ipv6Prefix": "2600:1f14:1:2:a::/80"}]

    def move(item):
        if _is(item, "EndpointSlice", "istiod"):
            item["endpoints"][0]["addresses"] = ["10.0.1.50"]

    found = _run(tmp_path, _items_with(move), snapshot=snapshot)
    assert found.returncode == 1, found.stderr
    istiod = _istiod(json.loads(found.stdout))
    assert istiod["verdict"] == "blocked"
    assert [a["interface"] for a in istiod["addresses"]] == [node["NetworkInterfaceId"]]
    parsed = interfaces.interface_of(node)
    network = interfaces.Network(interfaces.ClusterInfo(), (parsed,))
    assert network.owner("2600:1f14:1:2:a::1f") == parsed
    assert network.owner("10.0.1.64") is None


def test_an_fqdn_endpoint_slice_is_unknown_and_a_bad_address_a_usage_error(tmp_path):
    def fqdn(item):
        if _is(item, "EndpointSlice", "istiod"):
            item["addressType"] = "FQDN"
            item["endpoints"][0]["addresses"] = ["istiod.example.com"]

    found = _run(tmp_path, _items_with(fqdn))
    assert "Traceback" not in found.stderr, found.stderr
    assert found.returncode == 0, found.stderr
    istiod = _istiod(json.loads(found.stdout))
    assert istiod["verdict"] == "unknown"
    assert "DNS name" in istiod["why"]

    def garbage(item):
        if _is(item, "EndpointSlice", "istiod"):
            item["endpoints"][0]["addresses"] = ["10.0.1.x"]

    bad = _run(tmp_path, _items_with(garbage))
    assert bad.returncode == 2, bad.stderr
    assert "Traceback" not in bad.stderr
    assert "EndpointSlice istio-system/istiod-7xk2p" in bad.stderr
    assert "10.0.1.x" in bad.stderr


def test_deeply_nested_json_is_a_usage_error_not_a_traceback(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    for option in ("--kubernetes", "--input"):
        other = ["--input", str(deep)] if option == "--kubernetes" else []
        kube = ["--kubernetes", str(FIXTURES / "demo.json")] if option == "--input" else []
        found = eks_sg("discover", option, str(deep), *other, *kube)
        assert found.returncode == 2, (option, found.stderr[-300:])
        assert "Traceback" not in found.stderr
        assert "deep.json" in found.stderr


def test_the_webhook_is_called_on_the_services_tcp_port(tmp_path):
    # A Service may list port 443 twice (UDP and TCP); the API server calls HTTPS, TCP.
    def udp_first(item):
        if _is(item, "Service", "istiod"):
            udp = {"name": "dns-udp", "port": 443, "targetPort": 15017, "protocol": "UDP"}
            item["spec"]["ports"].insert(0, udp)

    istiod = _istiod(json.loads(_run(tmp_path, _items_with(udp_first)).stdout))
    assert (istiod["protocol"], istiod["port"], istiod["verdict"]) == ("TCP", 15017, "blocked")

    def udp_only(item):
        if _is(item, "Service", "istiod"):
            for port in item["spec"]["ports"]:
                port["protocol"] = "UDP"

    istiod = _istiod(json.loads(_run(tmp_path, _items_with(udp_only)).stdout))
    assert istiod["verdict"] == "unknown"
    assert "no TCP port 443" in istiod["why"]


def test_a_cluster_name_that_is_not_one_is_refused_before_it_reaches_a_fix(tmp_path):
    # The name becomes the tag key `kubernetes.io/cluster/NAME` inside the printed fixes (a
    # markdown ```sh fence, a shell word): EKS names are [0-9A-Za-z][A-Za-z0-9_-]{0,99}.
    hostile = "demo\n```\n<b>x</b> `$(id)`'\x1b[31m"
    snapshot = BUILD.aws_snapshot(node_groups=[BUILD.NODE, BUILD.CLUSTER])
    snapshot["cluster.json"]["cluster"]["name"] = hostile
    saved = _run(tmp_path, DEMO["items"], snapshot=snapshot)
    assert saved.returncode == 2, saved.stderr
    assert "cluster.json" in saved.stderr
    assert "not an EKS cluster name" in saved.stderr
    assert "\x1b" not in saved.stderr
    given = _run(tmp_path, DEMO["items"], "--cluster", hostile)
    assert given.returncode == 2, given.stderr
    assert "--cluster" in given.stderr
    assert "\x1b" not in given.stderr
    clean = BUILD.aws_snapshot(node_groups=[BUILD.NODE, BUILD.CLUSTER])
    fine = _run(tmp_path, DEMO["items"], "--cluster", "my-cluster_2", snapshot=clean)
    assert fine.returncode == 0, fine.stderr
    assert "kubernetes.io/cluster/my-cluster_2" in fine.stdout
