"""Issue 22: a user pastes the error they have into the site's search and the first entry is
the rule that fixes it (the landing page that explains such timeouts is docs/webhooks.md, of
the discover issue). The texts are real (each from the public issue named in its id: GitHub
issue or pull request of istio/istio, kubernetes-sigs/aws-load-balancer-controller (lbc),
terraform-aws-modules/terraform-aws-eks, aws/karpenter-provider-aws, kumahq/kuma,
cloudnative-pg/cloudnative-pg, aws/eks-charts, cert-manager/cert-manager): the reporter's
text, or the part of it from the error on, with the URL as the API server prints it where
GitHub shows it as a Markdown link (lbc 3215, kuma 6841). The expected rule for each is the one the issue's
fix opened (its port on the nodes, from the control plane), written here by hand, not taken
from gen/formats/pages/errors.py. terraform-aws-eks 3557 (metrics-server on 10251) quotes no
error text, so it has none here."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from site_tools import CHROMIUM_ARGS, chromium_path, copy_project, mkdocs, serve

pytestmark = pytest.mark.browser

ISTIO, LBC_9443 = "node-in-istio-webhook-from-control-plane", "node-in-webhook-9443-from-control-plane"
WEBHOOK_8443, KUBELET = "node-in-webhook-8443-from-control-plane", "node-in-kubelet-from-control-plane"
KUMA = "node-in-kuma-5443-from-control-plane"

ERRORS = [
    pytest.param(  # the text of issue 22 itself
        'Internal error occurred: failed calling webhook "namespace.sidecar-injector.istio.io": '
        'failed to call webhook: Post "https://istiod.istio-system.svc:443/inject?timeout=10s": '
        "dial tcp 10.0.12.34:15017: i/o timeout", ISTIO, id="issue-22"),
    pytest.param(
        'Error creating: Internal error occurred: failed calling webhook '
        '"namespace.sidecar-injector.istio.io": Post "https://istiod.istio-system.svc:443/'
        'inject?timeout=10s": context deadline exceeded', ISTIO, id="istio-36955"),
    pytest.param(  # pasted from the issue as it is there, on five lines
        'Error from server (InternalError): \nerror when creating "<REDACTED | Link to minimal '
        'ingress is below in reproduction steps>": \nInternal error occurred: failed calling '
        'webhook "vingress.elbv2.k8s.aws": \nPost "https://aws-load-balancer-webhook-service.'
        'kube-system.svc:443/validate-networking-v1beta1-ingress?timeout=10s": \ncontext '
        "deadline exceeded", LBC_9443, id="lbc-2460"),
    pytest.param(
        'Internal error occurred: failed calling webhook "vingress.elbv2.k8s.aws": Post '
        '"https://aws-load-balancer-webhook-service.kube-system.svc:443/'
        'validate-networking-v1beta1-ingress?timeout=10s": context deadline exceeded',
        LBC_9443, id="lbc-2462"),
    pytest.param(
        'Error from server (InternalError): error when creating "my-ingress.yaml": Internal '
        'error occurred: failed calling webhook "vingress.elbv2.k8s.aws": Post "https://aws-'
        'load-balancer-webhook-service.kube-system.svc:443/validate-networking-v1beta1-ingress'
        '?timeout=10s": context deadline exceeded', LBC_9443, id="terraform-aws-eks-1828"),
    pytest.param(
        'Internal error occurred: failed calling webhook "vingress.elbv2.k8s.aws": Post '
        '"https://aws-load-balancer-webhook-service.kube-system.svc:443/'
        'validate-networking-v1-ingress?timeout=10s": context deadline exceeded',
        LBC_9443, id="lbc-3215"),
    pytest.param(  # terraform's output: its frame character included
        "│ Error: Failed to create Ingress 'prod/htd-ingress' because: Internal error occurred: "
        'failed calling webhook "vingress.elbv2.k8s.aws": the server could not find the '
        "requested resource", LBC_9443, id="lbc-2039"),
    pytest.param(
        'Internal error occurred: failed calling webhook "mtargetgroupbinding.elbv2.k8s.aws": '
        'failed to call webhook: Post "https://aws-load-balancer-webhook-service.kube-system.svc'
        ':443/mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding?timeout=10s": context deadline '
        "exceeded", LBC_9443, id="eks-charts-767"),
    pytest.param(
        'failed calling webhook "mtargetgroupbinding.elbv2.k8s.aws": failed to call webhook: '
        'Post "https://aws-load-balancer-webhook-service.kube-system.svc:443/'
        'mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding?timeout=10s": dial tcp '
        "10.0.202.48:9443: i/o timeout", LBC_9443, id="terraform-aws-eks-2270"),
    pytest.param(
        'Error from server (InternalError): error when creating "db-test.yaml": '
        'Internal error occurred: failed calling webhook "mcluster.kb.io": failed to call '
        'webhook: Post "https://cnpg-webhook-service.cnpg-system.svc:443/'
        'mutate-postgresql-cnpg-io-v1-cluster?timeout=10s": context deadline exceeded',
        LBC_9443, id="cloudnative-pg-911"),
    pytest.param(
        'Failed calling webhook, failing closed validate.nginx.ingress.kubernetes.io: failed '
        'calling webhook "validate.nginx.ingress.kubernetes.io": Post "https://ingress-private-'
        'ingress-nginx-controller-admission.ingress.svc:443/networking/v1beta1/ingresses?timeout'
        '=10s": context deadline exceeded', WEBHOOK_8443, id="terraform-aws-eks-1744"),
    pytest.param(
        'Error from server (InternalError): error when creating "keycloak": Internal error '
        'occurred: failed calling webhook "validate.nginx.ingress.kubernetes.io": Post "https://'
        'ingress-ingress-nginx-controller-admission.kube-system.svc:443/networking/v1/ingresses'
        '?timeout=10s": dial tcp 10.1.103.106:8443: i/o timeout', WEBHOOK_8443,
        id="terraform-aws-eks-1748"),
    pytest.param(  # the line of the control plane's log, as the issue quotes it
        '2023-05-17T16:25:37.993Z        DEBUG   defaults        could not create default mesh'
        '   {"err": "failed to create k8s resource: Internal error occurred: failed calling '
        'webhook \\"mesh.defaulter.kuma-admission.kuma.io\\": failed to call webhook: Post '
        '\\"https://kuma-control-plane.kuma-system.svc:443/default-kuma-io-v1alpha1-mesh?'
        'timeout=10s\\": context deadline exceeded"', KUMA, id="kuma-6841"),
    pytest.param(
        'Error from server (InternalError): error when creating "provisioner.yaml": Internal '
        'error occurred: failed calling webhook "defaulting.webhook.provisioners.karpenter.sh": '
        'Post "https://karpenter-webhook.karpenter.svc:443/default-resource?timeout=10s": '
        "context deadline exceeded", WEBHOOK_8443, id="karpenter-1165"),
    pytest.param(
        'Internal error occurred: failed calling webhook "defaulting.webhook.karpenter.k8s.aws": '
        'failed to call webhook: Post "https://karpenter.karpenter.svc:8443/default/'
        'karpenter.k8s.aws?timeout=10s": context deadline exceeded', WEBHOOK_8443,
        id="karpenter-4350"),
    pytest.param(
        "Error: forwarding ports: error upgrading connection: error dialing backend: dial tcp "
        "10.62.164.50:10250: i/o timeout", KUBELET, id="terraform-aws-eks-318"),
    pytest.param(
        'Internal error occurred: failed calling webhook "webhook.cert-manager.io": failed to '
        'call webhook: Post "https://cert-manager-webhook.cert-manager.svc:443/mutate?timeout='
        '10s": context deadline exceeded', KUBELET, id="cert-manager-2319"),
]  # fmt: skip


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("search"))
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser: Browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(base_url, wait_until="networkidle")
        yield page
        browser.close()


def results(page: Page, text: str) -> list[str]:
    """The result links for a pasted text: `fill` puts it in as a paste does (one input
    event), then a key press makes the search run (it listens to keyup)."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill("")
    box.fill(text)
    box.press("End")
    items = page.locator(".md-search-result__item a")
    items.first.wait_for(timeout=15_000)
    page.wait_for_timeout(400)
    return items.evaluate_all("els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize(("text", "rule"), ERRORS)
def test_a_pasted_error_finds_the_rule_that_fixes_it_first(page: Page, text: str, rule: str) -> None:
    hrefs = results(page, text)
    first = urlsplit(hrefs[0]).path.rstrip("/")
    sections = [h for h in hrefs if urlsplit(h).fragment]
    assert first.endswith("reference/node"), hrefs[:5]
    # The rule's entry, or the short section right after it that lists the errors it fixes.
    assert urlsplit(sections[0]).fragment in (rule, f"{rule}-errors"), sections[:5]
