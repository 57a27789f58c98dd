# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)
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

variable "node_sg_id" {
  description = "ID of the Node SG (role node)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.node_sg_id))
    error_message = "The node group ID is sg- and 8 or 17 lower-case hex digits."
  }
}

variable "control_plane_sg_id" {
  description = "ID of the Control-plane SG (role control-plane)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.control_plane_sg_id))
    error_message = "The control-plane group ID is sg- and 8 or 17 lower-case hex digits."
  }
}

variable "listener_port" {
  description = "Listener port: The NodePort."
  type        = number

  validation {
    condition     = var.listener_port == floor(var.listener_port) && var.listener_port >= 1 && var.listener_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}

# node-in-kubelet: inbound tcp 10250 from control-plane (minimum)
resource "aws_vpc_security_group_ingress_rule" "node_in_kubelet" {
  security_group_id            = var.node_sg_id
  description                  = "Kubelet API"
  ip_protocol                  = "tcp"
  from_port                    = 10250
  to_port                      = 10250
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-kubelet"
    "eks-sg-reference/version" = "2026.11"
  }
}

# node-in-pmtud: inbound icmp type 3 code 4 from self (minimum)
resource "aws_vpc_security_group_ingress_rule" "node_in_pmtud" {
  security_group_id            = var.node_sg_id
  description                  = "Path MTU discovery"
  ip_protocol                  = "icmp"
  from_port                    = 3
  to_port                      = 4
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-pmtud"
    "eks-sg-reference/version" = "2026.11"
  }
}

# node-in-listener: inbound tcp listener-port from 10.0.0.0/16 (minimum)
resource "aws_vpc_security_group_ingress_rule" "node_in_listener" {
  security_group_id = var.node_sg_id
  description       = "Listener from the VPC"
  ip_protocol       = "tcp"
  from_port         = var.listener_port
  to_port           = var.listener_port
  cidr_ipv4         = "10.0.0.0/16"

  tags = {
    "eks-sg-reference/rule"    = "node-in-listener"
    "eks-sg-reference/version" = "2026.11"
  }
}

# node-in-webhook: inbound tcp 15017 from control-plane (istio)
resource "aws_vpc_security_group_ingress_rule" "node_in_webhook" {
  security_group_id            = var.node_sg_id
  description                  = "istiod webhook"
  ip_protocol                  = "tcp"
  from_port                    = 15017
  to_port                      = 15017
  referenced_security_group_id = var.control_plane_sg_id

  tags = {
    "eks-sg-reference/rule"    = "node-in-webhook"
    "eks-sg-reference/version" = "2026.11"
  }
}

# control-plane-out-kubelet: outbound tcp 10250 to node (minimum)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_kubelet" {
  security_group_id            = var.control_plane_sg_id
  description                  = "Kubelet API"
  ip_protocol                  = "tcp"
  from_port                    = 10250
  to_port                      = 10250
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-kubelet"
    "eks-sg-reference/version" = "2026.11"
  }
}

# control-plane-out-webhook: outbound tcp 15017 to node (istio)
resource "aws_vpc_security_group_egress_rule" "control_plane_out_webhook" {
  security_group_id            = var.control_plane_sg_id
  description                  = "istiod webhook"
  ip_protocol                  = "tcp"
  from_port                    = 15017
  to_port                      = 15017
  referenced_security_group_id = var.node_sg_id

  tags = {
    "eks-sg-reference/rule"    = "control-plane-out-webhook"
    "eks-sg-reference/version" = "2026.11"
  }
}
