#!/bin/sh
# shellcheck disable=SC2016  # text in single quotes is meant literally, $ and ` too
# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)
# Removes every rule of eks-sg-reference.
#
# Usage: sh revoke-all.sh [--dry-run] [--yes]  (lists the rules, asks unless --yes, removes them)
#   --dry-run              list the groups' rules (one read-only describe call),
#                          print the calls that would change them, change nothing
#   -y, --yes              remove without asking
#   -h, --help             print this and exit
#
# It lists the groups' rules in one describe-security-groups call, then makes one
# call per group and direction; a rule already there (or gone) is only reported.
#
# Set these variables first:
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
#   S3_PREFIX_LIST_ID        S3 prefix list (e.g. pl-63a5400a)
#   REMOTE_NODE_CIDR         Hybrid remote node CIDR (e.g. 192.168.100.0/24)
#   REMOTE_POD_CIDR          Hybrid remote pod CIDR (e.g. 192.168.64.0/20)
#   REMOTE_MESH_CIDR         Remote mesh network CIDR (e.g. 10.1.0.0/16)
#   SSH_SOURCE_CIDR          SSH source CIDR (e.g. 198.51.100.0/24)
# The AWS CLI takes account, region and endpoint from its usual settings
# (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).
# Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell.
action=revoke
usage() {
  printf '%s\n' \
    'Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.' \
    'eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)' \
    'Removes every rule of eks-sg-reference.' \
    '' \
    'Usage: sh revoke-all.sh [--dry-run] [--yes]  (lists the rules, asks unless --yes, removes them)' \
    '  --dry-run              list the groups'\'' rules (one read-only describe call),' \
    '                         print the calls that would change them, change nothing' \
    '  -y, --yes              remove without asking' \
    '  -h, --help             print this and exit' \
    '' \
    'It lists the groups'\'' rules in one describe-security-groups call, then makes one' \
    'call per group and direction; a rule already there (or gone) is only reported.' \
    '' \
    'Set these variables first:' \
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
    '  S3_PREFIX_LIST_ID        S3 prefix list (e.g. pl-63a5400a)' \
    '  REMOTE_NODE_CIDR         Hybrid remote node CIDR (e.g. 192.168.100.0/24)' \
    '  REMOTE_POD_CIDR          Hybrid remote pod CIDR (e.g. 192.168.64.0/20)' \
    '  REMOTE_MESH_CIDR         Remote mesh network CIDR (e.g. 10.1.0.0/16)' \
    '  SSH_SOURCE_CIDR          SSH source CIDR (e.g. 198.51.100.0/24)' \
    'The AWS CLI takes account, region and endpoint from its usual settings' \
    '(AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).' \
    'Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell.'
}
check_variables() {
  check_sg CLUSTER_SG_ID "${CLUSTER_SG_ID:-}"
  check_sg CONTROL_PLANE_SG_ID "${CONTROL_PLANE_SG_ID:-}"
  check_sg NODE_SG_ID "${NODE_SG_ID:-}"
  check_sg ALB_SG_ID "${ALB_SG_ID:-}"
  check_sg NLB_SG_ID "${NLB_SG_ID:-}"
  check_sg POD_SG_ID "${POD_SG_ID:-}"
  check_port ALB_LISTENER_PORT "${ALB_LISTENER_PORT:-}"
  check_port ALB_HEALTH_CHECK_PORT "${ALB_HEALTH_CHECK_PORT:-}"
  check_port NLB_LISTENER_PORT "${NLB_LISTENER_PORT:-}"
  check_port NLB_HEALTH_CHECK_PORT "${NLB_HEALTH_CHECK_PORT:-}"
  check_port POD_PROBE_PORT "${POD_PROBE_PORT:-}"
  check_port ALB_TARGET_PORT "${ALB_TARGET_PORT:-}"
  check_port ALB_TARGET_HEALTH_CHECK_PORT "${ALB_TARGET_HEALTH_CHECK_PORT:-}"
  check_port NLB_TARGET_PORT "${NLB_TARGET_PORT:-}"
  check_port NLB_TARGET_HEALTH_CHECK_PORT "${NLB_TARGET_HEALTH_CHECK_PORT:-}"
  check_port HYBRID_WEBHOOK_PORT "${HYBRID_WEBHOOK_PORT:-}"
  check_ipv4_cidr NLB_CLIENT_CIDR "${NLB_CLIENT_CIDR:-}"
  check_ipv4_cidr VPC_CIDR "${VPC_CIDR:-}"
  check_prefix_list S3_PREFIX_LIST_ID "${S3_PREFIX_LIST_ID:-}"
  check_ipv4_cidr REMOTE_NODE_CIDR "${REMOTE_NODE_CIDR:-}"
  check_ipv4_cidr REMOTE_POD_CIDR "${REMOTE_POD_CIDR:-}"
  check_ipv4_cidr REMOTE_MESH_CIDR "${REMOTE_MESH_CIDR:-}"
  check_ipv4_cidr SSH_SOURCE_CIDR "${SSH_SOURCE_CIDR:-}"
}
listing() {
  printf '%s\n' 'This removes 84 rules. Without the default and minimum ones, the cluster stops working:'
  printf '  %s\n' \
    'cluster-in-all-from-node: cluster inbound all All node [mixed-nodes]' \
    'cluster-in-all-self: cluster inbound all All self [default]' \
    'cluster-in-dns-tcp-from-pod: cluster inbound tcp 53 pod [sg-for-pods]' \
    'cluster-in-dns-udp-from-pod: cluster inbound udp 53 pod [sg-for-pods]' \
    'cluster-out-all-ipv4: cluster outbound all All 0.0.0.0/0 [default]' \
    'cluster-out-all-ipv6: cluster outbound all All ::/0 [ipv6]' \
    'cluster-out-all-self: cluster outbound all All self [default, efa]' \
    'cluster-out-restricted-dns-tcp: cluster outbound tcp 53 self [restricted-egress]' \
    'cluster-out-restricted-dns-udp: cluster outbound udp 53 self [restricted-egress]' \
    'cluster-out-restricted-https: cluster outbound tcp 443 self [restricted-egress]' \
    'cluster-out-restricted-kubelet: cluster outbound tcp 10250 self [restricted-egress]' \
    'cluster-out-restricted-s3: cluster outbound tcp 443 s3-prefix-list [restricted-egress]' \
    'cluster-out-restricted-vpc-endpoints: cluster outbound tcp 443 vpc-cidr [restricted-egress]' \
    'control-plane-in-https-from-node: control-plane inbound tcp 443 node [minimum]' \
    'control-plane-in-https-from-remote-mesh: control-plane inbound tcp 443 remote-mesh-cidr [istio-multicluster]' \
    'control-plane-in-https-from-remote-nodes: control-plane inbound tcp 443 remote-node-cidr [hybrid-nodes]' \
    'control-plane-in-https-from-remote-pods: control-plane inbound tcp 443 remote-pod-cidr [hybrid-nodes]' \
    'control-plane-out-ephemeral-to-node: control-plane outbound tcp 1025-65535 node [eksctl-broad]' \
    'control-plane-out-https-to-node: control-plane outbound tcp 443 node [istio, eksctl-broad]' \
    'control-plane-out-istio-webhook-to-node: control-plane outbound tcp 15017 node [istio]' \
    'control-plane-out-kubelet-to-node: control-plane outbound tcp 10250 node [minimum, metrics-server]' \
    'control-plane-out-kubelet-to-remote-nodes: control-plane outbound tcp 10250 remote-node-cidr [hybrid-nodes]' \
    'control-plane-out-metrics-server-10251-to-node: control-plane outbound tcp 10251 node [metrics-server]' \
    'control-plane-out-metrics-server-4443-to-node: control-plane outbound tcp 4443 node [metrics-server-legacy]' \
    'control-plane-out-prometheus-adapter-to-node: control-plane outbound tcp 6443 node [prometheus-adapter]' \
    'control-plane-out-webhook-8443-to-node: control-plane outbound tcp 8443 node [knative, karpenter-legacy, gatekeeper, ingress-nginx]' \
    'control-plane-out-webhook-9443-to-node: control-plane outbound tcp 9443 node [aws-load-balancer-controller]' \
    'control-plane-out-webhook-to-remote-pods: control-plane outbound tcp hybrid-webhook-port remote-pod-cidr [hybrid-nodes]' \
    'node-in-alb-health-check: node inbound tcp alb-health-check-port alb [alb]' \
    'node-in-alb-ip-health-check: node inbound tcp alb-target-health-check-port alb [alb-ip-targets]' \
    'node-in-alb-ip-target: node inbound tcp alb-target-port alb [alb-ip-targets]' \
    'node-in-alb-listener: node inbound tcp alb-listener-port alb [alb]' \
    'node-in-all-from-cluster: node inbound all All cluster [mixed-nodes]' \
    'node-in-all-self: node inbound all All self [minimum]' \
    'node-in-dns-tcp-from-pod: node inbound tcp 53 pod [sg-for-pods]' \
    'node-in-dns-tcp-self: node inbound tcp 53 self [coredns]' \
    'node-in-dns-udp-from-pod: node inbound udp 53 pod [sg-for-pods]' \
    'node-in-dns-udp-self: node inbound udp 53 self [coredns]' \
    'node-in-eastwest-hbone-from-remote: node inbound tcp 15008 remote-mesh-cidr [istio-multicluster]' \
    'node-in-eastwest-mtls-from-remote: node inbound tcp 15443 remote-mesh-cidr [istio-multicluster]' \
    'node-in-eastwest-status-from-remote: node inbound tcp 15021 remote-mesh-cidr [istio-multicluster]' \
    'node-in-eastwest-webhook-from-remote: node inbound tcp 15017 remote-mesh-cidr [istio-multicluster]' \
    'node-in-eastwest-xds-from-remote: node inbound tcp 15012 remote-mesh-cidr [istio-multicluster]' \
    'node-in-ephemeral-from-control-plane: node inbound tcp 1025-65535 control-plane [eksctl-broad]' \
    'node-in-ephemeral-self: node inbound tcp 1025-65535 self [recommended]' \
    'node-in-hbone-self: node inbound tcp 15008 self [istio-ambient]' \
    'node-in-https-from-control-plane: node inbound tcp 443 control-plane [istio, eksctl-broad]' \
    'node-in-istio-gateway-http-from-nlb: node inbound tcp 80 nlb [istio-gateway]' \
    'node-in-istio-gateway-https-from-nlb: node inbound tcp 443 nlb [istio-gateway]' \
    'node-in-istio-gateway-status-from-nlb: node inbound tcp 15021 nlb [istio-gateway]' \
    'node-in-istio-webhook-from-control-plane: node inbound tcp 15017 control-plane [istio]' \
    'node-in-kubelet-from-control-plane: node inbound tcp 10250 control-plane [minimum, metrics-server]' \
    'node-in-metrics-server-10251-from-control-plane: node inbound tcp 10251 control-plane [metrics-server]' \
    'node-in-metrics-server-4443-from-control-plane: node inbound tcp 4443 control-plane [metrics-server-legacy]' \
    'node-in-nlb-clients: node inbound tcp nlb-listener-port nlb-client-cidr [nlb-without-sg]' \
    'node-in-nlb-health-check: node inbound tcp nlb-health-check-port nlb [nlb]' \
    'node-in-nlb-health-check-vpc: node inbound tcp nlb-health-check-port vpc-cidr [nlb-without-sg]' \
    'node-in-nlb-ip-health-check: node inbound tcp nlb-target-health-check-port nlb [nlb-ip-targets]' \
    'node-in-nlb-ip-target: node inbound tcp nlb-target-port nlb [nlb-ip-targets]' \
    'node-in-nlb-listener: node inbound tcp nlb-listener-port nlb [nlb]' \
    'node-in-nodeport-range-from-alb: node inbound tcp 30000-32767 alb [nodeport-range]' \
    'node-in-nodeport-range-from-nlb: node inbound tcp 30000-32767 nlb [nodeport-range]' \
    'node-in-pmtud-icmp-self: node inbound icmp type 3 code 4 self [recommended]' \
    'node-in-pmtud-icmpv6-self: node inbound icmpv6 type 2 code 0 self [ipv6]' \
    'node-in-prometheus-adapter-from-control-plane: node inbound tcp 6443 control-plane [prometheus-adapter]' \
    'node-in-ssh: node inbound tcp 22 ssh-source-cidr [ssh]' \
    'node-in-webhook-8443-from-control-plane: node inbound tcp 8443 control-plane [knative, karpenter-legacy, gatekeeper, ingress-nginx]' \
    'node-in-webhook-9443-from-control-plane: node inbound tcp 9443 control-plane [aws-load-balancer-controller]' \
    'node-out-all-ipv4: node outbound all All 0.0.0.0/0 [default]' \
    'node-out-all-ipv6: node outbound all All ::/0 [ipv6]' \
    'node-out-all-self: node outbound all All self [efa]' \
    'alb-out-all-ipv4: alb outbound all All 0.0.0.0/0 [default]' \
    'nlb-out-all-ipv4: nlb outbound all All 0.0.0.0/0 [default]' \
    'pod-in-alb-ip-health-check: pod inbound tcp alb-target-health-check-port alb [alb-ip-targets]' \
    'pod-in-alb-ip-target: pod inbound tcp alb-target-port alb [alb-ip-targets]' \
    'pod-in-all-self: pod inbound all All self [sg-for-pods]' \
    'pod-in-nlb-ip-health-check: pod inbound tcp nlb-target-health-check-port nlb [nlb-ip-targets]' \
    'pod-in-nlb-ip-target: pod inbound tcp nlb-target-port nlb [nlb-ip-targets]' \
    'pod-in-probe-from-node: pod inbound tcp pod-probe-port node [sg-for-pods]' \
    'pod-out-all-ipv4: pod outbound all All 0.0.0.0/0 [default]' \
    'pod-out-dns-tcp-to-cluster: pod outbound tcp 53 cluster [sg-for-pods]' \
    'pod-out-dns-tcp-to-node: pod outbound tcp 53 node [sg-for-pods]' \
    'pod-out-dns-udp-to-cluster: pod outbound udp 53 cluster [sg-for-pods]' \
    'pod-out-dns-udp-to-node: pod outbound udp 53 node [sg-for-pods]'
}
# POSIX sh from here on (dash, bash 3.2 and later, busybox sh): no arrays, no bash tests, no local.
set -eu
tab=$(printf '\t')
nl='
'
default_region="the CLI's default region"
region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$default_region}}
dry_run=0 update=0 confirmed=0 invalid=0 existing=''

for arg do  # every argument, before anything else: --help needs no variables
  case $action:$arg in
    *:-h | *:--help) usage; exit 0 ;;
    *:--dry-run) dry_run=1 ;;
    authorize:--update-descriptions) update=1 ;;
    revoke:-y | revoke:--yes) confirmed=1 ;;
    *) printf "error: unknown argument '%s' (try --help)\n" "$arg" >&2; exit 2 ;;
  esac
done

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

check_variables
if [ "$invalid" = 1 ]; then
  echo "Set the variables above, then run this again. Nothing was changed." >&2
  exit 2
fi
if [ "$dry_run" = 1 ]; then
  echo "Dry run: lists the groups' rules (a read-only call) and changes nothing."
fi
if [ "$action" = revoke ]; then
  listing
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

read_existing "${CLUSTER_SG_ID}" "${CONTROL_PLANE_SG_ID}" "${NODE_SG_ID}" "${ALB_SG_ID}" "${NLB_SG_ID}" "${POD_SG_ID}"

section 'EKS cluster security group' cluster "${CLUSTER_SG_ID}" '4 inbound rules'
change ingress "${CLUSTER_SG_ID}" \
  cluster-in-all-from-node "${CLUSTER_SG_ID}"' False -1 -1 -1 '"${NODE_SG_ID}" 'All traffic from nodes with their own security group' '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"All traffic from nodes with their own security group"}]}' \
  cluster-in-all-self "${CLUSTER_SG_ID}"' False -1 -1 -1 '"${CLUSTER_SG_ID}" 'All traffic between members of the cluster security group' '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic between members of the cluster security group"}]}' \
  cluster-in-dns-tcp-from-pod "${CLUSTER_SG_ID}"' False tcp 53 53 '"${POD_SG_ID}" 'CoreDNS over TCP from pods with the pod security group' '{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"CoreDNS over TCP from pods with the pod security group"}]}' \
  cluster-in-dns-udp-from-pod "${CLUSTER_SG_ID}"' False udp 53 53 '"${POD_SG_ID}" 'CoreDNS over UDP from pods with the pod security group' '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"CoreDNS over UDP from pods with the pod security group"}]}'

section 'EKS cluster security group' cluster "${CLUSTER_SG_ID}" '9 outbound rules'
change egress "${CLUSTER_SG_ID}" \
  cluster-out-all-ipv4 "${CLUSTER_SG_ID}"' True -1 -1 -1 0.0.0.0/0' 'All outbound IPv4 traffic' '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}' \
  cluster-out-all-ipv6 "${CLUSTER_SG_ID}"' True -1 -1 -1 ::/0' 'All outbound IPv6 traffic' '{"IpProtocol":"-1","Ipv6Ranges":[{"CidrIpv6":"::/0","Description":"All outbound IPv6 traffic"}]}' \
  cluster-out-all-self "${CLUSTER_SG_ID}"' True -1 -1 -1 '"${CLUSTER_SG_ID}" 'All traffic to members of the cluster security group' '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic to members of the cluster security group"}]}' \
  cluster-out-restricted-dns-tcp "${CLUSTER_SG_ID}"' True tcp 53 53 '"${CLUSTER_SG_ID}" 'CoreDNS over TCP (restricted egress)' '{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over TCP (restricted egress)"}]}' \
  cluster-out-restricted-dns-udp "${CLUSTER_SG_ID}"' True udp 53 53 '"${CLUSTER_SG_ID}" 'CoreDNS over UDP (restricted egress)' '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over UDP (restricted egress)"}]}' \
  cluster-out-restricted-https "${CLUSTER_SG_ID}"' True tcp 443 443 '"${CLUSTER_SG_ID}" 'Kubernetes API server (restricted egress)' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server (restricted egress)"}]}' \
  cluster-out-restricted-kubelet "${CLUSTER_SG_ID}"' True tcp 10250 10250 '"${CLUSTER_SG_ID}" 'Kubelet API (restricted egress)' '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubelet API (restricted egress)"}]}' \
  cluster-out-restricted-s3 "${CLUSTER_SG_ID}"' True tcp 443 443 '"${S3_PREFIX_LIST_ID}" 'Amazon S3 through its gateway endpoint prefix list (restricted egress)' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"PrefixListIds":[{"PrefixListId":"'"${S3_PREFIX_LIST_ID}"'","Description":"Amazon S3 through its gateway endpoint prefix list (restricted egress)"}]}' \
  cluster-out-restricted-vpc-endpoints "${CLUSTER_SG_ID}"' True tcp 443 443 '"${VPC_CIDR}" 'EKS API, ECR and other AWS APIs through interface VPC endpoints (restricted egress)' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"'"${VPC_CIDR}"'","Description":"EKS API, ECR and other AWS APIs through interface VPC endpoints (restricted egress)"}]}'

section 'Additional cluster security group' control-plane "${CONTROL_PLANE_SG_ID}" '4 inbound rules'
change ingress "${CONTROL_PLANE_SG_ID}" \
  control-plane-in-https-from-node "${CONTROL_PLANE_SG_ID}"' False tcp 443 443 '"${NODE_SG_ID}" 'Kubelets and pods on nodes to the Kubernetes API server' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubelets and pods on nodes to the Kubernetes API server"}]}' \
  control-plane-in-https-from-remote-mesh "${CONTROL_PLANE_SG_ID}"' False tcp 443 443 '"${REMOTE_MESH_CIDR}" 'Remote istiod to the Kubernetes API server' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote istiod to the Kubernetes API server"}]}' \
  control-plane-in-https-from-remote-nodes "${CONTROL_PLANE_SG_ID}"' False tcp 443 443 '"${REMOTE_NODE_CIDR}" 'Hybrid nodes (kubelets) to the Kubernetes API server' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"'"${REMOTE_NODE_CIDR}"'","Description":"Hybrid nodes (kubelets) to the Kubernetes API server"}]}' \
  control-plane-in-https-from-remote-pods "${CONTROL_PLANE_SG_ID}"' False tcp 443 443 '"${REMOTE_POD_CIDR}" 'Pods on hybrid nodes to the Kubernetes API server' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"'"${REMOTE_POD_CIDR}"'","Description":"Pods on hybrid nodes to the Kubernetes API server"}]}'

section 'Additional cluster security group' control-plane "${CONTROL_PLANE_SG_ID}" '11 outbound rules'
change egress "${CONTROL_PLANE_SG_ID}" \
  control-plane-out-ephemeral-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 1025 65535 '"${NODE_SG_ID}" 'Kubernetes API server to any non-privileged port on nodes' '{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to any non-privileged port on nodes"}]}' \
  control-plane-out-https-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 443 443 '"${NODE_SG_ID}" 'Kubernetes API server to services on nodes on 443' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to services on nodes on 443"}]}' \
  control-plane-out-istio-webhook-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 15017 15017 '"${NODE_SG_ID}" 'Kubernetes API server to the istiod webhook container port' '{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to the istiod webhook container port"}]}' \
  control-plane-out-kubelet-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 10250 10250 '"${NODE_SG_ID}" 'Kubernetes API server to kubelets on nodes' '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to kubelets on nodes"}]}' \
  control-plane-out-kubelet-to-remote-nodes "${CONTROL_PLANE_SG_ID}"' True tcp 10250 10250 '"${REMOTE_NODE_CIDR}" 'Kubernetes API server to kubelets on hybrid nodes' '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"IpRanges":[{"CidrIp":"'"${REMOTE_NODE_CIDR}"'","Description":"Kubernetes API server to kubelets on hybrid nodes"}]}' \
  control-plane-out-metrics-server-10251-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 10251 10251 '"${NODE_SG_ID}" 'Kubernetes API server to metrics-server on 10251 (EKS add-on)' '{"IpProtocol":"tcp","FromPort":10251,"ToPort":10251,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 10251 (EKS add-on)"}]}' \
  control-plane-out-metrics-server-4443-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 4443 4443 '"${NODE_SG_ID}" 'Kubernetes API server to metrics-server on 4443 (legacy releases)' '{"IpProtocol":"tcp","FromPort":4443,"ToPort":4443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 4443 (legacy releases)"}]}' \
  control-plane-out-prometheus-adapter-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 6443 6443 '"${NODE_SG_ID}" 'Kubernetes API server to prometheus-adapter on 6443' '{"IpProtocol":"tcp","FromPort":6443,"ToPort":6443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to prometheus-adapter on 6443"}]}' \
  control-plane-out-webhook-8443-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 8443 8443 '"${NODE_SG_ID}" 'Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Karpenter before v1.1)' '{"IpProtocol":"tcp","FromPort":8443,"ToPort":8443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Karpenter before v1.1)"}]}' \
  control-plane-out-webhook-9443-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 9443 9443 '"${NODE_SG_ID}" 'Kubernetes API server to the AWS Load Balancer Controller webhook on 9443' '{"IpProtocol":"tcp","FromPort":9443,"ToPort":9443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to the AWS Load Balancer Controller webhook on 9443"}]}' \
  control-plane-out-webhook-to-remote-pods "${CONTROL_PLANE_SG_ID}"' True tcp '"${HYBRID_WEBHOOK_PORT}"' '"${HYBRID_WEBHOOK_PORT}"' '"${REMOTE_POD_CIDR}" 'Kubernetes API server to webhooks on hybrid nodes' '{"IpProtocol":"tcp","FromPort":'"${HYBRID_WEBHOOK_PORT}"',"ToPort":'"${HYBRID_WEBHOOK_PORT}"',"IpRanges":[{"CidrIp":"'"${REMOTE_POD_CIDR}"'","Description":"Kubernetes API server to webhooks on hybrid nodes"}]}'

section 'Worker node security group' node "${NODE_SG_ID}" '40 inbound rules'
change ingress "${NODE_SG_ID}" \
  node-in-alb-health-check "${NODE_SG_ID}"' False tcp '"${ALB_HEALTH_CHECK_PORT}"' '"${ALB_HEALTH_CHECK_PORT}"' '"${ALB_SG_ID}" 'ALB health checks' '{"IpProtocol":"tcp","FromPort":'"${ALB_HEALTH_CHECK_PORT}"',"ToPort":'"${ALB_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB health checks"}]}' \
  node-in-alb-ip-health-check "${NODE_SG_ID}"' False tcp '"${ALB_TARGET_HEALTH_CHECK_PORT}"' '"${ALB_TARGET_HEALTH_CHECK_PORT}"' '"${ALB_SG_ID}" 'ALB health checks to pods (IP targets)' '{"IpProtocol":"tcp","FromPort":'"${ALB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${ALB_TARGET_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB health checks to pods (IP targets)"}]}' \
  node-in-alb-ip-target "${NODE_SG_ID}"' False tcp '"${ALB_TARGET_PORT}"' '"${ALB_TARGET_PORT}"' '"${ALB_SG_ID}" 'ALB to pods on their container port (IP targets)' '{"IpProtocol":"tcp","FromPort":'"${ALB_TARGET_PORT}"',"ToPort":'"${ALB_TARGET_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to pods on their container port (IP targets)"}]}' \
  node-in-alb-listener "${NODE_SG_ID}"' False tcp '"${ALB_LISTENER_PORT}"' '"${ALB_LISTENER_PORT}"' '"${ALB_SG_ID}" 'ALB to the Service NodePort (instance targets)' '{"IpProtocol":"tcp","FromPort":'"${ALB_LISTENER_PORT}"',"ToPort":'"${ALB_LISTENER_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to the Service NodePort (instance targets)"}]}' \
  node-in-all-from-cluster "${NODE_SG_ID}"' False -1 -1 -1 '"${CLUSTER_SG_ID}" 'All traffic from managed nodes and Fargate pods (cluster security group)' '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic from managed nodes and Fargate pods (cluster security group)"}]}' \
  node-in-all-self "${NODE_SG_ID}"' False -1 -1 -1 '"${NODE_SG_ID}" 'All traffic between nodes (pod-to-pod, CoreDNS, node ports)' '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"All traffic between nodes (pod-to-pod, CoreDNS, node ports)"}]}' \
  node-in-dns-tcp-from-pod "${NODE_SG_ID}"' False tcp 53 53 '"${POD_SG_ID}" 'CoreDNS over TCP from pods with the pod security group' '{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"CoreDNS over TCP from pods with the pod security group"}]}' \
  node-in-dns-tcp-self "${NODE_SG_ID}"' False tcp 53 53 '"${NODE_SG_ID}" 'CoreDNS over TCP between nodes' '{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over TCP between nodes"}]}' \
  node-in-dns-udp-from-pod "${NODE_SG_ID}"' False udp 53 53 '"${POD_SG_ID}" 'CoreDNS over UDP from pods with the pod security group' '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"CoreDNS over UDP from pods with the pod security group"}]}' \
  node-in-dns-udp-self "${NODE_SG_ID}"' False udp 53 53 '"${NODE_SG_ID}" 'CoreDNS over UDP between nodes' '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over UDP between nodes"}]}' \
  node-in-eastwest-hbone-from-remote "${NODE_SG_ID}"' False tcp 15008 15008 '"${REMOTE_MESH_CIDR}" 'Remote clusters to the ambient east-west gateway on 15008 (HBONE)' '{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote clusters to the ambient east-west gateway on 15008 (HBONE)"}]}' \
  node-in-eastwest-mtls-from-remote "${NODE_SG_ID}"' False tcp 15443 15443 '"${REMOTE_MESH_CIDR}" 'Remote clusters to the east-west gateway on 15443 (cross-network mTLS)' '{"IpProtocol":"tcp","FromPort":15443,"ToPort":15443,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote clusters to the east-west gateway on 15443 (cross-network mTLS)"}]}' \
  node-in-eastwest-status-from-remote "${NODE_SG_ID}"' False tcp 15021 15021 '"${REMOTE_MESH_CIDR}" 'Remote clusters to the east-west gateway on 15021 (status)' '{"IpProtocol":"tcp","FromPort":15021,"ToPort":15021,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote clusters to the east-west gateway on 15021 (status)"}]}' \
  node-in-eastwest-webhook-from-remote "${NODE_SG_ID}"' False tcp 15017 15017 '"${REMOTE_MESH_CIDR}" 'Remote clusters to the east-west gateway on 15017 (istiod webhook)' '{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote clusters to the east-west gateway on 15017 (istiod webhook)"}]}' \
  node-in-eastwest-xds-from-remote "${NODE_SG_ID}"' False tcp 15012 15012 '"${REMOTE_MESH_CIDR}" 'Remote clusters to the east-west gateway on 15012 (istiod XDS and CA)' '{"IpProtocol":"tcp","FromPort":15012,"ToPort":15012,"IpRanges":[{"CidrIp":"'"${REMOTE_MESH_CIDR}"'","Description":"Remote clusters to the east-west gateway on 15012 (istiod XDS and CA)"}]}' \
  node-in-ephemeral-from-control-plane "${NODE_SG_ID}"' False tcp 1025 65535 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to any non-privileged port on nodes' '{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to any non-privileged port on nodes"}]}' \
  node-in-ephemeral-self "${NODE_SG_ID}"' False tcp 1025 65535 '"${NODE_SG_ID}" 'Node to node on non-privileged ports' '{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Node to node on non-privileged ports"}]}' \
  node-in-hbone-self "${NODE_SG_ID}"' False tcp 15008 15008 '"${NODE_SG_ID}" 'Istio ambient HBONE between nodes (ztunnel and waypoints)' '{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Istio ambient HBONE between nodes (ztunnel and waypoints)"}]}' \
  node-in-https-from-control-plane "${NODE_SG_ID}"' False tcp 443 443 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to services on nodes on 443' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to services on nodes on 443"}]}' \
  node-in-istio-gateway-http-from-nlb "${NODE_SG_ID}"' False tcp 80 80 '"${NLB_SG_ID}" 'NLB to the Istio gateway on 80' '{"IpProtocol":"tcp","FromPort":80,"ToPort":80,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to the Istio gateway on 80"}]}' \
  node-in-istio-gateway-https-from-nlb "${NODE_SG_ID}"' False tcp 443 443 '"${NLB_SG_ID}" 'NLB to the Istio gateway on 443' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to the Istio gateway on 443"}]}' \
  node-in-istio-gateway-status-from-nlb "${NODE_SG_ID}"' False tcp 15021 15021 '"${NLB_SG_ID}" 'NLB health checks to the Istio gateway status port 15021' '{"IpProtocol":"tcp","FromPort":15021,"ToPort":15021,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks to the Istio gateway status port 15021"}]}' \
  node-in-istio-webhook-from-control-plane "${NODE_SG_ID}"' False tcp 15017 15017 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to the istiod webhook container port' '{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to the istiod webhook container port"}]}' \
  node-in-kubelet-from-control-plane "${NODE_SG_ID}"' False tcp 10250 10250 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to the kubelet API' '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to the kubelet API"}]}' \
  node-in-metrics-server-10251-from-control-plane "${NODE_SG_ID}"' False tcp 10251 10251 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to metrics-server on 10251 (EKS add-on)' '{"IpProtocol":"tcp","FromPort":10251,"ToPort":10251,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 10251 (EKS add-on)"}]}' \
  node-in-metrics-server-4443-from-control-plane "${NODE_SG_ID}"' False tcp 4443 4443 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to metrics-server on 4443 (legacy releases)' '{"IpProtocol":"tcp","FromPort":4443,"ToPort":4443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 4443 (legacy releases)"}]}' \
  node-in-nlb-clients "${NODE_SG_ID}"' False tcp '"${NLB_LISTENER_PORT}"' '"${NLB_LISTENER_PORT}"' '"${NLB_CLIENT_CIDR}" 'NLB clients to the Service NodePort (NLB without a security group)' '{"IpProtocol":"tcp","FromPort":'"${NLB_LISTENER_PORT}"',"ToPort":'"${NLB_LISTENER_PORT}"',"IpRanges":[{"CidrIp":"'"${NLB_CLIENT_CIDR}"'","Description":"NLB clients to the Service NodePort (NLB without a security group)"}]}' \
  node-in-nlb-health-check "${NODE_SG_ID}"' False tcp '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_SG_ID}" 'NLB health checks' '{"IpProtocol":"tcp","FromPort":'"${NLB_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks"}]}' \
  node-in-nlb-health-check-vpc "${NODE_SG_ID}"' False tcp '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_HEALTH_CHECK_PORT}"' '"${VPC_CIDR}" 'NLB health checks from the VPC (NLB without a security group)' '{"IpProtocol":"tcp","FromPort":'"${NLB_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_HEALTH_CHECK_PORT}"',"IpRanges":[{"CidrIp":"'"${VPC_CIDR}"'","Description":"NLB health checks from the VPC (NLB without a security group)"}]}' \
  node-in-nlb-ip-health-check "${NODE_SG_ID}"' False tcp '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_SG_ID}" 'NLB health checks to pods (IP targets)' '{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks to pods (IP targets)"}]}' \
  node-in-nlb-ip-target "${NODE_SG_ID}"' False tcp '"${NLB_TARGET_PORT}"' '"${NLB_TARGET_PORT}"' '"${NLB_SG_ID}" 'NLB to pods on their container port (IP targets)' '{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_PORT}"',"ToPort":'"${NLB_TARGET_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to pods on their container port (IP targets)"}]}' \
  node-in-nlb-listener "${NODE_SG_ID}"' False tcp '"${NLB_LISTENER_PORT}"' '"${NLB_LISTENER_PORT}"' '"${NLB_SG_ID}" 'NLB to the Service NodePort (instance targets)' '{"IpProtocol":"tcp","FromPort":'"${NLB_LISTENER_PORT}"',"ToPort":'"${NLB_LISTENER_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to the Service NodePort (instance targets)"}]}' \
  node-in-nodeport-range-from-alb "${NODE_SG_ID}"' False tcp 30000 32767 '"${ALB_SG_ID}" 'ALB to every NodePort (instance targets)' '{"IpProtocol":"tcp","FromPort":30000,"ToPort":32767,"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to every NodePort (instance targets)"}]}' \
  node-in-nodeport-range-from-nlb "${NODE_SG_ID}"' False tcp 30000 32767 '"${NLB_SG_ID}" 'NLB to every NodePort (instance targets)' '{"IpProtocol":"tcp","FromPort":30000,"ToPort":32767,"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to every NodePort (instance targets)"}]}' \
  node-in-pmtud-icmp-self "${NODE_SG_ID}"' False icmp 3 4 '"${NODE_SG_ID}" 'Path MTU discovery: destination unreachable, fragmentation needed and DF set' '{"IpProtocol":"icmp","FromPort":3,"ToPort":4,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Path MTU discovery: destination unreachable, fragmentation needed and DF set"}]}' \
  node-in-pmtud-icmpv6-self "${NODE_SG_ID}"' False icmpv6 2 0 '"${NODE_SG_ID}" 'Path MTU discovery for IPv6: packet too big' '{"IpProtocol":"icmpv6","FromPort":2,"ToPort":0,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Path MTU discovery for IPv6: packet too big"}]}' \
  node-in-prometheus-adapter-from-control-plane "${NODE_SG_ID}"' False tcp 6443 6443 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to prometheus-adapter on 6443' '{"IpProtocol":"tcp","FromPort":6443,"ToPort":6443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to prometheus-adapter on 6443"}]}' \
  node-in-ssh "${NODE_SG_ID}"' False tcp 22 22 '"${SSH_SOURCE_CIDR}" 'SSH to nodes' '{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"'"${SSH_SOURCE_CIDR}"'","Description":"SSH to nodes"}]}' \
  node-in-webhook-8443-from-control-plane "${NODE_SG_ID}"' False tcp 8443 8443 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Karpenter before v1.1)' '{"IpProtocol":"tcp","FromPort":8443,"ToPort":8443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 8443 (Knative, Gatekeeper, ingress-nginx, Karpenter before v1.1)"}]}' \
  node-in-webhook-9443-from-control-plane "${NODE_SG_ID}"' False tcp 9443 9443 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to the AWS Load Balancer Controller webhook on 9443' '{"IpProtocol":"tcp","FromPort":9443,"ToPort":9443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to the AWS Load Balancer Controller webhook on 9443"}]}'

section 'Worker node security group' node "${NODE_SG_ID}" '3 outbound rules'
change egress "${NODE_SG_ID}" \
  node-out-all-ipv4 "${NODE_SG_ID}"' True -1 -1 -1 0.0.0.0/0' 'All outbound IPv4 traffic' '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}' \
  node-out-all-ipv6 "${NODE_SG_ID}"' True -1 -1 -1 ::/0' 'All outbound IPv6 traffic' '{"IpProtocol":"-1","Ipv6Ranges":[{"CidrIpv6":"::/0","Description":"All outbound IPv6 traffic"}]}' \
  node-out-all-self "${NODE_SG_ID}"' True -1 -1 -1 '"${NODE_SG_ID}" 'All traffic to members of the node security group (EFA)' '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"All traffic to members of the node security group (EFA)"}]}'

section 'ALB security group' alb "${ALB_SG_ID}" '1 outbound rule'
change egress "${ALB_SG_ID}" \
  alb-out-all-ipv4 "${ALB_SG_ID}"' True -1 -1 -1 0.0.0.0/0' 'All outbound IPv4 traffic' '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}'

section 'NLB security group' nlb "${NLB_SG_ID}" '1 outbound rule'
change egress "${NLB_SG_ID}" \
  nlb-out-all-ipv4 "${NLB_SG_ID}"' True -1 -1 -1 0.0.0.0/0' 'All outbound IPv4 traffic' '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}'

section 'Pod security group (security groups for pods)' pod "${POD_SG_ID}" '6 inbound rules'
change ingress "${POD_SG_ID}" \
  pod-in-alb-ip-health-check "${POD_SG_ID}"' False tcp '"${ALB_TARGET_HEALTH_CHECK_PORT}"' '"${ALB_TARGET_HEALTH_CHECK_PORT}"' '"${ALB_SG_ID}" 'ALB health checks to pods (IP targets)' '{"IpProtocol":"tcp","FromPort":'"${ALB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${ALB_TARGET_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB health checks to pods (IP targets)"}]}' \
  pod-in-alb-ip-target "${POD_SG_ID}"' False tcp '"${ALB_TARGET_PORT}"' '"${ALB_TARGET_PORT}"' '"${ALB_SG_ID}" 'ALB to pods on their container port (IP targets)' '{"IpProtocol":"tcp","FromPort":'"${ALB_TARGET_PORT}"',"ToPort":'"${ALB_TARGET_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to pods on their container port (IP targets)"}]}' \
  pod-in-all-self "${POD_SG_ID}"' False -1 -1 -1 '"${POD_SG_ID}" 'All traffic between pods with the pod security group' '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${POD_SG_ID}"'","Description":"All traffic between pods with the pod security group"}]}' \
  pod-in-nlb-ip-health-check "${POD_SG_ID}"' False tcp '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_TARGET_HEALTH_CHECK_PORT}"' '"${NLB_SG_ID}" 'NLB health checks to pods (IP targets)' '{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_TARGET_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks to pods (IP targets)"}]}' \
  pod-in-nlb-ip-target "${POD_SG_ID}"' False tcp '"${NLB_TARGET_PORT}"' '"${NLB_TARGET_PORT}"' '"${NLB_SG_ID}" 'NLB to pods on their container port (IP targets)' '{"IpProtocol":"tcp","FromPort":'"${NLB_TARGET_PORT}"',"ToPort":'"${NLB_TARGET_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to pods on their container port (IP targets)"}]}' \
  pod-in-probe-from-node "${POD_SG_ID}"' False tcp '"${POD_PROBE_PORT}"' '"${POD_PROBE_PORT}"' '"${NODE_SG_ID}" 'Kubelet probes from the node' '{"IpProtocol":"tcp","FromPort":'"${POD_PROBE_PORT}"',"ToPort":'"${POD_PROBE_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubelet probes from the node"}]}'

section 'Pod security group (security groups for pods)' pod "${POD_SG_ID}" '5 outbound rules'
change egress "${POD_SG_ID}" \
  pod-out-all-ipv4 "${POD_SG_ID}"' True -1 -1 -1 0.0.0.0/0' 'All outbound IPv4 traffic' '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}' \
  pod-out-dns-tcp-to-cluster "${POD_SG_ID}"' True tcp 53 53 '"${CLUSTER_SG_ID}" 'CoreDNS over TCP on nodes with the cluster security group' '{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over TCP on nodes with the cluster security group"}]}' \
  pod-out-dns-tcp-to-node "${POD_SG_ID}"' True tcp 53 53 '"${NODE_SG_ID}" 'CoreDNS over TCP on nodes with the node security group' '{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over TCP on nodes with the node security group"}]}' \
  pod-out-dns-udp-to-cluster "${POD_SG_ID}"' True udp 53 53 '"${CLUSTER_SG_ID}" 'CoreDNS over UDP on nodes with the cluster security group' '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over UDP on nodes with the cluster security group"}]}' \
  pod-out-dns-udp-to-node "${POD_SG_ID}"' True udp 53 53 '"${NODE_SG_ID}" 'CoreDNS over UDP on nodes with the node security group' '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over UDP on nodes with the node security group"}]}'

if [ "$dry_run" = 1 ]; then echo "Done (dry run: nothing was changed)."; else echo "Done."; fi
