"""docs/reference/istio-ports.md: Istio's ports by component, then one entry per port number.

The tables by component have five columns (they fit a desktop); the port links to its entry
below (`#port-15017`), which says which components use it, the EKS rules it needs and the
sources, in sentences that search results show. The tables are left out of the search index.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.formats import paths
from gen.formats.labels import status_text
from gen.formats.links import rule_link, rules_by_id, source_links
from gen.formats.markdown import inline, page, table
from gen.reference.model import IstioComponent, IstioPort, Reference

PATH = paths.ISTIO_PORTS
SCOPES = {"network": "No", "pod-internal": "Yes (pod-internal)", "localhost": "Yes (localhost)"}
HEADERS = ("Port", "Protocol", "Description", "Internal only", "Status")

INTRO = """\
The ports each Istio component listens on, checked against istio.io and Istio's source.
Applications must not use these ports: the sidecar captures them. **Internal only** means only
the pod itself (or the local host) connects to the port, so no security-group rule can matter.
A port marked *removed* or *deprecated* is kept so that readers of older documents find it.

Most of these ports need no security-group rule on EKS: pods talk to each other through the
node security group's rules between nodes. Each port's entry under
[Ports by number](#ports-by-number) names the rules a port does need: above all istiod's
webhook port [**15017**](#port-15017), which the Kubernetes API server calls.
"""


def port_anchor(port: int) -> str:
    """The anchor of a port number's entry: `port-15017`."""
    return f"port-{port}"


def status_badge(port: IstioPort) -> str:
    """A status label styled by docs/stylesheets/extra.css (current ports get none)."""
    if port.status == "current":
        return "current"
    return f'<span class="status status--{port.status}">{inline(status_text(port))}</span>'


def _protocol(port: IstioPort) -> str:
    if port.previous_protocol:
        return f"{inline(port.protocol)} (older istio.io pages: {inline(port.previous_protocol)})"
    return inline(port.protocol)


def _row(port: IstioPort) -> list[str]:
    description = inline(port.description)
    if port.notes:
        description += "<br>*" + inline(port.notes) + "*"
    number = f"[{port.port}](#{port_anchor(port.port)}){{ .rule-port }}"
    if port.rules:
        description += ' <span class="need need--optional">EKS rule</span>'
    return [number, _protocol(port), description, SCOPES[port.scope], status_badge(port)]


def _component(ref: Reference, component: IstioComponent) -> str:
    ports = [p for p in ref.istio.ports if p.component == component.id]
    heading = f"## {inline(component.title)} {{#{component.id}}}"
    about = f"{inline(component.description)} Sources: {source_links(PATH, component.sources)}."
    rows = table(HEADERS, [_row(p) for p in ports])
    wrapped = f'<div class="port-table" data-search-exclude markdown>\n\n{rows}\n</div>'
    return f"{heading}\n\n{about}\n\n{wrapped}"


def _sentence(text: str) -> str:
    return text if text.rstrip().endswith((".", "!", "?")) else text.rstrip() + "."


def _entry(ref: Reference, number: int, ports: list[IstioPort]) -> str:
    """One port number: each component's use of it, the EKS rules it needs, its sources."""
    rules = rules_by_id(ref)
    titles = {c.id: c.title for c in ref.istio.components}
    lines = [f"### {number} {{#{port_anchor(number)}}}", ""]
    for port in ports:
        internal = " Only the pod or the local host connects to it." if port.internal else ""
        needs = ", ".join(rule_link(PATH, rules[r]) for r in port.rules)
        eks = f" EKS rules: {needs}." if needs else " No security-group rule is needed for it."
        status = "" if port.status == "current" else f" Status: {inline(status_text(port))}."
        lines.append(
            f"- **{inline(titles[port.component])}**, {_protocol(port)} "
            f"([table](#{port.component})): {inline(_sentence(port.description))}{internal}"
            f"{status}{eks} Sources: {source_links(PATH, port.sources)}."
        )
    return "\n".join(lines)


def _entries(ref: Reference) -> str:
    by_number: dict[int, list[IstioPort]] = {}
    for port in ref.istio.ports:
        by_number.setdefault(port.port, []).append(port)
    entries = [_entry(ref, n, by_number[n]) for n in sorted(by_number)]
    intro = "Every port number once: which components listen on it, and the rules it needs."
    return "## Ports by number {#ports-by-number}\n\n" + intro + "\n\n" + "\n\n".join(entries)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    parts = [_component(ref, c) for c in ref.istio.components]
    return {PATH: page("Istio ports", INTRO, *parts, _entries(ref), boost=3)}
