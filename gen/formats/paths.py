"""Every generated path, once, and the relative links between generated files.

Formats name their outputs with these; pages link through `href`, so moving a file is a change
here and nowhere else.
"""

from __future__ import annotations

import functools
import re
from pathlib import PurePosixPath

from gen.write import Removable

DOCS = PurePosixPath("docs")
REFERENCE = DOCS / "reference"
DOWNLOADS = DOCS / "downloads"
SCRIPTS = DOWNLOADS / "aws-cli"
SCHEMA = PurePosixPath("data/schema.json")

OVERVIEW = REFERENCE / "overview.md"
ISTIO_PORTS = REFERENCE / "istio-ports.md"
CATEGORIES = REFERENCE / "categories.md"
SOURCES = REFERENCE / "sources.md"
BRIEF = DOCS / "original-brief.md"  # hand-written: the original brief, its tables linked
FINDINGS = REFERENCE / "findings.md"
DOWNLOADS_INDEX = DOWNLOADS / "index.md"
REFERENCE_JSON = DOWNLOADS / "reference.json"
ISTIO_CSV = DOWNLOADS / "istio-ports.csv"
SETUP_PAGE = DOCS / "setup" / "index.md"
SETUP_DATA = DOCS / "setup" / "selection.json"
SETUP_SCRIPT = DOCS / "assets" / "setup.js"  # hand-written: it only filters and joins


@functools.cache  # pages link to group pages once per rule; the roles are few
def group_page(role: str) -> PurePosixPath:
    """`docs/reference/node.md`: the page of one security-group role."""
    return REFERENCE / f"{role}.md"


def rules_csv(role: str | None = None) -> PurePosixPath:
    """`rules.csv` for every rule, `rules-<role>.csv` for one group's."""
    return DOWNLOADS / (f"rules-{role}.csv" if role else "rules.csv")


def script(action: str) -> PurePosixPath:
    """`aws-cli/apply.sh` or `aws-cli/revoke.sh`: each takes `--with` and `--group`."""
    return SCRIPTS / f"{action}.sh"


def href(page: PurePosixPath, target: PurePosixPath, anchor: str | None = None) -> str:
    """The relative link from `page` to `target` (and an anchor in it), as Markdown wants it."""
    relative = _relative(page, target)
    return f"{relative}#{anchor}" if anchor else relative


@functools.cache  # a page links to the same few files once per rule
def _relative(page: PurePosixPath, target: PurePosixPath) -> str:
    """Pure path arithmetic: `posixpath.relpath` asks the OS for the working directory on
    every call, which was half of the time spent rendering the pages."""
    here, there = page.parent.parts, target.parts
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + list(there[common:]))


TERRAFORM = DOWNLOADS / "terraform"
CLOUDFORMATION = DOWNLOADS / "cloudformation"


def terraform(role: str | None = None) -> PurePosixPath:
    """`terraform/all/main.tf`, `terraform/node/main.tf`: each a module folder of its own."""
    return TERRAFORM / (role or "all") / "main.tf"


TERRAFORM_AWS_EKS = DOWNLOADS / "terraform-aws-eks"


def terraform_aws_eks(version: int) -> PurePosixPath:
    """`terraform-aws-eks/v21.hcl`: the module inputs' maps for one major version (a snippet
    to paste, not a .tf file: Terraform would refuse its top-level arguments)."""
    return TERRAFORM_AWS_EKS / f"v{version}.hcl"


def cloudformation(role: str | None = None) -> PurePosixPath:
    """`cloudformation/all.yaml`, `cloudformation/node.yaml`."""
    return CLOUDFORMATION / f"{role or 'all'}.yaml"


_SLUG = "[a-z0-9]+(-[a-z0-9]+)*"
REMOVABLE = Removable(
    folders=(REFERENCE, DOWNLOADS),
    shapes=re.compile(
        rf"{REFERENCE}/{_SLUG}\.md|{DOWNLOADS}/{_SLUG}\.(csv|json|md)"
        rf"|{SCRIPTS}/(apply|revoke)(-{_SLUG})?\.sh|{TERRAFORM}/{_SLUG}/main\.tf"
        rf"|{CLOUDFORMATION}/{_SLUG}\.yaml|{TERRAFORM_AWS_EKS}/v[0-9]+\.hcl"
    ),
)
"""Where a build may remove a file it no longer generates (a group's page, CSV, scripts and
modules once the group is gone): only files of these shapes, in these folders, that the last
build's manifest also lists. Nothing else is ever deleted, whatever a manifest says."""
