"""docs/reference/istio-ports.md: Istio's ports by component, with status and EKS rules."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen import paths
from gen.formats.labels import status_text
from gen.formats.links import rule_link, rules_by_id, source_links
from gen.formats.markdown import code, inline, page, table
from gen.model import IstioComponent, IstioPort, Reference, Rule

PATH = paths.ISTIO_PORTS
SCOPES = {"network": "No", "pod-internal": "Yes (pod-internal)", "localhost": "Yes (localhost)"}
HEADERS = ("Port", "Protocol", "Description", "Internal only", "Status", "EKS rules", "Sources")

INTRO = """\
The ports each Istio component listens on, checked against istio.io and Istio's source.
Applications must not use these ports: the sidecar captures them. **Internal only** means only
the pod itself (or the local host) connects to the port, so no security-group rule can matter.
A port marked *removed* or *deprecated* is kept so that readers of older documents find it.

Most of these ports need no security-group rule on EKS: pods talk to each other through the
node security group's rules between nodes. The **EKS rules** column names the rules a port does
need: above all istiod's webhook port **15017**, which the Kubernetes API server calls.
"""


def status_badge(port: IstioPort) -> str:
    """A status label styled by docs/stylesheets/extra.css (current ports get none)."""
    if port.status == "current":
        return "current"
    return f'<span class="status status--{port.status}">{inline(status_text(port))}</span>'


def _protocol(port: IstioPort) -> str:
    if port.previous_protocol:
        return f"{inline(port.protocol)} (seed: {inline(port.previous_protocol)})"
    return inline(port.protocol)


def _row(port: IstioPort, rules: dict[str, Rule]) -> list[str]:
    description = inline(port.description)
    if port.notes:
        description += "<br>*" + inline(port.notes) + "*"
    return [
        code(str(port.port)), _protocol(port), description, SCOPES[port.scope], status_badge(port),
        ", ".join(rule_link(PATH, rules[r]) for r in port.rules) or "none",
        source_links(PATH, port.sources),
    ]  # fmt: skip


def _component(ref: Reference, component: IstioComponent) -> str:
    ports = [p for p in ref.istio.ports if p.component == component.id]
    heading = f"## {inline(component.title)} {{#{component.id}}}"
    about = f"{inline(component.description)} Sources: {source_links(PATH, component.sources)}."
    rules = rules_by_id(ref)
    return f"{heading}\n\n{about}\n\n" + table(HEADERS, [_row(p, rules) for p in ports])


def render(ref: Reference) -> dict[PurePosixPath, str]:
    parts = [_component(ref, c) for c in ref.istio.components]
    return {PATH: page("Istio ports", INTRO, *parts)}
