#!/bin/sh
# shellcheck disable=SC2016  # text in single quotes is meant literally, $ and ` too
# Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.
# eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)
# Removes the rules of eks-sg-reference a setup needs.
#
# Usage: sh revoke.sh [--with ID[,ID...]] [--group ROLE[,ROLE...]] [--dry-run]
#                     [--yes]  (lists the rules, asks unless --yes, removes them)
#        sh revoke.sh --list  (the categories, with what each is for)
#   --with ID[,ID...]      the categories your cluster runs, on top of the baseline;
#                          repeat it or use commas (default: the default_with line below)
#   --group ROLE[,ROLE...] only the rules of these roles' groups and the rules
#                          carried onto them (as eks-sg rules --group shows them);
#                          repeat it or use commas (default: the default_group line below)
#   --list                 list the categories and exit
#   --dry-run              list the groups' rules (one read-only describe call),
#                          print the calls that would change them, change nothing
#   -y, --yes              remove without asking
#   -h, --help             print this and exit
#
# It selects the rules of the categories in force whose groups exist, leaves out
# the ones the groups already allow (it says what does: covered), lists
# the groups' rules in one describe-security-groups call, then makes one call per
# group and direction; a rule already there (or gone) is only reported.
#
# Set the variables the selected rules use (it names any that are missing):
#   NODE_SG_ID               ID of the Node SG (node)
#   CONTROL_PLANE_SG_ID      ID of the Control-plane SG (control-plane)
#   LISTENER_PORT            Listener port (e.g. 30080)
# The AWS CLI takes account, region and endpoint from its usual settings
# (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).
# Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell.
action=revoke
# The roles whose groups' rules change when no --group is given, and the categories applied
# when no --with is given: comma-separated ids; empty: every group, and the baseline alone.
# `eks-sg rules --format aws-cli` sets them, the setup picker default_with (and, right after
# it, both set the IDs and values you gave them); --group and --with replace them.
default_group=''
default_with=''
# POSIX sh from here on (dash, bash 3.2 and later, busybox sh): no arrays, no bash tests, no local.
# Lists are words separated by spaces (category ids, roles, rule numbers, variable names),
# split unquoted and tested with in_list; -f: such a split never turns * or ? into file names.
set -euf
tab=$(printf '\t')
nl='
'
default_region="the CLI's default region"
region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$default_region}}
dry_run=0 update=0 confirmed=0 invalid=0 existing='' list=0 with_given=0 chosen='' ids=''
group_given=0 groups=''
rule_description='' rule_key='' rule_permission='' rule_summary=''  # set by rule_args

usage_error() {  # usage_error MESSAGE: the command was used wrongly (exit 2)
  printf 'error: %s\n' "$1" >&2
  exit 2
}
in_list() {  # in_list WORD 'LIST': whether WORD is one of the LIST's words
  case " $2 " in *" $1 "*) return 0 ;; esac
  return 1
}
any_in() {  # any_in 'WORDS' 'LIST': whether one of WORDS is in LIST
  for word in $1; do
    if in_list "$word" "$2"; then return 0; fi
  done
  return 1
}
all_in() {  # all_in 'WORDS' 'LIST': whether every one of WORDS is in LIST
  for word in $1; do
    if ! in_list "$word" "$2"; then return 1; fi
  done
  return 0
}
add_with() {  # add_with 'ID[,ID...]': check each category id and add it to $chosen, once
  ids=$chosen
  add_ids --with "category ids" "$1" "$categories" unknown_category
  chosen=$ids
}
add_group() {  # add_group 'ROLE[,ROLE...]': check each role and add it to $groups, once
  ids=$groups
  add_ids --group roles "$1" "$roles" unknown_group
  groups=$ids
}
add_ids() {  # add_ids OPTION WHAT 'ID[,ID...]' 'VALID' UNKNOWN: add each id to $ids, once
  rest=$3,
  if [ -z "$3" ]; then return 0; fi  # --with '' or --group '': nothing to add
  while [ -n "$rest" ]; do
    id=${rest%%,*} rest=${rest#*,}
    case $id in
      '') usage_error "$1 takes $2 separated by commas, not '$3'" ;;
      *[!abcdefghijklmnopqrstuvwxyz0123456789-]*) "$5" "$id" ;;
    esac
    if ! in_list "$id" "$4"; then "$5" "$id"; fi
    if ! in_list "$id" "$ids"; then ids="$ids $id"; fi
  done
}
unknown_category() {  # unknown_category ID: the words of `eks-sg rules`, and the valid ids
  usage_error "unknown category $1; valid: $(commas "$categories") (--list says what each is for)$(did_you_mean "$1" "$categories")"
}
unknown_group() {  # unknown_group ROLE: the words of `eks-sg rules --group`
  usage_error "unknown role $1; valid: $(commas "$roles")$(did_you_mean "$1" "$roles")"
}
commas() {  # commas 'WORDS': the words separated by ", "
  valid=''
  for word in $1; do valid="${valid:+$valid, }$word"; done
  printf '%s' "$valid"
}
did_you_mean() {  # did_you_mean TEXT 'WORDS': "; did you mean WORD?" for the closest word, if any
  # As gen/cli/options.closest: the word in another case, else the most similar one, with
  # similarity 2 * (longest common subsequence) / (both lengths) of at least 0.6.
  printf '%s\n' "$2" | awk -v typed="$1" '
    function similar(a, b,    i, j, m, n, row, prev, diag, best) {
      m = length(a); n = length(b)
      for (j = 0; j <= n; j++) row[j] = 0
      for (i = 1; i <= m; i++) {
        diag = 0
        for (j = 1; j <= n; j++) {
          prev = row[j]
          if (substr(a, i, 1) == substr(b, j, 1)) row[j] = diag + 1
          else if (row[j - 1] > row[j]) row[j] = row[j - 1]
          diag = prev
        }
      }
      return m + n ? 2 * row[n] / (m + n) : 0
    }
    {
      low = tolower(typed); score = 0.6; best = ""
      for (k = 1; k <= NF; k++) if (tolower($k) == low) { print "; did you mean " $k "?"; exit }
      for (k = 1; k <= NF; k++) if ((s = similar(low, tolower($k))) >= score && s > got) {
        got = s; best = $k
      }
      if (best != "") print "; did you mean " best "?"
    }'
}

usage() {  # --help, with the defaults this script holds
  printf '%s\n' \
    'Generated from data/reference.yaml by `eks-sg build`; do not edit by hand.' \
    'eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26)' \
    'Removes the rules of eks-sg-reference a setup needs.' \
    '' \
    'Usage: sh revoke.sh [--with ID[,ID...]] [--group ROLE[,ROLE...]] [--dry-run]' \
    '                    [--yes]  (lists the rules, asks unless --yes, removes them)' \
    '       sh revoke.sh --list  (the categories, with what each is for)' \
    '  --with ID[,ID...]      the categories your cluster runs, on top of the baseline;'
  printf '%s (default: %s)\n' '                         repeat it or use commas' "${default_with:-none, the baseline alone}"
  printf '%s\n' \
    '  --group ROLE[,ROLE...] only the rules of these roles'\'' groups and the rules' \
    '                         carried onto them (as eks-sg rules --group shows them);'
  printf '%s (default: %s)\n' '                         repeat it or use commas' "${default_group:-every group}"
  printf '%s\n' \
    '  --list                 list the categories and exit' \
    '  --dry-run              list the groups'\'' rules (one read-only describe call),' \
    '                         print the calls that would change them, change nothing' \
    '  -y, --yes              remove without asking' \
    '  -h, --help             print this and exit' \
    '' \
    'It selects the rules of the categories in force whose groups exist, leaves out' \
    'the ones the groups already allow (it says what does: covered), lists' \
    'the groups'\'' rules in one describe-security-groups call, then makes one call per' \
    'group and direction; a rule already there (or gone) is only reported.' \
    '' \
    'Set the variables the selected rules use (it names any that are missing):' \
    '  NODE_SG_ID               ID of the Node SG (node)' \
    '  CONTROL_PLANE_SG_ID      ID of the Control-plane SG (control-plane)' \
    '  LISTENER_PORT            Listener port (e.g. 30080)' \
    'The AWS CLI takes account, region and endpoint from its usual settings' \
    '(AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).' \
    'Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell.'
}
# The categories in data order, the baseline ones, and the ones that move roles onto
# another group (each combination of these is one sharing variant of the rules).
categories='minimum istio'
baseline=minimum
sharing_categories=''
roles='node control-plane'
variables='NODE_SG_ID CONTROL_PLANE_SG_ID LISTENER_PORT'
excludes_of() {  # excludes_of ID: $excludes, the categories ID cannot go with
  case "$1" in
    *) excludes='' ;;
  esac
}
only_with_of() {  # only_with_of ROLE: $only_with, the categories its group exists with (empty: always)
  case "$1" in
    *) only_with='' ;;
  esac
}
group_of() {  # group_of ROLE: $group_id and $group_title of the role's group
  case "$1" in
    node) group_id=${NODE_SG_ID:-} group_title='Node SG' ;;
    control-plane) group_id=${CONTROL_PLANE_SG_ID:-} group_title='Control-plane SG' ;;
  esac
}
variant_of() {  # variant_of ' SHARING CATEGORIES IN FORCE': $variant
  case "$1" in
    '') variant=1 ;;
    *) usage_error "categories$1 cannot be chosen together" ;;
  esac
}
check_variable() {  # check_variable NAME: the check for the value NAME holds
  case "$1" in
    NODE_SG_ID) check_sg NODE_SG_ID "${NODE_SG_ID:-}" ;;
    CONTROL_PLANE_SG_ID) check_sg CONTROL_PLANE_SG_ID "${CONTROL_PLANE_SG_ID:-}" ;;
    LISTENER_PORT) check_port LISTENER_PORT "${LISTENER_PORT:-}" ;;
  esac
}
list_categories() {  # --list: what `eks-sg rules --list` prints
  printf '%s\n' \
    'minimum (baseline: always in)' \
    '    Minimum rule' \
    istio \
    '    Istio'
}
rule_count=6
order_of() {  # order_of: $order, the rule numbers in output order under $variant
  case $variant in
    1) order='1 2 3 4 5 6' ;;
  esac
}
rule_info() {  # rule_info N: rule N's id, direction, categories and roles (its group's, its peer's), the categories that say a cluster lacks it, and under $variant the group that carries it, the variables it uses, the numbers of the rules that leave it out when selected too (first the one that covers it) and why the group has it already (if it has)
  case "$1" in
    1) rule_id=node-in-kubelet rule_direction=inbound rule_categories=minimum rule_roles='node control-plane'
      rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
    2) rule_id=node-in-pmtud rule_direction=inbound rule_categories=minimum rule_roles=node
      rule_on=node rule_variables=NODE_SG_ID rule_coverers='' rule_present='' rule_removed_by='' ;;
    3) rule_id=node-in-listener rule_direction=inbound rule_categories=minimum rule_roles=node
      rule_on=node rule_variables='NODE_SG_ID LISTENER_PORT' rule_coverers='' rule_present='' rule_removed_by='' ;;
    4) rule_id=node-in-webhook rule_direction=inbound rule_categories=istio rule_roles='node control-plane'
      rule_on=node rule_variables='NODE_SG_ID CONTROL_PLANE_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
    5) rule_id=control-plane-out-kubelet rule_direction=outbound rule_categories=minimum rule_roles='control-plane node'
      rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
    6) rule_id=control-plane-out-webhook rule_direction=outbound rule_categories=istio rule_roles='control-plane node'
      rule_on=control-plane rule_variables='CONTROL_PLANE_SG_ID NODE_SG_ID' rule_coverers='' rule_present='' rule_removed_by='' ;;
  esac
}
rule_args() {  # rule_args N: rule N under $variant: its description, the line read_existing has for it, its permission JSON and a summary
  case "$variant:$1" in
    *:1) rule_description='Kubelet API'
      rule_key="${NODE_SG_ID}"' False tcp 10250 10250 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"Kubelet API"}]}'
      rule_summary='node-in-kubelet: node inbound tcp 10250 control-plane [minimum]' ;;
    *:2) rule_description='Path MTU discovery'
      rule_key="${NODE_SG_ID}"' False icmp 3 4 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"icmp","FromPort":3,"ToPort":4,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Path MTU discovery"}]}'
      rule_summary='node-in-pmtud: node inbound icmp type 3 code 4 self [minimum]' ;;
    *:3) rule_description='Listener from the VPC'
      rule_key="${NODE_SG_ID}"' False tcp '"${LISTENER_PORT}"' '"${LISTENER_PORT}"' 10.0.0.0/16'
      rule_permission='{"IpProtocol":"tcp","FromPort":'"${LISTENER_PORT}"',"ToPort":'"${LISTENER_PORT}"',"IpRanges":[{"CidrIp":"10.0.0.0/16","Description":"Listener from the VPC"}]}'
      rule_summary='node-in-listener: node inbound tcp listener-port 10.0.0.0/16 [minimum]' ;;
    *:4) rule_description='istiod webhook'
      rule_key="${NODE_SG_ID}"' False tcp 15017 15017 '"${CONTROL_PLANE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${CONTROL_PLANE_SG_ID}"'","Description":"istiod webhook"}]}'
      rule_summary='node-in-webhook: node inbound tcp 15017 control-plane [istio]' ;;
    *:5) rule_description='Kubelet API'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 10250 10250 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":10250,"ToPort":10250,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"Kubelet API"}]}'
      rule_summary='control-plane-out-kubelet: control-plane outbound tcp 10250 node [minimum]' ;;
    *:6) rule_description='istiod webhook'
      rule_key="${CONTROL_PLANE_SG_ID}"' True tcp 15017 15017 '"${NODE_SG_ID}"
      rule_permission='{"IpProtocol":"tcp","FromPort":15017,"ToPort":15017,"UserIdGroupPairs":[{"GroupId":"'"${NODE_SG_ID}"'","Description":"istiod webhook"}]}'
      rule_summary='control-plane-out-webhook: control-plane outbound tcp 15017 node [istio]' ;;
    *) : ;;
  esac
}
nothing='No rule of these groups is needed with these categories: nothing to do.'

while [ $# -gt 0 ]; do  # every argument, before anything else: --help and --list need no variables
  case $action:$1 in
    *:-h | *:--help) usage; exit 0 ;;
    *:--list) list=1 ;;
    *:--with=*) with_given=1; add_with "${1#--with=}" ;;
    *:--with)
      if [ $# -lt 2 ]; then usage_error "--with needs category ids, e.g. --with istio,nlb"; fi
      with_given=1
      shift
      add_with "$1" ;;
    *:--group=*) group_given=1; add_group "${1#--group=}" ;;
    *:--group)
      if [ $# -lt 2 ]; then usage_error "--group needs roles, e.g. --group node,control-plane"; fi
      group_given=1
      shift
      add_group "$1" ;;
    *:--dry-run) dry_run=1 ;;
    authorize:--update-descriptions) update=1 ;;
    revoke:-y | revoke:--yes) confirmed=1 ;;
    *) printf "error: unknown argument '%s' (try --help)\n" "$1" >&2; exit 2 ;;
  esac
  shift
done
if [ "$list" = 1 ]; then list_categories; exit 0; fi
if [ "$with_given" = 0 ]; then add_with "$default_with"; fi
if [ "$group_given" = 0 ]; then add_group "$default_group"; fi

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

# The selection: gen/select.py's steps, on the data above.
# Categories that exclude each other cannot be chosen together (the first in data order names
# the other, as `eks-sg rules` does).
for category in $categories; do
  if ! in_list "$category" "$chosen"; then continue; fi
  excludes_of "$category"
  for other in $excludes; do
    if in_list "$other" "$chosen"; then
      usage_error "categories $category and $other exclude each other"
    fi
  done
done
# In force: the baseline and the chosen categories. A group with only_with exists only when one
# of those categories is in force. The chosen categories that move roles onto another group
# pick the rules' sharing variant.
in_force='' present='' sharers=''
for category in $categories; do
  if in_list "$category" "$baseline $chosen"; then in_force="$in_force $category"; fi
done
for role in $roles; do
  only_with_of "$role"
  if [ -z "$only_with" ] || any_in "$only_with" "$in_force"; then present="$present $role"; fi
done
for category in $sharing_categories; do
  if in_list "$category" "$chosen"; then sharers="$sharers $category"; fi
done
variant_of "$sharers"
# Selected: a rule of a category in force whose groups exist. Covered: a selected rule that
# another selected rule allows (one of its coverers); the others are emitted.
selected='' emitted='' had=''
n=1
while [ "$n" -le "$rule_count" ]; do
  rule_info "$n"
  if any_in "$rule_categories" "$in_force" && all_in "$rule_roles" "$present" \
    && ! any_in "$rule_removed_by" "$in_force"; then
    selected="$selected $n"
  fi
  n=$((n + 1))
done
for n in $selected; do
  rule_info "$n"
  if [ -n "$rule_present" ]; then
    had="$had $n"  # the group has it from its creation
  elif ! any_in "$rule_coverers" "$selected"; then
    emitted="$emitted $n"
  fi
done
# The rules of the chosen groups (every group's without --group), in output order (by group,
# inbound first), as `eks-sg rules --group` shows them: $applied to change, $covered
# as "N:BY" (BY: the first selected coverer that is emitted or the group has, else the first
# selected one; 0: the group has N itself), the variables and groups they use.
order_of
applied='' covered='' needs='' on_roles=''
for n in $order; do
  if ! in_list "$n" "$selected"; then continue; fi
  rule_info "$n"
  home=${rule_roles%% *}  # the rule's own role; $rule_on: the role whose group carries it
  if [ -n "$groups" ] && ! in_list "$home" "$groups" && ! in_list "$rule_on" "$groups"; then
    continue
  fi
  if in_list "$n" "$had"; then covered="$covered $n:0"; continue; fi
  if ! in_list "$n" "$emitted"; then
    first='' by=''
    for c in $rule_coverers; do
      if ! in_list "$c" "$selected"; then continue; fi
      if [ -z "$first" ]; then first=$c; fi
      if in_list "$c" "$emitted $had"; then by=$c; break; fi
    done
    covered="$covered $n:${by:-$first}"
    continue
  fi
  applied="$applied $n"
  for name in $rule_variables; do
    if ! in_list "$name" "$needs"; then needs="$needs $name"; fi
  done
  if ! in_list "$rule_on" "$on_roles"; then on_roles="$on_roles $rule_on"; fi
done

for name in $variables; do  # only the variables the applied rules use, in data order
  if in_list "$name" "$needs"; then check_variable "$name"; fi
done
if [ "$invalid" = 1 ]; then
  echo "Set the variables above, then run this again. Nothing was changed." >&2
  exit 2
fi
if [ "$dry_run" = 1 ]; then
  echo "Dry run: lists the groups' rules (a read-only call) and changes nothing."
fi
printf 'Categories:%s\n' "$in_force"
if [ -n "$groups" ]; then printf 'Groups:%s\n' "$groups"; fi
for pair in $covered; do  # rules the groups already allow: nothing to do for them
  if [ "${pair#*:}" = 0 ]; then
    rule_info "${pair%%:*}"
    report covered "$rule_id" " ($rule_present)"
    continue
  fi
  rule_info "${pair#*:}"
  by=$rule_id
  rule_info "${pair%%:*}"
  report covered "$rule_id" " (already allowed by $by)"
done
if [ -z "$applied" ]; then
  printf '%s\n' "$nothing"
  exit 0
fi

count() {  # count 'WORDS' NOUN: "1 NOUN" or "N NOUNs"
  set -- "$1" "$2" 0
  for _ in $1; do set -- "$1" "$2" $(($3 + 1)); done
  if [ "$3" = 1 ]; then echo "1 $2"; else echo "$3 $2s"; fi
}
if [ "$action" = revoke ]; then
  printf 'This removes %s. %s\n' "$(count "$applied" rule)" \
    "Without the default and minimum ones, the cluster stops working:"
  for n in $applied; do
    rule_args "$n"
    printf '  %s\n' "$rule_summary"
  done
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

describe_groups() {  # one describe call for the groups of the applied rules
  set --
  for role in $on_roles; do
    group_of "$role"
    set -- "$@" "$group_id"
  done
  read_existing "$@"
}
run_section() {  # run_section ID KEY DESCRIPTION PERMISSION ...: one call, $section_on's group
  group_of "$section_on"
  if [ "$section_direction" = inbound ]; then api=ingress; else api=egress; fi
  what=$(count "$section_numbers" "$section_direction rule")
  section "$group_title" "$section_on" "$group_id" "$what"
  change "$api" "$group_id" "$@"
}
run_sections() {  # the applied rules, one call per group and direction
  set --
  section_on='' section_direction='' section_numbers=''
  for n in $applied; do
    rule_info "$n"
    if [ "$rule_on:$rule_direction" != "$section_on:$section_direction" ]; then
      if [ $# -gt 0 ]; then run_section "$@"; fi
      set --
      section_on=$rule_on section_direction=$rule_direction section_numbers=''
    fi
    rule_args "$n"
    section_numbers="$section_numbers $n"
    set -- "$@" "$rule_id" "$rule_key" "$rule_description" "$rule_permission"
  done
  run_section "$@"
}
describe_groups
run_sections

if [ "$dry_run" = 1 ]; then echo "Done (dry run: nothing was changed)."; else echo "Done."; fi
