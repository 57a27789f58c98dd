"""The versions every output carries: the package's, the reference's, and when its data was
last checked. The package version is set in gen/__init__.py only; the reference's is the
`version` of data/reference.yaml; the date is computed from the sources (never typed twice)."""

from __future__ import annotations

import datetime

from gen import __version__
from gen.reference.model import Reference


def checked(ref: Reference) -> datetime.date:
    """The day the data was last checked: the newest `checked` date of its sources."""
    return max(source.checked for source in ref.sources)


def versions(ref: Reference) -> str:
    """`eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)`."""
    return f"eks-sg {__version__}, reference {ref.version} (data checked {checked(ref)})"


def fields(ref: Reference) -> dict[str, str]:
    """What reference.json adds beside `generated_by` (its `version` is the reference's own)."""
    return {"eks_sg_version": __version__, "data_checked": str(checked(ref))}
