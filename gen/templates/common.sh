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

declare -A existing=()
read_existing() {  # read_existing GROUP_ID...: the rules the groups have now, in one call
  local out line
  if ! out=$(aws ec2 describe-security-group-rules --output text \
    --filters "Name=group-id,Values=$(IFS=,; echo "$*")" \
    --query 'SecurityGroupRules[].[GroupId,IsEgress,IpProtocol,FromPort,ToPort,CidrIpv4||CidrIpv6||ReferencedGroupInfo.GroupId]' 2>&1); then
    echo "note: could not list the current rules, so every rule is tried: ${out##*: }" >&2
    return 1
  fi
  while IFS= read -r line; do
    [[ -z $line ]] || existing["${line//$'\t'/ }"]=1
  done <<<"$out"
}
