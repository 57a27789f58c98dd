listed=0  # 1 once read_existing has listed the groups' rules: unlisted ones are then absent
revoke() {  # revoke ingress|egress GROUP_ID ID KEY PERMISSION [ID KEY PERMISSION ...]
  local verb="revoke-security-group-$1" group=$2 out i
  shift 2
  local ids=() perms=() absent=()
  while (($#)); do
    if ((listed)) && [[ -z ${existing[$2]:-} ]]; then absent+=("$1"); else ids+=("$1"); perms+=("$3"); fi
    shift 3
  done
  ((${#absent[@]} == 0)) || printf '  absent   %s\n' "${absent[@]}"
  ((${#ids[@]})) || return 0
  # One call for the rest; if some rule is already gone, go one by one.
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
