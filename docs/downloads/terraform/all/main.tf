# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.12 (data checked 2026-12-03)
# Every rule of eks-sg-reference.
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

variable "cluster_sg_id" {
  description = "ID of the EKS cluster security group (role cluster)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.cluster_sg_id))
    error_message = "The cluster group ID is sg- and 8 or 17 lower-case hex digits."
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

variable "alb_sg_id" {
  description = "ID of the ALB security group (role alb)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.alb_sg_id))
    error_message = "The alb group ID is sg- and 8 or 17 lower-case hex digits."
  }
}

variable "nlb_sg_id" {
  description = "ID of the NLB security group (role nlb)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.nlb_sg_id))
    error_message = "The nlb group ID is sg- and 8 or 17 lower-case hex digits."
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

variable "alb_listener_port" {
  description = "ALB instance listener port: The NodePort of the Service behind the ALB (kubectl get svc NAME -o jsonpath='{.spec.ports[0].nodePort}')."
  type        = number

  validation {
    condition     = var.alb_listener_port == floor(var.alb_listener_port) && var.alb_listener_port >= 1 && var.alb_listener_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

variable "alb_health_check_port" {
  description = "ALB health-check port: The target group's health-check port; by default the traffic port, the NodePort itself."
  type        = number

  validation {
    condition     = var.alb_health_check_port == floor(var.alb_health_check_port) && var.alb_health_check_port >= 1 && var.alb_health_check_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

variable "nlb_listener_port" {
  description = "NLB instance listener port: The NodePort of the Service behind the NLB."
  type        = number

  validation {
    condition     = var.nlb_listener_port == floor(var.nlb_listener_port) && var.nlb_listener_port >= 1 && var.nlb_listener_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

variable "nlb_health_check_port" {
  description = "NLB health-check port: The target group's health-check port (for externalTrafficPolicy Local, the Service's healthCheckNodePort)."
  type        = number

  validation {
    condition     = var.nlb_health_check_port == floor(var.nlb_health_check_port) && var.nlb_health_check_port >= 1 && var.nlb_health_check_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

variable "pod_probe_port" {
  description = "Pod probe port: The container port of the pod's liveness, readiness or startup probe (kubectl get pod NAME -o yaml, spec.containers[].livenessProbe)."
  type        = number

  validation {
    condition     = var.pod_probe_port == floor(var.pod_probe_port) && var.pod_probe_port >= 1 && var.pod_probe_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

variable "alb_target_port" {
  description = "ALB IP target port: The pod's container port the ALB sends to (the Service's targetPort) when the target type is ip."
  type        = number

  validation {
    condition     = var.alb_target_port == floor(var.alb_target_port) && var.alb_target_port >= 1 && var.alb_target_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

variable "alb_target_health_check_port" {
  description = "ALB IP target health-check port: The target group's health-check port for IP targets; by default the traffic port (the container port)."
  type        = number

  validation {
    condition     = var.alb_target_health_check_port == floor(var.alb_target_health_check_port) && var.alb_target_health_check_port >= 1 && var.alb_target_health_check_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

variable "nlb_target_port" {
  description = "NLB IP target port: The pod's container port the NLB sends to (the Service's targetPort) when the target type is ip."
  type        = number

  validation {
    condition     = var.nlb_target_port == floor(var.nlb_target_port) && var.nlb_target_port >= 1 && var.nlb_target_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

variable "nlb_target_health_check_port" {
  description = "NLB IP target health-check port: The target group's health-check port for IP targets; by default the traffic port."
  type        = number

  validation {
    condition     = var.nlb_target_health_check_port == floor(var.nlb_target_health_check_port) && var.nlb_target_health_check_port >= 1 && var.nlb_target_health_check_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
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

variable "nlb_client_cidr" {
  description = "NLB client CIDR: The network the NLB's clients connect from (0.0.0.0/0 for a public NLB); with client IP preservation nodes see these addresses."
  type        = string

  validation {
    condition     = try(cidrsubnet(var.nlb_client_cidr, 0, 0) == var.nlb_client_cidr && can(cidrnetmask(var.nlb_client_cidr)), false)
    error_message = "The value is an IPv4 CIDR written as its network address."
  }
}

variable "vpc_cidr" {
  description = "VPC CIDR: The VPC's IPv4 CIDR (aws ec2 describe-vpcs --vpc-ids VPC --query Vpcs[0].CidrBlock): NLB health checks and interface VPC endpoints use it."
  type        = string

  validation {
    condition     = try(cidrsubnet(var.vpc_cidr, 0, 0) == var.vpc_cidr && can(cidrnetmask(var.vpc_cidr)), false)
    error_message = "The value is an IPv4 CIDR written as its network address."
  }
}

variable "s3_prefix_list" {
  description = "S3 prefix list: The AWS-managed prefix list of S3 in your region (aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.REGION.s3)."
  type        = string

  validation {
    condition     = can(regex("^pl-([0-9a-f]{8}|[0-9a-f]{17})$", var.s3_prefix_list))
    error_message = "The prefix list ID is pl- and 8 or 17 lower-case hex digits."
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

variable "ssh_source_cidr" {
  description = "SSH source CIDR: The network administrators connect from (eksctl opens 0.0.0.0/0 unless ssh.sourceSecurityGroupIds is set)."
  type        = string

  validation {
    condition     = try(cidrsubnet(var.ssh_source_cidr, 0, 0) == var.ssh_source_cidr && can(cidrnetmask(var.ssh_source_cidr)), false)
    error_message = "The value is an IPv4 CIDR written as its network address."
  }
}

variable "alb_frontend_port" {
  description = "ALB listener port: The port clients connect to on the ALB (the Ingress's listen-ports, 80 or 443 by default)."
  type        = number

  validation {
    condition     = var.alb_frontend_port == floor(var.alb_frontend_port) && var.alb_frontend_port >= 1 && var.alb_frontend_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

variable "nlb_frontend_port" {
  description = "NLB listener port: The Service's port, which clients connect to on the NLB (spec.ports[].port)."
  type        = number

  validation {
    condition     = var.nlb_frontend_port == floor(var.nlb_frontend_port) && var.nlb_frontend_port >= 1 && var.nlb_frontend_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

variable "nlb_subnet_cidr" {
  description = "NLB subnet CIDR: The CIDR of a subnet the NLB is in (one rule per subnet): without a security group, health checks, and traffic when client IP preservation is off, come from these addresses."
  type        = string

  validation {
    condition     = try(cidrsubnet(var.nlb_subnet_cidr, 0, 0) == var.nlb_subnet_cidr && can(cidrnetmask(var.nlb_subnet_cidr)), false)
    error_message = "The value is an IPv4 CIDR written as its network address."
  }
}

variable "client_cidr_ipv6" {
  description = "Load balancer client IPv6 CIDR: The IPv6 network a dualstack load balancer's clients connect from (the controller's default is ::/0)."
  type        = string

  validation {
    condition     = try(cidrsubnet(var.client_cidr_ipv6, 0, 0) == var.client_cidr_ipv6 && !can(cidrnetmask(var.client_cidr_ipv6)), false)
    error_message = "The value is an IPv6 CIDR written as its network address."
  }
}

# cluster-in-all-from-node: inbound all All from node (mixed-nodes)
resource "aws_vpc_security_group_ingress_rule" "cluster_in_all_from_node" {
  security_group_id            = var.cluster_sg_id
  description                  = "All traffic from nodes with their own security group"
  ip_protocol                  = "-1"
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "cluster-in-all-from-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# cluster-in-dns-tcp-from-pod: inbound tcp 53 from pod (sg-for-pods)
resource "aws_vpc_security_group_ingress_rule" "cluster_in_dns_tcp_from_pod" {
  security_group_id            = var.cluster_sg_id
  description                  = "CoreDNS over TCP from pods with the pod security group"
  ip_protocol                  = "tcp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.pod_sg_id

  tags = {
    "eks-sg-reference/rule"    = "cluster-in-dns-tcp-from-pod"
    "eks-sg-reference/version" = "2026.12"
  }
}

# cluster-in-dns-udp-from-pod: inbound udp 53 from pod (sg-for-pods)
resource "aws_vpc_security_group_ingress_rule" "cluster_in_dns_udp_from_pod" {
  security_group_id            = var.cluster_sg_id
  description                  = "CoreDNS over UDP from pods with the pod security group"
  ip_protocol                  = "udp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.pod_sg_id

  tags = {
    "eks-sg-reference/rule"    = "cluster-in-dns-udp-from-pod"
    "eks-sg-reference/version" = "2026.12"
  }
}

# cluster-out-all-ipv6: outbound all All to ::/0 (ipv6)
resource "aws_vpc_security_group_egress_rule" "cluster_out_all_ipv6" {
  security_group_id = var.cluster_sg_id
  description       = "All outbound IPv6 traffic"
  ip_protocol       = "-1"
  cidr_ipv6         = "::/0"

  tags = {
    "eks-sg-reference/rule"    = "cluster-out-all-ipv6"
    "eks-sg-reference/version" = "2026.12"
  }
}

# cluster-out-restricted-dns-tcp: outbound tcp 53 to self (restricted-egress)
resource "aws_vpc_security_group_egress_rule" "cluster_out_restricted_dns_tcp" {
  security_group_id            = var.cluster_sg_id
  description                  = "CoreDNS over TCP (restricted egress)"
  ip_protocol                  = "tcp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.cluster_sg_id

  tags = {
    "eks-sg-reference/rule"    = "cluster-out-restricted-dns-tcp"
    "eks-sg-reference/version" = "2026.12"
  }
}

# cluster-out-restricted-dns-udp: outbound udp 53 to self (restricted-egress)
resource "aws_vpc_security_group_egress_rule" "cluster_out_restricted_dns_udp" {
  security_group_id            = var.cluster_sg_id
  description                  = "CoreDNS over UDP (restricted egress)"
  ip_protocol                  = "udp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.cluster_sg_id

  tags = {
    "eks-sg-reference/rule"    = "cluster-out-restricted-dns-udp"
    "eks-sg-reference/version" = "2026.12"
  }
}

# cluster-out-restricted-https: outbound tcp 443 to self (restricted-egress)
resource "aws_vpc_security_group_egress_rule" "cluster_out_restricted_https" {
  security_group_id            = var.cluster_sg_id
  description                  = "Kubernetes API server (restricted egress)"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.cluster_sg_id

  tags = {
    "eks-sg-reference/rule"    = "cluster-out-restricted-https"
    "eks-sg-reference/version" = "2026.12"
  }
}

# cluster-out-restricted-kubelet: outbound tcp 10250 to self (restricted-egress)
resource "aws_vpc_security_group_egress_rule" "cluster_out_restricted_kubelet" {
  security_group_id            = var.cluster_sg_id
  description                  = "Kubelet API (restricted egress)"
  ip_protocol                  = "tcp"
  from_port                    = 10250
  to_port                      = 10250
  referenced_security_group_id = var.cluster_sg_id

  tags = {
    "eks-sg-reference/rule"    = "cluster-out-restricted-kubelet"
    "eks-sg-reference/version" = "2026.12"
  }
}

# cluster-out-restricted-s3: outbound tcp 443 to s3-prefix-list (restricted-egress)
resource "aws_vpc_security_group_egress_rule" "cluster_out_restricted_s3" {
  security_group_id = var.cluster_sg_id
  description       = "Amazon S3 through its gateway endpoint prefix list (restricted egress)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = var.s3_prefix_list

  tags = {
    "eks-sg-reference/rule"    = "cluster-out-restricted-s3"
    "eks-sg-reference/version" = "2026.12"
  }
}

# cluster-out-restricted-vpc-endpoints: outbound tcp 443 to vpc-cidr (restricted-egress)
resource "aws_vpc_security_group_egress_rule" "cluster_out_restricted_vpc_endpoints" {
  security_group_id = var.cluster_sg_id
  description       = "EKS API, ECR and other AWS APIs through interface VPC endpoints (restricted egress)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = var.vpc_cidr

  tags = {
    "eks-sg-reference/rule"    = "cluster-out-restricted-vpc-endpoints"
    "eks-sg-reference/version" = "2026.12"
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

# node-in-alb-health-check: inbound tcp alb-health-check-port from alb (alb)
resource "aws_vpc_security_group_ingress_rule" "node_in_alb_health_check" {
  security_group_id            = var.node_sg_id
  description                  = "ALB health checks"
  ip_protocol                  = "tcp"
  from_port                    = var.alb_health_check_port
  to_port                      = var.alb_health_check_port
  referenced_security_group_id = var.alb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-alb-health-check"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-alb-ip-health-check: inbound tcp alb-target-health-check-port from alb (alb-ip-targets)
resource "aws_vpc_security_group_ingress_rule" "node_in_alb_ip_health_check" {
  security_group_id            = var.node_sg_id
  description                  = "ALB health checks to pods (IP targets)"
  ip_protocol                  = "tcp"
  from_port                    = var.alb_target_health_check_port
  to_port                      = var.alb_target_health_check_port
  referenced_security_group_id = var.alb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-alb-ip-health-check"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-alb-ip-target: inbound tcp alb-target-port from alb (alb-ip-targets)
resource "aws_vpc_security_group_ingress_rule" "node_in_alb_ip_target" {
  security_group_id            = var.node_sg_id
  description                  = "ALB to pods on their container port (IP targets)"
  ip_protocol                  = "tcp"
  from_port                    = var.alb_target_port
  to_port                      = var.alb_target_port
  referenced_security_group_id = var.alb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-alb-ip-target"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-alb-listener: inbound tcp alb-listener-port from alb (alb)
resource "aws_vpc_security_group_ingress_rule" "node_in_alb_listener" {
  security_group_id            = var.node_sg_id
  description                  = "ALB to the Service NodePort (instance targets)"
  ip_protocol                  = "tcp"
  from_port                    = var.alb_listener_port
  to_port                      = var.alb_listener_port
  referenced_security_group_id = var.alb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-alb-listener"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-all-from-cluster: inbound all All from cluster (mixed-nodes)
resource "aws_vpc_security_group_ingress_rule" "node_in_all_from_cluster" {
  security_group_id            = var.node_sg_id
  description                  = "All traffic from managed nodes and Fargate pods (cluster security group)"
  ip_protocol                  = "-1"
  referenced_security_group_id = var.cluster_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-all-from-cluster"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-all-self: inbound all All from self (recommended, efa)
resource "aws_vpc_security_group_ingress_rule" "node_in_all_self" {
  security_group_id            = var.node_sg_id
  description                  = "All traffic between nodes (pod-to-pod, CoreDNS, node ports)"
  ip_protocol                  = "-1"
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-all-self"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-cert-manager-10260-from-control-plane: inbound tcp 10260 from control-plane (cert-manager-eks-addon)
resource "aws_vpc_security_group_ingress_rule" "node_in_cert_manager_10260_from_control_plane" {
  security_group_id            = var.node_sg_id
  description                  = "Kubernetes API server to the cert-manager EKS add-on webhook on 10260"
  ip_protocol                  = "tcp"
  from_port                    = 10260
  to_port                      = 10260
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-cert-manager-10260-from-control-plane"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-dns-tcp-from-pod: inbound tcp 53 from pod (sg-for-pods)
resource "aws_vpc_security_group_ingress_rule" "node_in_dns_tcp_from_pod" {
  security_group_id            = var.node_sg_id
  description                  = "CoreDNS over TCP from pods with the pod security group"
  ip_protocol                  = "tcp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.pod_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-dns-tcp-from-pod"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-dns-tcp-from-remote-pods: inbound tcp 53 from remote-pod-cidr (hybrid-nodes)
resource "aws_vpc_security_group_ingress_rule" "node_in_dns_tcp_from_remote_pods" {
  security_group_id = var.node_sg_id
  description       = "CoreDNS over TCP from pods on hybrid nodes"
  ip_protocol       = "tcp"
  from_port         = 53
  to_port           = 53
  cidr_ipv4         = var.remote_pod_cidr

  tags = {
    "eks-sg-reference/rule"    = "node-in-dns-tcp-from-remote-pods"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-dns-tcp-self: inbound tcp 53 from self (coredns)
resource "aws_vpc_security_group_ingress_rule" "node_in_dns_tcp_self" {
  security_group_id            = var.node_sg_id
  description                  = "CoreDNS over TCP between nodes"
  ip_protocol                  = "tcp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-dns-tcp-self"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-dns-udp-from-pod: inbound udp 53 from pod (sg-for-pods)
resource "aws_vpc_security_group_ingress_rule" "node_in_dns_udp_from_pod" {
  security_group_id            = var.node_sg_id
  description                  = "CoreDNS over UDP from pods with the pod security group"
  ip_protocol                  = "udp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.pod_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-dns-udp-from-pod"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-dns-udp-from-remote-pods: inbound udp 53 from remote-pod-cidr (hybrid-nodes)
resource "aws_vpc_security_group_ingress_rule" "node_in_dns_udp_from_remote_pods" {
  security_group_id = var.node_sg_id
  description       = "CoreDNS over UDP from pods on hybrid nodes"
  ip_protocol       = "udp"
  from_port         = 53
  to_port           = 53
  cidr_ipv4         = var.remote_pod_cidr

  tags = {
    "eks-sg-reference/rule"    = "node-in-dns-udp-from-remote-pods"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-dns-udp-self: inbound udp 53 from self (coredns)
resource "aws_vpc_security_group_ingress_rule" "node_in_dns_udp_self" {
  security_group_id            = var.node_sg_id
  description                  = "CoreDNS over UDP between nodes"
  ip_protocol                  = "udp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-dns-udp-self"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-eastwest-hbone-from-nlb: inbound tcp 15008 from nlb (istio-ambient-multicluster)
resource "aws_vpc_security_group_ingress_rule" "node_in_eastwest_hbone_from_nlb" {
  security_group_id            = var.node_sg_id
  description                  = "East-west gateway NLB to the gateway pods on 15008 (HBONE)"
  ip_protocol                  = "tcp"
  from_port                    = 15008
  to_port                      = 15008
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-eastwest-hbone-from-nlb"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-eastwest-mtls-from-nlb: inbound tcp 15443 from nlb (istio-multicluster, istio-primary-remote)
resource "aws_vpc_security_group_ingress_rule" "node_in_eastwest_mtls_from_nlb" {
  security_group_id            = var.node_sg_id
  description                  = "East-west gateway NLB to the gateway pods on 15443 (cross-network mTLS)"
  ip_protocol                  = "tcp"
  from_port                    = 15443
  to_port                      = 15443
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-eastwest-mtls-from-nlb"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-eastwest-webhook-from-nlb: inbound tcp 15017 from nlb (istio-primary-remote)
resource "aws_vpc_security_group_ingress_rule" "node_in_eastwest_webhook_from_nlb" {
  security_group_id            = var.node_sg_id
  description                  = "East-west gateway NLB to the gateway pods on 15017 (istiod webhook)"
  ip_protocol                  = "tcp"
  from_port                    = 15017
  to_port                      = 15017
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-eastwest-webhook-from-nlb"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-eastwest-xds-from-nlb: inbound tcp 15012 from nlb (istio-primary-remote)
resource "aws_vpc_security_group_ingress_rule" "node_in_eastwest_xds_from_nlb" {
  security_group_id            = var.node_sg_id
  description                  = "East-west gateway NLB to the gateway pods on 15012 (istiod XDS and CA)"
  ip_protocol                  = "tcp"
  from_port                    = 15012
  to_port                      = 15012
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-eastwest-xds-from-nlb"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-ephemeral-from-control-plane: inbound tcp 1025-65535 from control-plane (eksctl-broad)
resource "aws_vpc_security_group_ingress_rule" "node_in_ephemeral_from_control_plane" {
  security_group_id            = var.node_sg_id
  description                  = "Kubernetes API server to any non-privileged port on nodes"
  ip_protocol                  = "tcp"
  from_port                    = 1025
  to_port                      = 65535
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-ephemeral-from-control-plane"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-ephemeral-self: inbound tcp 1025-65535 from self (recommended)
resource "aws_vpc_security_group_ingress_rule" "node_in_ephemeral_self" {
  security_group_id            = var.node_sg_id
  description                  = "Node to node on non-privileged ports"
  ip_protocol                  = "tcp"
  from_port                    = 1025
  to_port                      = 65535
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-ephemeral-self"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-hbone-self: inbound tcp 15008 from self (istio-ambient)
resource "aws_vpc_security_group_ingress_rule" "node_in_hbone_self" {
  security_group_id            = var.node_sg_id
  description                  = "Istio ambient HBONE between nodes (ztunnel and waypoints)"
  ip_protocol                  = "tcp"
  from_port                    = 15008
  to_port                      = 15008
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-hbone-self"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-https-from-control-plane: inbound tcp 443 from control-plane (eksctl-broad)
resource "aws_vpc_security_group_ingress_rule" "node_in_https_from_control_plane" {
  security_group_id            = var.node_sg_id
  description                  = "Kubernetes API server to services on nodes on 443"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-https-from-control-plane"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-hybrid-gateway-vxlan: inbound udp 8472 from remote-node-cidr (hybrid-nodes-gateway)
resource "aws_vpc_security_group_ingress_rule" "node_in_hybrid_gateway_vxlan" {
  security_group_id = var.node_sg_id
  description       = "Hybrid nodes gateway VXLAN (UDP 8472) from the remote nodes"
  ip_protocol       = "udp"
  from_port         = 8472
  to_port           = 8472
  cidr_ipv4         = var.remote_node_cidr

  tags = {
    "eks-sg-reference/rule"    = "node-in-hybrid-gateway-vxlan"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-istio-gateway-http-from-nlb: inbound tcp 80 from nlb (istio-gateway)
resource "aws_vpc_security_group_ingress_rule" "node_in_istio_gateway_http_from_nlb" {
  security_group_id            = var.node_sg_id
  description                  = "NLB to the Istio gateway on 80"
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-istio-gateway-http-from-nlb"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-istio-gateway-https-from-nlb: inbound tcp 443 from nlb (istio-gateway)
resource "aws_vpc_security_group_ingress_rule" "node_in_istio_gateway_https_from_nlb" {
  security_group_id            = var.node_sg_id
  description                  = "NLB to the Istio gateway on 443"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-istio-gateway-https-from-nlb"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-istio-gateway-status-from-nlb: inbound tcp 15021 from nlb (istio-gateway, istio-multicluster, istio-primary-remote, istio-ambient-multicluster)
resource "aws_vpc_security_group_ingress_rule" "node_in_istio_gateway_status_from_nlb" {
  security_group_id            = var.node_sg_id
  description                  = "NLB health checks to Istio gateways on the status port 15021"
  ip_protocol                  = "tcp"
  from_port                    = 15021
  to_port                      = 15021
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-istio-gateway-status-from-nlb"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-istio-webhook-from-control-plane: inbound tcp 15017 from control-plane (istio)
resource "aws_vpc_security_group_ingress_rule" "node_in_istio_webhook_from_control_plane" {
  security_group_id            = var.node_sg_id
  description                  = "Kubernetes API server to the istiod webhook container port"
  ip_protocol                  = "tcp"
  from_port                    = 15017
  to_port                      = 15017
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-istio-webhook-from-control-plane"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-istiod-xds-self: inbound tcp 15012 from self (istio, istio-ambient)
resource "aws_vpc_security_group_ingress_rule" "node_in_istiod_xds_self" {
  security_group_id            = var.node_sg_id
  description                  = "Istio sidecars and ztunnels on every node to the istiod XDS and CA port"
  ip_protocol                  = "tcp"
  from_port                    = 15012
  to_port                      = 15012
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-istiod-xds-self"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-kubelet-from-control-plane: inbound tcp 10250 from control-plane (minimum, metrics-server, cert-manager, external-secrets)
resource "aws_vpc_security_group_ingress_rule" "node_in_kubelet_from_control_plane" {
  security_group_id            = var.node_sg_id
  description                  = "Kubernetes API server to the kubelet API"
  ip_protocol                  = "tcp"
  from_port                    = 10250
  to_port                      = 10250
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-kubelet-from-control-plane"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-kuma-5443-from-control-plane: inbound tcp 5443 from control-plane (kuma)
resource "aws_vpc_security_group_ingress_rule" "node_in_kuma_5443_from_control_plane" {
  security_group_id            = var.node_sg_id
  description                  = "Kubernetes API server to the Kuma admission server on 5443"
  ip_protocol                  = "tcp"
  from_port                    = 5443
  to_port                      = 5443
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-kuma-5443-from-control-plane"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-metrics-server-10251-from-control-plane: inbound tcp 10251 from control-plane (metrics-server-eks-addon)
resource "aws_vpc_security_group_ingress_rule" "node_in_metrics_server_10251_from_control_plane" {
  security_group_id            = var.node_sg_id
  description                  = "Kubernetes API server to metrics-server on 10251 (EKS add-on)"
  ip_protocol                  = "tcp"
  from_port                    = 10251
  to_port                      = 10251
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-metrics-server-10251-from-control-plane"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-metrics-server-4443-from-control-plane: inbound tcp 4443 from control-plane (metrics-server-legacy)
resource "aws_vpc_security_group_ingress_rule" "node_in_metrics_server_4443_from_control_plane" {
  security_group_id            = var.node_sg_id
  description                  = "Kubernetes API server to metrics-server on 4443 (legacy releases)"
  ip_protocol                  = "tcp"
  from_port                    = 4443
  to_port                      = 4443
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-metrics-server-4443-from-control-plane"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-nlb-clients: inbound tcp nlb-listener-port from nlb-client-cidr (nlb-without-sg)
resource "aws_vpc_security_group_ingress_rule" "node_in_nlb_clients" {
  security_group_id = var.node_sg_id
  description       = "NLB clients to the Service NodePort (NLB without a security group)"
  ip_protocol       = "tcp"
  from_port         = var.nlb_listener_port
  to_port           = var.nlb_listener_port
  cidr_ipv4         = var.nlb_client_cidr

  tags = {
    "eks-sg-reference/rule"    = "node-in-nlb-clients"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-nlb-health-check: inbound tcp nlb-health-check-port from nlb (nlb)
resource "aws_vpc_security_group_ingress_rule" "node_in_nlb_health_check" {
  security_group_id            = var.node_sg_id
  description                  = "NLB health checks"
  ip_protocol                  = "tcp"
  from_port                    = var.nlb_health_check_port
  to_port                      = var.nlb_health_check_port
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-nlb-health-check"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-nlb-health-check-vpc: inbound tcp nlb-health-check-port from nlb-subnet-cidr (nlb-without-sg)
resource "aws_vpc_security_group_ingress_rule" "node_in_nlb_health_check_vpc" {
  security_group_id = var.node_sg_id
  description       = "NLB health checks from the NLB subnets (NLB without a security group)"
  ip_protocol       = "tcp"
  from_port         = var.nlb_health_check_port
  to_port           = var.nlb_health_check_port
  cidr_ipv4         = var.nlb_subnet_cidr

  tags = {
    "eks-sg-reference/rule"    = "node-in-nlb-health-check-vpc"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-nlb-ip-health-check: inbound tcp nlb-target-health-check-port from nlb (nlb-ip-targets)
resource "aws_vpc_security_group_ingress_rule" "node_in_nlb_ip_health_check" {
  security_group_id            = var.node_sg_id
  description                  = "NLB health checks to pods (IP targets)"
  ip_protocol                  = "tcp"
  from_port                    = var.nlb_target_health_check_port
  to_port                      = var.nlb_target_health_check_port
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-nlb-ip-health-check"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-nlb-ip-health-check-from-subnets: inbound tcp nlb-target-health-check-port from nlb-subnet-cidr (nlb-without-sg-ip-targets)
resource "aws_vpc_security_group_ingress_rule" "node_in_nlb_ip_health_check_from_subnets" {
  security_group_id = var.node_sg_id
  description       = "NLB health checks from the NLB subnets to pods (NLB without a security group, IP targets)"
  ip_protocol       = "tcp"
  from_port         = var.nlb_target_health_check_port
  to_port           = var.nlb_target_health_check_port
  cidr_ipv4         = var.nlb_subnet_cidr

  tags = {
    "eks-sg-reference/rule"    = "node-in-nlb-ip-health-check-from-subnets"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-nlb-ip-target: inbound tcp nlb-target-port from nlb (nlb-ip-targets)
resource "aws_vpc_security_group_ingress_rule" "node_in_nlb_ip_target" {
  security_group_id            = var.node_sg_id
  description                  = "NLB to pods on their container port (IP targets)"
  ip_protocol                  = "tcp"
  from_port                    = var.nlb_target_port
  to_port                      = var.nlb_target_port
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-nlb-ip-target"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-nlb-ip-target-from-subnets: inbound tcp nlb-target-port from nlb-subnet-cidr (nlb-without-sg-ip-targets)
resource "aws_vpc_security_group_ingress_rule" "node_in_nlb_ip_target_from_subnets" {
  security_group_id = var.node_sg_id
  description       = "NLB traffic from the NLB subnets to pods (NLB without a security group, IP targets)"
  ip_protocol       = "tcp"
  from_port         = var.nlb_target_port
  to_port           = var.nlb_target_port
  cidr_ipv4         = var.nlb_subnet_cidr

  tags = {
    "eks-sg-reference/rule"    = "node-in-nlb-ip-target-from-subnets"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-nlb-listener: inbound tcp nlb-listener-port from nlb (nlb)
resource "aws_vpc_security_group_ingress_rule" "node_in_nlb_listener" {
  security_group_id            = var.node_sg_id
  description                  = "NLB to the Service NodePort (instance targets)"
  ip_protocol                  = "tcp"
  from_port                    = var.nlb_listener_port
  to_port                      = var.nlb_listener_port
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-nlb-listener"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-nodeport-range-from-alb: inbound tcp 30000-32767 from alb (nodeport-range)
resource "aws_vpc_security_group_ingress_rule" "node_in_nodeport_range_from_alb" {
  security_group_id            = var.node_sg_id
  description                  = "ALB to every NodePort (instance targets)"
  ip_protocol                  = "tcp"
  from_port                    = 30000
  to_port                      = 32767
  referenced_security_group_id = var.alb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-nodeport-range-from-alb"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-nodeport-range-from-nlb: inbound tcp 30000-32767 from nlb (nodeport-range)
resource "aws_vpc_security_group_ingress_rule" "node_in_nodeport_range_from_nlb" {
  security_group_id            = var.node_sg_id
  description                  = "NLB to every NodePort (instance targets)"
  ip_protocol                  = "tcp"
  from_port                    = 30000
  to_port                      = 32767
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-nodeport-range-from-nlb"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-pmtud-icmp-self: inbound icmp type 3 code 4 from self (recommended)
resource "aws_vpc_security_group_ingress_rule" "node_in_pmtud_icmp_self" {
  security_group_id            = var.node_sg_id
  description                  = "Path MTU discovery: destination unreachable, fragmentation needed and DF set"
  ip_protocol                  = "icmp"
  from_port                    = 3
  to_port                      = 4
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-pmtud-icmp-self"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-pmtud-icmpv6-self: inbound icmpv6 type 2 code 0 from self (recommended)
resource "aws_vpc_security_group_ingress_rule" "node_in_pmtud_icmpv6_self" {
  security_group_id            = var.node_sg_id
  description                  = "Path MTU discovery for IPv6: packet too big"
  ip_protocol                  = "icmpv6"
  from_port                    = 2
  to_port                      = 0
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-pmtud-icmpv6-self"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-prometheus-adapter-from-control-plane: inbound tcp 6443 from control-plane (prometheus-adapter, keda, sysdig-admission-controller)
resource "aws_vpc_security_group_ingress_rule" "node_in_prometheus_adapter_from_control_plane" {
  security_group_id            = var.node_sg_id
  description                  = "Kubernetes API server to API services on 6443 (prometheus-adapter, KEDA metrics, Sysdig)"
  ip_protocol                  = "tcp"
  from_port                    = 6443
  to_port                      = 6443
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-prometheus-adapter-from-control-plane"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-ssh: inbound tcp 22 from ssh-source-cidr (ssh)
resource "aws_vpc_security_group_ingress_rule" "node_in_ssh" {
  security_group_id = var.node_sg_id
  description       = "SSH to nodes"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = var.ssh_source_cidr

  tags = {
    "eks-sg-reference/rule"    = "node-in-ssh"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-webhook-8443-from-control-plane: inbound tcp 8443 from control-plane (knative, karpenter, gatekeeper, ingress-nginx, linkerd, sysdig-admission-controller)
resource "aws_vpc_security_group_ingress_rule" "node_in_webhook_8443_from_control_plane" {
  security_group_id            = var.node_sg_id
  description                  = "Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Linkerd, Sysdig, Karpenter up to v1.0)"
  ip_protocol                  = "tcp"
  from_port                    = 8443
  to_port                      = 8443
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-webhook-8443-from-control-plane"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-in-webhook-9443-from-control-plane: inbound tcp 9443 from control-plane (aws-load-balancer-controller, kyverno, keda, cloudnative-pg, linkerd)
resource "aws_vpc_security_group_ingress_rule" "node_in_webhook_9443_from_control_plane" {
  security_group_id            = var.node_sg_id
  description                  = "Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, Kyverno, KEDA, CloudNativePG, Linkerd)"
  ip_protocol                  = "tcp"
  from_port                    = 9443
  to_port                      = 9443
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-webhook-9443-from-control-plane"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-out-all-ipv4: outbound all All to 0.0.0.0/0 (default)
# EC2's default egress: here because the group lacks it (aws_security_group
# removes it); if yours has it: eks-sg rules --egress-default ROLE.
resource "aws_vpc_security_group_egress_rule" "node_out_all_ipv4" {
  security_group_id = var.node_sg_id
  description       = "All outbound IPv4 traffic"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"

  tags = {
    "eks-sg-reference/rule"    = "node-out-all-ipv4"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-out-all-ipv6: outbound all All to ::/0 (ipv6)
resource "aws_vpc_security_group_egress_rule" "node_out_all_ipv6" {
  security_group_id = var.node_sg_id
  description       = "All outbound IPv6 traffic"
  ip_protocol       = "-1"
  cidr_ipv6         = "::/0"

  tags = {
    "eks-sg-reference/rule"    = "node-out-all-ipv6"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-out-all-self: outbound all All to self (efa)
resource "aws_vpc_security_group_egress_rule" "node_out_all_self" {
  security_group_id            = var.node_sg_id
  description                  = "All traffic to members of the node security group (EFA)"
  ip_protocol                  = "-1"
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-out-all-self"
    "eks-sg-reference/version" = "2026.12"
  }
}

# node-out-hybrid-gateway-vxlan: outbound udp 8472 to remote-node-cidr (hybrid-nodes-gateway)
resource "aws_vpc_security_group_egress_rule" "node_out_hybrid_gateway_vxlan" {
  security_group_id = var.node_sg_id
  description       = "Hybrid nodes gateway VXLAN (UDP 8472) to the remote nodes"
  ip_protocol       = "udp"
  from_port         = 8472
  to_port           = 8472
  cidr_ipv4         = var.remote_node_cidr

  tags = {
    "eks-sg-reference/rule"    = "node-out-hybrid-gateway-vxlan"
    "eks-sg-reference/version" = "2026.12"
  }
}

# alb-in-clients-ipv4: inbound tcp alb-frontend-port from 0.0.0.0/0 (lb-frontend)
resource "aws_vpc_security_group_ingress_rule" "alb_in_clients_ipv4" {
  security_group_id = var.alb_sg_id
  description       = "Clients to the ALB listener (controller default 0.0.0.0/0)"
  ip_protocol       = "tcp"
  from_port         = var.alb_frontend_port
  to_port           = var.alb_frontend_port
  cidr_ipv4         = "0.0.0.0/0"

  tags = {
    "eks-sg-reference/rule"    = "alb-in-clients-ipv4"
    "eks-sg-reference/version" = "2026.12"
  }
}

# alb-in-clients-ipv6: inbound tcp alb-frontend-port from client-cidr-ipv6 (lb-frontend-dualstack)
resource "aws_vpc_security_group_ingress_rule" "alb_in_clients_ipv6" {
  security_group_id = var.alb_sg_id
  description       = "IPv6 clients to a dualstack ALB listener (controller default ::/0)"
  ip_protocol       = "tcp"
  from_port         = var.alb_frontend_port
  to_port           = var.alb_frontend_port
  cidr_ipv6         = var.client_cidr_ipv6

  tags = {
    "eks-sg-reference/rule"    = "alb-in-clients-ipv6"
    "eks-sg-reference/version" = "2026.12"
  }
}

# alb-out-all-ipv4: outbound all All to 0.0.0.0/0 (default)
# EC2's default egress: here because the group lacks it (aws_security_group
# removes it); if yours has it: eks-sg rules --egress-default ROLE.
resource "aws_vpc_security_group_egress_rule" "alb_out_all_ipv4" {
  security_group_id = var.alb_sg_id
  description       = "All outbound IPv4 traffic"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"

  tags = {
    "eks-sg-reference/rule"    = "alb-out-all-ipv4"
    "eks-sg-reference/version" = "2026.12"
  }
}

# nlb-in-clients-ipv4: inbound tcp nlb-frontend-port from 0.0.0.0/0 (lb-frontend)
resource "aws_vpc_security_group_ingress_rule" "nlb_in_clients_ipv4" {
  security_group_id = var.nlb_sg_id
  description       = "Clients to the NLB listener (controller default 0.0.0.0/0)"
  ip_protocol       = "tcp"
  from_port         = var.nlb_frontend_port
  to_port           = var.nlb_frontend_port
  cidr_ipv4         = "0.0.0.0/0"

  tags = {
    "eks-sg-reference/rule"    = "nlb-in-clients-ipv4"
    "eks-sg-reference/version" = "2026.12"
  }
}

# nlb-in-clients-ipv6: inbound tcp nlb-frontend-port from client-cidr-ipv6 (lb-frontend-dualstack)
resource "aws_vpc_security_group_ingress_rule" "nlb_in_clients_ipv6" {
  security_group_id = var.nlb_sg_id
  description       = "IPv6 clients to a dualstack NLB listener (controller default ::/0)"
  ip_protocol       = "tcp"
  from_port         = var.nlb_frontend_port
  to_port           = var.nlb_frontend_port
  cidr_ipv6         = var.client_cidr_ipv6

  tags = {
    "eks-sg-reference/rule"    = "nlb-in-clients-ipv6"
    "eks-sg-reference/version" = "2026.12"
  }
}

# nlb-in-eastwest-hbone-from-remote: inbound tcp 15008 from remote-mesh-cidr (istio-ambient-multicluster)
resource "aws_vpc_security_group_ingress_rule" "nlb_in_eastwest_hbone_from_remote" {
  security_group_id = var.nlb_sg_id
  description       = "Remote clusters to the east-west gateway NLB on 15008 (HBONE)"
  ip_protocol       = "tcp"
  from_port         = 15008
  to_port           = 15008
  cidr_ipv4         = var.remote_mesh_cidr

  tags = {
    "eks-sg-reference/rule"    = "nlb-in-eastwest-hbone-from-remote"
    "eks-sg-reference/version" = "2026.12"
  }
}

# nlb-in-eastwest-mtls-from-remote: inbound tcp 15443 from remote-mesh-cidr (istio-multicluster, istio-primary-remote)
resource "aws_vpc_security_group_ingress_rule" "nlb_in_eastwest_mtls_from_remote" {
  security_group_id = var.nlb_sg_id
  description       = "Remote clusters to the east-west gateway NLB on 15443 (cross-network mTLS)"
  ip_protocol       = "tcp"
  from_port         = 15443
  to_port           = 15443
  cidr_ipv4         = var.remote_mesh_cidr

  tags = {
    "eks-sg-reference/rule"    = "nlb-in-eastwest-mtls-from-remote"
    "eks-sg-reference/version" = "2026.12"
  }
}

# nlb-in-eastwest-webhook-from-remote: inbound tcp 15017 from remote-mesh-cidr (istio-primary-remote)
resource "aws_vpc_security_group_ingress_rule" "nlb_in_eastwest_webhook_from_remote" {
  security_group_id = var.nlb_sg_id
  description       = "Remote clusters to the east-west gateway NLB on 15017 (istiod webhook)"
  ip_protocol       = "tcp"
  from_port         = 15017
  to_port           = 15017
  cidr_ipv4         = var.remote_mesh_cidr

  tags = {
    "eks-sg-reference/rule"    = "nlb-in-eastwest-webhook-from-remote"
    "eks-sg-reference/version" = "2026.12"
  }
}

# nlb-in-eastwest-xds-from-remote: inbound tcp 15012 from remote-mesh-cidr (istio-primary-remote)
resource "aws_vpc_security_group_ingress_rule" "nlb_in_eastwest_xds_from_remote" {
  security_group_id = var.nlb_sg_id
  description       = "Remote clusters to the east-west gateway NLB on 15012 (istiod XDS and CA)"
  ip_protocol       = "tcp"
  from_port         = 15012
  to_port           = 15012
  cidr_ipv4         = var.remote_mesh_cidr

  tags = {
    "eks-sg-reference/rule"    = "nlb-in-eastwest-xds-from-remote"
    "eks-sg-reference/version" = "2026.12"
  }
}

# nlb-out-all-ipv4: outbound all All to 0.0.0.0/0 (default)
# EC2's default egress: here because the group lacks it (aws_security_group
# removes it); if yours has it: eks-sg rules --egress-default ROLE.
resource "aws_vpc_security_group_egress_rule" "nlb_out_all_ipv4" {
  security_group_id = var.nlb_sg_id
  description       = "All outbound IPv4 traffic"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"

  tags = {
    "eks-sg-reference/rule"    = "nlb-out-all-ipv4"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-in-alb-ip-health-check: inbound tcp alb-target-health-check-port from alb (alb-ip-targets)
resource "aws_vpc_security_group_ingress_rule" "pod_in_alb_ip_health_check" {
  security_group_id            = var.pod_sg_id
  description                  = "ALB health checks to pods (IP targets)"
  ip_protocol                  = "tcp"
  from_port                    = var.alb_target_health_check_port
  to_port                      = var.alb_target_health_check_port
  referenced_security_group_id = var.alb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-in-alb-ip-health-check"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-in-alb-ip-target: inbound tcp alb-target-port from alb (alb-ip-targets)
resource "aws_vpc_security_group_ingress_rule" "pod_in_alb_ip_target" {
  security_group_id            = var.pod_sg_id
  description                  = "ALB to pods on their container port (IP targets)"
  ip_protocol                  = "tcp"
  from_port                    = var.alb_target_port
  to_port                      = var.alb_target_port
  referenced_security_group_id = var.alb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-in-alb-ip-target"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-in-all-self: inbound all All from self (sg-for-pods)
resource "aws_vpc_security_group_ingress_rule" "pod_in_all_self" {
  security_group_id            = var.pod_sg_id
  description                  = "All traffic between pods with the pod security group"
  ip_protocol                  = "-1"
  referenced_security_group_id = var.pod_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-in-all-self"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-in-hbone-from-node: inbound tcp 15008 from node (sg-for-pods-ambient)
resource "aws_vpc_security_group_ingress_rule" "pod_in_hbone_from_node" {
  security_group_id            = var.pod_sg_id
  description                  = "Istio ambient HBONE from pods on the node security group"
  ip_protocol                  = "tcp"
  from_port                    = 15008
  to_port                      = 15008
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-in-hbone-from-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-in-hbone-self: inbound tcp 15008 from self (sg-for-pods-ambient)
resource "aws_vpc_security_group_ingress_rule" "pod_in_hbone_self" {
  security_group_id            = var.pod_sg_id
  description                  = "Istio ambient HBONE between pods with the pod security group"
  ip_protocol                  = "tcp"
  from_port                    = 15008
  to_port                      = 15008
  referenced_security_group_id = var.pod_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-in-hbone-self"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-in-nlb-ip-health-check: inbound tcp nlb-target-health-check-port from nlb (nlb-ip-targets)
resource "aws_vpc_security_group_ingress_rule" "pod_in_nlb_ip_health_check" {
  security_group_id            = var.pod_sg_id
  description                  = "NLB health checks to pods (IP targets)"
  ip_protocol                  = "tcp"
  from_port                    = var.nlb_target_health_check_port
  to_port                      = var.nlb_target_health_check_port
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-in-nlb-ip-health-check"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-in-nlb-ip-target: inbound tcp nlb-target-port from nlb (nlb-ip-targets)
resource "aws_vpc_security_group_ingress_rule" "pod_in_nlb_ip_target" {
  security_group_id            = var.pod_sg_id
  description                  = "NLB to pods on their container port (IP targets)"
  ip_protocol                  = "tcp"
  from_port                    = var.nlb_target_port
  to_port                      = var.nlb_target_port
  referenced_security_group_id = var.nlb_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-in-nlb-ip-target"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-in-probe-from-node: inbound tcp pod-probe-port from node (sg-for-pods)
resource "aws_vpc_security_group_ingress_rule" "pod_in_probe_from_node" {
  security_group_id            = var.pod_sg_id
  description                  = "Kubelet probes from the node"
  ip_protocol                  = "tcp"
  from_port                    = var.pod_probe_port
  to_port                      = var.pod_probe_port
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-in-probe-from-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-out-all-ipv4: outbound all All to 0.0.0.0/0 (default)
# EC2's default egress: here because the group lacks it (aws_security_group
# removes it); if yours has it: eks-sg rules --egress-default ROLE.
resource "aws_vpc_security_group_egress_rule" "pod_out_all_ipv4" {
  security_group_id = var.pod_sg_id
  description       = "All outbound IPv4 traffic"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"

  tags = {
    "eks-sg-reference/rule"    = "pod-out-all-ipv4"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-out-dns-tcp-to-cluster: outbound tcp 53 to cluster (sg-for-pods)
resource "aws_vpc_security_group_egress_rule" "pod_out_dns_tcp_to_cluster" {
  security_group_id            = var.pod_sg_id
  description                  = "CoreDNS over TCP on nodes with the cluster security group"
  ip_protocol                  = "tcp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.cluster_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-out-dns-tcp-to-cluster"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-out-dns-tcp-to-node: outbound tcp 53 to node (sg-for-pods)
resource "aws_vpc_security_group_egress_rule" "pod_out_dns_tcp_to_node" {
  security_group_id            = var.pod_sg_id
  description                  = "CoreDNS over TCP on nodes with the node security group"
  ip_protocol                  = "tcp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-out-dns-tcp-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-out-dns-udp-to-cluster: outbound udp 53 to cluster (sg-for-pods)
resource "aws_vpc_security_group_egress_rule" "pod_out_dns_udp_to_cluster" {
  security_group_id            = var.pod_sg_id
  description                  = "CoreDNS over UDP on nodes with the cluster security group"
  ip_protocol                  = "udp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.cluster_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-out-dns-udp-to-cluster"
    "eks-sg-reference/version" = "2026.12"
  }
}

# pod-out-dns-udp-to-node: outbound udp 53 to node (sg-for-pods)
resource "aws_vpc_security_group_egress_rule" "pod_out_dns_udp_to_node" {
  security_group_id            = var.pod_sg_id
  description                  = "CoreDNS over UDP on nodes with the node security group"
  ip_protocol                  = "udp"
  from_port                    = 53
  to_port                      = 53
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "pod-out-dns-udp-to-node"
    "eks-sg-reference/version" = "2026.12"
  }
}
