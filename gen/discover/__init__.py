"""Kubernetes objects (kubectl JSON) -> the flows the control plane needs, judged."""
