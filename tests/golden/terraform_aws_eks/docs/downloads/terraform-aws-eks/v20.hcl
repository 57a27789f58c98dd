# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)
# For terraform-aws-modules/eks/aws v20.x (v21.hcl for v21.x).
# Every rule of eks-sg-reference: keep the ones your setup needs, or get only those from
# the setup picker or eks-sg rules --with ID[,ID...] --format terraform-aws-eks.
# Paste the two maps into module "eks" { ... }.

cluster_security_group_additional_rules = {
  control_plane_out_kubelet = {
    description                = "Kubelet API"
    protocol                   = "tcp"
    from_port                  = 10250
    to_port                    = 10250
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_webhook = {
    description                = "istiod webhook"
    protocol                   = "tcp"
    from_port                  = 15017
    to_port                    = 15017
    type                       = "egress"
    source_node_security_group = true
  }
}

node_security_group_additional_rules = {
  # node-in-kubelet: terraform-aws-eks creates it as ingress_cluster_kubelet
  node_in_pmtud = {
    description = "Path MTU discovery"
    protocol    = "icmp"
    from_port   = 3
    to_port     = 4
    type        = "ingress"
    self        = true
  }
  node_in_listener = {
    description = "Listener from the VPC"
    protocol    = "tcp"
    from_port   = var.listener_port
    to_port     = var.listener_port
    type        = "ingress"
    cidr_blocks = ["10.0.0.0/16"]
  }
  node_in_webhook = {
    description                   = "istiod webhook"
    protocol                      = "tcp"
    from_port                     = 15017
    to_port                       = 15017
    type                          = "ingress"
    source_cluster_security_group = true
  }
}

# The variables the maps use (declare them beside the module call):

variable "listener_port" {
  description = "Listener port: The NodePort."
  type        = number

  validation {
    condition     = var.listener_port == floor(var.listener_port) && var.listener_port >= 1 && var.listener_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
  }
}
