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
check_sg CLUSTER_SG_ID
revoke() {  # revoke ingress|egress GROUP_ID ID PERMISSION [ID PERMISSION ...]
  local verb="revoke-security-group-$1" group=$2 out i
  shift 2
  local ids=() perms=()
  while (($#)); do ids+=("$1"); perms+=("$2"); shift 2; done
  # One call for the whole batch; if some rule is already gone, go one by one.
  if out=$(aws_ec2 "$verb" "$group" "[$(IFS=,; echo "${perms[*]}")]"); then
    printf '  removed  %s\n' "${ids[@]}"
    return
  fi
  [[ $out == *InvalidPermission.NotFound* ]] || fail "$out"
  for i in "${!ids[@]}"; do
    if out=$(aws_ec2 "$verb" "$group" "[${perms[i]}]"); then
      echo "  removed  ${ids[i]}"
    elif [[ $out == *InvalidPermission.NotFound* ]]; then
      echo "  absent   ${ids[i]}"
    else
      fail "${ids[i]}: $out"
    fi
  done
}

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

echo "EKS cluster security group (cluster, ${CLUSTER_SG_ID}): 1 inbound rule"
revoke ingress "${CLUSTER_SG_ID}" \
  cluster-in-all-self '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic between members of the cluster security group"}]}'

echo "EKS cluster security group (cluster, ${CLUSTER_SG_ID}): 7 outbound rules"
revoke egress "${CLUSTER_SG_ID}" \
  cluster-out-all-ipv4 '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}' \
  cluster-out-all-ipv6 '{"IpProtocol":"-1","Ipv6Ranges":[{"CidrIpv6":"::/0","Description":"All outbound IPv6 traffic"}]}' \
  cluster-out-all-self '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"All traffic to members of the cluster security group (EFA)"}]}' \
  cluster-out-restricted-dns-tcp '{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over TCP (restricted egress)"}]}' \
  cluster-out-restricted-dns-udp '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"CoreDNS over UDP (restricted egress)"}]}' \
  cluster-out-restricted-https '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubernetes API server (restricted egress)"}]}' \
  cluster-out-restricted-kubelet '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CLUSTER_SG_ID}"'","Description":"Kubelet API (restricted egress)"}]}'
echo "Done."
