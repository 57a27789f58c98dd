"""eks-sg-reference: one YAML file of EKS security-group rules and Istio ports, and its outputs."""
