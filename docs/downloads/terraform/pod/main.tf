# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.12 (data checked 2026-12-03)
# The rules of one group: Pod security group (security groups for pods) (pod).
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
