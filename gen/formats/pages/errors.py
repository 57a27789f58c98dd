"""The error texts and webhook names users paste into the search, by the rule that fixes them.

A webhook the API server cannot reach fails with the webhook's name, its Service's address and
(when the connection times out) the pod's port: none of which the rules' own descriptions say.
Each entry here names them, with real error texts from the trackers (the source of each is a
public issue), and the group page prints them in the rule's entry, so pasting the error finds
that entry first. Service ports are 443; the rule opens the pod's port behind it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from gen.formats.markdown import code, inline


class Seen(NamedTuple):
    """One error text as a user meets it, and the public issue it was reported in."""

    text: str
    url: str


class Webhooks(NamedTuple):
    """What fails when one rule is missing: webhook and Service names, and error texts."""

    rule: str
    webhooks: tuple[str, ...]
    services: tuple[str, ...]
    errors: tuple[Seen, ...]
    heading: str = ""
    """The section's heading, where it is not `Errors that name NAMES`: for errors that name
    no webhook configuration (and so no name starting `webhook.` heads a section)."""


ISTIO = "https://github.com/istio/istio/issues/"
LBC = "https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/"
TAE = "https://github.com/terraform-aws-modules/terraform-aws-eks/"

ENTRIES = (
    Webhooks(
        "node-in-istio-webhook-from-control-plane",
        ("namespace.sidecar-injector.istio.io", "object.sidecar-injector.istio.io",
         "rev.namespace.sidecar-injector.istio.io", "validation.istio.io"),
        ("istiod.istio-system.svc", "istiod"),
        (Seen('Error creating: Internal error occurred: failed calling webhook '
              '"namespace.sidecar-injector.istio.io": Post '
              '"https://istiod.istio-system.svc:443/inject?timeout=10s": context deadline '
              "exceeded", ISTIO + "36955"),
         Seen('Internal Error occurred: failed calling webhook '
              '`object.sidecar-injector.istio.io`: failed to call webhook: Post '
              '`https://istiod.istio-system.svc:443/inject?timeout=10s`: context deadline '
              "exceeded", ISTIO + "49019")),
    ),
    Webhooks(
        "node-in-webhook-9443-from-control-plane",
        ("vingress.elbv2.k8s.aws", "mtargetgroupbinding.elbv2.k8s.aws",
         "vtargetgroupbinding.elbv2.k8s.aws", "mservice.elbv2.k8s.aws", "mpod.elbv2.k8s.aws",
         "mcluster.kb.io", "mcluster.cnpg.io"),
        ("aws-load-balancer-webhook-service.kube-system.svc",
         "aws-load-balancer-webhook-service", "cnpg-webhook-service.cnpg-system.svc"),
        (Seen('Internal error occurred: failed calling webhook "vingress.elbv2.k8s.aws": Post '
              '"https://aws-load-balancer-webhook-service.kube-system.svc:443/'
              'validate-networking-v1beta1-ingress?timeout=10s": context deadline exceeded',
              LBC + "2460"),
         Seen('Internal error occurred: failed calling webhook "vingress.elbv2.k8s.aws": Post '
              '"https://aws-load-balancer-webhook-service.kube-system.svc:443/'
              'validate-networking-v1-ingress?timeout=10s": context deadline exceeded',
              LBC + "3215"),
         Seen('Internal error occurred: failed calling webhook "vingress.elbv2.k8s.aws": the '
              "server could not find the requested resource", LBC + "2039"),
         Seen('Internal error occurred: failed calling webhook '
              '"mtargetgroupbinding.elbv2.k8s.aws": failed to call webhook: Post '
              '"https://aws-load-balancer-webhook-service.kube-system.svc:443/'
              'mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding?timeout=10s": dial tcp '
              "10.0.202.48:9443: i/o timeout", TAE + "pull/2270"),
         Seen('Internal error occurred: failed calling webhook "mcluster.kb.io": failed to '
              'call webhook: Post "https://cnpg-webhook-service.cnpg-system.svc:443/'
              'mutate-postgresql-cnpg-io-v1-cluster?timeout=10s": context deadline exceeded',
              "https://github.com/cloudnative-pg/cloudnative-pg/issues/911")),
    ),
    Webhooks(
        "node-in-webhook-8443-from-control-plane",
        ("validate.nginx.ingress.kubernetes.io", "defaulting.webhook.provisioners.karpenter.sh",
         "validation.webhook.provisioners.karpenter.sh", "defaulting.webhook.karpenter.k8s.aws",
         "validation.webhook.karpenter.sh", "validation.gatekeeper.sh",
         "check-ignore-label.gatekeeper.sh"),
        ("ingress-nginx-controller-admission", "karpenter-webhook.karpenter.svc",
         "karpenter.karpenter.svc", "gatekeeper-webhook-service.gatekeeper-system.svc"),
        (Seen('failed calling webhook "validate.nginx.ingress.kubernetes.io": Post '
              '"https://ingress-private-ingress-nginx-controller-admission.ingress.svc:443/'
              'networking/v1beta1/ingresses?timeout=10s": context deadline exceeded',
              TAE + "issues/1744"),
         Seen('Internal error occurred: failed calling webhook '
              '"validate.nginx.ingress.kubernetes.io": Post "https://ingress-ingress-nginx-'
              'controller-admission.kube-system.svc:443/networking/v1/ingresses?timeout=10s": '
              "dial tcp 10.1.103.106:8443: i/o timeout", TAE + "issues/1748"),
         Seen('Internal error occurred: failed calling webhook '
              '"defaulting.webhook.provisioners.karpenter.sh": Post '
              '"https://karpenter-webhook.karpenter.svc:443/default-resource?timeout=10s": '
              "context deadline exceeded",
              "https://github.com/aws/karpenter-provider-aws/issues/1165"),
         Seen('Internal error occurred: failed calling webhook '
              '"defaulting.webhook.karpenter.k8s.aws": failed to call webhook: Post '
              '"https://karpenter.karpenter.svc:8443/default/karpenter.k8s.aws?timeout=10s": '
              "context deadline exceeded",
              "https://github.com/aws/karpenter-provider-aws/issues/4350")),
    ),
    Webhooks(
        "node-in-kuma-5443-from-control-plane",
        ("mesh.defaulter.kuma-admission.kuma.io", "owner-reference.kuma-admission.kuma.io",
         "validator.kuma-admission.kuma.io", "namespace-kuma-injector.kuma.io",
         "pods-kuma-injector.kuma.io"),
        ("kuma-control-plane.kuma-system.svc", "kuma-control-plane"),
        (Seen('failed to create k8s resource: Internal error occurred: failed calling webhook '
              '"mesh.defaulter.kuma-admission.kuma.io": failed to call webhook: Post '
              '"https://kuma-control-plane.kuma-system.svc:443/default-kuma-io-v1alpha1-mesh'
              '?timeout=10s": context deadline exceeded',
              "https://github.com/kumahq/kuma/issues/6841"),),
    ),
    Webhooks(
        "node-in-kubelet-from-control-plane",
        ("webhook.cert-manager.io",),
        ("cert-manager-webhook.cert-manager.svc",),
        (Seen("Error: forwarding ports: error upgrading connection: error dialing backend: "
              "dial tcp 10.62.164.50:10250: i/o timeout", TAE + "pull/318"),
         Seen('Internal error occurred: failed calling webhook "webhook.cert-manager.io": '
              'failed to call webhook: Post "https://cert-manager-webhook.cert-manager.svc:443/'
              'mutate?timeout=10s": context deadline exceeded',
              "https://github.com/cert-manager/cert-manager/issues/2319")),
        "Error dialing backend: the API server cannot reach the kubelet on 10250 (kubectl logs, "
        "exec, port-forward; cert-manager)",
    ),
)  # fmt: skip
"""The rules users reach from an error: webhooks on the nodes (cert-manager's webhook listens on
10250 by default, CloudNativePG's on 9443, like the LB controller's). Kuma's webhook names are
those of its chart (deployments/charts/kuma/templates/cp-webhooks-and-secrets.yaml, kumahq/kuma
at 00c6087); its admission server listens on 5443 behind the Service's 443."""

BY_RULE = {entry.rule: entry for entry in ENTRIES}
_COMPLETES_WEBHOOK = re.compile(r"(^|-)webhook\.")


def _quoted(text: str) -> str:
    """An error text as a code span (one that holds a backtick is plain escaped text)."""
    return code(text) if "`" not in text else inline(text)


def anchor(rule_id: str) -> str:
    return f"{rule_id}-errors"


def section(rule_id: str) -> str:
    """A short section after the rule's entry (`#<rule>-errors`): the names and the errors
    seen when the rule is missing, or "" for a rule no error names."""
    entry = BY_RULE.get(rule_id)
    if entry is None:
        return ""
    names = ", ".join(code(n) for n in entry.webhooks)
    services = ", ".join(code(s) for s in entry.services)
    # The names go in the heading: the site's search weighs a heading's words far above the
    # text's, and these names are what an error holds that nothing else on the site does. Not
    # a Service whose name has a word starting `webhook.` (`karpenter-webhook.karpenter.svc`
    # is the words `karpenter` and `webhook.karpenter.svc`): the search completes `webhook`
    # from the words of its first result, and must not offer `webhook.karpenter.svc`.
    headed = [code(s) for s in entry.services if not _COMPLETES_WEBHOOK.search(s)]
    heading = inline(entry.heading) or f"Errors that name {names}" + (
        f" ({', '.join(headed)})" if headed else ""
    )
    lines = [
        f"##### {heading} {{#{anchor(rule_id)}}}",
        "",
        # a link up to the rule: search lands here, under the rule's commands
        f"What fails when [{code(rule_id)}](#{rule_id}) is missing (its commands are above): "
        "the API server calls these webhooks "
        f"through their Services ({services}: port 443 there, this rule's port on the pod).",
        "",
        "**Seen as** (from the trackers):",
        "",
    ]
    lines += [f"- {_quoted(e.text)} ([report]({e.url}))" for e in entry.errors]
    return "\n".join(lines)
