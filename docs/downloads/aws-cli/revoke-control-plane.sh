#!/usr/bin/env bash
# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# Removes the rules of one group: Additional cluster security group (control-plane).
#
# Usage: bash revoke-control-plane.sh [--yes]  (lists the rules, asks unless --yes, removes them)
#
# Set these variables first:
#   CONTROL_PLANE_SG_ID      ID of the Additional cluster security group (control-plane)
#   NODE_SG_ID               ID of the Worker node security group (node)
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
check_sg CONTROL_PLANE_SG_ID
check_sg NODE_SG_ID
confirmed=0
case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  -y | --yes) confirmed=1 ;;
  "") ;;
  *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
stop_if_invalid
echo "This removes 10 rules. Without the default and minimum ones, the cluster stops working:"
printf '  %s\n' \
  'control-plane-in-https-from-node: control-plane inbound tcp 443 node [minimum]' \
  'control-plane-out-ephemeral-to-node: control-plane outbound tcp 1025-65535 node [eksctl-broad]' \
  'control-plane-out-https-to-node: control-plane outbound tcp 443 node [istio, eksctl-broad]' \
  'control-plane-out-istio-webhook-to-node: control-plane outbound tcp 15017 node [istio]' \
  'control-plane-out-kubelet-to-node: control-plane outbound tcp 10250 node [minimum]' \
  'control-plane-out-metrics-server-10251-to-node: control-plane outbound tcp 10251 node [metrics-server]' \
  'control-plane-out-metrics-server-4443-to-node: control-plane outbound tcp 4443 node [metrics-server]' \
  'control-plane-out-prometheus-adapter-to-node: control-plane outbound tcp 6443 node [prometheus-adapter]' \
  'control-plane-out-webhook-8443-to-node: control-plane outbound tcp 8443 node [knative, karpenter, gatekeeper]' \
  'control-plane-out-webhook-9443-to-node: control-plane outbound tcp 9443 node [aws-load-balancer-controller, ingress-nginx]'
if ((!confirmed)); then
  answer=""
  read -r -p "Type yes to remove these rules: " answer || true
  if [[ $answer != yes ]]; then
    echo "Nothing was removed." >&2
    exit 1
  fi
fi
read_existing "${CONTROL_PLANE_SG_ID}"

echo "Additional cluster security group (control-plane, ${CONTROL_PLANE_SG_ID}): 1 inbound rule"
change revoke ingress "${CONTROL_PLANE_SG_ID}" \
  control-plane-in-https-from-node "${CONTROL_PLANE_SG_ID}"' False tcp 443 443 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubelets and pods on nodes to the Kubernetes API server"}]}'

echo "Additional cluster security group (control-plane, ${CONTROL_PLANE_SG_ID}): 9 outbound rules"
change revoke egress "${CONTROL_PLANE_SG_ID}" \
  control-plane-out-ephemeral-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 1025 65535 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to any non-privileged port on nodes"}]}' \
  control-plane-out-https-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 443 443 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to services on nodes on 443"}]}' \
  control-plane-out-istio-webhook-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 15017 15017 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to the istiod webhook container port"}]}' \
  control-plane-out-kubelet-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 10250 10250 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to kubelets on nodes"}]}' \
  control-plane-out-metrics-server-10251-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 10251 10251 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":10251,"ToPort":10251,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 10251 (EKS add-on)"}]}' \
  control-plane-out-metrics-server-4443-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 4443 4443 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":4443,"ToPort":4443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 4443 (community chart)"}]}' \
  control-plane-out-prometheus-adapter-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 6443 6443 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":6443,"ToPort":6443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to prometheus-adapter on 6443"}]}' \
  control-plane-out-webhook-8443-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 8443 8443 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":8443,"ToPort":8443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 8443 (Knative, Karpenter, Gatekeeper)"}]}' \
  control-plane-out-webhook-9443-to-node "${CONTROL_PLANE_SG_ID}"' True tcp 9443 9443 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":9443,"ToPort":9443,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, ingress-nginx)"}]}'
echo "Done."
