#!/usr/bin/env bash
# The official `pulumi policy analyze --file` and our policies/analyze must give the same
# mandatory verdicts (same resources, same policies) on the offline plans of the shipped stacks
# and on plans each broken by one property.
#   engine/analyze-compare.sh        (needs target/plan/<stack>.json: run bin/plan first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bin/engine build >&2
PATH="$(bin/engine bin):$PATH"
export PATH
work="$(mktemp -d "${TMPDIR:-/tmp}/analyze-compare.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export PULUMI_HOME="$work/home" PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
unset PULUMI_CONFIG_PASSPHRASE PULUMI_CONFIG_PASSPHRASE_FILE

# Each case: <stack> <name> <python expression that breaks the plan, on resource r>.
cases=(
  "prod-me-central-1|as-planned|"
  "dev-me-central-1|as-planned|"
  "prod-me-central-1|key-rotation-off|r['type']=='aws:kms/key:Key' and r['inputs'].update(enableKeyRotation=False)"
  "prod-me-central-1|public-bucket|r['type']=='aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock' and r['inputs'].update(blockPublicAcls=False)"
  "prod-me-central-1|region-moved|r['type']=='pulumi:providers:aws' and r['inputs'].update(region='eu-west-1')"
  "dev-me-central-1|log-group-unencrypted|r['type']=='aws:cloudwatch/logGroup:LogGroup' and r['inputs'].pop('kmsKeyId', None)"
  "prod-me-central-1|etcd-unretained|r['type']=='kubernetes:milvus.io/v1beta1:Milvus' and r['inputs']['spec']['dependencies']['etcd']['inCluster'].update(deletionPolicy='Delete')"
)
failed=0
for c in "${cases[@]}"; do
  IFS='|' read -r stack name breaker <<< "$c"
  plan="$work/$stack-$name.json"
  python3 - "target/plan/$stack.json" "$plan" "$breaker" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for r in doc["deployment"]["resources"]:
    if sys.argv[3]:
        eval(sys.argv[3], {}, {"r": r})
json.dump(doc, open(sys.argv[2], "w"))
PY
  config="policies/config/$stack.json"
  set +e
  pulumi policy analyze --file "$plan" --json \
    --policy-pack policies/sovereignty --policy-pack-config "$config" \
    --policy-pack policies/milvus-production --policy-pack-config "$config" > "$work/official.jsonl" 2> "$work/official.err"
  official_exit=$?
  policies/analyze --stack "$stack" --file "$plan" --json > "$work/ours.json" 2> "$work/ours.err"
  ours_exit=$?
  set -e
  verdict="$(python3 - "$work/official.jsonl" "$work/ours.json" <<'PY'
import json, sys
official = set()
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("{"):
        e = json.loads(line).get("policyEvent")
        if e and e.get("enforcementLevel") == "mandatory":
            official.add((e.get("resourceUrn", "(stack)") or "(stack)", e["policyName"]))
ours = set()
for r in json.load(open(sys.argv[2]))["results"]:
    for v in r["violations"]:
        if v["enforcementLevel"] == "mandatory":
            ours.add((r.get("urn") or "(stack)", v["policyName"]))
print("same" if official == ours else "DIFFERENT official-only=%s ours-only=%s" % (sorted(official - ours), sorted(ours - official)))
print(len(official))
PY
)"
  same="$(echo "$verdict" | head -1)"; count="$(echo "$verdict" | tail -1)"
  printf '%-18s %-24s official exit %s, ours exit %s, %s mandatory: %s\n' "$stack" "$name" "$official_exit" "$ours_exit" "$count" "$same"
  if [ "$same" != same ] || { [ "$official_exit" = 0 ] && [ "$ours_exit" != 0 ]; } || { [ "$official_exit" != 0 ] && [ "$ours_exit" != 1 ]; }; then
    failed=1
    sed 's/^/    official: /' "$work/official.err" | grep -v 'using pulumi-analyzer' | head -5 >&2 || true
  fi
done
[ "$failed" = 0 ] && echo "analyze-compare: the official analyzer and policies/analyze agree on every case"
exit "$failed"
