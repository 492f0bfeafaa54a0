#!/usr/bin/env bash
# The real `pulumi preview` of the shipped stacks with both policy packs, offline, as CI runs it.
#   engine/preview-test.sh            dev and prod must pass; a config-injected violation must fail
#
# Uses the binaries of bin/engine (built or reused): the Pulumi CLI 3.259.0, the Java language host
# and, because the real aws and kubernetes providers cannot be built here (see bin/engine), the
# pass-through stand-in providers. So this checks the engine, the Java program as the language host
# runs it, the property names and secrets the engine sees, and both packs as the CLI loads,
# configures and runs them; it does not check what a real provider would (schema, defaults).
#
# Each case runs in a throwaway copy of the project (Pulumi.yaml, Pulumi.<stack>.yaml, program/target/ linked)
# with its own local file backend, a passphrase secrets provider and a fresh stack whose rootPassword is set
# with `pulumi config set --secret` (the placeholders in the shipped stack files cannot be decrypted).
# No cloud credentials are read: the AWS credential environment is cleared.
#
# Environment: POLICIES_DIR (default: policies) to try a patched copy of the packs; KEEP=1 keeps the
# work directory and prints its path; PREVIEW_TIMEOUT (seconds, default 900) per preview; CASES (names
# separated by spaces, e.g. 'prod-shipped prod-internet-egress') runs only those cases.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
policies="$(cd "${POLICIES_DIR:-policies}" && pwd)"
jar=program/target/sovereign-milvus-0.1.0.jar   # Pulumi.yaml's runtime.options.binary

[ -f "$jar" ] || { echo "preview-test: $jar is missing; build it first: ./mvnw -q -B -DskipTests package" >&2; exit 2; }
[ -d "$policies/node_modules/@pulumi/policy" ] || { echo "preview-test: run npm ci in $policies first" >&2; exit 2; }
bin/engine build >&2

export JAVA_HOME="${JAVA_HOME:-$(bin/java-home)}"
PATH="$(bin/engine bin):$JAVA_HOME/bin:$PATH"
export PATH
work="$(mktemp -d "${TMPDIR:-/tmp}/preview-test.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then echo "preview-test: work directory $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

export PULUMI_HOME="$work/home"
export PULUMI_CONFIG_PASSPHRASE="offline-preview-test" PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_REGION AWS_DEFAULT_REGION
export AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_CONFIG_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true

standin="$(bin/engine standin)"
pulumi plugin install resource aws 6.83.0 --file "$standin/pulumi-resource-aws" >/dev/null
pulumi plugin install resource kubernetes 4.25.0 --file "$standin/pulumi-resource-kubernetes" >/dev/null

failures=0 ran=" "
# selected <case>: true when CASES is unset or names the case (and then records that it ran).
selected() {
  [ -z "${CASES:-}" ] || [[ " $CASES " == *" $1 "* ]] || return 1
  ran+="$1 "
}

# new_project <case> <stack> [config-path=value ...]: a throwaway project with its own file backend
# and a fresh stack whose root password is a real (passphrase-encrypted) secret.
new_project() {
  local name=$1 stack=$2 kv; shift 2
  local proj="$work/$name"
  mkdir -p "$proj" "$work/$name.state"
  export PULUMI_BACKEND_URL="file://$work/$name.state"
  cp Pulumi.yaml "Pulumi.$stack.yaml" "$proj/"
  mkdir -p "$proj/program" && ln -s "$root/program/target" "$proj/program/target"
  (
    cd "$proj"
    pulumi stack init "$stack" >/dev/null
    pulumi config set --secret rootPassword "offline-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" >/dev/null
    for kv in "$@"; do pulumi config set --path "${kv%%=*}" "${kv#*=}" >/dev/null; done
  )
}

# preview <case> <stack> <pass | fail:POLICY> [config-path=value ...]
preview() {
  local name=$1 stack=$2 expect=$3; shift 3
  selected "$name" || return 0
  local proj="$work/$name" out="$work/$name.txt" rc=0 packcfg
  new_project "$name" "$stack" "$@"
  packcfg="$(cd "$proj" && pulumi config get policyPackConfig)"
  packcfg="$policies/${packcfg#policies/}"
  local start=$SECONDS
  (cd "$proj" && timeout "${PREVIEW_TIMEOUT:-900}" pulumi preview --stack "$stack" --non-interactive \
      --policy-pack "$policies/sovereignty" --policy-pack-config "$packcfg" \
      --policy-pack "$policies/milvus-production" --policy-pack-config "$packcfg") >"$out" 2>&1 || rc=$?
  local mandatory advisory summary
  mandatory="$(grep -oE '\[mandatory\] +[a-z0-9-]+' "$out" | awk '{print $2}' | sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}' || true)"
  advisory="$(grep -cE '\[advisory\] +[a-z0-9-]+' "$out" || true)"
  summary="$(grep -oE '[0-9]+ to create' "$out" | tail -1 || true)"
  local verdict=ok
  case "$expect" in
    pass) [ "$rc" = 0 ] || verdict=FAIL ;;
    fail:*) { [ "$rc" != 0 ] && grep -qE "\[mandatory\] +${expect#fail:}( |$)" "$out"; } || verdict=FAIL ;;
  esac
  printf '%-4s %-28s %-18s exit %-3s %4ss  %s  mandatory: %s  advisory: %s\n' "$verdict" "$name" "$stack" "$rc" \
    "$((SECONDS - start))" "${summary:-no summary}" "${mandatory:-none}" "${advisory:-0}"
  if [ "$verdict" != ok ]; then
    failures=$((failures + 1))
    echo "---- expected $expect; the preview said:" >&2
    # shellcheck disable=SC2016 # a literal $PATH in the CLI's message
    grep -vE '^\s*$|using pulumi-(language-java|analyzer-policy-nodejs) from \$PATH' "$out" \
      | sed -n '/^Policies:/,/^Outputs:/p; /error:/p' | head -60 >&2
  fi
}

preview dev-shipped dev-me-central-1 pass
preview prod-shipped prod-me-central-1 pass
# Prod with a route to the internet (NAT) through config: prod's pack config says internet egress is denied.
preview prod-internet-egress prod-me-central-1 fail:sovereignty-internet-egress \
  'internetEgress=nat'
# A public EKS endpoint (dev is private by default) open to a range the stack's pack config does not list.
preview dev-public-endpoint dev-me-central-1 fail:sovereignty-eks-public-endpoint-restricted \
  'endpointPublicAccess=true' 'publicAccessCidrs[0]=198.51.100.0/24'

# `pulumi preview --json` of a shipped stack goes through policies/analyze cleanly (issue 5).
json_through_analyzer() {
  local stack=$1 name="json-$1" rc=0 start=$SECONDS
  selected "$name" || return 0
  new_project "$name" "$stack"
  (cd "$work/$name" && timeout "${PREVIEW_TIMEOUT:-900}" pulumi preview --stack "$stack" --non-interactive --json) \
    > "$work/$name.json" 2> "$work/$name.err" || rc=$?
  local verdict=ok analyze_rc=0
  [ "$rc" = 0 ] || verdict=FAIL
  "$policies/analyze" --stack "$stack" --file "$work/$name.json" > "$work/$name.analyze" 2>&1 || analyze_rc=$?
  [ "$analyze_rc" = 0 ] || verdict=FAIL
  printf '%-4s %-28s %-18s preview exit %s, policies/analyze exit %s, %ss: %s\n' "$verdict" "$name" "$stack" "$rc" "$analyze_rc" \
    "$((SECONDS - start))" "$(tail -1 "$work/$name.analyze")"
  if [ "$verdict" != ok ]; then
    failures=$((failures + 1))
    head -20 "$work/$name.err" "$work/$name.analyze" >&2
  fi
}
json_through_analyzer dev-me-central-1
json_through_analyzer prod-me-central-1

for name in ${CASES:-}; do
  [[ "$ran" == *" $name "* ]] || { echo "preview-test: no case named $name" >&2; failures=$((failures + 1)); }
done
if [ "$failures" -gt 0 ]; then echo "preview-test: $failures case(s) failed" >&2; exit 1; fi
echo "preview-test: all cases passed" >&2
