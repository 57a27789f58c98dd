apply() {  # apply ingress|egress GROUP_ID ID PERMISSION [ID PERMISSION ...]
  local verb="authorize-security-group-$1" group=$2 out i
  shift 2
  local ids=() perms=()
  while (($#)); do ids+=("$1"); perms+=("$2"); shift 2; done
  # One call for the whole batch; EC2 rejects a batch with any existing rule, so then go one by one.
  if out=$(aws_ec2 "$verb" "$group" "[$(IFS=,; echo "${perms[*]}")]"); then
    printf '  added    %s\n' "${ids[@]}"
    return
  fi
  [[ $out == *InvalidPermission.Duplicate* ]] || fail "$out"
  for i in "${!ids[@]}"; do
    if out=$(aws_ec2 "$verb" "$group" "[${perms[i]}]"); then
      echo "  added    ${ids[i]}"
    elif [[ $out == *InvalidPermission.Duplicate* ]]; then
      echo "  present  ${ids[i]}"
    else
      fail "${ids[i]}: $out"
    fi
  done
}

case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  "") ;;
  *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
