#!/usr/bin/env bash
# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# Removes the rules of one group: Control-plane SG (control-plane).
#
# Usage: bash revoke-control-plane.sh [--yes]  (lists the rules, asks unless --yes, removes them)
#
# Set these variables first:
#   NODE_SG_ID               ID of the Node SG (node)
#   CONTROL_PLANE_SG_ID      ID of the Control-plane SG (control-plane)
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
check_sg NODE_SG_ID
check_sg CONTROL_PLANE_SG_ID
confirmed=0
case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  -y | --yes) confirmed=1 ;;
  "") ;;
  *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
stop_if_invalid
echo "This removes 2 rules. Without the default and minimum ones, the cluster stops working:"
printf '  %s\n' \
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
read_existing "${CONTROL_PLANE_SG_ID}"

echo "Control-plane SG (control-plane, ${CONTROL_PLANE_SG_ID}): 2 outbound rules"
change revoke egress "${CONTROL_PLANE_SG_ID}" \
  control-plane-out-kubelet "${CONTROL_PLANE_SG_ID}"' True tcp 10250 10250 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubelet API"}]}' \
  control-plane-out-webhook "${CONTROL_PLANE_SG_ID}"' True tcp 15017 15017 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"istiod webhook"}]}'
echo "Done."
