# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.12 (data checked 2026-12-03)
# The rules of one group: NLB security group (nlb).
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

variable "nlb_sg_id" {
  description = "ID of the NLB security group (role nlb)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.nlb_sg_id))
    error_message = "The nlb group ID is sg- and 8 or 17 lower-case hex digits."
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

variable "nlb_frontend_port" {
  description = "NLB listener port: The Service's port, which clients connect to on the NLB (spec.ports[].port)."
  type        = number

  validation {
    condition     = var.nlb_frontend_port == floor(var.nlb_frontend_port) && var.nlb_frontend_port >= 1 && var.nlb_frontend_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
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
