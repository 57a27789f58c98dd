# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)
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
    "eks-sg-reference/version" = "2026.11"
  }
}
