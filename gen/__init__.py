"""eks-sg-reference: one YAML file of EKS security-group rules and Istio ports, and its outputs."""

__version__ = "0.2.0"
"""The package's version, set here only: pyproject.toml reads it (`dynamic`), `eks-sg --version`,
the site footer, reference.json and the AWS CLI scripts print it."""
