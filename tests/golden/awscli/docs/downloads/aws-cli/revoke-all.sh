#!/usr/bin/env bash
# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# Removes every rule of eks-sg-reference.
#
# Usage: bash revoke-all.sh [--yes]  (lists the rules, asks unless --yes, removes them)
#
# Set these variables first:
#   NODE_SG_ID               ID of the Node SG (node)
#   CONTROL_PLANE_SG_ID      ID of the Control-plane SG (control-plane)
#   LISTENER_PORT            Listener port (e.g. 30080)
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
check_sg NODE_SG_ID
check_sg CONTROL_PLANE_SG_ID
check_port LISTENER_PORT
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
echo "This removes 6 rules. Without the default and minimum ones, the cluster stops working:"
printf '  %s\n' \
  'node-in-kubelet: node inbound tcp 10250 control-plane [minimum]' \
  'node-in-pmtud: node inbound icmp type 3 code 4 self [minimum]' \
  'node-in-listener: node inbound tcp listener-port 10.0.0.0/16 [minimum]' \
  'node-in-webhook: node inbound tcp 15017 control-plane [istio]' \
  'control-plane-out-kubelet: control-plane outbound tcp 10250 node [minimum]' \
  'control-plane-out-webhook: control-plane outbound tcp 15017 node [istio]'
if ((!confirmed)); then
  answer=""
  read -r -p "Type yes to remove these rules: " answer || true
  if [[ $answer != yes ]]; then
    echo "Nothing was removed." >&2
    exit 1
  fi
fi

echo "Node SG (node, ${NODE_SG_ID}): 4 inbound rules"
revoke ingress "${NODE_SG_ID}" \
  node-in-kubelet '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubelet API"}]}' \
  node-in-pmtud '{"IpProtocol":"icmp","FromPort":3,"ToPort":4,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Path MTU discovery"}]}' \
  node-in-listener '{"IpProtocol":"tcp","FromPort":'"${LISTENER_PORT}"',"ToPort":'"${LISTENER_PORT}"',"IpRanges":[{"CidrIp":"10.0.0.0/16","Description":"Listener from the VPC"}]}' \
  node-in-webhook '{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"istiod webhook"}]}'

echo "Control-plane SG (control-plane, ${CONTROL_PLANE_SG_ID}): 2 outbound rules"
revoke egress "${CONTROL_PLANE_SG_ID}" \
  control-plane-out-kubelet '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubelet API"}]}' \
  control-plane-out-webhook '{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"istiod webhook"}]}'
echo "Done."
