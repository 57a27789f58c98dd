# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.12 (data checked 2026-12-03)
# The rules of one group: Additional cluster security group (control-plane).
# A module body: call it with module "eks_sg_rules" { source = "./DIR" ... }.

terraform {
  required_version = ">= 1.3"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "control_plane_sg_id" {
  description = "ID of the Additional cluster security group (role control-plane)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.control_plane_sg_id))
    error_message = "The control-plane group ID is sg- and 8 or 17 lower-case hex digits."
  }
}

variable "node_sg_id" {
  description = "ID of the Worker node security group (role node)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.node_sg_id))
    error_message = "The node group ID is sg- and 8 or 17 lower-case hex digits."
  }
}

variable "pod_sg_id" {
  description = "ID of the Pod security group (security groups for pods) (role pod)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.pod_sg_id))
    error_message = "The pod group ID is sg- and 8 or 17 lower-case hex digits."
  }
}

variable "hybrid_webhook_port" {
  description = "Webhook port on hybrid nodes: The container port of a webhook that runs on hybrid nodes (its Service's targetPort)."
  type        = number

  validation {
    condition     = var.hybrid_webhook_port == floor(var.hybrid_webhook_port) && var.hybrid_webhook_port >= 1 && var.hybrid_webhook_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

variable "remote_node_cidr" {
  description = "Hybrid remote node CIDR: The cluster's RemoteNodeNetwork CIDR (aws eks describe-cluster --query cluster.remoteNetworkConfig)."
  type        = string

  validation {
    condition     = try(cidrsubnet(var.remote_node_cidr, 0, 0) == var.remote_node_cidr && can(cidrnetmask(var.remote_node_cidr)), false)
    error_message = "The value is an IPv4 CIDR written as its network address."
  }
}

variable "remote_pod_cidr" {
  description = "Hybrid remote pod CIDR: The cluster's RemotePodNetwork CIDR (aws eks describe-cluster --query cluster.remoteNetworkConfig)."
  type        = string

  validation {
    condition     = try(cidrsubnet(var.remote_pod_cidr, 0, 0) == var.remote_pod_cidr && can(cidrnetmask(var.remote_pod_cidr)), false)
    error_message = "The value is an IPv4 CIDR written as its network address."
  }
}

variable "remote_mesh_cidr" {
  description = "Remote mesh network CIDR: The network the other Istio clusters (or their load balancers) connect from."
  type        = string

  validation {
    condition     = try(cidrsubnet(var.remote_mesh_cidr, 0, 0) == var.remote_mesh_cidr && can(cidrnetmask(var.remote_mesh_cidr)), false)
    error_message = "The value is an IPv4 CIDR written as its network address."
  }
}

# control-plane-in-https-from-node: inbound tcp 443 from node (minimum)
resource "aws_vpc_security_group_ingress_rule" "control_plane_in_https_from_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubelets and pods on nodes to the Kubernetes API server"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-in-https-from-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-in-https-from-pod: inbound tcp 443 from pod (sg-for-pods)
resource "aws_vpc_security_group_ingress_rule" "control_plane_in_https_from_pod" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Pods with the pod security group to the Kubernetes API server"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.pod_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-in-https-from-pod"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-in-https-from-remote-mesh: inbound tcp 443 from remote-mesh-cidr (istio-multicluster, istio-ambient-multicluster)
resource "aws_vpc_security_group_ingress_rule" "control_plane_in_https_from_remote_mesh" {
  security_group_id = var.control_plane_sg_id
  description       = "Remote istiod to the Kubernetes API server"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = var.remote_mesh_cidr

  tags = {
    "eks-sg-reference/rule"    = "control-plane-in-https-from-remote-mesh"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-in-https-from-remote-nodes: inbound tcp 443 from remote-node-cidr (hybrid-nodes)
resource "aws_vpc_security_group_ingress_rule" "control_plane_in_https_from_remote_nodes" {
  security_group_id = var.control_plane_sg_id
  description       = "Hybrid nodes (kubelets) to the Kubernetes API server"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = var.remote_node_cidr

  tags = {
    "eks-sg-reference/rule"    = "control-plane-in-https-from-remote-nodes"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-in-https-from-remote-pods: inbound tcp 443 from remote-pod-cidr (hybrid-nodes)
resource "aws_vpc_security_group_ingress_rule" "control_plane_in_https_from_remote_pods" {
  security_group_id = var.control_plane_sg_id
  description       = "Pods on hybrid nodes to the Kubernetes API server"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = var.remote_pod_cidr

  tags = {
    "eks-sg-reference/rule"    = "control-plane-in-https-from-remote-pods"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-cert-manager-10260-to-node: outbound tcp 10260 to node (cert-manager-eks-addon)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_cert_manager_10260_to_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubernetes API server to the cert-manager EKS add-on webhook on 10260"
  ip_protocol                  = "tcp"
  from_port                    = 10260
  to_port                      = 10260
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-cert-manager-10260-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-ephemeral-to-node: outbound tcp 1025-65535 to node (eksctl-broad)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_ephemeral_to_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubernetes API server to any non-privileged port on nodes"
  ip_protocol                  = "tcp"
  from_port                    = 1025
  to_port                      = 65535
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-ephemeral-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-https-to-node: outbound tcp 443 to node (eksctl-broad)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_https_to_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubernetes API server to services on nodes on 443"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-https-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-istio-webhook-to-node: outbound tcp 15017 to node (istio)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_istio_webhook_to_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubernetes API server to the istiod webhook container port"
  ip_protocol                  = "tcp"
  from_port                    = 15017
  to_port                      = 15017
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-istio-webhook-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-kubelet-to-node: outbound tcp 10250 to node (minimum, metrics-server, cert-manager, external-secrets)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_kubelet_to_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubernetes API server to kubelets on nodes"
  ip_protocol                  = "tcp"
  from_port                    = 10250
  to_port                      = 10250
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-kubelet-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-kubelet-to-remote-nodes: outbound tcp 10250 to remote-node-cidr (hybrid-nodes)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_kubelet_to_remote_nodes" {
  security_group_id = var.control_plane_sg_id
  description       = "Kubernetes API server to kubelets on hybrid nodes"
  ip_protocol       = "tcp"
  from_port         = 10250
  to_port           = 10250
  cidr_ipv4         = var.remote_node_cidr

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-kubelet-to-remote-nodes"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-kuma-5443-to-node: outbound tcp 5443 to node (kuma)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_kuma_5443_to_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubernetes API server to the Kuma admission server on 5443"
  ip_protocol                  = "tcp"
  from_port                    = 5443
  to_port                      = 5443
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-kuma-5443-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-metrics-server-10251-to-node: outbound tcp 10251 to node (metrics-server-eks-addon)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_metrics_server_10251_to_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubernetes API server to metrics-server on 10251 (EKS add-on)"
  ip_protocol                  = "tcp"
  from_port                    = 10251
  to_port                      = 10251
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-metrics-server-10251-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-metrics-server-4443-to-node: outbound tcp 4443 to node (metrics-server-legacy)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_metrics_server_4443_to_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubernetes API server to metrics-server on 4443 (legacy releases)"
  ip_protocol                  = "tcp"
  from_port                    = 4443
  to_port                      = 4443
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-metrics-server-4443-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-prometheus-adapter-to-node: outbound tcp 6443 to node (prometheus-adapter, keda, sysdig-admission-controller)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_prometheus_adapter_to_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubernetes API server to API services on 6443 (prometheus-adapter, KEDA metrics, Sysdig)"
  ip_protocol                  = "tcp"
  from_port                    = 6443
  to_port                      = 6443
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-prometheus-adapter-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-webhook-8443-to-node: outbound tcp 8443 to node (knative, karpenter, gatekeeper, ingress-nginx, linkerd, sysdig-admission-controller)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_webhook_8443_to_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Linkerd, Sysdig, Karpenter up to v1.0)"
  ip_protocol                  = "tcp"
  from_port                    = 8443
  to_port                      = 8443
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-webhook-8443-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-webhook-9443-to-node: outbound tcp 9443 to node (aws-load-balancer-controller, kyverno, keda, cloudnative-pg, linkerd)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_webhook_9443_to_node" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, Kyverno, KEDA, CloudNativePG, Linkerd)"
  ip_protocol                  = "tcp"
  from_port                    = 9443
  to_port                      = 9443
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-webhook-9443-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# control-plane-out-webhook-to-remote-pods: outbound tcp hybrid-webhook-port to remote-pod-cidr (hybrid-nodes)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_webhook_to_remote_pods" {
  security_group_id = var.control_plane_sg_id
  description       = "Kubernetes API server to webhooks on hybrid nodes"
  ip_protocol       = "tcp"
  from_port         = var.hybrid_webhook_port
  to_port           = var.hybrid_webhook_port
  cidr_ipv4         = var.remote_pod_cidr

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-webhook-to-remote-pods"
    "eks-sg-reference/version" = "2026.12"
  }
}
