# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.12 (data checked 2026-12-03)
# For terraform-aws-modules/eks/aws v21.x (v20.hcl for v20.x).
# Every rule of eks-sg-reference: keep the ones your setup needs, or get only those from
# the setup picker or eks-sg rules --with ID[,ID...] --format terraform-aws-eks.
# Paste the two maps into module "eks" { ... }.

security_group_additional_rules = {
  # control-plane-in-https-from-node: terraform-aws-eks creates it as ingress_nodes_443
  control_plane_in_https_from_pod = {
    description              = "Pods with the pod security group to the Kubernetes API server"
    protocol                 = "tcp"
    from_port                = 443
    to_port                  = 443
    type                     = "ingress"
    source_security_group_id = var.pod_sg_id
  }
  control_plane_in_https_from_remote_mesh = {
    description = "Remote istiod to the Kubernetes API server"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    type        = "ingress"
    cidr_blocks = [var.remote_mesh_cidr]
  }
  control_plane_in_https_from_remote_nodes = {
    description = "Hybrid nodes (kubelets) to the Kubernetes API server"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    type        = "ingress"
    cidr_blocks = [var.remote_node_cidr]
  }
  control_plane_in_https_from_remote_pods = {
    description = "Pods on hybrid nodes to the Kubernetes API server"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    type        = "ingress"
    cidr_blocks = [var.remote_pod_cidr]
  }
  control_plane_out_cert_manager_10260_to_node = {
    description                = "Kubernetes API server to the cert-manager EKS add-on webhook on 10260"
    protocol                   = "tcp"
    from_port                  = 10260
    to_port                    = 10260
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_ephemeral_to_node = {
    description                = "Kubernetes API server to any non-privileged port on nodes"
    protocol                   = "tcp"
    from_port                  = 1025
    to_port                    = 65535
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_https_to_node = {
    description                = "Kubernetes API server to services on nodes on 443"
    protocol                   = "tcp"
    from_port                  = 443
    to_port                    = 443
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_istio_webhook_to_node = {
    description                = "Kubernetes API server to the istiod webhook container port"
    protocol                   = "tcp"
    from_port                  = 15017
    to_port                    = 15017
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_kubelet_to_node = {
    description                = "Kubernetes API server to kubelets on nodes"
    protocol                   = "tcp"
    from_port                  = 10250
    to_port                    = 10250
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_kubelet_to_remote_nodes = {
    description = "Kubernetes API server to kubelets on hybrid nodes"
    protocol    = "tcp"
    from_port   = 10250
    to_port     = 10250
    type        = "egress"
    cidr_blocks = [var.remote_node_cidr]
  }
  control_plane_out_kuma_5443_to_node = {
    description                = "Kubernetes API server to the Kuma admission server on 5443"
    protocol                   = "tcp"
    from_port                  = 5443
    to_port                    = 5443
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_metrics_server_10251_to_node = {
    description                = "Kubernetes API server to metrics-server on 10251 (EKS add-on)"
    protocol                   = "tcp"
    from_port                  = 10251
    to_port                    = 10251
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_metrics_server_4443_to_node = {
    description                = "Kubernetes API server to metrics-server on 4443 (legacy releases)"
    protocol                   = "tcp"
    from_port                  = 4443
    to_port                    = 4443
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_prometheus_adapter_to_node = {
    description                = "Kubernetes API server to API services on 6443 (prometheus-adapter, KEDA metrics, Sysdig)"
    protocol                   = "tcp"
    from_port                  = 6443
    to_port                    = 6443
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_webhook_8443_to_node = {
    description                = "Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Linkerd, Sysdig, Karpenter up to v1.0)"
    protocol                   = "tcp"
    from_port                  = 8443
    to_port                    = 8443
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_webhook_9443_to_node = {
    description                = "Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, Kyverno, KEDA, CloudNativePG, Linkerd)"
    protocol                   = "tcp"
    from_port                  = 9443
    to_port                    = 9443
    type                       = "egress"
    source_node_security_group = true
  }
  control_plane_out_webhook_to_remote_pods = {
    description = "Kubernetes API server to webhooks on hybrid nodes"
    protocol    = "tcp"
    from_port   = var.hybrid_webhook_port
    to_port     = var.hybrid_webhook_port
    type        = "egress"
    cidr_blocks = [var.remote_pod_cidr]
  }
}

node_security_group_additional_rules = {
  node_in_alb_health_check = {
    description              = "ALB health checks"
    protocol                 = "tcp"
    from_port                = var.alb_health_check_port
    to_port                  = var.alb_health_check_port
    type                     = "ingress"
    source_security_group_id = var.alb_sg_id
  }
  node_in_alb_ip_health_check = {
    description              = "ALB health checks to pods (IP targets)"
    protocol                 = "tcp"
    from_port                = var.alb_target_health_check_port
    to_port                  = var.alb_target_health_check_port
    type                     = "ingress"
    source_security_group_id = var.alb_sg_id
  }
  node_in_alb_ip_target = {
    description              = "ALB to pods on their container port (IP targets)"
    protocol                 = "tcp"
    from_port                = var.alb_target_port
    to_port                  = var.alb_target_port
    type                     = "ingress"
    source_security_group_id = var.alb_sg_id
  }
  node_in_alb_listener = {
    description              = "ALB to the Service NodePort (instance targets)"
    protocol                 = "tcp"
    from_port                = var.alb_listener_port
    to_port                  = var.alb_listener_port
    type                     = "ingress"
    source_security_group_id = var.alb_sg_id
  }
  node_in_all_from_cluster = {
    description              = "All traffic from managed nodes and Fargate pods (cluster security group)"
    protocol                 = "-1"
    from_port                = 0
    to_port                  = 0
    type                     = "ingress"
    source_security_group_id = var.cluster_sg_id
  }
  node_in_all_self = {
    description = "All traffic between nodes (pod-to-pod, CoreDNS, node ports)"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    type        = "ingress"
    self        = true
  }
  node_in_cert_manager_10260_from_control_plane = {
    description                   = "Kubernetes API server to the cert-manager EKS add-on webhook on 10260"
    protocol                      = "tcp"
    from_port                     = 10260
    to_port                       = 10260
    type                          = "ingress"
    source_cluster_security_group = true
  }
  node_in_dns_tcp_from_pod = {
    description              = "CoreDNS over TCP from pods with the pod security group"
    protocol                 = "tcp"
    from_port                = 53
    to_port                  = 53
    type                     = "ingress"
    source_security_group_id = var.pod_sg_id
  }
  node_in_dns_tcp_from_remote_pods = {
    description = "CoreDNS over TCP from pods on hybrid nodes"
    protocol    = "tcp"
    from_port   = 53
    to_port     = 53
    type        = "ingress"
    cidr_blocks = [var.remote_pod_cidr]
  }
  # node-in-dns-tcp-self: terraform-aws-eks creates it as ingress_self_coredns_tcp
  node_in_dns_udp_from_pod = {
    description              = "CoreDNS over UDP from pods with the pod security group"
    protocol                 = "udp"
    from_port                = 53
    to_port                  = 53
    type                     = "ingress"
    source_security_group_id = var.pod_sg_id
  }
  node_in_dns_udp_from_remote_pods = {
    description = "CoreDNS over UDP from pods on hybrid nodes"
    protocol    = "udp"
    from_port   = 53
    to_port     = 53
    type        = "ingress"
    cidr_blocks = [var.remote_pod_cidr]
  }
  # node-in-dns-udp-self: terraform-aws-eks creates it as ingress_self_coredns_udp
  node_in_eastwest_hbone_from_nlb = {
    description              = "East-west gateway NLB to the gateway pods on 15008 (HBONE)"
    protocol                 = "tcp"
    from_port                = 15008
    to_port                  = 15008
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_eastwest_mtls_from_nlb = {
    description              = "East-west gateway NLB to the gateway pods on 15443 (cross-network mTLS)"
    protocol                 = "tcp"
    from_port                = 15443
    to_port                  = 15443
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_eastwest_webhook_from_nlb = {
    description              = "East-west gateway NLB to the gateway pods on 15017 (istiod webhook)"
    protocol                 = "tcp"
    from_port                = 15017
    to_port                  = 15017
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_eastwest_xds_from_nlb = {
    description              = "East-west gateway NLB to the gateway pods on 15012 (istiod XDS and CA)"
    protocol                 = "tcp"
    from_port                = 15012
    to_port                  = 15012
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_ephemeral_from_control_plane = {
    description                   = "Kubernetes API server to any non-privileged port on nodes"
    protocol                      = "tcp"
    from_port                     = 1025
    to_port                       = 65535
    type                          = "ingress"
    source_cluster_security_group = true
  }
  # node-in-ephemeral-self: terraform-aws-eks creates it as ingress_nodes_ephemeral (node_security_group_enable_recommended_rules = true, its default; eks-sg rules --no-recommended-rules if you turned it off)
  node_in_hbone_self = {
    description = "Istio ambient HBONE between nodes (ztunnel and waypoints)"
    protocol    = "tcp"
    from_port   = 15008
    to_port     = 15008
    type        = "ingress"
    self        = true
  }
  # node-in-https-from-control-plane: terraform-aws-eks creates it as ingress_cluster_443
  node_in_hybrid_gateway_vxlan = {
    description = "Hybrid nodes gateway VXLAN (UDP 8472) from the remote nodes"
    protocol    = "udp"
    from_port   = 8472
    to_port     = 8472
    type        = "ingress"
    cidr_blocks = [var.remote_node_cidr]
  }
  node_in_istio_gateway_http_from_nlb = {
    description              = "NLB to the Istio gateway on 80"
    protocol                 = "tcp"
    from_port                = 80
    to_port                  = 80
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_istio_gateway_https_from_nlb = {
    description              = "NLB to the Istio gateway on 443"
    protocol                 = "tcp"
    from_port                = 443
    to_port                  = 443
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_istio_gateway_status_from_nlb = {
    description              = "NLB health checks to Istio gateways on the status port 15021"
    protocol                 = "tcp"
    from_port                = 15021
    to_port                  = 15021
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_istio_webhook_from_control_plane = {
    description                   = "Kubernetes API server to the istiod webhook container port"
    protocol                      = "tcp"
    from_port                     = 15017
    to_port                       = 15017
    type                          = "ingress"
    source_cluster_security_group = true
  }
  node_in_istiod_xds_self = {
    description = "Istio sidecars and ztunnels on every node to the istiod XDS and CA port"
    protocol    = "tcp"
    from_port   = 15012
    to_port     = 15012
    type        = "ingress"
    self        = true
  }
  # node-in-kubelet-from-control-plane: terraform-aws-eks creates it as ingress_cluster_kubelet
  node_in_kuma_5443_from_control_plane = {
    description                   = "Kubernetes API server to the Kuma admission server on 5443"
    protocol                      = "tcp"
    from_port                     = 5443
    to_port                       = 5443
    type                          = "ingress"
    source_cluster_security_group = true
  }
  # node-in-metrics-server-10251-from-control-plane: terraform-aws-eks creates it as ingress_cluster_10251_webhook (node_security_group_enable_recommended_rules = true, its default; eks-sg rules --no-recommended-rules if you turned it off)
  # node-in-metrics-server-4443-from-control-plane: terraform-aws-eks creates it as ingress_cluster_4443_webhook (node_security_group_enable_recommended_rules = true, its default; eks-sg rules --no-recommended-rules if you turned it off)
  node_in_nlb_clients = {
    description = "NLB clients to the Service NodePort (NLB without a security group)"
    protocol    = "tcp"
    from_port   = var.nlb_listener_port
    to_port     = var.nlb_listener_port
    type        = "ingress"
    cidr_blocks = [var.nlb_client_cidr]
  }
  node_in_nlb_health_check = {
    description              = "NLB health checks"
    protocol                 = "tcp"
    from_port                = var.nlb_health_check_port
    to_port                  = var.nlb_health_check_port
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_nlb_health_check_vpc = {
    description = "NLB health checks from the NLB subnets (NLB without a security group)"
    protocol    = "tcp"
    from_port   = var.nlb_health_check_port
    to_port     = var.nlb_health_check_port
    type        = "ingress"
    cidr_blocks = [var.nlb_subnet_cidr]
  }
  node_in_nlb_ip_health_check = {
    description              = "NLB health checks to pods (IP targets)"
    protocol                 = "tcp"
    from_port                = var.nlb_target_health_check_port
    to_port                  = var.nlb_target_health_check_port
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_nlb_ip_health_check_from_subnets = {
    description = "NLB health checks from the NLB subnets to pods (NLB without a security group, IP targets)"
    protocol    = "tcp"
    from_port   = var.nlb_target_health_check_port
    to_port     = var.nlb_target_health_check_port
    type        = "ingress"
    cidr_blocks = [var.nlb_subnet_cidr]
  }
  node_in_nlb_ip_target = {
    description              = "NLB to pods on their container port (IP targets)"
    protocol                 = "tcp"
    from_port                = var.nlb_target_port
    to_port                  = var.nlb_target_port
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_nlb_ip_target_from_subnets = {
    description = "NLB traffic from the NLB subnets to pods (NLB without a security group, IP targets)"
    protocol    = "tcp"
    from_port   = var.nlb_target_port
    to_port     = var.nlb_target_port
    type        = "ingress"
    cidr_blocks = [var.nlb_subnet_cidr]
  }
  node_in_nlb_listener = {
    description              = "NLB to the Service NodePort (instance targets)"
    protocol                 = "tcp"
    from_port                = var.nlb_listener_port
    to_port                  = var.nlb_listener_port
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_nodeport_range_from_alb = {
    description              = "ALB to every NodePort (instance targets)"
    protocol                 = "tcp"
    from_port                = 30000
    to_port                  = 32767
    type                     = "ingress"
    source_security_group_id = var.alb_sg_id
  }
  node_in_nodeport_range_from_nlb = {
    description              = "NLB to every NodePort (instance targets)"
    protocol                 = "tcp"
    from_port                = 30000
    to_port                  = 32767
    type                     = "ingress"
    source_security_group_id = var.nlb_sg_id
  }
  node_in_pmtud_icmp_self = {
    description = "Path MTU discovery: destination unreachable, fragmentation needed and DF set"
    protocol    = "icmp"
    from_port   = 3
    to_port     = 4
    type        = "ingress"
    self        = true
  }
  node_in_pmtud_icmpv6_self = {
    description = "Path MTU discovery for IPv6: packet too big"
    protocol    = "icmpv6"
    from_port   = 2
    to_port     = 0
    type        = "ingress"
    self        = true
  }
  # node-in-prometheus-adapter-from-control-plane: terraform-aws-eks creates it as ingress_cluster_6443_webhook (node_security_group_enable_recommended_rules = true, its default; eks-sg rules --no-recommended-rules if you turned it off)
  node_in_ssh = {
    description = "SSH to nodes"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    type        = "ingress"
    cidr_blocks = [var.ssh_source_cidr]
  }
  # node-in-webhook-8443-from-control-plane: terraform-aws-eks creates it as ingress_cluster_8443_webhook (node_security_group_enable_recommended_rules = true, its default; eks-sg rules --no-recommended-rules if you turned it off)
  # node-in-webhook-9443-from-control-plane: terraform-aws-eks creates it as ingress_cluster_9443_webhook (node_security_group_enable_recommended_rules = true, its default; eks-sg rules --no-recommended-rules if you turned it off)
  # node-out-all-ipv4: terraform-aws-eks creates it as egress_all (node_security_group_enable_recommended_rules = true, its default; eks-sg rules --no-recommended-rules if you turned it off)
  # node-out-all-ipv6: terraform-aws-eks creates it as egress_all (node_security_group_enable_recommended_rules = true, its default, and ip_family = "ipv6"; eks-sg rules --no-recommended-rules if you turned it off)
  node_out_all_self = {
    description = "All traffic to members of the node security group (EFA)"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    type        = "egress"
    self        = true
  }
  node_out_hybrid_gateway_vxlan = {
    description = "Hybrid nodes gateway VXLAN (UDP 8472) to the remote nodes"
    protocol    = "udp"
    from_port   = 8472
    to_port     = 8472
    type        = "egress"
    cidr_blocks = [var.remote_node_cidr]
  }
}

# Rules on groups the module does not manage: eks-sg rules --format terraform has
# them (the EKS cluster group: cluster_sg_id = module.eks.cluster_primary_security_group_id).
#   cluster-in-all-from-node (cluster)
#   cluster-in-dns-tcp-from-pod (cluster)
#   cluster-in-dns-udp-from-pod (cluster)
#   cluster-out-all-ipv6 (cluster)
#   cluster-out-restricted-dns-tcp (cluster)
#   cluster-out-restricted-dns-udp (cluster)
#   cluster-out-restricted-https (cluster)
#   cluster-out-restricted-kubelet (cluster)
#   cluster-out-restricted-s3 (cluster)
#   cluster-out-restricted-vpc-endpoints (cluster)
#   alb-in-clients-ipv4 (alb)
#   alb-in-clients-ipv6 (alb)
#   alb-out-all-ipv4 (alb)
#   nlb-in-clients-ipv4 (nlb)
#   nlb-in-clients-ipv6 (nlb)
#   nlb-in-eastwest-hbone-from-remote (nlb)
#   nlb-in-eastwest-mtls-from-remote (nlb)
#   nlb-in-eastwest-webhook-from-remote (nlb)
#   nlb-in-eastwest-xds-from-remote (nlb)
#   nlb-out-all-ipv4 (nlb)
#   pod-in-alb-ip-health-check (pod)
#   pod-in-alb-ip-target (pod)
#   pod-in-all-self (pod)
#   pod-in-hbone-from-node (pod)
#   pod-in-hbone-self (pod)
#   pod-in-nlb-ip-health-check (pod)
#   pod-in-nlb-ip-target (pod)
#   pod-in-probe-from-node (pod)
#   pod-out-all-ipv4 (pod)
#   pod-out-dns-tcp-to-cluster (pod)
#   pod-out-dns-tcp-to-node (pod)
#   pod-out-dns-udp-to-cluster (pod)
#   pod-out-dns-udp-to-node (pod)

# The variables the maps use (declare them beside the module call):

variable "pod_sg_id" {
  description = "ID of the Pod security group (security groups for pods) (role pod)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.pod_sg_id))
    error_message = "The pod group ID is sg- and 8 or 17 lower-case hex digits."
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

variable "cluster_sg_id" {
  description = "ID of the EKS cluster security group (role cluster)"
  type        = string

  validation {
    condition     = can(regex("^sg-([0-9a-f]{8}|[0-9a-f]{17})$", var.cluster_sg_id))
    error_message = "The cluster group ID is sg- and 8 or 17 lower-case hex digits."
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

variable "hybrid_webhook_port" {
  description = "Webhook port on hybrid nodes: The container port of a webhook that runs on hybrid nodes (its Service's targetPort)."
  type        = number

  validation {
    condition     = var.hybrid_webhook_port == floor(var.hybrid_webhook_port) && var.hybrid_webhook_port >= 1 && var.hybrid_webhook_port <= 65535
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

variable "alb_target_health_check_port" {
  description = "ALB IP target health-check port: The target group's health-check port for IP targets; by default the traffic port (the container port)."
  type        = number

  validation {
    condition     = var.alb_target_health_check_port == floor(var.alb_target_health_check_port) && var.alb_target_health_check_port >= 1 && var.alb_target_health_check_port <= 65535
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

variable "alb_listener_port" {
  description = "ALB instance listener port: The NodePort of the Service behind the ALB (kubectl get svc NAME -o jsonpath='{.spec.ports[0].nodePort}')."
  type        = number

  validation {
    condition     = var.alb_listener_port == floor(var.alb_listener_port) && var.alb_listener_port >= 1 && var.alb_listener_port <= 65535
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

variable "nlb_client_cidr" {
  description = "NLB client CIDR: The network the NLB's clients connect from (0.0.0.0/0 for a public NLB); with client IP preservation nodes see these addresses."
  type        = string

  validation {
    condition     = try(cidrsubnet(var.nlb_client_cidr, 0, 0) == var.nlb_client_cidr && can(cidrnetmask(var.nlb_client_cidr)), false)
    error_message = "The value is an IPv4 CIDR written as its network address."
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

variable "nlb_subnet_cidr" {
  description = "NLB subnet CIDR: The CIDR of a subnet the NLB is in (one rule per subnet): without a security group, health checks, and traffic when client IP preservation is off, come from these addresses."
  type        = string

  validation {
    condition     = try(cidrsubnet(var.nlb_subnet_cidr, 0, 0) == var.nlb_subnet_cidr && can(cidrnetmask(var.nlb_subnet_cidr)), false)
    error_message = "The value is an IPv4 CIDR written as its network address."
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

variable "nlb_target_port" {
  description = "NLB IP target port: The pod's container port the NLB sends to (the Service's targetPort) when the target type is ip."
  type        = number

  validation {
    condition     = var.nlb_target_port == floor(var.nlb_target_port) && var.nlb_target_port >= 1 && var.nlb_target_port <= 65535
    error_message = "The port is a whole number from 1 to 65535."
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
