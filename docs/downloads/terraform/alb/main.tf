# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.12 (data checked 2026-12-03)
# The rules of one group: ALB security group (alb).
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

variable "alb_sg_id" {
  description = "ID of the ALB security group (role alb)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.alb_sg_id))
    error_message = "The alb group ID is sg- and 8 or 17 lower-case hex digits."
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

variable "client_cidr_ipv6" {
  description = "Load balancer client IPv6 CIDR: The IPv6 network a dualstack load balancer's clients connect from (the controller's default is ::/0)."
  type        = string

  validation {
    condition     = try(cidrsubnet(var.client_cidr_ipv6, 0, 0) == var.client_cidr_ipv6 && !can(cidrnetmask(var.client_cidr_ipv6)), false)
    error_message = "The value is an IPv6 CIDR written as its network address."
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
