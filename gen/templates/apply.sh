apply() {  # apply ingress|egress GROUP_ID ID KEY PERMISSION [ID KEY PERMISSION ...]
  local verb="authorize-security-group-$1" group=$2 out i
  shift 2
  local ids=() perms=() present=()
  while (($#)); do
    if [[ -n ${existing[$2]:-} ]]; then present+=("$1"); else ids+=("$1"); perms+=("$3"); fi
    shift 3
  done
  ((${#present[@]} == 0)) || printf '  present  %s\n' "${present[@]}"
  ((${#ids[@]})) || return 0
  # One call for the rest; EC2 rejects a batch with any existing rule, so then go one by one.
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
