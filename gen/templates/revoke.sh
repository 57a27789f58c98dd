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
