#!/usr/bin/env bash
# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# Removes the rules of one group: Worker node security group (node).
#
# Usage: bash revoke-node.sh [--yes]  (lists the rules, asks unless --yes, removes them)
#
# Set these variables first:
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
check_sg ALB_SG_ID
check_sg NLB_SG_ID
check_port ALB_LISTENER_PORT
check_port ALB_HEALTH_CHECK_PORT
check_port NLB_LISTENER_PORT
check_port NLB_HEALTH_CHECK_PORT
confirmed=0
case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  -y | --yes) confirmed=1 ;;
  "") ;;
  *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
stop_if_invalid
echo "This removes 22 rules. Without the default and minimum ones, the cluster stops working:"
printf '  %s\n' \
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
  'node-out-all-ipv6: node outbound all All ::/0 [ipv6]'
if ((!confirmed)); then
  answer=""
  read -r -p "Type yes to remove these rules: " answer || true
  if [[ $answer != yes ]]; then
    echo "Nothing was removed." >&2
    exit 1
  fi
fi
read_existing "${NODE_SG_ID}"

echo "Worker node security group (node, ${NODE_SG_ID}): 20 inbound rules"
change revoke ingress "${NODE_SG_ID}" \
  node-in-alb-health-check "${NODE_SG_ID}"' False tcp '"${ALB_HEALTH_CHECK_PORT}"' '"${ALB_HEALTH_CHECK_PORT}"' '"${ALB_SG_ID}" '{"IpProtocol":"tcp","FromPort":'"${ALB_HEALTH_CHECK_PORT}"',"ToPort":'"${ALB_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB health checks"}]}' \
  node-in-alb-listener "${NODE_SG_ID}"' False tcp '"${ALB_LISTENER_PORT}"' '"${ALB_LISTENER_PORT}"' '"${ALB_SG_ID}" '{"IpProtocol":"tcp","FromPort":'"${ALB_LISTENER_PORT}"',"ToPort":'"${ALB_LISTENER_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${ALB_SG_ID}"'","Description":"ALB to the Service NodePort (instance targets)"}]}' \
  node-in-all-self "${NODE_SG_ID}"' False -1 -1 -1 '"${NODE_SG_ID}" '{"IpProtocol":"-1","UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"All traffic between nodes (pod-to-pod, CoreDNS, node ports)"}]}' \
  node-in-dns-tcp-self "${NODE_SG_ID}"' False tcp 53 53 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over TCP between nodes"}]}' \
  node-in-dns-udp-self "${NODE_SG_ID}"' False udp 53 53 '"${NODE_SG_ID}" '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"CoreDNS over UDP between nodes"}]}' \
  node-in-ephemeral-from-control-plane "${NODE_SG_ID}"' False tcp 1025 65535 '"${CONTROL_PLANE_SG_ID}" '{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to any non-privileged port on nodes"}]}' \
  node-in-ephemeral-self "${NODE_SG_ID}"' False tcp 1025 65535 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":1025,"ToPort":65535,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Node to node on non-privileged ports"}]}' \
  node-in-hbone-self "${NODE_SG_ID}"' False tcp 15008 15008 '"${NODE_SG_ID}" '{"IpProtocol":"tcp","FromPort":15008,"ToPort":15008,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Istio ambient HBONE between nodes (ztunnel and waypoints)"}]}' \
  node-in-https-from-control-plane "${NODE_SG_ID}"' False tcp 443 443 '"${CONTROL_PLANE_SG_ID}" '{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to services on nodes on 443"}]}' \
  node-in-istio-webhook-from-control-plane "${NODE_SG_ID}"' False tcp 15017 15017 '"${CONTROL_PLANE_SG_ID}" '{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to the istiod webhook container port"}]}' \
  node-in-kubelet-from-control-plane "${NODE_SG_ID}"' False tcp 10250 10250 '"${CONTROL_PLANE_SG_ID}" '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to the kubelet API"}]}' \
  node-in-metrics-server-10251-from-control-plane "${NODE_SG_ID}"' False tcp 10251 10251 '"${CONTROL_PLANE_SG_ID}" '{"IpProtocol":"tcp","FromPort":10251,"ToPort":10251,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 10251 (EKS add-on)"}]}' \
  node-in-metrics-server-4443-from-control-plane "${NODE_SG_ID}"' False tcp 4443 4443 '"${CONTROL_PLANE_SG_ID}" '{"IpProtocol":"tcp","FromPort":4443,"ToPort":4443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to metrics-server on 4443 (community chart)"}]}' \
  node-in-nlb-health-check "${NODE_SG_ID}"' False tcp '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_HEALTH_CHECK_PORT}"' '"${NLB_SG_ID}" '{"IpProtocol":"tcp","FromPort":'"${NLB_HEALTH_CHECK_PORT}"',"ToPort":'"${NLB_HEALTH_CHECK_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB health checks"}]}' \
  node-in-nlb-listener "${NODE_SG_ID}"' False tcp '"${NLB_LISTENER_PORT}"' '"${NLB_LISTENER_PORT}"' '"${NLB_SG_ID}" '{"IpProtocol":"tcp","FromPort":'"${NLB_LISTENER_PORT}"',"ToPort":'"${NLB_LISTENER_PORT}"',"UserIdGroupPairs":[{"GroupId":"'"${NLB_SG_ID}"'","Description":"NLB to the Service NodePort (instance targets)"}]}' \
  node-in-pmtud-icmp-self "${NODE_SG_ID}"' False icmp 3 4 '"${NODE_SG_ID}" '{"IpProtocol":"icmp","FromPort":3,"ToPort":4,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Path MTU discovery: destination unreachable, fragmentation needed and DF set"}]}' \
  node-in-pmtud-icmpv6-self "${NODE_SG_ID}"' False icmpv6 2 0 '"${NODE_SG_ID}" '{"IpProtocol":"icmpv6","FromPort":2,"ToPort":0,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Path MTU discovery for IPv6: packet too big"}]}' \
  node-in-prometheus-adapter-from-control-plane "${NODE_SG_ID}"' False tcp 6443 6443 '"${CONTROL_PLANE_SG_ID}" '{"IpProtocol":"tcp","FromPort":6443,"ToPort":6443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to prometheus-adapter on 6443"}]}' \
  node-in-webhook-8443-from-control-plane "${NODE_SG_ID}"' False tcp 8443 8443 '"${CONTROL_PLANE_SG_ID}" '{"IpProtocol":"tcp","FromPort":8443,"ToPort":8443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 8443 (Knative, Karpenter, Gatekeeper)"}]}' \
  node-in-webhook-9443-from-control-plane "${NODE_SG_ID}"' False tcp 9443 9443 '"${CONTROL_PLANE_SG_ID}" '{"IpProtocol":"tcp","FromPort":9443,"ToPort":9443,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubernetes API server to webhooks on 9443 (AWS Load Balancer Controller, ingress-nginx)"}]}'

echo "Worker node security group (node, ${NODE_SG_ID}): 2 outbound rules"
change revoke egress "${NODE_SG_ID}" \
  node-out-all-ipv4 "${NODE_SG_ID}"' True -1 -1 -1 0.0.0.0/0' '{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}' \
  node-out-all-ipv6 "${NODE_SG_ID}"' True -1 -1 -1 ::/0' '{"IpProtocol":"-1","Ipv6Ranges":[{"CidrIpv6":"::/0","Description":"All outbound IPv6 traffic"}]}'
echo "Done."
