#!/usr/bin/env bash
# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# Removes the rules of one group: EKS cluster security group (cluster).
#
# Usage: bash revoke-cluster.sh [--yes]  (lists the rules, asks unless --yes, removes them)
#
# Set these variables first:
#   CLUSTER_SG_ID            ID of the EKS cluster security group (cluster)
# The AWS CLI takes account, region and endpoint from its usual settings
# (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).
set -euo pipefail
if ((BASH_VERSINFO[0] < 4)); then
  echo "error: this script needs bash 4 or newer (macOS: brew install bash)" >&2
  exit 2
fi

usage() {
  sed -n '2,/^set -euo pipefail$/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
}

invalid=0
check_sg() {  # check_sg NAME: the variable must hold a security group ID
  local value=${!1:-}
  if [[ ! $value =~ ^sg-([0-9a-f]{8}|[0-9a-f]{17})$ ]]; then
    echo "error: $1 must be a security group ID such as sg-0123456789abcdef0 (it is '$value')" >&2
    invalid=1
  fi
}
check_port() {  # check_port NAME: the variable must hold a port from 1 to 65535
  local value=${!1:-}
  if [[ ! $value =~ ^[1-9][0-9]{0,4}$ ]] || ((value > 65535)); then
    echo "error: $1 must be a port from 1 to 65535 (it is '$value')" >&2
    invalid=1
  fi
}
stop_if_invalid() {
  if ((invalid)); then
    echo "Set the variables above, then run this again. Nothing was changed." >&2
    exit 2
  fi
}
aws_ec2() {  # aws_ec2 VERB GROUP_ID PERMISSIONS_JSON: prints AWS's error text on failure
  { aws ec2 "$1" --group-id "$2" --ip-permissions "$3" >/dev/null; } 2>&1
}
fail() {
  echo "error: $*" >&2
  exit 1
}

declare -A existing=()
listed=0  # 1 once read_existing has listed the groups' rules
read_existing() {  # read_existing GROUP_ID...: the rules the groups have now, in one call
  local out line
  if ! out=$(aws ec2 describe-security-group-rules --output text \
    --filters "Name=group-id,Values=$(IFS=,; echo "$*")" \
    --query 'SecurityGroupRules[].[GroupId,IsEgress,IpProtocol,FromPort,ToPort,CidrIpv4||CidrIpv6||ReferencedGroupInfo.GroupId]' 2>&1); then
    echo "note: could not list the current rules, so every rule is tried: ${out##*: }" >&2
    return 0
  fi
  while IFS= read -r line; do
    [[ -z $line ]] || existing["${line//$'\t'/ }"]=1
  done <<<"$out"
  listed=1
}
report() {  # report WORD ID...: one line per rule, e.g. "  added    node-in-all-self"
  local word=$1 id
  shift
  for id in "$@"; do printf '  %-8s %s\n' "$word" "$id"; done
}
skip() {  # skip authorize|revoke KEY: true when there is nothing to do for the rule
  if [[ $1 == authorize ]]; then
    [[ -n ${existing[$2]:-} ]]
  else
    ((listed)) && [[ -z ${existing[$2]:-} ]]
  fi
}
change() {  # change authorize|revoke ingress|egress GROUP_ID ID KEY PERMISSION [ID KEY PERMISSION ...]
  local action=$1 verb="$1-security-group-$2" group=$3 out i
  local did=added skipped=present harmless=InvalidPermission.Duplicate
  [[ $action == authorize ]] || did=removed skipped=absent harmless=InvalidPermission.NotFound
  shift 3
  local ids=() perms=() left=()
  while (($#)); do
    if skip "$action" "$2"; then left+=("$1"); else ids+=("$1"); perms+=("$3"); fi
    shift 3
  done
  report "$skipped" "${left[@]}"
  ((${#ids[@]})) || return 0
  # One call for the rest. EC2 refuses the whole batch if one rule is already there (or, for
  # a revoke, already gone): then go one by one, and such a rule is only reported.
  if out=$(aws_ec2 "$verb" "$group" "[$(IFS=,; echo "${perms[*]}")]"); then
    report "$did" "${ids[@]}"
    return
  fi
  [[ $out == *"$harmless"* ]] || fail "$out"
  for i in "${!ids[@]}"; do
    if out=$(aws_ec2 "$verb" "$group" "[${perms[i]}]"); then
      report "$did" "${ids[i]}"
    elif [[ $out == *"$harmless"* ]]; then
      report "$skipped" "${ids[i]}"
    else
      fail "${ids[i]}: $out"
    fi
  done
}
check_sg CLUSTER_SG_ID
confirmed=0
case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  -y | --yes) confirmed=1 ;;
  "") ;;
  *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
stop_if_invalid
echo "This removes 8 rules. Without the default and minimum ones, the cluster stops working:"
printf '  %s\n' \
  'cluster-in-all-self: cluster inbound all All self [default]' \
  'cluster-out-all-ipv4: cluster outbound all All 0.0.0.0/0 [default]' \
  'cluster-out-all-ipv6: cluster outbound all All ::/0 [ipv6]' \
  'cluster-out-all-self: cluster outbound all All self [efa]' \
  'cluster-out-restricted-dns-tcp: cluster outbound tcp 53 self [restricted-egress]' \
  'cluster-out-restricted-dns-udp: cluster outbound udp 53 self [restricted-egress]' \
  'cluster-out-restricted-https: cluster outbound tcp 443 self [restricted-egress]' \
  'cluster-out-restricted-kubelet: cluster outbound tcp 10250 self [restricted-egress]'
if ((!confirmed)); then
  answer=""
  read -r -p "Type yes to remove these rules: " answer || true
  if [[ $answer != yes ]]; then
    echo "Nothing was removed." >&2
    exit 1
  fi
fi
read_existing "${CLUSTER_SG_ID}"

echo "EKS cluster security group (cluster, ${CLUSTER_SG_ID}): 1 inbound rule"
change revoke ingress "${CLUSTER_SG_ID}" \
  cluster-in-all-self "${CLUSTER_SG_ID}"' False -1 -1 -1 '"${CLUSTER_SG_ID}" '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic between members of the cluster security group"}]}'

echo "EKS cluster security group (cluster, ${CLUSTER_SG_ID}): 7 outbound rules"
change revoke egress "${CLUSTER_SG_ID}" \
  cluster-out-all-ipv4 "${CLUSTER_SG_ID}"' True -1 -1 -1 0.0.0.0/0' '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}' \
  cluster-out-all-ipv6 "${CLUSTER_SG_ID}"' True -1 -1 -1 ::/0' '{"IpProtocol":"-1","Ipv6Ranges":[{"CidrIpv6":"::/0","Description":"All outbound IPv6 traffic"}]}' \
  cluster-out-all-self "${CLUSTER_SG_ID}"' True -1 -1 -1 '"${CLUSTER_SG_ID}" '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic to members of the cluster security group (EFA)"}]}' \
  cluster-out-restricted-dns-tcp "${CLUSTER_SG_ID}"' True tcp 53 53 '"${CLUSTER_SG_ID}" '{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over TCP (restricted egress)"}]}' \
  cluster-out-restricted-dns-udp "${CLUSTER_SG_ID}"' True udp 53 53 '"${CLUSTER_SG_ID}" '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over UDP (restricted egress)"}]}' \
  cluster-out-restricted-https "${CLUSTER_SG_ID}"' True tcp 443 443 '"${CLUSTER_SG_ID}" '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server (restricted egress)"}]}' \
  cluster-out-restricted-kubelet "${CLUSTER_SG_ID}"' True tcp 10250 10250 '"${CLUSTER_SG_ID}" '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubelet API (restricted egress)"}]}'
echo "Done."
