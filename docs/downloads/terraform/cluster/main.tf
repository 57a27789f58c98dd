# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.12 (data checked 2026-12-03)
# The rules of one group: EKS cluster security group (cluster).
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

variable "pod_sg_id" {
  description = "ID of the Pod security group (security groups for pods) (role pod)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.pod_sg_id))
    error_message = "The pod group ID is sg- and 8 or 17 lower-case hex digits."
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
