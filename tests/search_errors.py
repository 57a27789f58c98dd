"""Issue 22: error texts users paste into the site's search, each with the rule that fixes it,
whose entry (or the errors section right after it) must be the first result: used by
tests/site/test_site_search_errors.py and benchmarks/bench.py --site.

The texts are real, each from the public issue or pull request its id names: istio/istio,
kubernetes-sigs/aws-load-balancer-controller (lbc), terraform-aws-modules/terraform-aws-eks,
aws/karpenter-provider-aws, kumahq/kuma, cloudnative-pg/cloudnative-pg, aws/eks-charts,
cert-manager/cert-manager. Each is the reporter's text, or the part of it from the error on,
with the URL as the API server prints it where GitHub shows it as a Markdown link (lbc 3215,
kuma 6841). The rule for each is the one the issue's fix opened (its port on the nodes, from
the control plane), written here by hand, not taken from gen/formats/pages/errors.py.
terraform-aws-eks 3557 (metrics-server on 10251) quotes no error text, so it has none here.
"""

from __future__ import annotations

from typing import NamedTuple


class Pasted(NamedTuple):
    """An error text as a user pastes it, the rule that fixes it, and where it is from."""

    text: str
    rule: str
    id: str


ISTIO = "node-in-istio-webhook-from-control-plane"
LBC_9443 = "node-in-webhook-9443-from-control-plane"
WEBHOOK_8443 = "node-in-webhook-8443-from-control-plane"
KUBELET = "node-in-kubelet-from-control-plane"
KUMA = "node-in-kuma-5443-from-control-plane"

ERRORS: list[Pasted] = [
    Pasted(  # the text of issue 22 itself
        'Internal error occurred: failed calling webhook "namespace.sidecar-injector.istio.io": '
        'failed to call webhook: Post "https://istiod.istio-system.svc:443/inject?timeout=10s": '
        "dial tcp 10.0.12.34:15017: i/o timeout", ISTIO, id="issue-22"),
    Pasted(
        'Error creating: Internal error occurred: failed calling webhook '
        '"namespace.sidecar-injector.istio.io": Post "https://istiod.istio-system.svc:443/'
        'inject?timeout=10s": context deadline exceeded', ISTIO, id="istio-36955"),
    Pasted(  # pasted from the issue as it is there, on five lines
        'Error from server (InternalError): \nerror when creating "<REDACTED | Link to minimal '
        'ingress is below in reproduction steps>": \nInternal error occurred: failed calling '
        'webhook "vingress.elbv2.k8s.aws": \nPost "https://aws-load-balancer-webhook-service.'
        'kube-system.svc:443/validate-networking-v1beta1-ingress?timeout=10s": \ncontext '
        "deadline exceeded", LBC_9443, id="lbc-2460"),
    Pasted(
        'Internal error occurred: failed calling webhook "vingress.elbv2.k8s.aws": Post '
        '"https://aws-load-balancer-webhook-service.kube-system.svc:443/'
        'validate-networking-v1beta1-ingress?timeout=10s": context deadline exceeded',
        LBC_9443, id="lbc-2462"),
    Pasted(
        'Error from server (InternalError): error when creating "my-ingress.yaml": Internal '
        'error occurred: failed calling webhook "vingress.elbv2.k8s.aws": Post "https://aws-'
        'load-balancer-webhook-service.kube-system.svc:443/validate-networking-v1beta1-ingress'
        '?timeout=10s": context deadline exceeded', LBC_9443, id="terraform-aws-eks-1828"),
    Pasted(
        'Internal error occurred: failed calling webhook "vingress.elbv2.k8s.aws": Post '
        '"https://aws-load-balancer-webhook-service.kube-system.svc:443/'
        'validate-networking-v1-ingress?timeout=10s": context deadline exceeded',
        LBC_9443, id="lbc-3215"),
    Pasted(  # terraform's output: its frame character included
        "│ Error: Failed to create Ingress 'prod/htd-ingress' because: Internal error occurred: "
        'failed calling webhook "vingress.elbv2.k8s.aws": the server could not find the '
        "requested resource", LBC_9443, id="lbc-2039"),
    Pasted(
        'Internal error occurred: failed calling webhook "mtargetgroupbinding.elbv2.k8s.aws": '
        'failed to call webhook: Post "https://aws-load-balancer-webhook-service.kube-system.svc'
        ':443/mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding?timeout=10s": context deadline '
        "exceeded", LBC_9443, id="eks-charts-767"),
    Pasted(
        'failed calling webhook "mtargetgroupbinding.elbv2.k8s.aws": failed to call webhook: '
        'Post "https://aws-load-balancer-webhook-service.kube-system.svc:443/'
        'mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding?timeout=10s": dial tcp '
        "10.0.202.48:9443: i/o timeout", LBC_9443, id="terraform-aws-eks-2270"),
    Pasted(
        'Error from server (InternalError): error when creating "db-test.yaml": '
        'Internal error occurred: failed calling webhook "mcluster.kb.io": failed to call '
        'webhook: Post "https://cnpg-webhook-service.cnpg-system.svc:443/'
        'mutate-postgresql-cnpg-io-v1-cluster?timeout=10s": context deadline exceeded',
        LBC_9443, id="cloudnative-pg-911"),
    Pasted(
        'Failed calling webhook, failing closed validate.nginx.ingress.kubernetes.io: failed '
        'calling webhook "validate.nginx.ingress.kubernetes.io": Post "https://ingress-private-'
        'ingress-nginx-controller-admission.ingress.svc:443/networking/v1beta1/ingresses?timeout'
        '=10s": context deadline exceeded', WEBHOOK_8443, id="terraform-aws-eks-1744"),
    Pasted(
        'Error from server (InternalError): error when creating "keycloak": Internal error '
        'occurred: failed calling webhook "validate.nginx.ingress.kubernetes.io": Post "https://'
        'ingress-ingress-nginx-controller-admission.kube-system.svc:443/networking/v1/ingresses'
        '?timeout=10s": dial tcp 10.1.103.106:8443: i/o timeout', WEBHOOK_8443,
        id="terraform-aws-eks-1748"),
    Pasted(  # the line of the control plane's log, as the issue quotes it
        '2023-05-17T16:25:37.993Z        DEBUG   defaults        could not create default mesh'
        '   {"err": "failed to create k8s resource: Internal error occurred: failed calling '
        'webhook \\"mesh.defaulter.kuma-admission.kuma.io\\": failed to call webhook: Post '
        '\\"https://kuma-control-plane.kuma-system.svc:443/default-kuma-io-v1alpha1-mesh?'
        'timeout=10s\\": context deadline exceeded"', KUMA, id="kuma-6841"),
    Pasted(
        'Error from server (InternalError): error when creating "provisioner.yaml": Internal '
        'error occurred: failed calling webhook "defaulting.webhook.provisioners.karpenter.sh": '
        'Post "https://karpenter-webhook.karpenter.svc:443/default-resource?timeout=10s": '
        "context deadline exceeded", WEBHOOK_8443, id="karpenter-1165"),
    Pasted(
        'Internal error occurred: failed calling webhook "defaulting.webhook.karpenter.k8s.aws": '
        'failed to call webhook: Post "https://karpenter.karpenter.svc:8443/default/'
        'karpenter.k8s.aws?timeout=10s": context deadline exceeded', WEBHOOK_8443,
        id="karpenter-4350"),
    Pasted(
        "Error: forwarding ports: error upgrading connection: error dialing backend: dial tcp "
        "10.62.164.50:10250: i/o timeout", KUBELET, id="terraform-aws-eks-318"),
    Pasted(
        'Internal error occurred: failed calling webhook "webhook.cert-manager.io": failed to '
        'call webhook: Post "https://cert-manager-webhook.cert-manager.svc:443/mutate?timeout='
        '10s": context deadline exceeded', KUBELET, id="cert-manager-2319"),
]  # fmt: skip
