#!/bin/sh
# shellcheck disable=SC2016  # text in single quotes is meant literally, $ and ` too
# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)
# Adds the rules of one group: Control-plane SG (control-plane).
#
# Usage: sh apply-control-plane.sh [--dry-run] [--update-descriptions]  (adds what is missing)
#   --dry-run              list the groups' rules (one read-only describe call),
#                          print the calls that would change them, change nothing
#   --update-descriptions  also set the description of a rule that has another
#   -h, --help             print this and exit
#
# It lists the groups' rules in one describe-security-groups call, then makes one
# call per group and direction; a rule already there (or gone) is only reported.
#
# Set these variables first:
#   NODE_SG_ID               ID of the Node SG (node)
#   CONTROL_PLANE_SG_ID      ID of the Control-plane SG (control-plane)
# The AWS CLI takes account, region and endpoint from its usual settings
# (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).
# Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell.
action=authorize
usage() {
  printf '%s\n' \
    'Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.' \
    'eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)' \
    'Adds the rules of one group: Control-plane SG (control-plane).' \
    '' \
    'Usage: sh apply-control-plane.sh [--dry-run] [--update-descriptions]  (adds what is missing)' \
    '  --dry-run              list the groups'\'' rules (one read-only describe call),' \
    '                         print the calls that would change them, change nothing' \
    '  --update-descriptions  also set the description of a rule that has another' \
    '  -h, --help             print this and exit' \
    '' \
    'It lists the groups'\'' rules in one describe-security-groups call, then makes one' \
    'call per group and direction; a rule already there (or gone) is only reported.' \
    '' \
    'Set these variables first:' \
    '  NODE_SG_ID               ID of the Node SG (node)' \
    '  CONTROL_PLANE_SG_ID      ID of the Control-plane SG (control-plane)' \
    'The AWS CLI takes account, region and endpoint from its usual settings' \
    '(AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).' \
    'Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell.'
}
check_variables() {
  check_sg NODE_SG_ID "${NODE_SG_ID:-}"
  check_sg CONTROL_PLANE_SG_ID "${CONTROL_PLANE_SG_ID:-}"
}
listing() {
  printf '%s\n' 'This removes 2 rules. Without the default and minimum ones, the cluster stops working:'
  printf '  %s\n' \
    'control-plane-out-kubelet: control-plane outbound tcp 10250 node [minimum]' \
    'control-plane-out-webhook: control-plane outbound tcp 15017 node [istio]'
}
# POSIX sh from here on (dash, bash 3.2 and later, busybox sh): no arrays, no bash tests, no local.
set -eu
tab=$(printf '\t')
nl='
'
default_region="the CLI's default region"
region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$default_region}}
dry_run=0 update=0 confirmed=0 invalid=0 existing=''

for arg do  # every argument, before anything else: --help needs no variables
  case $action:$arg in
    *:-h | *:--help) usage; exit 0 ;;
    *:--dry-run) dry_run=1 ;;
    authorize:--update-descriptions) update=1 ;;
    revoke:-y | revoke:--yes) confirmed=1 ;;
    *) printf "error: unknown argument '%s' (try --help)\n" "$arg" >&2; exit 2 ;;
  esac
done

if [ "$action" = authorize ]; then
  did=added skipped=present harmless=InvalidPermission.Duplicate
else
  did=removed skipped=absent harmless=InvalidPermission.NotFound
fi
if [ "$dry_run" = 1 ]; then did="to $action"; fi

bad_variable() {  # bad_variable NAME VALUE WHAT
  printf "error: %s must be %s (it is '%s')\n" "$1" "$3" "$2" >&2
  invalid=1
}
check_sg() {  # check_sg NAME VALUE: sg- and 8 or 17 lowercase hex digits
  hex=${2#sg-}
  case $2:${#hex} in
    sg-*:8 | sg-*:17) case $hex in *[!0123456789abcdef]*) ;; *) return 0 ;; esac ;;
  esac
  bad_variable "$1" "$2" "a security group ID such as sg-0123456789abcdef0"
}
check_port() {  # check_port NAME VALUE: a port from 1 to 65535, no sign or leading zero
  case $2 in
    '' | 0* | *[!0123456789]*) ;;
    *) if [ "${#2}" -le 5 ] && [ "$2" -le 65535 ]; then return 0; fi ;;
  esac
  bad_variable "$1" "$2" "a port from 1 to 65535"
}
check_ipv4_cidr() {  # check_ipv4_cidr NAME VALUE: a.b.c.d/n, octets 0-255, prefix 0-32
  case $2 in
    */*/* | *[!0123456789./]*) ;;
    */*)
      if octets_ok "${2%/*}" && number_ok "${2#*/}" 32; then return 0; fi ;;
  esac
  bad_variable "$1" "$2" "an IPv4 CIDR such as 10.0.0.0/16"
}
octets_ok() {  # octets_ok a.b.c.d: four numbers from 0 to 255
  rest=$1.
  for _ in 1 2 3 4; do
    number_ok "${rest%%.*}" 255 || return 1
    rest=${rest#*.}
  done
  [ -z "$rest" ]
}
number_ok() {  # number_ok TEXT MAX: a decimal number from 0 to MAX, no sign or leading zero
  case $1 in '' | 0?* | *[!0123456789]*) return 1 ;; esac
  [ "${#1}" -le 3 ] && [ "$1" -le "$2" ]
}
check_ipv6_cidr() {  # check_ipv6_cidr NAME VALUE: lower-case hex groups and colons, /0 to /128
  case $2 in
    */*/* | *[!0123456789abcdef:/]*) ;;
    *:*/*) if number_ok "${2#*/}" 128; then return 0; fi ;;
  esac
  bad_variable "$1" "$2" "an IPv6 CIDR in lower case such as 2001:db8::/32"
}
check_prefix_list() {  # check_prefix_list NAME VALUE: pl- and 8 or 17 lowercase hex digits
  hex=${2#pl-}
  case $2:${#hex} in
    pl-*:8 | pl-*:17) case $hex in *[!0123456789abcdef]*) ;; *) return 0 ;; esac ;;
  esac
  bad_variable "$1" "$2" "a prefix-list ID such as pl-0123456789abcdef0"
}
fail() {  # fail MESSAGE: AWS refused, or a group is not there (exit 1)
  printf 'error: %s\n' "$1" >&2
  exit 1
}
report() {  # report WORD ID [NOTE]: one line per rule, e.g. "  added    node-in-all-self"
  printf '  %-8s %s%s\n' "$1" "$2" "${3:-}"
}
section() {  # section TITLE ROLE GROUP_ID WHAT: the heading of one call
  printf '%s (%s, %s): %s\n' "$1" "$2" "$3" "$4"
}
sh_quote() {  # sh_quote TEXT: TEXT as one single-quoted shell word, to show a command
  printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}
aws_ec2() {  # aws_ec2 VERB GROUP_ID PERMISSIONS_JSON: prints AWS's error text on failure
  { aws ec2 "$1" --group-id "$2" --ip-permissions "$3" >/dev/null; } 2>&1
}

# describe-security-groups as tagged rows: "G id", "P egress protocol from to", "R peer
# description" (describe-security-group-rules would do, but moto drops the description of
# group-referenced rules there). awk makes them "G id" and "KEY<tab>DESCRIPTION" lines.
rules_query="SecurityGroups[].[['G',GroupId],\
IpPermissions[].[['P','False',IpProtocol,FromPort,ToPort],\
UserIdGroupPairs[].['R',GroupId,Description],IpRanges[].['R',CidrIp,Description],\
Ipv6Ranges[].['R',CidrIpv6,Description],PrefixListIds[].['R',PrefixListId,Description]],\
IpPermissionsEgress[].[['P','True',IpProtocol,FromPort,ToPort],\
UserIdGroupPairs[].['R',GroupId,Description],IpRanges[].['R',CidrIp,Description],\
Ipv6Ranges[].['R',CidrIpv6,Description],PrefixListIds[].['R',PrefixListId,Description]]]"
rules_awk='
$1 == "G" { group = $2; print "G " group }
$1 == "P" { egress = $2; protocol = $3; low = $4; high = $5 }
$1 == "P" && protocol == "-1" { low = -1; high = -1 }
$1 == "R" { print group " " egress " " protocol " " low " " high " " $2 "\t" $3 }'
read_existing() {  # read_existing GROUP_ID...: every rule of the groups, in one call
  if ! listing=$(aws ec2 describe-security-groups --output text --group-ids "$@" \
    --query "$rules_query" 2>&1); then
    fail "could not list the rules of security group $* in $region: $listing"
  fi
  existing=$nl$(printf '%s\n' "$listing" | awk -F "$tab" "$rules_awk")$nl
  for group do
    case $existing in
      *"${nl}G $group$nl"*) ;;
      *) fail "security group $group is not in $region (the listing did not return it)" ;;
    esac
  done
}
classify() {  # classify KEY DESCRIPTION: $rule_state absent|present|differs, $rule_kind change|fix|none
  case $existing in
    *"$nl$1$tab$2$nl"*) rule_state=present ;;
    *"$nl$1$tab"*) rule_state=differs ;;
    *) rule_state=absent ;;
  esac
  case $action:$rule_state:$update in
    authorize:absent:* | revoke:present:* | revoke:differs:*) rule_kind=change ;;
    authorize:differs:1) rule_kind=fix ;;
    *) rule_kind=none ;;
  esac
}
sort_rules() {  # sort_rules ID KEY DESCRIPTION PERMISSION ...: report what needs no call, and
  # gather the rest as comma-joined JSON: $batch to add or remove, $fixes to set descriptions
  batch='' fixes=''
  while [ $# -gt 0 ]; do
    classify "$2" "$3"
    case $rule_kind:$rule_state in
      change:*) batch=$batch${batch:+,}$4 ;;
      fix:*) fixes=$fixes${fixes:+,}$4 ;;
      none:differs) report present "$1" ", description differs (--update-descriptions sets it)" ;;
      none:*) report "$skipped" "$1" ;;
    esac
    shift 4
  done
}
report_kind() {  # report_kind KIND WORD ID KEY DESCRIPTION PERMISSION ...: the rules of one call
  kind=$1 word=$2
  shift 2
  while [ $# -gt 0 ]; do
    classify "$2" "$3"
    if [ "$rule_kind" = "$kind" ]; then report "$word" "$1"; fi
    shift 4
  done
}
one_by_one() {  # one_by_one VERB ID KEY DESCRIPTION PERMISSION ...: the batch, one call per rule
  verb=$1
  shift
  while [ $# -gt 0 ]; do
    classify "$2" "$3"
    if [ "$rule_kind" != change ]; then
      :
    elif out=$(aws_ec2 "$verb" "$group" "[$4]"); then
      report "$did" "$1"
    else
      case $out in *"$harmless"*) report "$skipped" "$1" ;; *) fail "$1: $out" ;; esac
    fi
    shift 4
  done
}
send() {  # send KIND VERB ITEMS WORD ID KEY DESCRIPTION PERMISSION ...: one call for a batch
  kind=$1 verb=$2 items=$3 word=$4
  shift 4
  if [ "$dry_run" = 1 ]; then
    printf '  would run: aws ec2 %s --group-id %s --ip-permissions %s\n' \
      "$verb" "$group" "$(sh_quote "[$items]")"
    report_kind "$kind" "$word" "$@"
  elif out=$(aws_ec2 "$verb" "$group" "[$items]"); then
    report_kind "$kind" "$word" "$@"
  else
    # EC2 refuses the whole batch if one rule is already there (or, for a revoke, already
    # gone): then go one by one, and such a rule is only reported.
    case $kind:$out in change:*"$harmless"*) ;; *) fail "$out" ;; esac
    one_by_one "$verb" "$@"
  fi
}
change() {  # change ingress|egress GROUP_ID ID KEY DESCRIPTION PERMISSION [ID KEY DESCRIPTION PERMISSION ...]
  direction=$1 group=$2
  shift 2
  sort_rules "$@"
  if [ -n "$batch" ]; then
    send change "$action-security-group-$direction" "$batch" "$did" "$@"
  fi
  if [ -n "$fixes" ]; then
    if [ "$dry_run" = 1 ]; then word="to fix"; else word=updated; fi
    send fix "update-security-group-rule-descriptions-$direction" "$fixes" "$word" "$@"
  fi
}

check_variables
if [ "$invalid" = 1 ]; then
  echo "Set the variables above, then run this again. Nothing was changed." >&2
  exit 2
fi
if [ "$dry_run" = 1 ]; then
  echo "Dry run: lists the groups' rules (a read-only call) and changes nothing."
fi
if [ "$action" = revoke ]; then
  listing
  if [ "$dry_run" = 0 ] && [ "$confirmed" = 0 ]; then
    printf 'Type yes to remove these rules: ' >&2
    answer=''
    read -r answer || true
    if [ "$answer" != yes ]; then
      echo "Nothing was removed." >&2
      exit 1
    fi
  fi
fi

read_existing "${CONTROL_PLANE_SG_ID}"

section 'Control-plane SG' control-plane "${CONTROL_PLANE_SG_ID}" '2 outbound rules'
change egress "${CONTROL_PLANE_SG_ID}" \
  control-plane-out-kubelet "${CONTROL_PLANE_SG_ID}"' True tcp 10250 10250 '"${NODE_SG_ID}" 'Kubelet API' '{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubelet API"}]}' \
  control-plane-out-webhook "${CONTROL_PLANE_SG_ID}"' True tcp 15017 15017 '"${NODE_SG_ID}" 'istiod webhook' '{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"istiod webhook"}]}'

if [ "$dry_run" = 1 ]; then echo "Done (dry run: nothing was changed)."; else echo "Done."; fi
