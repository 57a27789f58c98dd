#!/bin/sh
# shellcheck disable=SC2016  # text in single quotes is meant literally, $ and ` too
# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)
# Adds every rule of eks-sg-reference.
#
# Usage: sh apply-all.sh [--dry-run] [--update-descriptions]  (adds what is missing)
#   --dry-run              list the groups' rules (one read-only describe call),
#                          print the calls that would change them, change nothing
#   --update-descriptions  also set the description of a rule that has another
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
#   ALB_LISTENER_PORT        ALB instance listener port (e.g. 30080)
#   ALB_HEALTH_CHECK_PORT    ALB health-check port (e.g. 30081)
#   NLB_LISTENER_PORT        NLB instance listener port (e.g. 31080)
#   NLB_HEALTH_CHECK_PORT    NLB health-check port (e.g. 31081)
# The AWS CLI takes account, region and endpoint from its usual settings
# (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).
# Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell.
action=authorize
usage() {
  printf '%s\n' \
    'Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.' \
    'eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)' \
    'Adds every rule of eks-sg-reference.' \
    '' \
    'Usage: sh apply-all.sh [--dry-run] [--update-descriptions]  (adds what is missing)' \
    '  --dry-run              list the groups'\'' rules (one read-only describe call),' \
    '                         print the calls that would change them, change nothing' \
    '  --update-descriptions  also set the description of a rule that has another' \
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
    '  ALB_LISTENER_PORT        ALB instance listener port (e.g. 30080)' \
    '  ALB_HEALTH_CHECK_PORT    ALB health-check port (e.g. 30081)' \
    '  NLB_LISTENER_PORT        NLB instance listener port (e.g. 31080)' \
    '  NLB_HEALTH_CHECK_PORT    NLB health-check port (e.g. 31081)' \
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
  check_port ALB_LISTENER_PORT "${ALB_LISTENER_PORT:-}"
  check_port ALB_HEALTH_CHECK_PORT "${ALB_HEALTH_CHECK_PORT:-}"
  check_port NLB_LISTENER_PORT "${NLB_LISTENER_PORT:-}"
  check_port NLB_HEALTH_CHECK_PORT "${NLB_HEALTH_CHECK_PORT:-}"
}
listing() {
  printf '%s\n' 'This removes 42 rules. Without the default and minimum ones, the cluster stops working:'
  printf '  %s\n' \
    'cluster-in-all-self: cluster inbound all All self [default]' \
    'cluster-out-all-ipv4: cluster outbound all All 0.0.0.0/0 [default]' \
    'cluster-out-all-ipv6: cluster outbound all All ::/0 [ipv6]' \
    'cluster-out-all-self: cluster outbound all All self [efa]' \
    'cluster-out-restricted-dns-tcp: cluster outbound tcp 53 self [restricted-egress]' \
    'cluster-out-restricted-dns-udp: cluster outbound udp 53 self [restricted-egress]' \
    'cluster-out-restricted-https: cluster outbound tcp 443 self [restricted-egress]' \
    'cluster-out-restricted-kubelet: cluster outbound tcp 10250 self [restricted-egress]' \
    'control-plane-in-https-from-node: control-plane inbound tcp 443 node [minimum]' \
    'control-plane-out-ephemeral-to-node: control-plane outbound tcp 1025-65535 node [eksctl-broad]' \
    'control-plane-out-https-to-node: control-plane outbound tcp 443 node [istio, eksctl-broad]' \
    'control-plane-out-istio-webhook-to-node: control-plane outbound tcp 15017 node [istio]' \
    'control-plane-out-kubelet-to-node: control-plane outbound tcp 10250 node [minimum]' \
    'control-plane-out-metrics-server-10251-to-node: control-plane outbound tcp 10251 node [metrics-server]' \
    'control-plane-out-metrics-server-4443-to-node: control-plane outbound tcp 4443 node [metrics-server]' \
    'control-plane-out-prometheus-adapter-to-node: control-plane outbound tcp 6443 node [prometheus-adapter]' \
    'control-plane-out-webhook-8443-to-node: control-plane outbound tcp 8443 node [knative, karpenter, gatekeeper]' \
    'control-plane-out-webhook-9443-to-node: control-plane outbound tcp 9443 node [aws-load-balancer-controller, ingress-nginx]' \
    'node-in-alb-health-check: node inbound tcp alb-health-check-port alb [alb]' \
    'node-in-alb-listener: node inbound tcp alb-listener-port alb [alb]' \
    'node-in-all-self: node inbound all All self [minimum]' \
    'node-in-dns-tcp-self: node inbound tcp 53 self [coredns]' \
    'node-in-dns-udp-self: node inbound udp 53 self [coredns]' \
    'node-in-ephemeral-from-control-plane: node inbound tcp 1025-65535 control-plane [eksctl-broad]' \
    'node-in-ephemeral-self: node inbound tcp 1025-65535 self [recommended]' \
    'node-in-hbone-self: node inbound tcp 15008 self [istio-ambient]' \
    'node-in-https-from-control-plane: node inbound tcp 443 control-plane [istio, eksctl-broad]' \
    'node-in-istio-webhook-from-control-plane: node inbound tcp 15017 control-plane [istio]' \
    'node-in-kubelet-from-control-plane: node inbound tcp 10250 control-plane [minimum]' \
    'node-in-metrics-server-10251-from-control-plane: node inbound tcp 10251 control-plane [metrics-server]' \
    'node-in-metrics-server-4443-from-control-plane: node inbound tcp 4443 control-plane [metrics-server]' \
    'node-in-nlb-health-check: node inbound tcp nlb-health-check-port nlb [nlb]' \
    'node-in-nlb-listener: node inbound tcp nlb-listener-port nlb [nlb]' \
    'node-in-pmtud-icmp-self: node inbound icmp type 3 code 4 self [recommended]' \
    'node-in-pmtud-icmpv6-self: node inbound icmpv6 type 2 code 0 self [ipv6]' \
    'node-in-prometheus-adapter-from-control-plane: node inbound tcp 6443 control-plane [prometheus-adapter]' \
    'node-in-webhook-8443-from-control-plane: node inbound tcp 8443 control-plane [knative, karpenter, gatekeeper]' \
    'node-in-webhook-9443-from-control-plane: node inbound tcp 9443 control-plane [aws-load-balancer-controller, ingress-nginx]' \
    'node-out-all-ipv4: node outbound all All 0.0.0.0/0 [default]' \
    'node-out-all-ipv6: node outbound all All ::/0 [ipv6]' \
    'alb-out-all-ipv4: alb outbound all All 0.0.0.0/0 [default]' \
    'nlb-out-all-ipv4: nlb outbound all All 0.0.0.0/0 [default]'
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
Ipv6Ranges[].['R',CidrIpv6,Description]],\
IpPermissionsEgress[].[['P','True',IpProtocol,FromPort,ToPort],\
UserIdGroupPairs[].['R',GroupId,Description],IpRanges[].['R',CidrIp,Description],\
Ipv6Ranges[].['R',CidrIpv6,Description]]]"
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

read_existing "${CLUSTER_SG_ID}" "${CONTROL_PLANE_SG_ID}" "${NODE_SG_ID}" "${ALB_SG_ID}" "${NLB_SG_ID}"

section 'EKS cluster security group' cluster "${CLUSTER_SG_ID}" '1 inbound rule'
change ingress "${CLUSTER_SG_ID}" \
  cluster-in-all-self "${CLUSTER_SG_ID}"' False -1 -1 -1 '"${CLUSTER_SG_ID}" 'All traffic between members of the cluster security group' '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic between members of the cluster security group"}]}'

section 'EKS cluster security group' cluster "${CLUSTER_SG_ID}" '7 outbound rules'
change egress "${CLUSTER_SG_ID}" \
  cluster-out-all-ipv4 "${CLUSTER_SG_ID}"' True -1 -1 -1 0.0.0.0/0' 'All outbound IPv4 traffic' '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}' \
  cluster-out-all-ipv6 "${CLUSTER_SG_ID}"' True -1 -1 -1 ::/0' 'All outbound IPv6 traffic' '{"IpProtocol":"-1","Ipv6Ranges":[{"CidrIpv6":"::/0","Description":"All outbound IPv6 traffic"}]}' \
  cluster-out-all-self "${CLUSTER_SG_ID}"' True -1 -1 -1 '"${CLUSTER_SG_ID}" 'All traffic to members of the cluster security group (EFA)' '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic to members of the cluster security group (EFA)"}]}' \
  cluster-out-restricted-dns-tcp "${CLUSTER_SG_ID}"' True tcp 53 53 '"${CLUSTER_SG_ID}" 'CoreDNS over TCP (restricted egress)' '{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over TCP (restricted egress)"}]}' \
  cluster-out-restricted-dns-udp "${CLUSTER_SG_ID}"' True udp 53 53 '"${CLUSTER_SG_ID}" 'CoreDNS over UDP (restricted egress)' '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over UDP (restricted egress)"}]}' \
  cluster-out-restricted-https "${CLUSTER_SG_ID}"' True tcp 443 443 '"${CLUSTER_SG_ID}" 'Kubernetes API server (restricted egress)' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server (restricted egress)"}]}' \
  cluster-out-restricted-kubelet "${CLUSTER_SG_ID}"' True tcp 10250 10250 '"${CLUSTER_SG_ID}" 'Kubelet API (restricted egress)' '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubelet API (restricted egress)"}]}'

section 'Additional cluster security group' control-plane "${CONTROL_PLANE_SG_ID}" '1 inbound rule'
change ingress "${CONTROL_PLANE_SG_ID}" \
  control-plane-in-https-from-node "${CONTROL_PLANE_SG_ID}"' False tcp 443 443 '"${NODE_SG_ID}" 'Kubelets and pods on nodes to the Kubernetes API server' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubelets and pods on nodes to the Kubernetes API server"}]}'

section 'Additional cluster security group' control-plane "${CONTROL_PLANE_SG_ID}" '9 outbound rules'
change egress "${CONTROL_PLANE_SG_ID}" \
  control-plane-out-ephemeral-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 1025 65535 '"${NODE_SG_ID}" 'Kubernetes API server to any non-privileged port on nodes' '{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to any non-privileged port on nodes"}]}' \
  control-plane-out-https-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 443 443 '"${NODE_SG_ID}" 'Kubernetes API server to services on nodes on 443' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to services on nodes on 443"}]}' \
  control-plane-out-istio-webhook-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 15017 15017 '"${NODE_SG_ID}" 'Kubernetes API server to the istiod webhook container port' '{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to the istiod webhook container port"}]}' \
  control-plane-out-kubelet-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 10250 10250 '"${NODE_SG_ID}" 'Kubernetes API server to kubelets on nodes' '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to kubelets on nodes"}]}' \
  control-plane-out-metrics-server-10251-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 10251 10251 '"${NODE_SG_ID}" 'Kubernetes API server to metrics-server on 10251 (EKS add-on)' '{"IpProtocol":"tcp","FromPort":10251,"ToPort":10251,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 10251 (EKS add-on)"}]}' \
  control-plane-out-metrics-server-4443-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 4443 4443 '"${NODE_SG_ID}" 'Kubernetes API server to metrics-server on 4443 (community chart)' '{"IpProtocol":"tcp","FromPort":4443,"ToPort":4443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 4443 (community chart)"}]}' \
  control-plane-out-prometheus-adapter-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 6443 6443 '"${NODE_SG_ID}" 'Kubernetes API server to prometheus-adapter on 6443' '{"IpProtocol":"tcp","FromPort":6443,"ToPort":6443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to prometheus-adapter on 6443"}]}' \
  control-plane-out-webhook-8443-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 8443 8443 '"${NODE_SG_ID}" 'Kubernetes API server to webhooks on 8443 (Knative, Karpenter, Gatekeeper)' '{"IpProtocol":"tcp","FromPort":8443,"ToPort":8443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 8443 (Knative, Karpenter, Gatekeeper)"}]}' \
  control-plane-out-webhook-9443-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 9443 9443 '"${NODE_SG_ID}" 'Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, ingress-nginx)' '{"IpProtocol":"tcp","FromPort":9443,"ToPort":9443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, ingress-nginx)"}]}'

section 'Worker node security group' node "${NODE_SG_ID}" '20 inbound rules'
change ingress "${NODE_SG_ID}" \
  node-in-alb-health-check "${NODE_SG_ID}"' False tcp '"${ALB_HEALTH_CHECK_PORT}"' '"${ALB_HEALTH_CHECK_PORT}"' '"${ALB_SG_ID}" 'ALB health checks' '{"IpProtocol":"tcp","FromPort":'"${ALB_HEALTH_CHECK_PORT}"',"ToPort":'"${ALB_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB health checks"}]}' \
  node-in-alb-listener "${NODE_SG_ID}"' False tcp '"${ALB_LISTENER_PORT}"' '"${ALB_LISTENER_PORT}"' '"${ALB_SG_ID}" 'ALB to the Service NodePort (instance targets)' '{"IpProtocol":"tcp","FromPort":'"${ALB_LISTENER_PORT}"',"ToPort":'"${ALB_LISTENER_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to the Service NodePort (instance targets)"}]}' \
  node-in-all-self "${NODE_SG_ID}"' False -1 -1 -1 '"${NODE_SG_ID}" 'All traffic between nodes (pod-to-pod, CoreDNS, node ports)' '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"All traffic between nodes (pod-to-pod, CoreDNS, node ports)"}]}' \
  node-in-dns-tcp-self "${NODE_SG_ID}"' False tcp 53 53 '"${NODE_SG_ID}" 'CoreDNS over TCP between nodes' '{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over TCP between nodes"}]}' \
  node-in-dns-udp-self "${NODE_SG_ID}"' False udp 53 53 '"${NODE_SG_ID}" 'CoreDNS over UDP between nodes' '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over UDP between nodes"}]}' \
  node-in-ephemeral-from-control-plane "${NODE_SG_ID}"' False tcp 1025 65535 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to any non-privileged port on nodes' '{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to any non-privileged port on nodes"}]}' \
  node-in-ephemeral-self "${NODE_SG_ID}"' False tcp 1025 65535 '"${NODE_SG_ID}" 'Node to node on non-privileged ports' '{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Node to node on non-privileged ports"}]}' \
  node-in-hbone-self "${NODE_SG_ID}"' False tcp 15008 15008 '"${NODE_SG_ID}" 'Istio ambient HBONE between nodes (ztunnel and waypoints)' '{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Istio ambient HBONE between nodes (ztunnel and waypoints)"}]}' \
  node-in-https-from-control-plane "${NODE_SG_ID}"' False tcp 443 443 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to services on nodes on 443' '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to services on nodes on 443"}]}' \
  node-in-istio-webhook-from-control-plane "${NODE_SG_ID}"' False tcp 15017 15017 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to the istiod webhook container port' '{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to the istiod webhook container port"}]}' \
  node-in-kubelet-from-control-plane "${NODE_SG_ID}"' False tcp 10250 10250 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to the kubelet API' '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to the kubelet API"}]}' \
  node-in-metrics-server-10251-from-control-plane "${NODE_SG_ID}"' False tcp 10251 10251 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to metrics-server on 10251 (EKS add-on)' '{"IpProtocol":"tcp","FromPort":10251,"ToPort":10251,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 10251 (EKS add-on)"}]}' \
  node-in-metrics-server-4443-from-control-plane "${NODE_SG_ID}"' False tcp 4443 4443 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to metrics-server on 4443 (community chart)' '{"IpProtocol":"tcp","FromPort":4443,"ToPort":4443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 4443 (community chart)"}]}' \
  node-in-nlb-health-check "${NODE_SG_ID}"' False tcp '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_SG_ID}" 'NLB health checks' '{"IpProtocol":"tcp","FromPort":'"${NLB_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks"}]}' \
  node-in-nlb-listener "${NODE_SG_ID}"' False tcp '"${NLB_LISTENER_PORT}"' '"${NLB_LISTENER_PORT}"' '"${NLB_SG_ID}" 'NLB to the Service NodePort (instance targets)' '{"IpProtocol":"tcp","FromPort":'"${NLB_LISTENER_PORT}"',"ToPort":'"${NLB_LISTENER_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to the Service NodePort (instance targets)"}]}' \
  node-in-pmtud-icmp-self "${NODE_SG_ID}"' False icmp 3 4 '"${NODE_SG_ID}" 'Path MTU discovery: destination unreachable, fragmentation needed and DF set' '{"IpProtocol":"icmp","FromPort":3,"ToPort":4,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Path MTU discovery: destination unreachable, fragmentation needed and DF set"}]}' \
  node-in-pmtud-icmpv6-self "${NODE_SG_ID}"' False icmpv6 2 0 '"${NODE_SG_ID}" 'Path MTU discovery for IPv6: packet too big' '{"IpProtocol":"icmpv6","FromPort":2,"ToPort":0,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Path MTU discovery for IPv6: packet too big"}]}' \
  node-in-prometheus-adapter-from-control-plane "${NODE_SG_ID}"' False tcp 6443 6443 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to prometheus-adapter on 6443' '{"IpProtocol":"tcp","FromPort":6443,"ToPort":6443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to prometheus-adapter on 6443"}]}' \
  node-in-webhook-8443-from-control-plane "${NODE_SG_ID}"' False tcp 8443 8443 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to webhooks on 8443 (Knative, Karpenter, Gatekeeper)' '{"IpProtocol":"tcp","FromPort":8443,"ToPort":8443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 8443 (Knative, Karpenter, Gatekeeper)"}]}' \
  node-in-webhook-9443-from-control-plane "${NODE_SG_ID}"' False tcp 9443 9443 '"${CONTROL_PLANE_SG_ID}" 'Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, ingress-nginx)' '{"IpProtocol":"tcp","FromPort":9443,"ToPort":9443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, ingress-nginx)"}]}'

section 'Worker node security group' node "${NODE_SG_ID}" '2 outbound rules'
change egress "${NODE_SG_ID}" \
  node-out-all-ipv4 "${NODE_SG_ID}"' True -1 -1 -1 0.0.0.0/0' 'All outbound IPv4 traffic' '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}' \
  node-out-all-ipv6 "${NODE_SG_ID}"' True -1 -1 -1 ::/0' 'All outbound IPv6 traffic' '{"IpProtocol":"-1","Ipv6Ranges":[{"CidrIpv6":"::/0","Description":"All outbound IPv6 traffic"}]}'

section 'ALB security group' alb "${ALB_SG_ID}" '1 outbound rule'
change egress "${ALB_SG_ID}" \
  alb-out-all-ipv4 "${ALB_SG_ID}"' True -1 -1 -1 0.0.0.0/0' 'All outbound IPv4 traffic' '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}'

section 'NLB security group' nlb "${NLB_SG_ID}" '1 outbound rule'
change egress "${NLB_SG_ID}" \
  nlb-out-all-ipv4 "${NLB_SG_ID}"' True -1 -1 -1 0.0.0.0/0' 'All outbound IPv4 traffic' '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}'

if [ "$dry_run" = 1 ]; then echo "Done (dry run: nothing was changed)."; else echo "Done."; fi
