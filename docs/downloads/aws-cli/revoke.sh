#!/bin/sh
# shellcheck disable=SC2016  # text in single quotes is meant literally, $ and ` too
# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.12 (data checked 2026-12-03)
# Removes the rules of eks-sg-reference a setup needs.
#
# Usage: sh revoke.sh [--with ID[,ID...]] [--group ROLE[,ROLE...]] [--dry-run]
#                     [--yes]  (lists the rules, asks unless --yes, removes them)
#        sh revoke.sh --list  (the categories, with what each is for)
#   --with ID[,ID...]      the categories your cluster runs, on top of the baseline;
#                          repeat it or use commas (default: the default_with line below)
#   --group ROLE[,ROLE...] only the rules of these roles' groups and the rules
#                          carried onto them (as eks-sg rules --group shows them);
#                          repeat it or use commas (default: the default_group line below)
#   --list                 list the categories and exit
#   --dry-run              list the groups' rules (one read-only describe call),
#                          print the calls that would change them, change nothing
#   -y, --yes              remove without asking
#   -h, --help             print this and exit
#
# It selects the rules of the categories in force whose groups exist, leaves out
# the ones the groups already allow (it says what does: covered), lists
# the groups' rules in one describe-security-groups call, then makes one call per
# group and direction; a rule already there (or gone) is only reported.
#
# Set the variables the selected rules use (it names any that are missing):
#   CLUSTER_SG_ID            ID of the EKS cluster security group (cluster)
#   CONTROL_PLANE_SG_ID      ID of the Additional cluster security group (control-plane)
#   NODE_SG_ID               ID of the Worker node security group (node)
#   ALB_SG_ID                ID of the ALB security group (alb)
#   NLB_SG_ID                ID of the NLB security group (nlb)
#   POD_SG_ID                ID of the Pod security group (security groups for pods) (pod)
#   ALB_LISTENER_PORT        ALB instance listener port (e.g. 30080)
#   ALB_HEALTH_CHECK_PORT    ALB health-check port (e.g. 30081)
#   NLB_LISTENER_PORT        NLB instance listener port (e.g. 31080)
#   NLB_HEALTH_CHECK_PORT    NLB health-check port (e.g. 31081)
#   POD_PROBE_PORT           Pod probe port (e.g. 8080)
#   ALB_TARGET_PORT          ALB IP target port (e.g. 8081)
#   ALB_TARGET_HEALTH_CHECK_PORT ALB IP target health-check port (e.g. 8082)
#   NLB_TARGET_PORT          NLB IP target port (e.g. 9080)
#   NLB_TARGET_HEALTH_CHECK_PORT NLB IP target health-check port (e.g. 9081)
#   HYBRID_WEBHOOK_PORT      Webhook port on hybrid nodes (e.g. 9443)
#   NLB_CLIENT_CIDR          NLB client CIDR (e.g. 203.0.113.0/24)
#   VPC_CIDR                 VPC CIDR (e.g. 10.0.0.0/16)
#   VPC_CIDR_IPV6            VPC IPv6 CIDR (e.g. 2600:1f18:1234:5600::/56)
#   S3_PREFIX_LIST_ID        S3 prefix list (e.g. pl-63a5400a)
#   REMOTE_NODE_CIDR         Hybrid remote node CIDR (e.g. 192.168.100.0/24)
#   REMOTE_POD_CIDR          Hybrid remote pod CIDR (e.g. 192.168.64.0/20)
#   REMOTE_MESH_CIDR         Remote mesh network CIDR (e.g. 10.1.0.0/16)
#   SSH_SOURCE_CIDR          SSH source CIDR (e.g. 198.51.100.0/24)
#   ALB_FRONTEND_PORT        ALB listener port (e.g. 443)
#   NLB_FRONTEND_PORT        NLB listener port (e.g. 443)
#   NLB_SUBNET_CIDR          NLB subnet CIDR (e.g. 10.0.64.0/20)
#   CLIENT_CIDR_IPV6         Load balancer client IPv6 CIDR (e.g. ::/0)
# The AWS CLI takes account, region and endpoint from its usual settings
# (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).
# Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell.
action=revoke
# The roles whose groups' rules change when no --group is given, and the categories applied
# when no --with is given: comma-separated ids; empty: every group, and the baseline alone.
# `eks-sg rules --format aws-cli` sets them, the setup picker default_with (and, right after
# it, both set the IDs and values you gave them); --group and --with replace them.
default_group=''
default_with=''
# POSIX sh from here on (dash, bash 3.2 and later, busybox sh): no arrays, no bash tests, no local.
# Lists are words separated by spaces (category ids, roles, rule numbers, variable names),
# split unquoted and tested with in_list; -f: such a split never turns * or ? into file names.
set -euf
tab=$(printf '\t')
nl='
'
default_region="the CLI's default region"
region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$default_region}}
dry_run=0 update=0 confirmed=0 invalid=0 existing='' list=0 with_given=0 chosen='' ids=''
group_given=0 groups=''
rule_description='' rule_key='' rule_permission='' rule_summary=''  # set by rule_args

usage_error() {  # usage_error MESSAGE: the command was used wrongly (exit 2)
  printf 'error: %s\n' "$1" >&2
  exit 2
}
in_list() {  # in_list WORD 'LIST': whether WORD is one of the LIST's words
  case " $2 " in *" $1 "*) return 0 ;; esac
  return 1
}
any_in() {  # any_in 'WORDS' 'LIST': whether one of WORDS is in LIST
  for word in $1; do
    if in_list "$word" "$2"; then return 0; fi
  done
  return 1
}
all_in() {  # all_in 'WORDS' 'LIST': whether every one of WORDS is in LIST
  for word in $1; do
    if ! in_list "$word" "$2"; then return 1; fi
  done
  return 0
}
add_with() {  # add_with 'ID[,ID...]': check each category id and add it to $chosen, once
  ids=$chosen
  add_ids --with "category ids" "$1" "$categories" unknown_category
  chosen=$ids
}
add_group() {  # add_group 'ROLE[,ROLE...]': check each role and add it to $groups, once
  ids=$groups
  add_ids --group roles "$1" "$roles" unknown_group
  groups=$ids
}
add_ids() {  # add_ids OPTION WHAT 'ID[,ID...]' 'VALID' UNKNOWN: add each id to $ids, once
  rest=$3,
  if [ -z "$3" ]; then return 0; fi  # --with '' or --group '': nothing to add
  while [ -n "$rest" ]; do
    id=${rest%%,*} rest=${rest#*,}
    case $id in
      '') usage_error "$1 takes $2 separated by commas, not '$3'" ;;
      *[!abcdefghijklmnopqrstuvwxyz0123456789-]*) "$5" "$id" ;;
    esac
    if ! in_list "$id" "$4"; then "$5" "$id"; fi
    if ! in_list "$id" "$ids"; then ids="$ids $id"; fi
  done
}
unknown_category() {  # unknown_category ID: the words of `eks-sg rules`, and the valid ids
  usage_error "unknown category $1; valid: $(commas "$categories") (--list says what each is for)$(did_you_mean "$1" "$categories")"
}
unknown_group() {  # unknown_group ROLE: the words of `eks-sg rules --group`
  usage_error "unknown role $1; valid: $(commas "$roles")$(did_you_mean "$1" "$roles")"
}
commas() {  # commas 'WORDS': the words separated by ", "
  valid=''
  for word in $1; do valid="${valid:+$valid, }$word"; done
  printf '%s' "$valid"
}
did_you_mean() {  # did_you_mean TEXT 'WORDS': "; did you mean WORD?" for the closest word, if any
  # As gen/cli/options.closest: the word in another case, else the most similar one, with
  # similarity 2 * (longest common subsequence) / (both lengths) of at least 0.6.
  printf '%s\n' "$2" | awk -v typed="$1" '
    function similar(a, b,    i, j, m, n, row, prev, diag, best) {
      m = length(a); n = length(b)
      for (j = 0; j <= n; j++) row[j] = 0
      for (i = 1; i <= m; i++) {
        diag = 0
        for (j = 1; j <= n; j++) {
          prev = row[j]
          if (substr(a, i, 1) == substr(b, j, 1)) row[j] = diag + 1
          else if (row[j - 1] > row[j]) row[j] = row[j - 1]
          diag = prev
        }
      }
      return m + n ? 2 * row[n] / (m + n) : 0
    }
    {
      low = tolower(typed); score = 0.6; best = ""
      for (k = 1; k <= NF; k++) if (tolower($k) == low) { print "; did you mean " $k "?"; exit }
      for (k = 1; k <= NF; k++) if ((s = similar(low, tolower($k))) >= score && s > got) {
        got = s; best = $k
      }
      if (best != "") print "; did you mean " best "?"
    }'
}

usage() {  # --help, with the defaults this script holds
  printf '%s\n' \
    'Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.' \
    'eks-sg 0.2.0, reference 2026.12 (data checked 2026-12-03)' \
    'Removes the rules of eks-sg-reference a setup needs.' \
    '' \
    'Usage: sh revoke.sh [--with ID[,ID...]] [--group ROLE[,ROLE...]] [--dry-run]' \
    '                    [--yes]  (lists the rules, asks unless --yes, removes them)' \
    '       sh revoke.sh --list  (the categories, with what each is for)' \
    '  --with ID[,ID...]      the categories your cluster runs, on top of the baseline;'
  printf '%s (default: %s)\n' '                         repeat it or use commas' "${default_with:-none, the baseline alone}"
  printf '%s\n' \
    '  --group ROLE[,ROLE...] only the rules of these roles'\'' groups and the rules' \
    '                         carried onto them (as eks-sg rules --group shows them);'
  printf '%s (default: %s)\n' '                         repeat it or use commas' "${default_group:-every group}"
  printf '%s\n' \
    '  --list                 list the categories and exit' \
    '  --dry-run              list the groups'\'' rules (one read-only describe call),' \
    '                         print the calls that would change them, change nothing' \
    '  -y, --yes              remove without asking' \
    '  -h, --help             print this and exit' \
    '' \
    'It selects the rules of the categories in force whose groups exist, leaves out' \
    'the ones the groups already allow (it says what does: covered), lists' \
    'the groups'\'' rules in one describe-security-groups call, then makes one call per' \
    'group and direction; a rule already there (or gone) is only reported.' \
    '' \
    'Set the variables the selected rules use (it names any that are missing):' \
    '  CLUSTER_SG_ID            ID of the EKS cluster security group (cluster)' \
    '  CONTROL_PLANE_SG_ID      ID of the Additional cluster security group (control-plane)' \
    '  NODE_SG_ID               ID of the Worker node security group (node)' \
    '  ALB_SG_ID                ID of the ALB security group (alb)' \
    '  NLB_SG_ID                ID of the NLB security group (nlb)' \
    '  POD_SG_ID                ID of the Pod security group (security groups for pods) (pod)' \
    '  ALB_LISTENER_PORT        ALB instance listener port (e.g. 30080)' \
    '  ALB_HEALTH_CHECK_PORT    ALB health-check port (e.g. 30081)' \
    '  NLB_LISTENER_PORT        NLB instance listener port (e.g. 31080)' \
    '  NLB_HEALTH_CHECK_PORT    NLB health-check port (e.g. 31081)' \
    '  POD_PROBE_PORT           Pod probe port (e.g. 8080)' \
    '  ALB_TARGET_PORT          ALB IP target port (e.g. 8081)' \
    '  ALB_TARGET_HEALTH_CHECK_PORT ALB IP target health-check port (e.g. 8082)' \
    '  NLB_TARGET_PORT          NLB IP target port (e.g. 9080)' \
    '  NLB_TARGET_HEALTH_CHECK_PORT NLB IP target health-check port (e.g. 9081)' \
    '  HYBRID_WEBHOOK_PORT      Webhook port on hybrid nodes (e.g. 9443)' \
    '  NLB_CLIENT_CIDR          NLB client CIDR (e.g. 203.0.113.0/24)' \
    '  VPC_CIDR                 VPC CIDR (e.g. 10.0.0.0/16)' \
    '  VPC_CIDR_IPV6            VPC IPv6 CIDR (e.g. 2600:1f18:1234:5600::/56)' \
    '  S3_PREFIX_LIST_ID        S3 prefix list (e.g. pl-63a5400a)' \
    '  REMOTE_NODE_CIDR         Hybrid remote node CIDR (e.g. 192.168.100.0/24)' \
    '  REMOTE_POD_CIDR          Hybrid remote pod CIDR (e.g. 192.168.64.0/20)' \
    '  REMOTE_MESH_CIDR         Remote mesh network CIDR (e.g. 10.1.0.0/16)' \
    '  SSH_SOURCE_CIDR          SSH source CIDR (e.g. 198.51.100.0/24)' \
    '  ALB_FRONTEND_PORT        ALB listener port (e.g. 443)' \
    '  NLB_FRONTEND_PORT        NLB listener port (e.g. 443)' \
    '  NLB_SUBNET_CIDR          NLB subnet CIDR (e.g. 10.0.64.0/20)' \
    '  CLIENT_CIDR_IPV6         Load balancer client IPv6 CIDR (e.g. ::/0)' \
    'The AWS CLI takes account, region and endpoint from its usual settings' \
    '(AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).' \
    'Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell.'
}
# The categories in data order, the baseline ones, and the ones that move roles onto
# another group (each combination of these is one sharing variant of the rules).
categories='default minimum managed-nodes-cluster-sg recommended alb nlb istio knative istio-ambient coredns metrics-server prometheus-adapter gatekeeper aws-load-balancer-controller ingress-nginx efa ipv6 restricted-egress eksctl-broad metrics-server-legacy mixed-nodes sg-for-pods alb-ip-targets nlb-ip-targets nodeport-range nlb-without-sg istio-gateway istio-multicluster hybrid-nodes ssh cluster-created-1-33-or-later metrics-server-eks-addon karpenter nlb-without-sg-ip-targets istio-primary-remote istio-ambient-multicluster hybrid-nodes-gateway sg-for-pods-ambient lb-frontend lb-frontend-dualstack cert-manager cert-manager-eks-addon kyverno keda external-secrets kuma cloudnative-pg linkerd sysdig-admission-controller'
baseline='default minimum'
sharing_categories=managed-nodes-cluster-sg
roles='cluster control-plane node alb nlb pod'
variables='CLUSTER_SG_ID CONTROL_PLANE_SG_ID NODE_SG_ID ALB_SG_ID NLB_SG_ID POD_SG_ID ALB_LISTENER_PORT ALB_HEALTH_CHECK_PORT NLB_LISTENER_PORT NLB_HEALTH_CHECK_PORT POD_PROBE_PORT ALB_TARGET_PORT ALB_TARGET_HEALTH_CHECK_PORT NLB_TARGET_PORT NLB_TARGET_HEALTH_CHECK_PORT HYBRID_WEBHOOK_PORT NLB_CLIENT_CIDR VPC_CIDR VPC_CIDR_IPV6 S3_PREFIX_LIST_ID REMOTE_NODE_CIDR REMOTE_POD_CIDR REMOTE_MESH_CIDR SSH_SOURCE_CIDR ALB_FRONTEND_PORT NLB_FRONTEND_PORT NLB_SUBNET_CIDR CLIENT_CIDR_IPV6'
excludes_of() {  # excludes_of ID: $excludes, the categories ID cannot go with
  case "$1" in
    managed-nodes-cluster-sg) excludes=mixed-nodes ;;
    metrics-server) excludes=metrics-server-legacy ;;
    *) excludes='' ;;
  esac
}
only_with_of() {  # only_with_of ROLE: $only_with, the categories its group exists with (empty: always)
  case "$1" in
    alb) only_with='alb alb-ip-targets' ;;
    nlb) only_with='nlb nlb-ip-targets istio-gateway istio-multicluster istio-primary-remote istio-ambient-multicluster' ;;
    pod) only_with='sg-for-pods sg-for-pods-ambient' ;;
    *) only_with='' ;;
  esac
}
group_of() {  # group_of ROLE: $group_id and $group_title of the role's group
  case "$1" in
    cluster) group_id=${CLUSTER_SG_ID:-} group_title='EKS cluster security group' ;;
    control-plane) group_id=${CONTROL_PLANE_SG_ID:-} group_title='Additional cluster security group' ;;
    node) group_id=${NODE_SG_ID:-} group_title='Worker node security group' ;;
    alb) group_id=${ALB_SG_ID:-} group_title='ALB security group' ;;
    nlb) group_id=${NLB_SG_ID:-} group_title='NLB security group' ;;
    pod) group_id=${POD_SG_ID:-} group_title='Pod security group (security groups for pods)' ;;
  esac
}
variant_of() {  # variant_of ' SHARING CATEGORIES IN FORCE': $variant
  case "$1" in
    '') variant=1 ;;
    ' managed-nodes-cluster-sg') variant=2 ;;
    *) usage_error "categories$1 cannot be chosen together" ;;
  esac
}
check_variable() {  # check_variable NAME: the check for the value NAME holds
  case "$1" in
    CLUSTER_SG_ID) check_sg CLUSTER_SG_ID "${CLUSTER_SG_ID:-}" ;;
    CONTROL_PLANE_SG_ID) check_sg CONTROL_PLANE_SG_ID "${CONTROL_PLANE_SG_ID:-}" ;;
    NODE_SG_ID) check_sg NODE_SG_ID "${NODE_SG_ID:-}" ;;
    ALB_SG_ID) check_sg ALB_SG_ID "${ALB_SG_ID:-}" ;;
    NLB_SG_ID) check_sg NLB_SG_ID "${NLB_SG_ID:-}" ;;
    POD_SG_ID) check_sg POD_SG_ID "${POD_SG_ID:-}" ;;
    ALB_LISTENER_PORT) check_port ALB_LISTENER_PORT "${ALB_LISTENER_PORT:-}" ;;
    ALB_HEALTH_CHECK_PORT) check_port ALB_HEALTH_CHECK_PORT "${ALB_HEALTH_CHECK_PORT:-}" ;;
    NLB_LISTENER_PORT) check_port NLB_LISTENER_PORT "${NLB_LISTENER_PORT:-}" ;;
    NLB_HEALTH_CHECK_PORT) check_port NLB_HEALTH_CHECK_PORT "${NLB_HEALTH_CHECK_PORT:-}" ;;
    POD_PROBE_PORT) check_port POD_PROBE_PORT "${POD_PROBE_PORT:-}" ;;
    ALB_TARGET_PORT) check_port ALB_TARGET_PORT "${ALB_TARGET_PORT:-}" ;;
    ALB_TARGET_HEALTH_CHECK_PORT) check_port ALB_TARGET_HEALTH_CHECK_PORT "${ALB_TARGET_HEALTH_CHECK_PORT:-}" ;;
    NLB_TARGET_PORT) check_port NLB_TARGET_PORT "${NLB_TARGET_PORT:-}" ;;
    NLB_TARGET_HEALTH_CHECK_PORT) check_port NLB_TARGET_HEALTH_CHECK_PORT "${NLB_TARGET_HEALTH_CHECK_PORT:-}" ;;
    HYBRID_WEBHOOK_PORT) check_port HYBRID_WEBHOOK_PORT "${HYBRID_WEBHOOK_PORT:-}" ;;
    NLB_CLIENT_CIDR) check_ipv4_cidr NLB_CLIENT_CIDR "${NLB_CLIENT_CIDR:-}" ;;
    VPC_CIDR) check_ipv4_cidr VPC_CIDR "${VPC_CIDR:-}" ;;
    VPC_CIDR_IPV6) check_ipv6_cidr VPC_CIDR_IPV6 "${VPC_CIDR_IPV6:-}" ;;
    S3_PREFIX_LIST_ID) check_prefix_list S3_PREFIX_LIST_ID "${S3_PREFIX_LIST_ID:-}" ;;
    REMOTE_NODE_CIDR) check_ipv4_cidr REMOTE_NODE_CIDR "${REMOTE_NODE_CIDR:-}" ;;
    REMOTE_POD_CIDR) check_ipv4_cidr REMOTE_POD_CIDR "${REMOTE_POD_CIDR:-}" ;;
    REMOTE_MESH_CIDR) check_ipv4_cidr REMOTE_MESH_CIDR "${REMOTE_MESH_CIDR:-}" ;;
    SSH_SOURCE_CIDR) check_ipv4_cidr SSH_SOURCE_CIDR "${SSH_SOURCE_CIDR:-}" ;;
    ALB_FRONTEND_PORT) check_port ALB_FRONTEND_PORT "${ALB_FRONTEND_PORT:-}" ;;
    NLB_FRONTEND_PORT) check_port NLB_FRONTEND_PORT "${NLB_FRONTEND_PORT:-}" ;;
    NLB_SUBNET_CIDR) check_ipv4_cidr NLB_SUBNET_CIDR "${NLB_SUBNET_CIDR:-}" ;;
    CLIENT_CIDR_IPV6) check_ipv6_cidr CLIENT_CIDR_IPV6 "${CLIENT_CIDR_IPV6:-}" ;;
  esac
}
list_categories() {  # --list: what `eks-sg rules --list` prints
  printf '%s\n' \
    'default (baseline: always in)' \
    '    Rules AWS creates with each group' \
    'minimum (baseline: always in)' \
    '    Rules every cluster needs (nodes join and are managed)' \
    managed-nodes-cluster-sg \
    '    Nodes carry only the EKS cluster security group?' \
    '    Managed node groups without a launch template that sets security groups, and Fargate, use the cluster security group, which already allows all traffic between its members: the node rules are then covered.' \
    '    excludes: mixed-nodes' \
    recommended \
    '    Add the recommended rules?' \
    '    All traffic between nodes, and PMTUD. Without all-traffic between nodes, choose coredns (and the ports your pods use) instead.' \
    alb \
    '    ALB with instance targets?' \
    '    The AWS Load Balancer Controller (or you) sends Application Load Balancer traffic to each Service'\''s NodePort.' \
    nlb \
    '    NLB with instance targets?' \
    '    A Network Load Balancer with a security group sends traffic to each Service'\''s NodePort.' \
    istio \
    '    Istio with sidecars?' \
    '    The API server calls istiod'\''s webhooks on port 15017 of the pod (the Service'\''s 443 forwards there), on the nodes.' \
    knative \
    '    Knative?' \
    '    Its webhooks listen on 8443.' \
    istio-ambient \
    '    Istio in ambient mode?' \
    '    ztunnel and waypoints carry HBONE between nodes on 15008.' \
    coredns \
    '    Nodes do not allow all traffic between each other?' \
    '    The alternative to all traffic between nodes: CoreDNS needs TCP and UDP 53 between nodes (terraform-aws-eks'\'' design).' \
    metrics-server \
    '    metrics-server from its manifest (v0.7.0 or later) or chart (3.10.0 or later)?' \
    '    It serves on 10250 (--secure-port=10250 in the manifest since v0.7.0, in the chart since 3.10.0), already open for the kubelet.' \
    '    excludes: metrics-server-legacy' \
    '    for: metrics-server 0.7.0 and later; metrics-server-chart 3.10.0 and later' \
    prometheus-adapter \
    '    prometheus-adapter?' \
    '    Its API service is served on 6443.' \
    gatekeeper \
    '    OPA Gatekeeper?' \
    '    Its webhook listens on 8443.' \
    aws-load-balancer-controller \
    '    The AWS Load Balancer Controller?' \
    '    Its webhook listens on 9443.' \
    ingress-nginx \
    '    ingress-nginx with its admission webhook?' \
    '    The webhook listens on 8443.' \
    efa \
    '    Nodes with EFA?' \
    '    Elastic Fabric Adapter needs all traffic to and from members of the same group.' \
    ipv6 \
    '    An IPv6 cluster?' \
    '    CIDR rules need their IPv6 counterparts (outbound ::/0).' \
    restricted-egress \
    '    Did you remove the outbound-all rule?' \
    '    Then the cluster needs AWS'\''s minimum outbound rules and the EKS API, ECR and S3.' \
    eksctl-broad \
    '    eksctl'\''s broad control-plane ports?' \
    '    TCP 1025-65535 and 443 from the control plane instead of the named webhook ports.' \
    metrics-server-legacy \
    '    metrics-server before v0.7.0 (chart before 3.10.0)?' \
    '    The manifests of v0.5.2 to v0.6.x and the charts 3.5.0 to 3.9.x serve on 4443; charts 3.10.0 and 3.11.0 ship v0.6.3 and v0.6.4 on 10250: give --with metrics-server-chart@VERSION for a chart.' \
    '    for: metrics-server 0.5.2-0.6.x; metrics-server-chart 3.5.0-3.9.x' \
    mixed-nodes \
    '    Your own node group beside managed nodes or Fargate?' \
    '    Nodes with their own security group and pods or nodes on the cluster security group must reach each other.' \
    sg-for-pods \
    '    Security groups for pods?' \
    '    A SecurityGroupPolicy gives pods their own security group on branch ENIs.' \
    alb-ip-targets \
    '    ALB with IP targets?' \
    '    target-type: ip - the ALB reaches pod IPs directly (the controller'\''s default is instance; set ip per Ingress, Service or Gateway, or with --default-target-type).' \
    nlb-ip-targets \
    '    NLB with IP targets?' \
    '    target-type: ip - the NLB reaches pod IPs directly (the controller'\''s default is instance).' \
    nodeport-range \
    '    Open the whole NodePort range to the load balancers?' \
    '    Broader than one rule per Service: 30000-32767 from the load balancer groups.' \
    nlb-without-sg \
    '    An NLB without a security group?' \
    '    Created before controller v2.6 or without one: the nodes must allow the clients'\'' CIDRs and the NLB'\''s subnets.' \
    istio-gateway \
    '    An Istio ingress gateway or Gateway API gateway behind an NLB?' \
    '    The load balancer reaches the gateway pods on 80, 443 and the 15021 health check.' \
    istio-multicluster \
    '    Istio multi-primary across networks (sidecars)?' \
    '    expose-services.yaml only: 15443 from the remote network to the NLB, 15021 for the NLB'\''s health check. Also the choice for a remote cluster of a primary-remote mesh.' \
    hybrid-nodes \
    '    EKS hybrid nodes?' \
    '    The control plane and the remote node and pod networks reach each other; AWS requires an additional security group passed at cluster creation (the control-plane role). Pods in the VPC that serve pods on hybrid nodes also need their own app ports from the remote pod CIDR (yours to add).' \
    ssh \
    '    SSH to nodes?' \
    '    Port 22 from a CIDR you choose, as eksctl'\''s ssh.allow does.' \
    cluster-created-1-33-or-later \
    '    Cluster created on Kubernetes 1.33 or later?' \
    '    The version the cluster was created with, not its version today: only cluster groups created on 1.33+ have the outbound self rule.' \
    '    for: kubernetes 1.33 and later' \
    metrics-server-eks-addon \
    '    metrics-server as the EKS add-on?' \
    '    The EKS add-on serves on 10251.' \
    karpenter \
    '    Karpenter with its webhook (v0.6 to v1.0)?' \
    '    Always on in v0.6 to v0.31, on by default in v0.32.x, the late v0.33-v0.37 patches and every v1.0.x; v1.1 and later have no webhook. Give your version: --with karpenter@1.0.3.' \
    '    for: karpenter 0.6.0-0.32.x or 0.33.8-0.33.x or 0.34.9-0.34.x or 0.35.8-0.35.x or 0.36.5-0.36.x or 0.37.3-0.37.x or 1.0.x' \
    nlb-without-sg-ip-targets \
    '    An NLB without a security group, with IP targets?' \
    '    Client IP preservation is off for IP targets: pods see the NLB'\''s subnet addresses.' \
    istio-primary-remote \
    '    Istio primary-remote across networks, and this is the primary?' \
    '    expose-istiod.yaml: 15012 and 15017 from the remote network, besides 15443 (not available in ambient mode). On the remote clusters choose istio-multicluster: this primary'\''s istiod reads their API servers.' \
    istio-ambient-multicluster \
    '    Istio ambient across networks?' \
    '    The ambient east-west gateway listens on 15008 (HBONE); istiod cannot be exposed in ambient.' \
    hybrid-nodes-gateway \
    '    The EKS hybrid nodes gateway?' \
    '    The gateway instances'\'' security groups must allow UDP 8472 in and out.' \
    sg-for-pods-ambient \
    '    Istio ambient with security groups for pods?' \
    '    15008 on the pod group too; POD_SECURITY_GROUP_ENFORCING_MODE=standard.' \
    lb-frontend \
    '    You manage the load balancers'\'' frontend rules yourself?' \
    '    The controller opens each listener to 0.0.0.0/0 unless inbound-cidrs or loadBalancerSourceRanges narrow it; with your own groups, add these. Choose it with alb or nlb.' \
    lb-frontend-dualstack \
    '    Dualstack load balancers with your own frontend rules?' \
    '    The controller adds ::/0 beside 0.0.0.0/0 for dualstack load balancers.' \
    cert-manager \
    '    cert-manager from its Helm chart?' \
    '    webhook.securePort defaults to 10250, already open for the kubelet.' \
    '    for: cert-manager 0.12.0 and later' \
    cert-manager-eks-addon \
    '    cert-manager as the EKS add-on?' \
    '    The EKS add-on'\''s webhook serves on 10260.' \
    kyverno \
    '    Kyverno?' \
    '    Its webhook server listens on 9443.' \
    keda \
    '    KEDA?' \
    '    Admission webhooks on 9443, metrics API server on 6443.' \
    external-secrets \
    '    External Secrets Operator?' \
    '    Its webhook listens on 10250, already open for the kubelet.' \
    kuma \
    '    Kuma?' \
    '    Its admission server listens on 5443.' \
    cloudnative-pg \
    '    CloudNativePG?' \
    '    Its webhook listens on 9443.' \
    linkerd \
    '    Linkerd?' \
    '    Proxy injector and validators on 8443, policy validator on 9443.' \
    sysdig-admission-controller \
    '    Sysdig admission controller?' \
    '    Its webhook pods listen on 6443 and 8443.'
}
rule_count=105
order_of() {  # order_of: $order, the rule numbers in output order under $variant
  case $variant in
    1) order='1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 98 99 100 101 102 103 104 105' ;;
    2) order='1 2 3 4 14 15 16 17 18 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 5 6 7 8 9 10 11 12 13 19 20 21 22 23 24 25 26 27 28 29 30 31 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 98 99 100 101 102 103 104 105' ;;
  esac
}
rule_info() {  # rule_info N: rule N's id, direction, categories and roles (its group's, its peer's), the categories that say a cluster lacks it, and under $variant the group that carries it, the variables it uses, the numbers of the rules that leave it out when selected too (first the one that covers it) and why the group has it already (if it has)
  case "$1" in
    1) rule_id=cluster-in-all-from-node rule_direction=inbound rule_categories=mixed-nodes rule_roles='cluster node'
      case $variant in
        1) rule_on=cluster rule_variables='CLUSTER_SG_ID NODE_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    2) rule_id=cluster-in-all-self rule_direction=inbound rule_categories=default rule_roles=cluster
      case $variant in
        1) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='' rule_present='AWS creates it' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers=1 rule_present='AWS creates it' rule_removed_by='' ;;
      esac ;;
    3) rule_id=cluster-in-dns-tcp-from-pod rule_direction=inbound rule_categories=sg-for-pods rule_roles='cluster pod'
      rule_on=cluster rule_variables='CLUSTER_SG_ID POD_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
    4) rule_id=cluster-in-dns-udp-from-pod rule_direction=inbound rule_categories=sg-for-pods rule_roles='cluster pod'
      rule_on=cluster rule_variables='CLUSTER_SG_ID POD_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
    5) rule_id=cluster-out-all-ipv4 rule_direction=outbound rule_categories=default rule_roles=cluster
      rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='' rule_present='AWS creates it' rule_removed_by=restricted-egress ;;
    6) rule_id=cluster-out-all-ipv6 rule_direction=outbound rule_categories=ipv6 rule_roles=cluster
      rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='' rule_present='' rule_removed_by='' ;;
    7) rule_id=cluster-out-all-self rule_direction=outbound rule_categories=cluster-created-1-33-or-later rule_roles=cluster
      case $variant in
        1) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers=5 rule_present='AWS creates it' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 79' rule_present='AWS creates it' rule_removed_by='' ;;
      esac ;;
    8) rule_id=cluster-out-restricted-dns-tcp rule_direction=outbound rule_categories=restricted-egress rule_roles=cluster
      case $variant in
        1) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    9) rule_id=cluster-out-restricted-dns-udp rule_direction=outbound rule_categories=restricted-egress rule_roles=cluster
      case $variant in
        1) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    10) rule_id=cluster-out-restricted-https rule_direction=outbound rule_categories=restricted-egress rule_roles=cluster
      case $variant in
        1) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    11) rule_id=cluster-out-restricted-kubelet rule_direction=outbound rule_categories=restricted-egress rule_roles=cluster
      case $variant in
        1) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 20 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    12) rule_id=cluster-out-restricted-s3 rule_direction=outbound rule_categories=restricted-egress rule_roles=cluster
      rule_on=cluster rule_variables='CLUSTER_SG_ID S3_PREFIX_LIST_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
    13) rule_id=cluster-out-restricted-vpc-endpoints rule_direction=outbound rule_categories=restricted-egress rule_roles=cluster
      case $variant in
        1) rule_on=cluster rule_variables='CLUSTER_SG_ID VPC_CIDR' rule_coverers=5 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID VPC_CIDR' rule_coverers='5 79' rule_present='' rule_removed_by='' ;;
      esac ;;
    14) rule_id=control-plane-in-https-from-node rule_direction=inbound rule_categories=minimum rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers=1 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37' rule_present='' rule_removed_by='' ;;
      esac ;;
    15) rule_id=control-plane-in-https-from-pod rule_direction=inbound rule_categories=sg-for-pods rule_roles='control-plane pod'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID POD_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID POD_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    16) rule_id=control-plane-in-https-from-remote-mesh rule_direction=inbound rule_categories='istio-multicluster istio-ambient-multicluster' rule_roles=control-plane
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID REMOTE_MESH_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID REMOTE_MESH_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    17) rule_id=control-plane-in-https-from-remote-nodes rule_direction=inbound rule_categories=hybrid-nodes rule_roles=control-plane
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID REMOTE_NODE_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID REMOTE_NODE_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    18) rule_id=control-plane-in-https-from-remote-pods rule_direction=inbound rule_categories=hybrid-nodes rule_roles=control-plane
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID REMOTE_POD_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID REMOTE_POD_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    19) rule_id=control-plane-out-cert-manager-10260-to-node rule_direction=outbound rule_categories=cert-manager-eks-addon rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers='5 20' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 20 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    20) rule_id=control-plane-out-ephemeral-to-node rule_direction=outbound rule_categories=eksctl-broad rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers=5 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    21) rule_id=control-plane-out-https-to-node rule_direction=outbound rule_categories=eksctl-broad rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers=5 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 10 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    22) rule_id=control-plane-out-istio-webhook-to-node rule_direction=outbound rule_categories=istio rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers='5 20' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 20 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    23) rule_id=control-plane-out-kubelet-to-node rule_direction=outbound rule_categories='minimum metrics-server cert-manager external-secrets' rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers='5 20' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 11 20 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    24) rule_id=control-plane-out-kubelet-to-remote-nodes rule_direction=outbound rule_categories=hybrid-nodes rule_roles=control-plane
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID REMOTE_NODE_CIDR' rule_coverers=5 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID REMOTE_NODE_CIDR' rule_coverers='5 79' rule_present='' rule_removed_by='' ;;
      esac ;;
    25) rule_id=control-plane-out-kuma-5443-to-node rule_direction=outbound rule_categories=kuma rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers='5 20' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 20 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    26) rule_id=control-plane-out-metrics-server-10251-to-node rule_direction=outbound rule_categories=metrics-server-eks-addon rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers='5 20' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 20 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    27) rule_id=control-plane-out-metrics-server-4443-to-node rule_direction=outbound rule_categories=metrics-server-legacy rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers='5 20' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 20 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    28) rule_id=control-plane-out-prometheus-adapter-to-node rule_direction=outbound rule_categories='prometheus-adapter keda sysdig-admission-controller' rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers='5 20' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 20 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    29) rule_id=control-plane-out-webhook-8443-to-node rule_direction=outbound rule_categories='knative karpenter gatekeeper ingress-nginx linkerd sysdig-admission-controller' rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers='5 20' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 20 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    30) rule_id=control-plane-out-webhook-9443-to-node rule_direction=outbound rule_categories='aws-load-balancer-controller kyverno keda cloudnative-pg linkerd' rule_roles='control-plane node'
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers='5 20' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='5 7 20 79 81' rule_present='' rule_removed_by='' ;;
      esac ;;
    31) rule_id=control-plane-out-webhook-to-remote-pods rule_direction=outbound rule_categories=hybrid-nodes rule_roles=control-plane
      case $variant in
        1) rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID HYBRID_WEBHOOK_PORT REMOTE_POD_CIDR' rule_coverers=5 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID HYBRID_WEBHOOK_PORT REMOTE_POD_CIDR' rule_coverers='5 79' rule_present='' rule_removed_by='' ;;
      esac ;;
    32) rule_id=node-in-alb-health-check rule_direction=inbound rule_categories=alb rule_roles='node alb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID ALB_SG_ID ALB_HEALTH_CHECK_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID ALB_SG_ID ALB_HEALTH_CHECK_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    33) rule_id=node-in-alb-ip-health-check rule_direction=inbound rule_categories=alb-ip-targets rule_roles='node alb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID ALB_SG_ID ALB_TARGET_HEALTH_CHECK_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID ALB_SG_ID ALB_TARGET_HEALTH_CHECK_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    34) rule_id=node-in-alb-ip-target rule_direction=inbound rule_categories=alb-ip-targets rule_roles='node alb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID ALB_SG_ID ALB_TARGET_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID ALB_SG_ID ALB_TARGET_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    35) rule_id=node-in-alb-listener rule_direction=inbound rule_categories=alb rule_roles='node alb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID ALB_SG_ID ALB_LISTENER_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID ALB_SG_ID ALB_LISTENER_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    36) rule_id=node-in-all-from-cluster rule_direction=inbound rule_categories=mixed-nodes rule_roles='node cluster'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CLUSTER_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2' rule_present='' rule_removed_by='' ;;
      esac ;;
    37) rule_id=node-in-all-self rule_direction=inbound rule_categories='recommended efa' rule_roles=node
      case $variant in
        1) rule_on=node rule_variables=NODE_SG_ID rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36' rule_present='' rule_removed_by='' ;;
      esac ;;
    38) rule_id=node-in-cert-manager-10260-from-control-plane rule_direction=inbound rule_categories=cert-manager-eks-addon rule_roles='node control-plane'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers='36 49' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49 50' rule_present='' rule_removed_by='' ;;
      esac ;;
    39) rule_id=node-in-dns-tcp-from-pod rule_direction=inbound rule_categories=sg-for-pods rule_roles='node pod'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID POD_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID POD_SG_ID' rule_coverers=3 rule_present='' rule_removed_by='' ;;
      esac ;;
    40) rule_id=node-in-dns-tcp-from-remote-pods rule_direction=inbound rule_categories=hybrid-nodes rule_roles=node
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID REMOTE_POD_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID REMOTE_POD_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    41) rule_id=node-in-dns-tcp-self rule_direction=inbound rule_categories=coredns rule_roles=node
      case $variant in
        1) rule_on=node rule_variables=NODE_SG_ID rule_coverers=37 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37' rule_present='' rule_removed_by='' ;;
      esac ;;
    42) rule_id=node-in-dns-udp-from-pod rule_direction=inbound rule_categories=sg-for-pods rule_roles='node pod'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID POD_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID POD_SG_ID' rule_coverers=4 rule_present='' rule_removed_by='' ;;
      esac ;;
    43) rule_id=node-in-dns-udp-from-remote-pods rule_direction=inbound rule_categories=hybrid-nodes rule_roles=node
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID REMOTE_POD_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID REMOTE_POD_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    44) rule_id=node-in-dns-udp-self rule_direction=inbound rule_categories=coredns rule_roles=node
      case $variant in
        1) rule_on=node rule_variables=NODE_SG_ID rule_coverers=37 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37' rule_present='' rule_removed_by='' ;;
      esac ;;
    45) rule_id=node-in-eastwest-hbone-from-nlb rule_direction=inbound rule_categories=istio-ambient-multicluster rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    46) rule_id=node-in-eastwest-mtls-from-nlb rule_direction=inbound rule_categories='istio-multicluster istio-primary-remote' rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    47) rule_id=node-in-eastwest-webhook-from-nlb rule_direction=inbound rule_categories=istio-primary-remote rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    48) rule_id=node-in-eastwest-xds-from-nlb rule_direction=inbound rule_categories=istio-primary-remote rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    49) rule_id=node-in-ephemeral-from-control-plane rule_direction=inbound rule_categories=eksctl-broad rule_roles='node control-plane'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers=36 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37' rule_present='' rule_removed_by='' ;;
      esac ;;
    50) rule_id=node-in-ephemeral-self rule_direction=inbound rule_categories=recommended rule_roles=node
      case $variant in
        1) rule_on=node rule_variables=NODE_SG_ID rule_coverers=37 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49' rule_present='' rule_removed_by='' ;;
      esac ;;
    51) rule_id=node-in-hbone-self rule_direction=inbound rule_categories=istio-ambient rule_roles=node
      case $variant in
        1) rule_on=node rule_variables=NODE_SG_ID rule_coverers='37 50' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49 50' rule_present='' rule_removed_by='' ;;
      esac ;;
    52) rule_id=node-in-https-from-control-plane rule_direction=inbound rule_categories=eksctl-broad rule_roles='node control-plane'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers=36 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 14 36 37' rule_present='' rule_removed_by='' ;;
      esac ;;
    53) rule_id=node-in-hybrid-gateway-vxlan rule_direction=inbound rule_categories=hybrid-nodes-gateway rule_roles=node
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID REMOTE_NODE_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID REMOTE_NODE_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    54) rule_id=node-in-istio-gateway-http-from-nlb rule_direction=inbound rule_categories=istio-gateway rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    55) rule_id=node-in-istio-gateway-https-from-nlb rule_direction=inbound rule_categories=istio-gateway rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    56) rule_id=node-in-istio-gateway-status-from-nlb rule_direction=inbound rule_categories='istio-gateway istio-multicluster istio-primary-remote istio-ambient-multicluster' rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    57) rule_id=node-in-istio-webhook-from-control-plane rule_direction=inbound rule_categories=istio rule_roles='node control-plane'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers='36 49' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49 50' rule_present='' rule_removed_by='' ;;
      esac ;;
    58) rule_id=node-in-istiod-xds-self rule_direction=inbound rule_categories='istio istio-ambient' rule_roles=node
      case $variant in
        1) rule_on=node rule_variables=NODE_SG_ID rule_coverers='37 50' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49 50' rule_present='' rule_removed_by='' ;;
      esac ;;
    59) rule_id=node-in-kubelet-from-control-plane rule_direction=inbound rule_categories='minimum metrics-server cert-manager external-secrets' rule_roles='node control-plane'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers='36 49' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49 50' rule_present='' rule_removed_by='' ;;
      esac ;;
    60) rule_id=node-in-kuma-5443-from-control-plane rule_direction=inbound rule_categories=kuma rule_roles='node control-plane'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers='36 49' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49 50' rule_present='' rule_removed_by='' ;;
      esac ;;
    61) rule_id=node-in-metrics-server-10251-from-control-plane rule_direction=inbound rule_categories=metrics-server-eks-addon rule_roles='node control-plane'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers='36 49' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49 50' rule_present='' rule_removed_by='' ;;
      esac ;;
    62) rule_id=node-in-metrics-server-4443-from-control-plane rule_direction=inbound rule_categories=metrics-server-legacy rule_roles='node control-plane'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers='36 49' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49 50' rule_present='' rule_removed_by='' ;;
      esac ;;
    63) rule_id=node-in-nlb-clients rule_direction=inbound rule_categories=nlb-without-sg rule_roles=node
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_LISTENER_PORT NLB_CLIENT_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_LISTENER_PORT NLB_CLIENT_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    64) rule_id=node-in-nlb-health-check rule_direction=inbound rule_categories=nlb rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID NLB_HEALTH_CHECK_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID NLB_HEALTH_CHECK_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    65) rule_id=node-in-nlb-health-check-vpc rule_direction=inbound rule_categories=nlb-without-sg rule_roles=node
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_HEALTH_CHECK_PORT NLB_SUBNET_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_HEALTH_CHECK_PORT NLB_SUBNET_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    66) rule_id=node-in-nlb-ip-health-check rule_direction=inbound rule_categories=nlb-ip-targets rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID NLB_TARGET_HEALTH_CHECK_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID NLB_TARGET_HEALTH_CHECK_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    67) rule_id=node-in-nlb-ip-health-check-from-subnets rule_direction=inbound rule_categories=nlb-without-sg-ip-targets rule_roles=node
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_TARGET_HEALTH_CHECK_PORT NLB_SUBNET_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_TARGET_HEALTH_CHECK_PORT NLB_SUBNET_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    68) rule_id=node-in-nlb-ip-target rule_direction=inbound rule_categories=nlb-ip-targets rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID NLB_TARGET_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID NLB_TARGET_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    69) rule_id=node-in-nlb-ip-target-from-subnets rule_direction=inbound rule_categories=nlb-without-sg-ip-targets rule_roles=node
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_TARGET_PORT NLB_SUBNET_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_TARGET_PORT NLB_SUBNET_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    70) rule_id=node-in-nlb-listener rule_direction=inbound rule_categories=nlb rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID NLB_LISTENER_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID NLB_LISTENER_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    71) rule_id=node-in-nodeport-range-from-alb rule_direction=inbound rule_categories=nodeport-range rule_roles='node alb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID ALB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID ALB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    72) rule_id=node-in-nodeport-range-from-nlb rule_direction=inbound rule_categories=nodeport-range rule_roles='node nlb'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID NLB_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    73) rule_id=node-in-pmtud-icmp-self rule_direction=inbound rule_categories=recommended rule_roles=node
      case $variant in
        1) rule_on=node rule_variables=NODE_SG_ID rule_coverers=37 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37' rule_present='' rule_removed_by='' ;;
      esac ;;
    74) rule_id=node-in-pmtud-icmpv6-self rule_direction=inbound rule_categories=recommended rule_roles=node
      case $variant in
        1) rule_on=node rule_variables=NODE_SG_ID rule_coverers=37 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37' rule_present='' rule_removed_by='' ;;
      esac ;;
    75) rule_id=node-in-prometheus-adapter-from-control-plane rule_direction=inbound rule_categories='prometheus-adapter keda sysdig-admission-controller' rule_roles='node control-plane'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers='36 49' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49 50' rule_present='' rule_removed_by='' ;;
      esac ;;
    76) rule_id=node-in-ssh rule_direction=inbound rule_categories=ssh rule_roles=node
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID SSH_SOURCE_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID SSH_SOURCE_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    77) rule_id=node-in-webhook-8443-from-control-plane rule_direction=inbound rule_categories='knative karpenter gatekeeper ingress-nginx linkerd sysdig-admission-controller' rule_roles='node control-plane'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers='36 49' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49 50' rule_present='' rule_removed_by='' ;;
      esac ;;
    78) rule_id=node-in-webhook-9443-from-control-plane rule_direction=inbound rule_categories='aws-load-balancer-controller kyverno keda cloudnative-pg linkerd' rule_roles='node control-plane'
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers='36 49' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers='1 2 36 37 49 50' rule_present='' rule_removed_by='' ;;
      esac ;;
    79) rule_id=node-out-all-ipv4 rule_direction=outbound rule_categories=default rule_roles=node
      case $variant in
        1) rule_on=node rule_variables=NODE_SG_ID rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers=5 rule_present='AWS creates it' rule_removed_by=restricted-egress ;;
      esac ;;
    80) rule_id=node-out-all-ipv6 rule_direction=outbound rule_categories=ipv6 rule_roles=node
      case $variant in
        1) rule_on=node rule_variables=NODE_SG_ID rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers=6 rule_present='' rule_removed_by='' ;;
      esac ;;
    81) rule_id=node-out-all-self rule_direction=outbound rule_categories=efa rule_roles=node
      case $variant in
        1) rule_on=node rule_variables=NODE_SG_ID rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables=CLUSTER_SG_ID rule_coverers=7 rule_present='' rule_removed_by='' ;;
      esac ;;
    82) rule_id=node-out-hybrid-gateway-vxlan rule_direction=outbound rule_categories=hybrid-nodes-gateway rule_roles=node
      case $variant in
        1) rule_on=node rule_variables='NODE_SG_ID REMOTE_NODE_CIDR' rule_coverers=79 rule_present='' rule_removed_by='' ;;
        *) rule_on=cluster rule_variables='CLUSTER_SG_ID REMOTE_NODE_CIDR' rule_coverers='5 79' rule_present='' rule_removed_by='' ;;
      esac ;;
    83) rule_id=alb-in-clients-ipv4 rule_direction=inbound rule_categories=lb-frontend rule_roles=alb
      rule_on=alb rule_variables='ALB_SG_ID ALB_FRONTEND_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
    84) rule_id=alb-in-clients-ipv6 rule_direction=inbound rule_categories=lb-frontend-dualstack rule_roles=alb
      rule_on=alb rule_variables='ALB_SG_ID ALB_FRONTEND_PORT CLIENT_CIDR_IPV6' rule_coverers='' rule_present='' rule_removed_by='' ;;
    85) rule_id=alb-out-all-ipv4 rule_direction=outbound rule_categories=default rule_roles=alb
      rule_on=alb rule_variables=ALB_SG_ID rule_coverers='' rule_present='' rule_removed_by='' ;;
    86) rule_id=nlb-in-clients-ipv4 rule_direction=inbound rule_categories=lb-frontend rule_roles=nlb
      rule_on=nlb rule_variables='NLB_SG_ID NLB_FRONTEND_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
    87) rule_id=nlb-in-clients-ipv6 rule_direction=inbound rule_categories=lb-frontend-dualstack rule_roles=nlb
      rule_on=nlb rule_variables='NLB_SG_ID NLB_FRONTEND_PORT CLIENT_CIDR_IPV6' rule_coverers='' rule_present='' rule_removed_by='' ;;
    88) rule_id=nlb-in-eastwest-hbone-from-remote rule_direction=inbound rule_categories=istio-ambient-multicluster rule_roles=nlb
      rule_on=nlb rule_variables='NLB_SG_ID REMOTE_MESH_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
    89) rule_id=nlb-in-eastwest-mtls-from-remote rule_direction=inbound rule_categories='istio-multicluster istio-primary-remote' rule_roles=nlb
      rule_on=nlb rule_variables='NLB_SG_ID REMOTE_MESH_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
    90) rule_id=nlb-in-eastwest-webhook-from-remote rule_direction=inbound rule_categories=istio-primary-remote rule_roles=nlb
      rule_on=nlb rule_variables='NLB_SG_ID REMOTE_MESH_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
    91) rule_id=nlb-in-eastwest-xds-from-remote rule_direction=inbound rule_categories=istio-primary-remote rule_roles=nlb
      rule_on=nlb rule_variables='NLB_SG_ID REMOTE_MESH_CIDR' rule_coverers='' rule_present='' rule_removed_by='' ;;
    92) rule_id=nlb-out-all-ipv4 rule_direction=outbound rule_categories=default rule_roles=nlb
      rule_on=nlb rule_variables=NLB_SG_ID rule_coverers='' rule_present='' rule_removed_by='' ;;
    93) rule_id=pod-in-alb-ip-health-check rule_direction=inbound rule_categories=alb-ip-targets rule_roles='pod alb'
      rule_on=pod rule_variables='POD_SG_ID ALB_SG_ID ALB_TARGET_HEALTH_CHECK_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
    94) rule_id=pod-in-alb-ip-target rule_direction=inbound rule_categories=alb-ip-targets rule_roles='pod alb'
      rule_on=pod rule_variables='POD_SG_ID ALB_SG_ID ALB_TARGET_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
    95) rule_id=pod-in-all-self rule_direction=inbound rule_categories=sg-for-pods rule_roles=pod
      rule_on=pod rule_variables=POD_SG_ID rule_coverers='' rule_present='' rule_removed_by='' ;;
    96) rule_id=pod-in-hbone-from-node rule_direction=inbound rule_categories=sg-for-pods-ambient rule_roles='pod node'
      case $variant in
        1) rule_on=pod rule_variables='POD_SG_ID NODE_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=pod rule_variables='POD_SG_ID CLUSTER_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    97) rule_id=pod-in-hbone-self rule_direction=inbound rule_categories=sg-for-pods-ambient rule_roles=pod
      rule_on=pod rule_variables=POD_SG_ID rule_coverers=95 rule_present='' rule_removed_by='' ;;
    98) rule_id=pod-in-nlb-ip-health-check rule_direction=inbound rule_categories=nlb-ip-targets rule_roles='pod nlb'
      rule_on=pod rule_variables='POD_SG_ID NLB_SG_ID NLB_TARGET_HEALTH_CHECK_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
    99) rule_id=pod-in-nlb-ip-target rule_direction=inbound rule_categories=nlb-ip-targets rule_roles='pod nlb'
      rule_on=pod rule_variables='POD_SG_ID NLB_SG_ID NLB_TARGET_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
    100) rule_id=pod-in-probe-from-node rule_direction=inbound rule_categories=sg-for-pods rule_roles='pod node'
      case $variant in
        1) rule_on=pod rule_variables='POD_SG_ID NODE_SG_ID POD_PROBE_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
        *) rule_on=pod rule_variables='POD_SG_ID CLUSTER_SG_ID POD_PROBE_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
      esac ;;
    101) rule_id=pod-out-all-ipv4 rule_direction=outbound rule_categories=default rule_roles=pod
      rule_on=pod rule_variables=POD_SG_ID rule_coverers='' rule_present='' rule_removed_by='' ;;
    102) rule_id=pod-out-dns-tcp-to-cluster rule_direction=outbound rule_categories=sg-for-pods rule_roles='pod cluster'
      rule_on=pod rule_variables='POD_SG_ID CLUSTER_SG_ID' rule_coverers=101 rule_present='' rule_removed_by='' ;;
    103) rule_id=pod-out-dns-tcp-to-node rule_direction=outbound rule_categories=sg-for-pods rule_roles='pod node'
      case $variant in
        1) rule_on=pod rule_variables='POD_SG_ID NODE_SG_ID' rule_coverers=101 rule_present='' rule_removed_by='' ;;
        *) rule_on=pod rule_variables='POD_SG_ID CLUSTER_SG_ID' rule_coverers='101 102' rule_present='' rule_removed_by='' ;;
      esac ;;
    104) rule_id=pod-out-dns-udp-to-cluster rule_direction=outbound rule_categories=sg-for-pods rule_roles='pod cluster'
      rule_on=pod rule_variables='POD_SG_ID CLUSTER_SG_ID' rule_coverers=101 rule_present='' rule_removed_by='' ;;
    105) rule_id=pod-out-dns-udp-to-node rule_direction=outbound rule_categories=sg-for-pods rule_roles='pod node'
      case $variant in
        1) rule_on=pod rule_variables='POD_SG_ID NODE_SG_ID' rule_coverers=101 rule_present='' rule_removed_by='' ;;
        *) rule_on=pod rule_variables='POD_SG_ID CLUSTER_SG_ID' rule_coverers='101 104' rule_present='' rule_removed_by='' ;;
      esac ;;
  esac
}
rule_args() {  # rule_args N: rule N under $variant: its description, the line read_existing has for it, its permission JSON and a summary
  case "$variant:$1" in
    1:1) rule_description='All traffic from nodes with their own security group'
      rule_key="${CLUSTER_SG_ID}"' False -1 -1 -1 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"All traffic from nodes with their own security group"}]}'
      rule_summary='cluster-in-all-from-node: cluster inbound all All node [mixed-nodes]' ;;
    *:1) rule_description='All traffic from nodes with their own security group'
      rule_key="${CLUSTER_SG_ID}"' False -1 -1 -1 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic from nodes with their own security group"}]}'
      rule_summary='cluster-in-all-from-node: cluster inbound all All self [mixed-nodes]' ;;
    *:2) rule_description='All traffic between members of the cluster security group'
      rule_key="${CLUSTER_SG_ID}"' False -1 -1 -1 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic between members of the cluster security group"}]}'
      rule_summary='cluster-in-all-self: cluster inbound all All self [default]' ;;
    *:3) rule_description='CoreDNS over TCP from pods with the pod security group'
      rule_key="${CLUSTER_SG_ID}"' False tcp 53 53 '"${POD_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"CoreDNS over TCP from pods with the pod security group"}]}'
      rule_summary='cluster-in-dns-tcp-from-pod: cluster inbound tcp 53 pod [sg-for-pods]' ;;
    *:4) rule_description='CoreDNS over UDP from pods with the pod security group'
      rule_key="${CLUSTER_SG_ID}"' False udp 53 53 '"${POD_SG_ID}"
      rule_permission='{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"CoreDNS over UDP from pods with the pod security group"}]}'
      rule_summary='cluster-in-dns-udp-from-pod: cluster inbound udp 53 pod [sg-for-pods]' ;;
    *:5) rule_description='All outbound IPv4 traffic'
      rule_key="${CLUSTER_SG_ID}"' True -1 -1 -1 0.0.0.0/0'
      rule_permission='{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}'
      rule_summary='cluster-out-all-ipv4: cluster outbound all All 0.0.0.0/0 [default]' ;;
    *:6) rule_description='All outbound IPv6 traffic'
      rule_key="${CLUSTER_SG_ID}"' True -1 -1 -1 ::/0'
      rule_permission='{"IpProtocol":"-1","Ipv6Ranges":[{"CidrIpv6":"::/0","Description":"All outbound IPv6 traffic"}]}'
      rule_summary='cluster-out-all-ipv6: cluster outbound all All ::/0 [ipv6]' ;;
    *:7) rule_description='All traffic to members of the cluster security group'
      rule_key="${CLUSTER_SG_ID}"' True -1 -1 -1 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic to members of the cluster security group"}]}'
      rule_summary='cluster-out-all-self: cluster outbound all All self [cluster-created-1-33-or-later]' ;;
    *:8) rule_description='CoreDNS over TCP (restricted egress)'
      rule_key="${CLUSTER_SG_ID}"' True tcp 53 53 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over TCP (restricted egress)"}]}'
      rule_summary='cluster-out-restricted-dns-tcp: cluster outbound tcp 53 self [restricted-egress]' ;;
    *:9) rule_description='CoreDNS over UDP (restricted egress)'
      rule_key="${CLUSTER_SG_ID}"' True udp 53 53 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over UDP (restricted egress)"}]}'
      rule_summary='cluster-out-restricted-dns-udp: cluster outbound udp 53 self [restricted-egress]' ;;
    *:10) rule_description='Kubernetes API server (restricted egress)'
      rule_key="${CLUSTER_SG_ID}"' True tcp 443 443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server (restricted egress)"}]}'
      rule_summary='cluster-out-restricted-https: cluster outbound tcp 443 self [restricted-egress]' ;;
    *:11) rule_description='Kubelet API (restricted egress)'
      rule_key="${CLUSTER_SG_ID}"' True tcp 10250 10250 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubelet API (restricted egress)"}]}'
      rule_summary='cluster-out-restricted-kubelet: cluster outbound tcp 10250 self [restricted-egress]' ;;
    *:12) rule_description='Amazon S3 through its gateway endpoint prefix list (restricted egress)'
      rule_key="${CLUSTER_SG_ID}"' True tcp 443 443 '"${S3_PREFIX_LIST_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"PrefixListIds":[{"PrefixListId":"'"${S3_PREFIX_LIST_ID}"'","Description":"Amazon S3 through its gateway endpoint prefix list (restricted egress)"}]}'
      rule_summary='cluster-out-restricted-s3: cluster outbound tcp 443 s3-prefix-list [restricted-egress]' ;;
    *:13) rule_description='EKS API, ECR and other AWS APIs through interface VPC endpoints (restricted egress)'
      rule_key="${CLUSTER_SG_ID}"' True tcp 443 443 '"${VPC_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"'"${VPC_CIDR}"'","Description":"EKS API, ECR and other AWS APIs through interface VPC endpoints (restricted egress)"}]}'
      rule_summary='cluster-out-restricted-vpc-endpoints: cluster outbound tcp 443 vpc-cidr [restricted-egress]' ;;
    1:14) rule_description='Kubelets and pods on nodes to the Kubernetes API server'
      rule_key="${CONTROL_PLANE_SG_ID}"' False tcp 443 443 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubelets and pods on nodes to the Kubernetes API server"}]}'
      rule_summary='control-plane-in-https-from-node: control-plane inbound tcp 443 node [minimum]' ;;
    *:14) rule_description='Kubelets and pods on nodes to the Kubernetes API server'
      rule_key="${CLUSTER_SG_ID}"' False tcp 443 443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubelets and pods on nodes to the Kubernetes API server"}]}'
      rule_summary='control-plane-in-https-from-node: cluster inbound tcp 443 self [minimum]' ;;
    1:15) rule_description='Pods with the pod security group to the Kubernetes API server'
      rule_key="${CONTROL_PLANE_SG_ID}"' False tcp 443 443 '"${POD_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"Pods with the pod security group to the Kubernetes API server"}]}'
      rule_summary='control-plane-in-https-from-pod: control-plane inbound tcp 443 pod [sg-for-pods]' ;;
    *:15) rule_description='Pods with the pod security group to the Kubernetes API server'
      rule_key="${CLUSTER_SG_ID}"' False tcp 443 443 '"${POD_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"Pods with the pod security group to the Kubernetes API server"}]}'
      rule_summary='control-plane-in-https-from-pod: cluster inbound tcp 443 pod [sg-for-pods]' ;;
    1:16) rule_description='Remote istiod to the Kubernetes API server'
      rule_key="${CONTROL_PLANE_SG_ID}"' False tcp 443 443 '"${REMOTE_MESH_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote istiod to the Kubernetes API server"}]}'
      rule_summary='control-plane-in-https-from-remote-mesh: control-plane inbound tcp 443 remote-mesh-cidr [istio-multicluster, istio-ambient-multicluster]' ;;
    *:16) rule_description='Remote istiod to the Kubernetes API server'
      rule_key="${CLUSTER_SG_ID}"' False tcp 443 443 '"${REMOTE_MESH_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote istiod to the Kubernetes API server"}]}'
      rule_summary='control-plane-in-https-from-remote-mesh: cluster inbound tcp 443 remote-mesh-cidr [istio-multicluster, istio-ambient-multicluster]' ;;
    1:17) rule_description='Hybrid nodes (kubelets) to the Kubernetes API server'
      rule_key="${CONTROL_PLANE_SG_ID}"' False tcp 443 443 '"${REMOTE_NODE_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"'"${REMOTE_NODE_CIDR}"'","Description":"Hybrid nodes (kubelets) to the Kubernetes API server"}]}'
      rule_summary='control-plane-in-https-from-remote-nodes: control-plane inbound tcp 443 remote-node-cidr [hybrid-nodes]' ;;
    *:17) rule_description='Hybrid nodes (kubelets) to the Kubernetes API server'
      rule_key="${CLUSTER_SG_ID}"' False tcp 443 443 '"${REMOTE_NODE_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"'"${REMOTE_NODE_CIDR}"'","Description":"Hybrid nodes (kubelets) to the Kubernetes API server"}]}'
      rule_summary='control-plane-in-https-from-remote-nodes: cluster inbound tcp 443 remote-node-cidr [hybrid-nodes]' ;;
    1:18) rule_description='Pods on hybrid nodes to the Kubernetes API server'
      rule_key="${CONTROL_PLANE_SG_ID}"' False tcp 443 443 '"${REMOTE_POD_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"'"${REMOTE_POD_CIDR}"'","Description":"Pods on hybrid nodes to the Kubernetes API server"}]}'
      rule_summary='control-plane-in-https-from-remote-pods: control-plane inbound tcp 443 remote-pod-cidr [hybrid-nodes]' ;;
    *:18) rule_description='Pods on hybrid nodes to the Kubernetes API server'
      rule_key="${CLUSTER_SG_ID}"' False tcp 443 443 '"${REMOTE_POD_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"'"${REMOTE_POD_CIDR}"'","Description":"Pods on hybrid nodes to the Kubernetes API server"}]}'
      rule_summary='control-plane-in-https-from-remote-pods: cluster inbound tcp 443 remote-pod-cidr [hybrid-nodes]' ;;
    1:19) rule_description='Kubernetes API server to the cert-manager EKS add-on webhook on 10260'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 10260 10260 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10260,"ToPort":10260,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to the cert-manager EKS add-on webhook on 10260"}]}'
      rule_summary='control-plane-out-cert-manager-10260-to-node: control-plane outbound tcp 10260 node [cert-manager-eks-addon]' ;;
    *:19) rule_description='Kubernetes API server to the cert-manager EKS add-on webhook on 10260'
      rule_key="${CLUSTER_SG_ID}"' True tcp 10260 10260 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10260,"ToPort":10260,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to the cert-manager EKS add-on webhook on 10260"}]}'
      rule_summary='control-plane-out-cert-manager-10260-to-node: cluster outbound tcp 10260 self [cert-manager-eks-addon]' ;;
    1:20) rule_description='Kubernetes API server to any non-privileged port on nodes'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 1025 65535 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to any non-privileged port on nodes"}]}'
      rule_summary='control-plane-out-ephemeral-to-node: control-plane outbound tcp 1025-65535 node [eksctl-broad]' ;;
    *:20) rule_description='Kubernetes API server to any non-privileged port on nodes'
      rule_key="${CLUSTER_SG_ID}"' True tcp 1025 65535 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to any non-privileged port on nodes"}]}'
      rule_summary='control-plane-out-ephemeral-to-node: cluster outbound tcp 1025-65535 self [eksctl-broad]' ;;
    1:21) rule_description='Kubernetes API server to services on nodes on 443'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 443 443 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to services on nodes on 443"}]}'
      rule_summary='control-plane-out-https-to-node: control-plane outbound tcp 443 node [eksctl-broad]' ;;
    *:21) rule_description='Kubernetes API server to services on nodes on 443'
      rule_key="${CLUSTER_SG_ID}"' True tcp 443 443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to services on nodes on 443"}]}'
      rule_summary='control-plane-out-https-to-node: cluster outbound tcp 443 self [eksctl-broad]' ;;
    1:22) rule_description='Kubernetes API server to the istiod webhook container port'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 15017 15017 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to the istiod webhook container port"}]}'
      rule_summary='control-plane-out-istio-webhook-to-node: control-plane outbound tcp 15017 node [istio]' ;;
    *:22) rule_description='Kubernetes API server to the istiod webhook container port'
      rule_key="${CLUSTER_SG_ID}"' True tcp 15017 15017 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to the istiod webhook container port"}]}'
      rule_summary='control-plane-out-istio-webhook-to-node: cluster outbound tcp 15017 self [istio]' ;;
    1:23) rule_description='Kubernetes API server to kubelets on nodes'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 10250 10250 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to kubelets on nodes"}]}'
      rule_summary='control-plane-out-kubelet-to-node: control-plane outbound tcp 10250 node [minimum, metrics-server, cert-manager, external-secrets]' ;;
    *:23) rule_description='Kubernetes API server to kubelets on nodes'
      rule_key="${CLUSTER_SG_ID}"' True tcp 10250 10250 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to kubelets on nodes"}]}'
      rule_summary='control-plane-out-kubelet-to-node: cluster outbound tcp 10250 self [minimum, metrics-server, cert-manager, external-secrets]' ;;
    1:24) rule_description='Kubernetes API server to kubelets on hybrid nodes'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 10250 10250 '"${REMOTE_NODE_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"IpRanges":[{"CidrIp":"'"${REMOTE_NODE_CIDR}"'","Description":"Kubernetes API server to kubelets on hybrid nodes"}]}'
      rule_summary='control-plane-out-kubelet-to-remote-nodes: control-plane outbound tcp 10250 remote-node-cidr [hybrid-nodes]' ;;
    *:24) rule_description='Kubernetes API server to kubelets on hybrid nodes'
      rule_key="${CLUSTER_SG_ID}"' True tcp 10250 10250 '"${REMOTE_NODE_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"IpRanges":[{"CidrIp":"'"${REMOTE_NODE_CIDR}"'","Description":"Kubernetes API server to kubelets on hybrid nodes"}]}'
      rule_summary='control-plane-out-kubelet-to-remote-nodes: cluster outbound tcp 10250 remote-node-cidr [hybrid-nodes]' ;;
    1:25) rule_description='Kubernetes API server to the Kuma admission server on 5443'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 5443 5443 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":5443,"ToPort":5443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to the Kuma admission server on 5443"}]}'
      rule_summary='control-plane-out-kuma-5443-to-node: control-plane outbound tcp 5443 node [kuma]' ;;
    *:25) rule_description='Kubernetes API server to the Kuma admission server on 5443'
      rule_key="${CLUSTER_SG_ID}"' True tcp 5443 5443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":5443,"ToPort":5443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to the Kuma admission server on 5443"}]}'
      rule_summary='control-plane-out-kuma-5443-to-node: cluster outbound tcp 5443 self [kuma]' ;;
    1:26) rule_description='Kubernetes API server to metrics-server on 10251 (EKS add-on)'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 10251 10251 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10251,"ToPort":10251,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 10251 (EKS add-on)"}]}'
      rule_summary='control-plane-out-metrics-server-10251-to-node: control-plane outbound tcp 10251 node [metrics-server-eks-addon]' ;;
    *:26) rule_description='Kubernetes API server to metrics-server on 10251 (EKS add-on)'
      rule_key="${CLUSTER_SG_ID}"' True tcp 10251 10251 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10251,"ToPort":10251,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 10251 (EKS add-on)"}]}'
      rule_summary='control-plane-out-metrics-server-10251-to-node: cluster outbound tcp 10251 self [metrics-server-eks-addon]' ;;
    1:27) rule_description='Kubernetes API server to metrics-server on 4443 (legacy releases)'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 4443 4443 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":4443,"ToPort":4443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 4443 (legacy releases)"}]}'
      rule_summary='control-plane-out-metrics-server-4443-to-node: control-plane outbound tcp 4443 node [metrics-server-legacy]' ;;
    *:27) rule_description='Kubernetes API server to metrics-server on 4443 (legacy releases)'
      rule_key="${CLUSTER_SG_ID}"' True tcp 4443 4443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":4443,"ToPort":4443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 4443 (legacy releases)"}]}'
      rule_summary='control-plane-out-metrics-server-4443-to-node: cluster outbound tcp 4443 self [metrics-server-legacy]' ;;
    1:28) rule_description='Kubernetes API server to API services on 6443 (prometheus-adapter, KEDA metrics, Sysdig)'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 6443 6443 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":6443,"ToPort":6443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to API services on 6443 (prometheus-adapter, KEDA metrics, Sysdig)"}]}'
      rule_summary='control-plane-out-prometheus-adapter-to-node: control-plane outbound tcp 6443 node [prometheus-adapter, keda, sysdig-admission-controller]' ;;
    *:28) rule_description='Kubernetes API server to API services on 6443 (prometheus-adapter, KEDA metrics, Sysdig)'
      rule_key="${CLUSTER_SG_ID}"' True tcp 6443 6443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":6443,"ToPort":6443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to API services on 6443 (prometheus-adapter, KEDA metrics, Sysdig)"}]}'
      rule_summary='control-plane-out-prometheus-adapter-to-node: cluster outbound tcp 6443 self [prometheus-adapter, keda, sysdig-admission-controller]' ;;
    1:29) rule_description='Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Linkerd, Sysdig, Karpenter up to v1.0)'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 8443 8443 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":8443,"ToPort":8443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Linkerd, Sysdig, Karpenter up to v1.0)"}]}'
      rule_summary='control-plane-out-webhook-8443-to-node: control-plane outbound tcp 8443 node [knative, karpenter, gatekeeper, ingress-nginx, linkerd, sysdig-admission-controller]' ;;
    *:29) rule_description='Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Linkerd, Sysdig, Karpenter up to v1.0)'
      rule_key="${CLUSTER_SG_ID}"' True tcp 8443 8443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":8443,"ToPort":8443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Linkerd, Sysdig, Karpenter up to v1.0)"}]}'
      rule_summary='control-plane-out-webhook-8443-to-node: cluster outbound tcp 8443 self [knative, karpenter, gatekeeper, ingress-nginx, linkerd, sysdig-admission-controller]' ;;
    1:30) rule_description='Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, Kyverno, KEDA, CloudNativePG, Linkerd)'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 9443 9443 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":9443,"ToPort":9443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, Kyverno, KEDA, CloudNativePG, Linkerd)"}]}'
      rule_summary='control-plane-out-webhook-9443-to-node: control-plane outbound tcp 9443 node [aws-load-balancer-controller, kyverno, keda, cloudnative-pg, linkerd]' ;;
    *:30) rule_description='Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, Kyverno, KEDA, CloudNativePG, Linkerd)'
      rule_key="${CLUSTER_SG_ID}"' True tcp 9443 9443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":9443,"ToPort":9443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, Kyverno, KEDA, CloudNativePG, Linkerd)"}]}'
      rule_summary='control-plane-out-webhook-9443-to-node: cluster outbound tcp 9443 self [aws-load-balancer-controller, kyverno, keda, cloudnative-pg, linkerd]' ;;
    1:31) rule_description='Kubernetes API server to webhooks on hybrid nodes'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp '"${HYBRID_WEBHOOK_PORT}"' '"${HYBRID_WEBHOOK_PORT}"' '"${REMOTE_POD_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${HYBRID_WEBHOOK_PORT}"',"ToPort":'"${HYBRID_WEBHOOK_PORT}"',"IpRanges":[{"CidrIp":"'"${REMOTE_POD_CIDR}"'","Description":"Kubernetes API server to webhooks on hybrid nodes"}]}'
      rule_summary='control-plane-out-webhook-to-remote-pods: control-plane outbound tcp hybrid-webhook-port remote-pod-cidr [hybrid-nodes]' ;;
    *:31) rule_description='Kubernetes API server to webhooks on hybrid nodes'
      rule_key="${CLUSTER_SG_ID}"' True tcp '"${HYBRID_WEBHOOK_PORT}"' '"${HYBRID_WEBHOOK_PORT}"' '"${REMOTE_POD_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${HYBRID_WEBHOOK_PORT}"',"ToPort":'"${HYBRID_WEBHOOK_PORT}"',"IpRanges":[{"CidrIp":"'"${REMOTE_POD_CIDR}"'","Description":"Kubernetes API server to webhooks on hybrid nodes"}]}'
      rule_summary='control-plane-out-webhook-to-remote-pods: cluster outbound tcp hybrid-webhook-port remote-pod-cidr [hybrid-nodes]' ;;
    1:32) rule_description='ALB health checks'
      rule_key="${NODE_SG_ID}"' False tcp '"${ALB_HEALTH_CHECK_PORT}"' '"${ALB_HEALTH_CHECK_PORT}"' '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_HEALTH_CHECK_PORT}"',"ToPort":'"${ALB_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB health checks"}]}'
      rule_summary='node-in-alb-health-check: node inbound tcp alb-health-check-port alb [alb]' ;;
    *:32) rule_description='ALB health checks'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${ALB_HEALTH_CHECK_PORT}"' '"${ALB_HEALTH_CHECK_PORT}"' '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_HEALTH_CHECK_PORT}"',"ToPort":'"${ALB_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB health checks"}]}'
      rule_summary='node-in-alb-health-check: cluster inbound tcp alb-health-check-port alb [alb]' ;;
    1:33) rule_description='ALB health checks to pods (IP targets)'
      rule_key="${NODE_SG_ID}"' False tcp '"${ALB_TARGET_HEALTH_CHECK_PORT}"' '"${ALB_TARGET_HEALTH_CHECK_PORT}"' '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${ALB_TARGET_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB health checks to pods (IP targets)"}]}'
      rule_summary='node-in-alb-ip-health-check: node inbound tcp alb-target-health-check-port alb [alb-ip-targets]' ;;
    *:33) rule_description='ALB health checks to pods (IP targets)'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${ALB_TARGET_HEALTH_CHECK_PORT}"' '"${ALB_TARGET_HEALTH_CHECK_PORT}"' '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${ALB_TARGET_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB health checks to pods (IP targets)"}]}'
      rule_summary='node-in-alb-ip-health-check: cluster inbound tcp alb-target-health-check-port alb [alb-ip-targets]' ;;
    1:34) rule_description='ALB to pods on their container port (IP targets)'
      rule_key="${NODE_SG_ID}"' False tcp '"${ALB_TARGET_PORT}"' '"${ALB_TARGET_PORT}"' '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_TARGET_PORT}"',"ToPort":'"${ALB_TARGET_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to pods on their container port (IP targets)"}]}'
      rule_summary='node-in-alb-ip-target: node inbound tcp alb-target-port alb [alb-ip-targets]' ;;
    *:34) rule_description='ALB to pods on their container port (IP targets)'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${ALB_TARGET_PORT}"' '"${ALB_TARGET_PORT}"' '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_TARGET_PORT}"',"ToPort":'"${ALB_TARGET_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to pods on their container port (IP targets)"}]}'
      rule_summary='node-in-alb-ip-target: cluster inbound tcp alb-target-port alb [alb-ip-targets]' ;;
    1:35) rule_description='ALB to the Service NodePort (instance targets)'
      rule_key="${NODE_SG_ID}"' False tcp '"${ALB_LISTENER_PORT}"' '"${ALB_LISTENER_PORT}"' '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_LISTENER_PORT}"',"ToPort":'"${ALB_LISTENER_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to the Service NodePort (instance targets)"}]}'
      rule_summary='node-in-alb-listener: node inbound tcp alb-listener-port alb [alb]' ;;
    *:35) rule_description='ALB to the Service NodePort (instance targets)'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${ALB_LISTENER_PORT}"' '"${ALB_LISTENER_PORT}"' '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_LISTENER_PORT}"',"ToPort":'"${ALB_LISTENER_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to the Service NodePort (instance targets)"}]}'
      rule_summary='node-in-alb-listener: cluster inbound tcp alb-listener-port alb [alb]' ;;
    1:36) rule_description='All traffic from managed nodes and Fargate pods (cluster security group)'
      rule_key="${NODE_SG_ID}"' False -1 -1 -1 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic from managed nodes and Fargate pods (cluster security group)"}]}'
      rule_summary='node-in-all-from-cluster: node inbound all All cluster [mixed-nodes]' ;;
    *:36) rule_description='All traffic from managed nodes and Fargate pods (cluster security group)'
      rule_key="${CLUSTER_SG_ID}"' False -1 -1 -1 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic from managed nodes and Fargate pods (cluster security group)"}]}'
      rule_summary='node-in-all-from-cluster: cluster inbound all All self [mixed-nodes]' ;;
    1:37) rule_description='All traffic between nodes (pod-to-pod, CoreDNS, node ports)'
      rule_key="${NODE_SG_ID}"' False -1 -1 -1 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"All traffic between nodes (pod-to-pod, CoreDNS, node ports)"}]}'
      rule_summary='node-in-all-self: node inbound all All self [recommended, efa]' ;;
    *:37) rule_description='All traffic between nodes (pod-to-pod, CoreDNS, node ports)'
      rule_key="${CLUSTER_SG_ID}"' False -1 -1 -1 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic between nodes (pod-to-pod, CoreDNS, node ports)"}]}'
      rule_summary='node-in-all-self: cluster inbound all All self [recommended, efa]' ;;
    1:38) rule_description='Kubernetes API server to the cert-manager EKS add-on webhook on 10260'
      rule_key="${NODE_SG_ID}"' False tcp 10260 10260 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10260,"ToPort":10260,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to the cert-manager EKS add-on webhook on 10260"}]}'
      rule_summary='node-in-cert-manager-10260-from-control-plane: node inbound tcp 10260 control-plane [cert-manager-eks-addon]' ;;
    *:38) rule_description='Kubernetes API server to the cert-manager EKS add-on webhook on 10260'
      rule_key="${CLUSTER_SG_ID}"' False tcp 10260 10260 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10260,"ToPort":10260,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to the cert-manager EKS add-on webhook on 10260"}]}'
      rule_summary='node-in-cert-manager-10260-from-control-plane: cluster inbound tcp 10260 self [cert-manager-eks-addon]' ;;
    1:39) rule_description='CoreDNS over TCP from pods with the pod security group'
      rule_key="${NODE_SG_ID}"' False tcp 53 53 '"${POD_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"CoreDNS over TCP from pods with the pod security group"}]}'
      rule_summary='node-in-dns-tcp-from-pod: node inbound tcp 53 pod [sg-for-pods]' ;;
    *:39) rule_description='CoreDNS over TCP from pods with the pod security group'
      rule_key="${CLUSTER_SG_ID}"' False tcp 53 53 '"${POD_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"CoreDNS over TCP from pods with the pod security group"}]}'
      rule_summary='node-in-dns-tcp-from-pod: cluster inbound tcp 53 pod [sg-for-pods]' ;;
    1:40) rule_description='CoreDNS over TCP from pods on hybrid nodes'
      rule_key="${NODE_SG_ID}"' False tcp 53 53 '"${REMOTE_POD_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"IpRanges":[{"CidrIp":"'"${REMOTE_POD_CIDR}"'","Description":"CoreDNS over TCP from pods on hybrid nodes"}]}'
      rule_summary='node-in-dns-tcp-from-remote-pods: node inbound tcp 53 remote-pod-cidr [hybrid-nodes]' ;;
    *:40) rule_description='CoreDNS over TCP from pods on hybrid nodes'
      rule_key="${CLUSTER_SG_ID}"' False tcp 53 53 '"${REMOTE_POD_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"IpRanges":[{"CidrIp":"'"${REMOTE_POD_CIDR}"'","Description":"CoreDNS over TCP from pods on hybrid nodes"}]}'
      rule_summary='node-in-dns-tcp-from-remote-pods: cluster inbound tcp 53 remote-pod-cidr [hybrid-nodes]' ;;
    1:41) rule_description='CoreDNS over TCP between nodes'
      rule_key="${NODE_SG_ID}"' False tcp 53 53 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over TCP between nodes"}]}'
      rule_summary='node-in-dns-tcp-self: node inbound tcp 53 self [coredns]' ;;
    *:41) rule_description='CoreDNS over TCP between nodes'
      rule_key="${CLUSTER_SG_ID}"' False tcp 53 53 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over TCP between nodes"}]}'
      rule_summary='node-in-dns-tcp-self: cluster inbound tcp 53 self [coredns]' ;;
    1:42) rule_description='CoreDNS over UDP from pods with the pod security group'
      rule_key="${NODE_SG_ID}"' False udp 53 53 '"${POD_SG_ID}"
      rule_permission='{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"CoreDNS over UDP from pods with the pod security group"}]}'
      rule_summary='node-in-dns-udp-from-pod: node inbound udp 53 pod [sg-for-pods]' ;;
    *:42) rule_description='CoreDNS over UDP from pods with the pod security group'
      rule_key="${CLUSTER_SG_ID}"' False udp 53 53 '"${POD_SG_ID}"
      rule_permission='{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"CoreDNS over UDP from pods with the pod security group"}]}'
      rule_summary='node-in-dns-udp-from-pod: cluster inbound udp 53 pod [sg-for-pods]' ;;
    1:43) rule_description='CoreDNS over UDP from pods on hybrid nodes'
      rule_key="${NODE_SG_ID}"' False udp 53 53 '"${REMOTE_POD_CIDR}"
      rule_permission='{"IpProtocol":"udp","FromPort":53,"ToPort":53,"IpRanges":[{"CidrIp":"'"${REMOTE_POD_CIDR}"'","Description":"CoreDNS over UDP from pods on hybrid nodes"}]}'
      rule_summary='node-in-dns-udp-from-remote-pods: node inbound udp 53 remote-pod-cidr [hybrid-nodes]' ;;
    *:43) rule_description='CoreDNS over UDP from pods on hybrid nodes'
      rule_key="${CLUSTER_SG_ID}"' False udp 53 53 '"${REMOTE_POD_CIDR}"
      rule_permission='{"IpProtocol":"udp","FromPort":53,"ToPort":53,"IpRanges":[{"CidrIp":"'"${REMOTE_POD_CIDR}"'","Description":"CoreDNS over UDP from pods on hybrid nodes"}]}'
      rule_summary='node-in-dns-udp-from-remote-pods: cluster inbound udp 53 remote-pod-cidr [hybrid-nodes]' ;;
    1:44) rule_description='CoreDNS over UDP between nodes'
      rule_key="${NODE_SG_ID}"' False udp 53 53 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over UDP between nodes"}]}'
      rule_summary='node-in-dns-udp-self: node inbound udp 53 self [coredns]' ;;
    *:44) rule_description='CoreDNS over UDP between nodes'
      rule_key="${CLUSTER_SG_ID}"' False udp 53 53 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over UDP between nodes"}]}'
      rule_summary='node-in-dns-udp-self: cluster inbound udp 53 self [coredns]' ;;
    1:45) rule_description='East-west gateway NLB to the gateway pods on 15008 (HBONE)'
      rule_key="${NODE_SG_ID}"' False tcp 15008 15008 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"East-west gateway NLB to the gateway pods on 15008 (HBONE)"}]}'
      rule_summary='node-in-eastwest-hbone-from-nlb: node inbound tcp 15008 nlb [istio-ambient-multicluster]' ;;
    *:45) rule_description='East-west gateway NLB to the gateway pods on 15008 (HBONE)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 15008 15008 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"East-west gateway NLB to the gateway pods on 15008 (HBONE)"}]}'
      rule_summary='node-in-eastwest-hbone-from-nlb: cluster inbound tcp 15008 nlb [istio-ambient-multicluster]' ;;
    1:46) rule_description='East-west gateway NLB to the gateway pods on 15443 (cross-network mTLS)'
      rule_key="${NODE_SG_ID}"' False tcp 15443 15443 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15443,"ToPort":15443,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"East-west gateway NLB to the gateway pods on 15443 (cross-network mTLS)"}]}'
      rule_summary='node-in-eastwest-mtls-from-nlb: node inbound tcp 15443 nlb [istio-multicluster, istio-primary-remote]' ;;
    *:46) rule_description='East-west gateway NLB to the gateway pods on 15443 (cross-network mTLS)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 15443 15443 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15443,"ToPort":15443,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"East-west gateway NLB to the gateway pods on 15443 (cross-network mTLS)"}]}'
      rule_summary='node-in-eastwest-mtls-from-nlb: cluster inbound tcp 15443 nlb [istio-multicluster, istio-primary-remote]' ;;
    1:47) rule_description='East-west gateway NLB to the gateway pods on 15017 (istiod webhook)'
      rule_key="${NODE_SG_ID}"' False tcp 15017 15017 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"East-west gateway NLB to the gateway pods on 15017 (istiod webhook)"}]}'
      rule_summary='node-in-eastwest-webhook-from-nlb: node inbound tcp 15017 nlb [istio-primary-remote]' ;;
    *:47) rule_description='East-west gateway NLB to the gateway pods on 15017 (istiod webhook)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 15017 15017 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"East-west gateway NLB to the gateway pods on 15017 (istiod webhook)"}]}'
      rule_summary='node-in-eastwest-webhook-from-nlb: cluster inbound tcp 15017 nlb [istio-primary-remote]' ;;
    1:48) rule_description='East-west gateway NLB to the gateway pods on 15012 (istiod XDS and CA)'
      rule_key="${NODE_SG_ID}"' False tcp 15012 15012 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15012,"ToPort":15012,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"East-west gateway NLB to the gateway pods on 15012 (istiod XDS and CA)"}]}'
      rule_summary='node-in-eastwest-xds-from-nlb: node inbound tcp 15012 nlb [istio-primary-remote]' ;;
    *:48) rule_description='East-west gateway NLB to the gateway pods on 15012 (istiod XDS and CA)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 15012 15012 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15012,"ToPort":15012,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"East-west gateway NLB to the gateway pods on 15012 (istiod XDS and CA)"}]}'
      rule_summary='node-in-eastwest-xds-from-nlb: cluster inbound tcp 15012 nlb [istio-primary-remote]' ;;
    1:49) rule_description='Kubernetes API server to any non-privileged port on nodes'
      rule_key="${NODE_SG_ID}"' False tcp 1025 65535 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to any non-privileged port on nodes"}]}'
      rule_summary='node-in-ephemeral-from-control-plane: node inbound tcp 1025-65535 control-plane [eksctl-broad]' ;;
    *:49) rule_description='Kubernetes API server to any non-privileged port on nodes'
      rule_key="${CLUSTER_SG_ID}"' False tcp 1025 65535 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to any non-privileged port on nodes"}]}'
      rule_summary='node-in-ephemeral-from-control-plane: cluster inbound tcp 1025-65535 self [eksctl-broad]' ;;
    1:50) rule_description='Node to node on non-privileged ports'
      rule_key="${NODE_SG_ID}"' False tcp 1025 65535 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Node to node on non-privileged ports"}]}'
      rule_summary='node-in-ephemeral-self: node inbound tcp 1025-65535 self [recommended]' ;;
    *:50) rule_description='Node to node on non-privileged ports'
      rule_key="${CLUSTER_SG_ID}"' False tcp 1025 65535 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Node to node on non-privileged ports"}]}'
      rule_summary='node-in-ephemeral-self: cluster inbound tcp 1025-65535 self [recommended]' ;;
    1:51) rule_description='Istio ambient HBONE between nodes (ztunnel and waypoints)'
      rule_key="${NODE_SG_ID}"' False tcp 15008 15008 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Istio ambient HBONE between nodes (ztunnel and waypoints)"}]}'
      rule_summary='node-in-hbone-self: node inbound tcp 15008 self [istio-ambient]' ;;
    *:51) rule_description='Istio ambient HBONE between nodes (ztunnel and waypoints)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 15008 15008 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Istio ambient HBONE between nodes (ztunnel and waypoints)"}]}'
      rule_summary='node-in-hbone-self: cluster inbound tcp 15008 self [istio-ambient]' ;;
    1:52) rule_description='Kubernetes API server to services on nodes on 443'
      rule_key="${NODE_SG_ID}"' False tcp 443 443 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to services on nodes on 443"}]}'
      rule_summary='node-in-https-from-control-plane: node inbound tcp 443 control-plane [eksctl-broad]' ;;
    *:52) rule_description='Kubernetes API server to services on nodes on 443'
      rule_key="${CLUSTER_SG_ID}"' False tcp 443 443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to services on nodes on 443"}]}'
      rule_summary='node-in-https-from-control-plane: cluster inbound tcp 443 self [eksctl-broad]' ;;
    1:53) rule_description='Hybrid nodes gateway VXLAN (UDP 8472) from the remote nodes'
      rule_key="${NODE_SG_ID}"' False udp 8472 8472 '"${REMOTE_NODE_CIDR}"
      rule_permission='{"IpProtocol":"udp","FromPort":8472,"ToPort":8472,"IpRanges":[{"CidrIp":"'"${REMOTE_NODE_CIDR}"'","Description":"Hybrid nodes gateway VXLAN (UDP 8472) from the remote nodes"}]}'
      rule_summary='node-in-hybrid-gateway-vxlan: node inbound udp 8472 remote-node-cidr [hybrid-nodes-gateway]' ;;
    *:53) rule_description='Hybrid nodes gateway VXLAN (UDP 8472) from the remote nodes'
      rule_key="${CLUSTER_SG_ID}"' False udp 8472 8472 '"${REMOTE_NODE_CIDR}"
      rule_permission='{"IpProtocol":"udp","FromPort":8472,"ToPort":8472,"IpRanges":[{"CidrIp":"'"${REMOTE_NODE_CIDR}"'","Description":"Hybrid nodes gateway VXLAN (UDP 8472) from the remote nodes"}]}'
      rule_summary='node-in-hybrid-gateway-vxlan: cluster inbound udp 8472 remote-node-cidr [hybrid-nodes-gateway]' ;;
    1:54) rule_description='NLB to the Istio gateway on 80'
      rule_key="${NODE_SG_ID}"' False tcp 80 80 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":80,"ToPort":80,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to the Istio gateway on 80"}]}'
      rule_summary='node-in-istio-gateway-http-from-nlb: node inbound tcp 80 nlb [istio-gateway]' ;;
    *:54) rule_description='NLB to the Istio gateway on 80'
      rule_key="${CLUSTER_SG_ID}"' False tcp 80 80 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":80,"ToPort":80,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to the Istio gateway on 80"}]}'
      rule_summary='node-in-istio-gateway-http-from-nlb: cluster inbound tcp 80 nlb [istio-gateway]' ;;
    1:55) rule_description='NLB to the Istio gateway on 443'
      rule_key="${NODE_SG_ID}"' False tcp 443 443 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to the Istio gateway on 443"}]}'
      rule_summary='node-in-istio-gateway-https-from-nlb: node inbound tcp 443 nlb [istio-gateway]' ;;
    *:55) rule_description='NLB to the Istio gateway on 443'
      rule_key="${CLUSTER_SG_ID}"' False tcp 443 443 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to the Istio gateway on 443"}]}'
      rule_summary='node-in-istio-gateway-https-from-nlb: cluster inbound tcp 443 nlb [istio-gateway]' ;;
    1:56) rule_description='NLB health checks to Istio gateways on the status port 15021'
      rule_key="${NODE_SG_ID}"' False tcp 15021 15021 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15021,"ToPort":15021,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks to Istio gateways on the status port 15021"}]}'
      rule_summary='node-in-istio-gateway-status-from-nlb: node inbound tcp 15021 nlb [istio-gateway, istio-multicluster, istio-primary-remote, istio-ambient-multicluster]' ;;
    *:56) rule_description='NLB health checks to Istio gateways on the status port 15021'
      rule_key="${CLUSTER_SG_ID}"' False tcp 15021 15021 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15021,"ToPort":15021,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks to Istio gateways on the status port 15021"}]}'
      rule_summary='node-in-istio-gateway-status-from-nlb: cluster inbound tcp 15021 nlb [istio-gateway, istio-multicluster, istio-primary-remote, istio-ambient-multicluster]' ;;
    1:57) rule_description='Kubernetes API server to the istiod webhook container port'
      rule_key="${NODE_SG_ID}"' False tcp 15017 15017 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to the istiod webhook container port"}]}'
      rule_summary='node-in-istio-webhook-from-control-plane: node inbound tcp 15017 control-plane [istio]' ;;
    *:57) rule_description='Kubernetes API server to the istiod webhook container port'
      rule_key="${CLUSTER_SG_ID}"' False tcp 15017 15017 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to the istiod webhook container port"}]}'
      rule_summary='node-in-istio-webhook-from-control-plane: cluster inbound tcp 15017 self [istio]' ;;
    1:58) rule_description='Istio sidecars and ztunnels on every node to the istiod XDS and CA port'
      rule_key="${NODE_SG_ID}"' False tcp 15012 15012 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15012,"ToPort":15012,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Istio sidecars and ztunnels on every node to the istiod XDS and CA port"}]}'
      rule_summary='node-in-istiod-xds-self: node inbound tcp 15012 self [istio, istio-ambient]' ;;
    *:58) rule_description='Istio sidecars and ztunnels on every node to the istiod XDS and CA port'
      rule_key="${CLUSTER_SG_ID}"' False tcp 15012 15012 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15012,"ToPort":15012,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Istio sidecars and ztunnels on every node to the istiod XDS and CA port"}]}'
      rule_summary='node-in-istiod-xds-self: cluster inbound tcp 15012 self [istio, istio-ambient]' ;;
    1:59) rule_description='Kubernetes API server to the kubelet API'
      rule_key="${NODE_SG_ID}"' False tcp 10250 10250 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to the kubelet API"}]}'
      rule_summary='node-in-kubelet-from-control-plane: node inbound tcp 10250 control-plane [minimum, metrics-server, cert-manager, external-secrets]' ;;
    *:59) rule_description='Kubernetes API server to the kubelet API'
      rule_key="${CLUSTER_SG_ID}"' False tcp 10250 10250 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to the kubelet API"}]}'
      rule_summary='node-in-kubelet-from-control-plane: cluster inbound tcp 10250 self [minimum, metrics-server, cert-manager, external-secrets]' ;;
    1:60) rule_description='Kubernetes API server to the Kuma admission server on 5443'
      rule_key="${NODE_SG_ID}"' False tcp 5443 5443 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":5443,"ToPort":5443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to the Kuma admission server on 5443"}]}'
      rule_summary='node-in-kuma-5443-from-control-plane: node inbound tcp 5443 control-plane [kuma]' ;;
    *:60) rule_description='Kubernetes API server to the Kuma admission server on 5443'
      rule_key="${CLUSTER_SG_ID}"' False tcp 5443 5443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":5443,"ToPort":5443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to the Kuma admission server on 5443"}]}'
      rule_summary='node-in-kuma-5443-from-control-plane: cluster inbound tcp 5443 self [kuma]' ;;
    1:61) rule_description='Kubernetes API server to metrics-server on 10251 (EKS add-on)'
      rule_key="${NODE_SG_ID}"' False tcp 10251 10251 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10251,"ToPort":10251,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 10251 (EKS add-on)"}]}'
      rule_summary='node-in-metrics-server-10251-from-control-plane: node inbound tcp 10251 control-plane [metrics-server-eks-addon]' ;;
    *:61) rule_description='Kubernetes API server to metrics-server on 10251 (EKS add-on)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 10251 10251 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10251,"ToPort":10251,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 10251 (EKS add-on)"}]}'
      rule_summary='node-in-metrics-server-10251-from-control-plane: cluster inbound tcp 10251 self [metrics-server-eks-addon]' ;;
    1:62) rule_description='Kubernetes API server to metrics-server on 4443 (legacy releases)'
      rule_key="${NODE_SG_ID}"' False tcp 4443 4443 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":4443,"ToPort":4443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 4443 (legacy releases)"}]}'
      rule_summary='node-in-metrics-server-4443-from-control-plane: node inbound tcp 4443 control-plane [metrics-server-legacy]' ;;
    *:62) rule_description='Kubernetes API server to metrics-server on 4443 (legacy releases)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 4443 4443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":4443,"ToPort":4443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 4443 (legacy releases)"}]}'
      rule_summary='node-in-metrics-server-4443-from-control-plane: cluster inbound tcp 4443 self [metrics-server-legacy]' ;;
    1:63) rule_description='NLB clients to the Service NodePort (NLB without a security group)'
      rule_key="${NODE_SG_ID}"' False tcp '"${NLB_LISTENER_PORT}"' '"${NLB_LISTENER_PORT}"' '"${NLB_CLIENT_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_LISTENER_PORT}"',"ToPort":'"${NLB_LISTENER_PORT}"',"IpRanges":[{"CidrIp":"'"${NLB_CLIENT_CIDR}"'","Description":"NLB clients to the Service NodePort (NLB without a security group)"}]}'
      rule_summary='node-in-nlb-clients: node inbound tcp nlb-listener-port nlb-client-cidr [nlb-without-sg]' ;;
    *:63) rule_description='NLB clients to the Service NodePort (NLB without a security group)'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${NLB_LISTENER_PORT}"' '"${NLB_LISTENER_PORT}"' '"${NLB_CLIENT_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_LISTENER_PORT}"',"ToPort":'"${NLB_LISTENER_PORT}"',"IpRanges":[{"CidrIp":"'"${NLB_CLIENT_CIDR}"'","Description":"NLB clients to the Service NodePort (NLB without a security group)"}]}'
      rule_summary='node-in-nlb-clients: cluster inbound tcp nlb-listener-port nlb-client-cidr [nlb-without-sg]' ;;
    1:64) rule_description='NLB health checks'
      rule_key="${NODE_SG_ID}"' False tcp '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks"}]}'
      rule_summary='node-in-nlb-health-check: node inbound tcp nlb-health-check-port nlb [nlb]' ;;
    *:64) rule_description='NLB health checks'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks"}]}'
      rule_summary='node-in-nlb-health-check: cluster inbound tcp nlb-health-check-port nlb [nlb]' ;;
    1:65) rule_description='NLB health checks from the NLB subnets (NLB without a security group)'
      rule_key="${NODE_SG_ID}"' False tcp '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_SUBNET_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_HEALTH_CHECK_PORT}"',"IpRanges":[{"CidrIp":"'"${NLB_SUBNET_CIDR}"'","Description":"NLB health checks from the NLB subnets (NLB without a security group)"}]}'
      rule_summary='node-in-nlb-health-check-vpc: node inbound tcp nlb-health-check-port nlb-subnet-cidr [nlb-without-sg]' ;;
    *:65) rule_description='NLB health checks from the NLB subnets (NLB without a security group)'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_SUBNET_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_HEALTH_CHECK_PORT}"',"IpRanges":[{"CidrIp":"'"${NLB_SUBNET_CIDR}"'","Description":"NLB health checks from the NLB subnets (NLB without a security group)"}]}'
      rule_summary='node-in-nlb-health-check-vpc: cluster inbound tcp nlb-health-check-port nlb-subnet-cidr [nlb-without-sg]' ;;
    1:66) rule_description='NLB health checks to pods (IP targets)'
      rule_key="${NODE_SG_ID}"' False tcp '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks to pods (IP targets)"}]}'
      rule_summary='node-in-nlb-ip-health-check: node inbound tcp nlb-target-health-check-port nlb [nlb-ip-targets]' ;;
    *:66) rule_description='NLB health checks to pods (IP targets)'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks to pods (IP targets)"}]}'
      rule_summary='node-in-nlb-ip-health-check: cluster inbound tcp nlb-target-health-check-port nlb [nlb-ip-targets]' ;;
    1:67) rule_description='NLB health checks from the NLB subnets to pods (NLB without a security group, IP targets)'
      rule_key="${NODE_SG_ID}"' False tcp '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_SUBNET_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"IpRanges":[{"CidrIp":"'"${NLB_SUBNET_CIDR}"'","Description":"NLB health checks from the NLB subnets to pods (NLB without a security group, IP targets)"}]}'
      rule_summary='node-in-nlb-ip-health-check-from-subnets: node inbound tcp nlb-target-health-check-port nlb-subnet-cidr [nlb-without-sg-ip-targets]' ;;
    *:67) rule_description='NLB health checks from the NLB subnets to pods (NLB without a security group, IP targets)'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_SUBNET_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"IpRanges":[{"CidrIp":"'"${NLB_SUBNET_CIDR}"'","Description":"NLB health checks from the NLB subnets to pods (NLB without a security group, IP targets)"}]}'
      rule_summary='node-in-nlb-ip-health-check-from-subnets: cluster inbound tcp nlb-target-health-check-port nlb-subnet-cidr [nlb-without-sg-ip-targets]' ;;
    1:68) rule_description='NLB to pods on their container port (IP targets)'
      rule_key="${NODE_SG_ID}"' False tcp '"${NLB_TARGET_PORT}"' '"${NLB_TARGET_PORT}"' '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_PORT}"',"ToPort":'"${NLB_TARGET_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to pods on their container port (IP targets)"}]}'
      rule_summary='node-in-nlb-ip-target: node inbound tcp nlb-target-port nlb [nlb-ip-targets]' ;;
    *:68) rule_description='NLB to pods on their container port (IP targets)'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${NLB_TARGET_PORT}"' '"${NLB_TARGET_PORT}"' '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_PORT}"',"ToPort":'"${NLB_TARGET_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to pods on their container port (IP targets)"}]}'
      rule_summary='node-in-nlb-ip-target: cluster inbound tcp nlb-target-port nlb [nlb-ip-targets]' ;;
    1:69) rule_description='NLB traffic from the NLB subnets to pods (NLB without a security group, IP targets)'
      rule_key="${NODE_SG_ID}"' False tcp '"${NLB_TARGET_PORT}"' '"${NLB_TARGET_PORT}"' '"${NLB_SUBNET_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_PORT}"',"ToPort":'"${NLB_TARGET_PORT}"',"IpRanges":[{"CidrIp":"'"${NLB_SUBNET_CIDR}"'","Description":"NLB traffic from the NLB subnets to pods (NLB without a security group, IP targets)"}]}'
      rule_summary='node-in-nlb-ip-target-from-subnets: node inbound tcp nlb-target-port nlb-subnet-cidr [nlb-without-sg-ip-targets]' ;;
    *:69) rule_description='NLB traffic from the NLB subnets to pods (NLB without a security group, IP targets)'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${NLB_TARGET_PORT}"' '"${NLB_TARGET_PORT}"' '"${NLB_SUBNET_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_PORT}"',"ToPort":'"${NLB_TARGET_PORT}"',"IpRanges":[{"CidrIp":"'"${NLB_SUBNET_CIDR}"'","Description":"NLB traffic from the NLB subnets to pods (NLB without a security group, IP targets)"}]}'
      rule_summary='node-in-nlb-ip-target-from-subnets: cluster inbound tcp nlb-target-port nlb-subnet-cidr [nlb-without-sg-ip-targets]' ;;
    1:70) rule_description='NLB to the Service NodePort (instance targets)'
      rule_key="${NODE_SG_ID}"' False tcp '"${NLB_LISTENER_PORT}"' '"${NLB_LISTENER_PORT}"' '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_LISTENER_PORT}"',"ToPort":'"${NLB_LISTENER_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to the Service NodePort (instance targets)"}]}'
      rule_summary='node-in-nlb-listener: node inbound tcp nlb-listener-port nlb [nlb]' ;;
    *:70) rule_description='NLB to the Service NodePort (instance targets)'
      rule_key="${CLUSTER_SG_ID}"' False tcp '"${NLB_LISTENER_PORT}"' '"${NLB_LISTENER_PORT}"' '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_LISTENER_PORT}"',"ToPort":'"${NLB_LISTENER_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to the Service NodePort (instance targets)"}]}'
      rule_summary='node-in-nlb-listener: cluster inbound tcp nlb-listener-port nlb [nlb]' ;;
    1:71) rule_description='ALB to every NodePort (instance targets)'
      rule_key="${NODE_SG_ID}"' False tcp 30000 32767 '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":30000,"ToPort":32767,"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to every NodePort (instance targets)"}]}'
      rule_summary='node-in-nodeport-range-from-alb: node inbound tcp 30000-32767 alb [nodeport-range]' ;;
    *:71) rule_description='ALB to every NodePort (instance targets)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 30000 32767 '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":30000,"ToPort":32767,"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to every NodePort (instance targets)"}]}'
      rule_summary='node-in-nodeport-range-from-alb: cluster inbound tcp 30000-32767 alb [nodeport-range]' ;;
    1:72) rule_description='NLB to every NodePort (instance targets)'
      rule_key="${NODE_SG_ID}"' False tcp 30000 32767 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":30000,"ToPort":32767,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to every NodePort (instance targets)"}]}'
      rule_summary='node-in-nodeport-range-from-nlb: node inbound tcp 30000-32767 nlb [nodeport-range]' ;;
    *:72) rule_description='NLB to every NodePort (instance targets)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 30000 32767 '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":30000,"ToPort":32767,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to every NodePort (instance targets)"}]}'
      rule_summary='node-in-nodeport-range-from-nlb: cluster inbound tcp 30000-32767 nlb [nodeport-range]' ;;
    1:73) rule_description='Path MTU discovery: destination unreachable, fragmentation needed and DF set'
      rule_key="${NODE_SG_ID}"' False icmp 3 4 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"icmp","FromPort":3,"ToPort":4,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Path MTU discovery: destination unreachable, fragmentation needed and DF set"}]}'
      rule_summary='node-in-pmtud-icmp-self: node inbound icmp type 3 code 4 self [recommended]' ;;
    *:73) rule_description='Path MTU discovery: destination unreachable, fragmentation needed and DF set'
      rule_key="${CLUSTER_SG_ID}"' False icmp 3 4 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"icmp","FromPort":3,"ToPort":4,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Path MTU discovery: destination unreachable, fragmentation needed and DF set"}]}'
      rule_summary='node-in-pmtud-icmp-self: cluster inbound icmp type 3 code 4 self [recommended]' ;;
    1:74) rule_description='Path MTU discovery for IPv6: packet too big'
      rule_key="${NODE_SG_ID}"' False icmpv6 2 0 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"icmpv6","FromPort":2,"ToPort":0,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Path MTU discovery for IPv6: packet too big"}]}'
      rule_summary='node-in-pmtud-icmpv6-self: node inbound icmpv6 type 2 code 0 self [recommended]' ;;
    *:74) rule_description='Path MTU discovery for IPv6: packet too big'
      rule_key="${CLUSTER_SG_ID}"' False icmpv6 2 0 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"icmpv6","FromPort":2,"ToPort":0,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Path MTU discovery for IPv6: packet too big"}]}'
      rule_summary='node-in-pmtud-icmpv6-self: cluster inbound icmpv6 type 2 code 0 self [recommended]' ;;
    1:75) rule_description='Kubernetes API server to API services on 6443 (prometheus-adapter, KEDA metrics, Sysdig)'
      rule_key="${NODE_SG_ID}"' False tcp 6443 6443 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":6443,"ToPort":6443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to API services on 6443 (prometheus-adapter, KEDA metrics, Sysdig)"}]}'
      rule_summary='node-in-prometheus-adapter-from-control-plane: node inbound tcp 6443 control-plane [prometheus-adapter, keda, sysdig-admission-controller]' ;;
    *:75) rule_description='Kubernetes API server to API services on 6443 (prometheus-adapter, KEDA metrics, Sysdig)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 6443 6443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":6443,"ToPort":6443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to API services on 6443 (prometheus-adapter, KEDA metrics, Sysdig)"}]}'
      rule_summary='node-in-prometheus-adapter-from-control-plane: cluster inbound tcp 6443 self [prometheus-adapter, keda, sysdig-admission-controller]' ;;
    1:76) rule_description='SSH to nodes'
      rule_key="${NODE_SG_ID}"' False tcp 22 22 '"${SSH_SOURCE_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"'"${SSH_SOURCE_CIDR}"'","Description":"SSH to nodes"}]}'
      rule_summary='node-in-ssh: node inbound tcp 22 ssh-source-cidr [ssh]' ;;
    *:76) rule_description='SSH to nodes'
      rule_key="${CLUSTER_SG_ID}"' False tcp 22 22 '"${SSH_SOURCE_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"'"${SSH_SOURCE_CIDR}"'","Description":"SSH to nodes"}]}'
      rule_summary='node-in-ssh: cluster inbound tcp 22 ssh-source-cidr [ssh]' ;;
    1:77) rule_description='Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Linkerd, Sysdig, Karpenter up to v1.0)'
      rule_key="${NODE_SG_ID}"' False tcp 8443 8443 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":8443,"ToPort":8443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Linkerd, Sysdig, Karpenter up to v1.0)"}]}'
      rule_summary='node-in-webhook-8443-from-control-plane: node inbound tcp 8443 control-plane [knative, karpenter, gatekeeper, ingress-nginx, linkerd, sysdig-admission-controller]' ;;
    *:77) rule_description='Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Linkerd, Sysdig, Karpenter up to v1.0)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 8443 8443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":8443,"ToPort":8443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Linkerd, Sysdig, Karpenter up to v1.0)"}]}'
      rule_summary='node-in-webhook-8443-from-control-plane: cluster inbound tcp 8443 self [knative, karpenter, gatekeeper, ingress-nginx, linkerd, sysdig-admission-controller]' ;;
    1:78) rule_description='Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, Kyverno, KEDA, CloudNativePG, Linkerd)'
      rule_key="${NODE_SG_ID}"' False tcp 9443 9443 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":9443,"ToPort":9443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, Kyverno, KEDA, CloudNativePG, Linkerd)"}]}'
      rule_summary='node-in-webhook-9443-from-control-plane: node inbound tcp 9443 control-plane [aws-load-balancer-controller, kyverno, keda, cloudnative-pg, linkerd]' ;;
    *:78) rule_description='Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, Kyverno, KEDA, CloudNativePG, Linkerd)'
      rule_key="${CLUSTER_SG_ID}"' False tcp 9443 9443 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":9443,"ToPort":9443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, Kyverno, KEDA, CloudNativePG, Linkerd)"}]}'
      rule_summary='node-in-webhook-9443-from-control-plane: cluster inbound tcp 9443 self [aws-load-balancer-controller, kyverno, keda, cloudnative-pg, linkerd]' ;;
    1:79) rule_description='All outbound IPv4 traffic'
      rule_key="${NODE_SG_ID}"' True -1 -1 -1 0.0.0.0/0'
      rule_permission='{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}'
      rule_summary='node-out-all-ipv4: node outbound all All 0.0.0.0/0 [default]' ;;
    *:79) rule_description='All outbound IPv4 traffic'
      rule_key="${CLUSTER_SG_ID}"' True -1 -1 -1 0.0.0.0/0'
      rule_permission='{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}'
      rule_summary='node-out-all-ipv4: cluster outbound all All 0.0.0.0/0 [default]' ;;
    1:80) rule_description='All outbound IPv6 traffic'
      rule_key="${NODE_SG_ID}"' True -1 -1 -1 ::/0'
      rule_permission='{"IpProtocol":"-1","Ipv6Ranges":[{"CidrIpv6":"::/0","Description":"All outbound IPv6 traffic"}]}'
      rule_summary='node-out-all-ipv6: node outbound all All ::/0 [ipv6]' ;;
    *:80) rule_description='All outbound IPv6 traffic'
      rule_key="${CLUSTER_SG_ID}"' True -1 -1 -1 ::/0'
      rule_permission='{"IpProtocol":"-1","Ipv6Ranges":[{"CidrIpv6":"::/0","Description":"All outbound IPv6 traffic"}]}'
      rule_summary='node-out-all-ipv6: cluster outbound all All ::/0 [ipv6]' ;;
    1:81) rule_description='All traffic to members of the node security group (EFA)'
      rule_key="${NODE_SG_ID}"' True -1 -1 -1 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"All traffic to members of the node security group (EFA)"}]}'
      rule_summary='node-out-all-self: node outbound all All self [efa]' ;;
    *:81) rule_description='All traffic to members of the node security group (EFA)'
      rule_key="${CLUSTER_SG_ID}"' True -1 -1 -1 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic to members of the node security group (EFA)"}]}'
      rule_summary='node-out-all-self: cluster outbound all All self [efa]' ;;
    1:82) rule_description='Hybrid nodes gateway VXLAN (UDP 8472) to the remote nodes'
      rule_key="${NODE_SG_ID}"' True udp 8472 8472 '"${REMOTE_NODE_CIDR}"
      rule_permission='{"IpProtocol":"udp","FromPort":8472,"ToPort":8472,"IpRanges":[{"CidrIp":"'"${REMOTE_NODE_CIDR}"'","Description":"Hybrid nodes gateway VXLAN (UDP 8472) to the remote nodes"}]}'
      rule_summary='node-out-hybrid-gateway-vxlan: node outbound udp 8472 remote-node-cidr [hybrid-nodes-gateway]' ;;
    *:82) rule_description='Hybrid nodes gateway VXLAN (UDP 8472) to the remote nodes'
      rule_key="${CLUSTER_SG_ID}"' True udp 8472 8472 '"${REMOTE_NODE_CIDR}"
      rule_permission='{"IpProtocol":"udp","FromPort":8472,"ToPort":8472,"IpRanges":[{"CidrIp":"'"${REMOTE_NODE_CIDR}"'","Description":"Hybrid nodes gateway VXLAN (UDP 8472) to the remote nodes"}]}'
      rule_summary='node-out-hybrid-gateway-vxlan: cluster outbound udp 8472 remote-node-cidr [hybrid-nodes-gateway]' ;;
    *:83) rule_description='Clients to the ALB listener (controller default 0.0.0.0/0)'
      rule_key="${ALB_SG_ID}"' False tcp '"${ALB_FRONTEND_PORT}"' '"${ALB_FRONTEND_PORT}"' 0.0.0.0/0'
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_FRONTEND_PORT}"',"ToPort":'"${ALB_FRONTEND_PORT}"',"IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"Clients to the ALB listener (controller default 0.0.0.0/0)"}]}'
      rule_summary='alb-in-clients-ipv4: alb inbound tcp alb-frontend-port 0.0.0.0/0 [lb-frontend]' ;;
    *:84) rule_description='IPv6 clients to a dualstack ALB listener (controller default ::/0)'
      rule_key="${ALB_SG_ID}"' False tcp '"${ALB_FRONTEND_PORT}"' '"${ALB_FRONTEND_PORT}"' '"${CLIENT_CIDR_IPV6}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_FRONTEND_PORT}"',"ToPort":'"${ALB_FRONTEND_PORT}"',"Ipv6Ranges":[{"CidrIpv6":"'"${CLIENT_CIDR_IPV6}"'","Description":"IPv6 clients to a dualstack ALB listener (controller default ::/0)"}]}'
      rule_summary='alb-in-clients-ipv6: alb inbound tcp alb-frontend-port client-cidr-ipv6 [lb-frontend-dualstack]' ;;
    *:85) rule_description='All outbound IPv4 traffic'
      rule_key="${ALB_SG_ID}"' True -1 -1 -1 0.0.0.0/0'
      rule_permission='{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}'
      rule_summary='alb-out-all-ipv4: alb outbound all All 0.0.0.0/0 [default]' ;;
    *:86) rule_description='Clients to the NLB listener (controller default 0.0.0.0/0)'
      rule_key="${NLB_SG_ID}"' False tcp '"${NLB_FRONTEND_PORT}"' '"${NLB_FRONTEND_PORT}"' 0.0.0.0/0'
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_FRONTEND_PORT}"',"ToPort":'"${NLB_FRONTEND_PORT}"',"IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"Clients to the NLB listener (controller default 0.0.0.0/0)"}]}'
      rule_summary='nlb-in-clients-ipv4: nlb inbound tcp nlb-frontend-port 0.0.0.0/0 [lb-frontend]' ;;
    *:87) rule_description='IPv6 clients to a dualstack NLB listener (controller default ::/0)'
      rule_key="${NLB_SG_ID}"' False tcp '"${NLB_FRONTEND_PORT}"' '"${NLB_FRONTEND_PORT}"' '"${CLIENT_CIDR_IPV6}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_FRONTEND_PORT}"',"ToPort":'"${NLB_FRONTEND_PORT}"',"Ipv6Ranges":[{"CidrIpv6":"'"${CLIENT_CIDR_IPV6}"'","Description":"IPv6 clients to a dualstack NLB listener (controller default ::/0)"}]}'
      rule_summary='nlb-in-clients-ipv6: nlb inbound tcp nlb-frontend-port client-cidr-ipv6 [lb-frontend-dualstack]' ;;
    *:88) rule_description='Remote clusters to the east-west gateway NLB on 15008 (HBONE)'
      rule_key="${NLB_SG_ID}"' False tcp 15008 15008 '"${REMOTE_MESH_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote clusters to the east-west gateway NLB on 15008 (HBONE)"}]}'
      rule_summary='nlb-in-eastwest-hbone-from-remote: nlb inbound tcp 15008 remote-mesh-cidr [istio-ambient-multicluster]' ;;
    *:89) rule_description='Remote clusters to the east-west gateway NLB on 15443 (cross-network mTLS)'
      rule_key="${NLB_SG_ID}"' False tcp 15443 15443 '"${REMOTE_MESH_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15443,"ToPort":15443,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote clusters to the east-west gateway NLB on 15443 (cross-network mTLS)"}]}'
      rule_summary='nlb-in-eastwest-mtls-from-remote: nlb inbound tcp 15443 remote-mesh-cidr [istio-multicluster, istio-primary-remote]' ;;
    *:90) rule_description='Remote clusters to the east-west gateway NLB on 15017 (istiod webhook)'
      rule_key="${NLB_SG_ID}"' False tcp 15017 15017 '"${REMOTE_MESH_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote clusters to the east-west gateway NLB on 15017 (istiod webhook)"}]}'
      rule_summary='nlb-in-eastwest-webhook-from-remote: nlb inbound tcp 15017 remote-mesh-cidr [istio-primary-remote]' ;;
    *:91) rule_description='Remote clusters to the east-west gateway NLB on 15012 (istiod XDS and CA)'
      rule_key="${NLB_SG_ID}"' False tcp 15012 15012 '"${REMOTE_MESH_CIDR}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15012,"ToPort":15012,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote clusters to the east-west gateway NLB on 15012 (istiod XDS and CA)"}]}'
      rule_summary='nlb-in-eastwest-xds-from-remote: nlb inbound tcp 15012 remote-mesh-cidr [istio-primary-remote]' ;;
    *:92) rule_description='All outbound IPv4 traffic'
      rule_key="${NLB_SG_ID}"' True -1 -1 -1 0.0.0.0/0'
      rule_permission='{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}'
      rule_summary='nlb-out-all-ipv4: nlb outbound all All 0.0.0.0/0 [default]' ;;
    *:93) rule_description='ALB health checks to pods (IP targets)'
      rule_key="${POD_SG_ID}"' False tcp '"${ALB_TARGET_HEALTH_CHECK_PORT}"' '"${ALB_TARGET_HEALTH_CHECK_PORT}"' '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${ALB_TARGET_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB health checks to pods (IP targets)"}]}'
      rule_summary='pod-in-alb-ip-health-check: pod inbound tcp alb-target-health-check-port alb [alb-ip-targets]' ;;
    *:94) rule_description='ALB to pods on their container port (IP targets)'
      rule_key="${POD_SG_ID}"' False tcp '"${ALB_TARGET_PORT}"' '"${ALB_TARGET_PORT}"' '"${ALB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${ALB_TARGET_PORT}"',"ToPort":'"${ALB_TARGET_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to pods on their container port (IP targets)"}]}'
      rule_summary='pod-in-alb-ip-target: pod inbound tcp alb-target-port alb [alb-ip-targets]' ;;
    *:95) rule_description='All traffic between pods with the pod security group'
      rule_key="${POD_SG_ID}"' False -1 -1 -1 '"${POD_SG_ID}"
      rule_permission='{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"All traffic between pods with the pod security group"}]}'
      rule_summary='pod-in-all-self: pod inbound all All self [sg-for-pods]' ;;
    1:96) rule_description='Istio ambient HBONE from pods on the node security group'
      rule_key="${POD_SG_ID}"' False tcp 15008 15008 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Istio ambient HBONE from pods on the node security group"}]}'
      rule_summary='pod-in-hbone-from-node: pod inbound tcp 15008 node [sg-for-pods-ambient]' ;;
    *:96) rule_description='Istio ambient HBONE from pods on the node security group'
      rule_key="${POD_SG_ID}"' False tcp 15008 15008 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Istio ambient HBONE from pods on the node security group"}]}'
      rule_summary='pod-in-hbone-from-node: pod inbound tcp 15008 cluster [sg-for-pods-ambient]' ;;
    *:97) rule_description='Istio ambient HBONE between pods with the pod security group'
      rule_key="${POD_SG_ID}"' False tcp 15008 15008 '"${POD_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"Istio ambient HBONE between pods with the pod security group"}]}'
      rule_summary='pod-in-hbone-self: pod inbound tcp 15008 self [sg-for-pods-ambient]' ;;
    *:98) rule_description='NLB health checks to pods (IP targets)'
      rule_key="${POD_SG_ID}"' False tcp '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks to pods (IP targets)"}]}'
      rule_summary='pod-in-nlb-ip-health-check: pod inbound tcp nlb-target-health-check-port nlb [nlb-ip-targets]' ;;
    *:99) rule_description='NLB to pods on their container port (IP targets)'
      rule_key="${POD_SG_ID}"' False tcp '"${NLB_TARGET_PORT}"' '"${NLB_TARGET_PORT}"' '"${NLB_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_PORT}"',"ToPort":'"${NLB_TARGET_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to pods on their container port (IP targets)"}]}'
      rule_summary='pod-in-nlb-ip-target: pod inbound tcp nlb-target-port nlb [nlb-ip-targets]' ;;
    1:100) rule_description='Kubelet probes from the node'
      rule_key="${POD_SG_ID}"' False tcp '"${POD_PROBE_PORT}"' '"${POD_PROBE_PORT}"' '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${POD_PROBE_PORT}"',"ToPort":'"${POD_PROBE_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubelet probes from the node"}]}'
      rule_summary='pod-in-probe-from-node: pod inbound tcp pod-probe-port node [sg-for-pods]' ;;
    *:100) rule_description='Kubelet probes from the node'
      rule_key="${POD_SG_ID}"' False tcp '"${POD_PROBE_PORT}"' '"${POD_PROBE_PORT}"' '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${POD_PROBE_PORT}"',"ToPort":'"${POD_PROBE_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubelet probes from the node"}]}'
      rule_summary='pod-in-probe-from-node: pod inbound tcp pod-probe-port cluster [sg-for-pods]' ;;
    *:101) rule_description='All outbound IPv4 traffic'
      rule_key="${POD_SG_ID}"' True -1 -1 -1 0.0.0.0/0'
      rule_permission='{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}'
      rule_summary='pod-out-all-ipv4: pod outbound all All 0.0.0.0/0 [default]' ;;
    *:102) rule_description='CoreDNS over TCP on nodes with the cluster security group'
      rule_key="${POD_SG_ID}"' True tcp 53 53 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over TCP on nodes with the cluster security group"}]}'
      rule_summary='pod-out-dns-tcp-to-cluster: pod outbound tcp 53 cluster [sg-for-pods]' ;;
    1:103) rule_description='CoreDNS over TCP on nodes with the node security group'
      rule_key="${POD_SG_ID}"' True tcp 53 53 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over TCP on nodes with the node security group"}]}'
      rule_summary='pod-out-dns-tcp-to-node: pod outbound tcp 53 node [sg-for-pods]' ;;
    *:103) rule_description='CoreDNS over TCP on nodes with the node security group'
      rule_key="${POD_SG_ID}"' True tcp 53 53 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over TCP on nodes with the node security group"}]}'
      rule_summary='pod-out-dns-tcp-to-node: pod outbound tcp 53 cluster [sg-for-pods]' ;;
    *:104) rule_description='CoreDNS over UDP on nodes with the cluster security group'
      rule_key="${POD_SG_ID}"' True udp 53 53 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over UDP on nodes with the cluster security group"}]}'
      rule_summary='pod-out-dns-udp-to-cluster: pod outbound udp 53 cluster [sg-for-pods]' ;;
    1:105) rule_description='CoreDNS over UDP on nodes with the node security group'
      rule_key="${POD_SG_ID}"' True udp 53 53 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over UDP on nodes with the node security group"}]}'
      rule_summary='pod-out-dns-udp-to-node: pod outbound udp 53 node [sg-for-pods]' ;;
    *:105) rule_description='CoreDNS over UDP on nodes with the node security group'
      rule_key="${POD_SG_ID}"' True udp 53 53 '"${CLUSTER_SG_ID}"
      rule_permission='{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over UDP on nodes with the node security group"}]}'
      rule_summary='pod-out-dns-udp-to-node: pod outbound udp 53 cluster [sg-for-pods]' ;;
    *) : ;;
  esac
}
nothing='No rule of these groups is needed with these categories: nothing to do.'

while [ $# -gt 0 ]; do  # every argument, before anything else: --help and --list need no variables
  case $action:$1 in
    *:-h | *:--help) usage; exit 0 ;;
    *:--list) list=1 ;;
    *:--with=*) with_given=1; add_with "${1#--with=}" ;;
    *:--with)
      if [ $# -lt 2 ]; then usage_error "--with needs category ids, e.g. --with istio,nlb"; fi
      with_given=1
      shift
      add_with "$1" ;;
    *:--group=*) group_given=1; add_group "${1#--group=}" ;;
    *:--group)
      if [ $# -lt 2 ]; then usage_error "--group needs roles, e.g. --group node,control-plane"; fi
      group_given=1
      shift
      add_group "$1" ;;
    *:--dry-run) dry_run=1 ;;
    authorize:--update-descriptions) update=1 ;;
    revoke:-y | revoke:--yes) confirmed=1 ;;
    *) printf "error: unknown argument '%s' (try --help)\n" "$1" >&2; exit 2 ;;
  esac
  shift
done
if [ "$list" = 1 ]; then list_categories; exit 0; fi
if [ "$with_given" = 0 ]; then add_with "$default_with"; fi
if [ "$group_given" = 0 ]; then add_group "$default_group"; fi

if [ "$action" = authorize ]; then
  did=added skipped=present harmless=InvalidPermission.Duplicate
else
  did=removed skipped=absent harmless=InvalidPermission.NotFound
fi
if [ "$dry_run" = 1 ]; then did="to $action"; fi

bad_variable() {  # bad_variable NAME VALUE WHAT
  printf "error: %s must be %s (it is '%s')\n" "$1" "$3" "$2" >&2
  invalid=1
}
check_sg() {  # check_sg NAME VALUE: sg- and 8 or 17 lowercase hex digits
  hex=${2#sg-}
  case $2:${#hex} in
    sg-*:8 | sg-*:17) case $hex in *[!0123456789abcdef]*) ;; *) return 0 ;; esac ;;
  esac
  bad_variable "$1" "$2" "a security group ID such as sg-0123456789abcdef0"
}
check_port() {  # check_port NAME VALUE: a port from 1 to 65535, no sign or leading zero
  case $2 in
    '' | 0* | *[!0123456789]*) ;;
    *) if [ "${#2}" -le 5 ] && [ "$2" -le 65535 ]; then return 0; fi ;;
  esac
  bad_variable "$1" "$2" "a port from 1 to 65535"
}
check_ipv4_cidr() {  # check_ipv4_cidr NAME VALUE: a.b.c.d/n, octets 0-255, prefix 0-32
  case $2 in
    */*/* | *[!0123456789./]*) ;;
    */*)
      if octets_ok "${2%/*}" && number_ok "${2#*/}" 32; then return 0; fi ;;
  esac
  bad_variable "$1" "$2" "an IPv4 CIDR such as 10.0.0.0/16"
}
octets_ok() {  # octets_ok a.b.c.d: four numbers from 0 to 255
  rest=$1.
  for _ in 1 2 3 4; do
    number_ok "${rest%%.*}" 255 || return 1
    rest=${rest#*.}
  done
  [ -z "$rest" ]
}
number_ok() {  # number_ok TEXT MAX: a decimal number from 0 to MAX, no sign or leading zero
  case $1 in '' | 0?* | *[!0123456789]*) return 1 ;; esac
  [ "${#1}" -le 3 ] && [ "$1" -le "$2" ]
}
check_ipv6_cidr() {  # check_ipv6_cidr NAME VALUE: lower-case hex groups and colons, /0 to /128
  case $2 in
    */*/* | *[!0123456789abcdef:/]*) ;;
    *:*/*) if number_ok "${2#*/}" 128; then return 0; fi ;;
  esac
  bad_variable "$1" "$2" "an IPv6 CIDR in lower case such as 2001:db8::/32"
}
check_prefix_list() {  # check_prefix_list NAME VALUE: pl- and 8 or 17 lowercase hex digits
  hex=${2#pl-}
  case $2:${#hex} in
    pl-*:8 | pl-*:17) case $hex in *[!0123456789abcdef]*) ;; *) return 0 ;; esac ;;
  esac
  bad_variable "$1" "$2" "a prefix-list ID such as pl-0123456789abcdef0"
}
fail() {  # fail MESSAGE: AWS refused, or a group is not there (exit 1)
  printf 'error: %s\n' "$1" >&2
  exit 1
}
report() {  # report WORD ID [NOTE]: one line per rule, e.g. "  added    node-in-all-self"
  printf '  %-8s %s%s\n' "$1" "$2" "${3:-}"
}
section() {  # section TITLE ROLE GROUP_ID WHAT: the heading of one call
  printf '%s (%s, %s): %s\n' "$1" "$2" "$3" "$4"
}
sh_quote() {  # sh_quote TEXT: TEXT as one single-quoted shell word, to show a command
  printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}
aws_ec2() {  # aws_ec2 VERB GROUP_ID PERMISSIONS_JSON: prints AWS's error text on failure
  { aws ec2 "$1" --group-id "$2" --ip-permissions "$3" >/dev/null; } 2>&1
}

# describe-security-groups as tagged rows: "G id", "P egress protocol from to", "R peer
# description" (describe-security-group-rules would do, but moto drops the description of
# group-referenced rules there). awk makes them "G id" and "KEY<tab>DESCRIPTION" lines.
rules_query="SecurityGroups[].[['G',GroupId],\
IpPermissions[].[['P','False',IpProtocol,FromPort,ToPort],\
UserIdGroupPairs[].['R',GroupId,Description],IpRanges[].['R',CidrIp,Description],\
Ipv6Ranges[].['R',CidrIpv6,Description],PrefixListIds[].['R',PrefixListId,Description]],\
IpPermissionsEgress[].[['P','True',IpProtocol,FromPort,ToPort],\
UserIdGroupPairs[].['R',GroupId,Description],IpRanges[].['R',CidrIp,Description],\
Ipv6Ranges[].['R',CidrIpv6,Description],PrefixListIds[].['R',PrefixListId,Description]]]"
rules_awk='
$1 == "G" { group = $2; print "G " group }
$1 == "P" { egress = $2; protocol = $3; low = $4; high = $5 }
$1 == "P" && protocol == "-1" { low = -1; high = -1 }
$1 == "R" { print group " " egress " " protocol " " low " " high " " $2 "\t" $3 }'
read_existing() {  # read_existing GROUP_ID...: every rule of the groups, in one call
  if ! listing=$(aws ec2 describe-security-groups --output text --group-ids "$@" \
    --query "$rules_query" 2>&1); then
    fail "could not list the rules of security group $* in $region: $listing"
  fi
  existing=$nl$(printf '%s\n' "$listing" | awk -F "$tab" "$rules_awk")$nl
  for group do
    case $existing in
      *"${nl}G $group$nl"*) ;;
      *) fail "security group $group is not in $region (the listing did not return it)" ;;
    esac
  done
}
classify() {  # classify KEY DESCRIPTION: $rule_state absent|present|differs, $rule_kind change|fix|none
  case $existing in
    *"$nl$1$tab$2$nl"*) rule_state=present ;;
    *"$nl$1$tab"*) rule_state=differs ;;
    *) rule_state=absent ;;
  esac
  case $action:$rule_state:$update in
    authorize:absent:* | revoke:present:* | revoke:differs:*) rule_kind=change ;;
    authorize:differs:1) rule_kind=fix ;;
    *) rule_kind=none ;;
  esac
}
sort_rules() {  # sort_rules ID KEY DESCRIPTION PERMISSION ...: report what needs no call, and
  # gather the rest as comma-joined JSON: $batch to add or remove, $fixes to set descriptions
  batch='' fixes=''
  while [ $# -gt 0 ]; do
    classify "$2" "$3"
    case $rule_kind:$rule_state in
      change:*) batch=$batch${batch:+,}$4 ;;
      fix:*) fixes=$fixes${fixes:+,}$4 ;;
      none:differs) report present "$1" ", description differs (--update-descriptions sets it)" ;;
      none:*) report "$skipped" "$1" ;;
    esac
    shift 4
  done
}
report_kind() {  # report_kind KIND WORD ID KEY DESCRIPTION PERMISSION ...: the rules of one call
  kind=$1 word=$2
  shift 2
  while [ $# -gt 0 ]; do
    classify "$2" "$3"
    if [ "$rule_kind" = "$kind" ]; then report "$word" "$1"; fi
    shift 4
  done
}
one_by_one() {  # one_by_one VERB ID KEY DESCRIPTION PERMISSION ...: the batch, one call per rule
  verb=$1
  shift
  while [ $# -gt 0 ]; do
    classify "$2" "$3"
    if [ "$rule_kind" != change ]; then
      :
    elif out=$(aws_ec2 "$verb" "$group" "[$4]"); then
      report "$did" "$1"
    else
      case $out in *"$harmless"*) report "$skipped" "$1" ;; *) fail "$1: $out" ;; esac
    fi
    shift 4
  done
}
send() {  # send KIND VERB ITEMS WORD ID KEY DESCRIPTION PERMISSION ...: one call for a batch
  kind=$1 verb=$2 items=$3 word=$4
  shift 4
  if [ "$dry_run" = 1 ]; then
    printf '  would run: aws ec2 %s --group-id %s --ip-permissions %s\n' \
      "$verb" "$group" "$(sh_quote "[$items]")"
    report_kind "$kind" "$word" "$@"
  elif out=$(aws_ec2 "$verb" "$group" "[$items]"); then
    report_kind "$kind" "$word" "$@"
  else
    # EC2 refuses the whole batch if one rule is already there (or, for a revoke, already
    # gone): then go one by one, and such a rule is only reported.
    case $kind:$out in change:*"$harmless"*) ;; *) fail "$out" ;; esac
    one_by_one "$verb" "$@"
  fi
}
change() {  # change ingress|egress GROUP_ID ID KEY DESCRIPTION PERMISSION [ID KEY DESCRIPTION PERMISSION ...]
  direction=$1 group=$2
  shift 2
  sort_rules "$@"
  if [ -n "$batch" ]; then
    send change "$action-security-group-$direction" "$batch" "$did" "$@"
  fi
  if [ -n "$fixes" ]; then
    if [ "$dry_run" = 1 ]; then word="to fix"; else word=updated; fi
    send fix "update-security-group-rule-descriptions-$direction" "$fixes" "$word" "$@"
  fi
}

# The selection: gen/select.py's steps, on the data above.
# Categories that exclude each other cannot be chosen together (the first in data order names
# the other, as `eks-sg rules` does).
for category in $categories; do
  if ! in_list "$category" "$chosen"; then continue; fi
  excludes_of "$category"
  for other in $excludes; do
    if in_list "$other" "$chosen"; then
      usage_error "categories $category and $other exclude each other"
    fi
  done
done
# In force: the baseline and the chosen categories. A group with only_with exists only when one
# of those categories is in force. The chosen categories that move roles onto another group
# pick the rules' sharing variant.
in_force='' present='' sharers=''
for category in $categories; do
  if in_list "$category" "$baseline $chosen"; then in_force="$in_force $category"; fi
done
for role in $roles; do
  only_with_of "$role"
  if [ -z "$only_with" ] || any_in "$only_with" "$in_force"; then present="$present $role"; fi
done
for category in $sharing_categories; do
  if in_list "$category" "$chosen"; then sharers="$sharers $category"; fi
done
variant_of "$sharers"
# Selected: a rule of a category in force whose groups exist. Covered: a selected rule that
# another selected rule allows (one of its coverers); the others are emitted.
selected='' emitted='' had=''
n=1
while [ "$n" -le "$rule_count" ]; do
  rule_info "$n"
  if any_in "$rule_categories" "$in_force" && all_in "$rule_roles" "$present" \
    && ! any_in "$rule_removed_by" "$in_force"; then
    selected="$selected $n"
  fi
  n=$((n + 1))
done
for n in $selected; do
  rule_info "$n"
  if [ -n "$rule_present" ]; then
    had="$had $n"  # the group has it from its creation
  elif ! any_in "$rule_coverers" "$selected"; then
    emitted="$emitted $n"
  fi
done
# The rules of the chosen groups (every group's without --group), in output order (by group,
# inbound first), as `eks-sg rules --group` shows them: $applied to change, $covered
# as "N:BY" (BY: the first selected coverer that is emitted or the group has, else the first
# selected one; 0: the group has N itself), the variables and groups they use.
order_of
applied='' covered='' needs='' on_roles=''
for n in $order; do
  if ! in_list "$n" "$selected"; then continue; fi
  rule_info "$n"
  home=${rule_roles%% *}  # the rule's own role; $rule_on: the role whose group carries it
  if [ -n "$groups" ] && ! in_list "$home" "$groups" && ! in_list "$rule_on" "$groups"; then
    continue
  fi
  if in_list "$n" "$had"; then covered="$covered $n:0"; continue; fi
  if ! in_list "$n" "$emitted"; then
    first='' by=''
    for c in $rule_coverers; do
      if ! in_list "$c" "$selected"; then continue; fi
      if [ -z "$first" ]; then first=$c; fi
      if in_list "$c" "$emitted $had"; then by=$c; break; fi
    done
    covered="$covered $n:${by:-$first}"
    continue
  fi
  applied="$applied $n"
  for name in $rule_variables; do
    if ! in_list "$name" "$needs"; then needs="$needs $name"; fi
  done
  if ! in_list "$rule_on" "$on_roles"; then on_roles="$on_roles $rule_on"; fi
done

for name in $variables; do  # only the variables the applied rules use, in data order
  if in_list "$name" "$needs"; then check_variable "$name"; fi
done
if [ "$invalid" = 1 ]; then
  echo "Set the variables above, then run this again. Nothing was changed." >&2
  exit 2
fi
if [ "$dry_run" = 1 ]; then
  echo "Dry run: lists the groups' rules (a read-only call) and changes nothing."
fi
printf 'Categories:%s\n' "$in_force"
if [ -n "$groups" ]; then printf 'Groups:%s\n' "$groups"; fi
for pair in $covered; do  # rules the groups already allow: nothing to do for them
  if [ "${pair#*:}" = 0 ]; then
    rule_info "${pair%%:*}"
    report covered "$rule_id" " ($rule_present)"
    continue
  fi
  rule_info "${pair#*:}"
  by=$rule_id
  rule_info "${pair%%:*}"
  report covered "$rule_id" " (already allowed by $by)"
done
if [ -z "$applied" ]; then
  printf '%s\n' "$nothing"
  exit 0
fi

count() {  # count 'WORDS' NOUN: "1 NOUN" or "N NOUNs"
  set -- "$1" "$2" 0
  for _ in $1; do set -- "$1" "$2" $(($3 + 1)); done
  if [ "$3" = 1 ]; then echo "1 $2"; else echo "$3 $2s"; fi
}
if [ "$action" = revoke ]; then
  printf 'This removes %s. %s\n' "$(count "$applied" rule)" \
    "Without the default and minimum ones, the cluster stops working:"
  for n in $applied; do
    rule_args "$n"
    printf '  %s\n' "$rule_summary"
  done
  if [ "$dry_run" = 0 ] && [ "$confirmed" = 0 ]; then
    printf 'Type yes to remove these rules: ' >&2
    answer=''
    read -r answer || true
    if [ "$answer" != yes ]; then
      echo "Nothing was removed." >&2
      exit 1
    fi
  fi
fi

describe_groups() {  # one describe call for the groups of the applied rules
  set --
  for role in $on_roles; do
    group_of "$role"
    set -- "$@" "$group_id"
  done
  read_existing "$@"
}
run_section() {  # run_section ID KEY DESCRIPTION PERMISSION ...: one call, $section_on's group
  group_of "$section_on"
  if [ "$section_direction" = inbound ]; then api=ingress; else api=egress; fi
  what=$(count "$section_numbers" "$section_direction rule")
  section "$group_title" "$section_on" "$group_id" "$what"
  change "$api" "$group_id" "$@"
}
run_sections() {  # the applied rules, one call per group and direction
  set --
  section_on='' section_direction='' section_numbers=''
  for n in $applied; do
    rule_info "$n"
    if [ "$rule_on:$rule_direction" != "$section_on:$section_direction" ]; then
      if [ $# -gt 0 ]; then run_section "$@"; fi
      set --
      section_on=$rule_on section_direction=$rule_direction section_numbers=''
    fi
    rule_args "$n"
    section_numbers="$section_numbers $n"
    set -- "$@" "$rule_id" "$rule_key" "$rule_description" "$rule_permission"
  done
  run_section "$@"
}
describe_groups
run_sections

if [ "$dry_run" = 1 ]; then echo "Done (dry run: nothing was changed)."; else echo "Done."; fi
