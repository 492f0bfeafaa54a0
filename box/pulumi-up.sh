# shellcheck shell=bash
# Sourced by bin/cluster-check: the stack's Kubernetes layer applied by a real `pulumi up`.
#
# The real Pulumi CLI and Java language host (bin/engine) run this program in its existing-cluster
# mode (README, existingClusterKubeconfig) against the box's API server, through the real Kubernetes
# provider 4.25.0 (bin/cluster-box provider). The AWS layer goes to the stand-in provider in apply
# mode (engine/standin-provider/apply.go): it answers for AWS with ids and ARNs and reaches nothing.
# Helm charts come from ../shared/charts through the file:// chart directories the program accepts.
#
# Needs from the caller: root, stack, plan, shared, state, cache, pki, token, api_port, log, pass, fail.
# shellcheck disable=SC2154 # those variables are the caller's

# The stack's config turned into an existing-cluster stack: the keys that configure a created
# cluster go (the program refuses them in that mode), the box's cluster comes in.
created_cluster_keys=(vpcCidr internetEgress natGatewayPerZone eksVersion endpointPublicAccess publicAccessCidrs
  apiAccessCidrs adminPrincipalArns addonVersions)

box_pulumi() { # pulumi with the box's project, home, backend and no cloud credentials
  (
    cd "$state/project" || exit 2
    export PULUMI_HOME="$state/pulumi-home" PULUMI_BACKEND_URL="file://$state/pulumi-state"
    export PULUMI_CONFIG_PASSPHRASE=cluster-box PULUMI_SKIP_UPDATE_CHECK=true STANDIN_APPLY=box
    export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
    unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_REGION AWS_DEFAULT_REGION
    export AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_CONFIG_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
    exec env PATH="$engine_bin:$PATH" timeout "${BOX_PULUMI_TIMEOUT:-1500}" pulumi "$@"
  )
}

# pulumi_up_into_box: prepares the project and runs `pulumi up`; then `pulumi preview --refresh
# --expect-no-changes` (a second run of an unchanged program must change nothing). Records
# pulumi-up and pulumi-second-run-no-change; returns 0 when the up succeeded.
pulumi_up_into_box() {
  local provider_bin="$cache/pulumi-resource-kubernetes-4.25.0/pulumi-resource-kubernetes"
  if [ ! -x "$provider_bin" ]; then
    fail pulumi-up "the real Kubernetes provider 4.25.0 is not built (bin/cluster-box provider); the layer was not applied"
    return 1
  fi
  "$root/bin/engine" build >/dev/null 2>&1 || { fail pulumi-up "bin/engine build failed"; return 1; }
  engine_bin="$("$root/bin/engine" bin)"
  local standin rc=0 account proj="$state/project" start=$SECONDS
  standin="$("$root/bin/engine" standin)"
  mkdir -p "$proj" "$state/pulumi-state"
  cp "$root/Pulumi.yaml" "$root/Pulumi.$stack.yaml" "$proj/"
  # Pulumi.yaml's binary is program/target/sovereign-milvus-0.1.0.jar, relative to the project.
  mkdir -p "$proj/program" && ln -s "$root/program/target" "$proj/program/target"
  # The kubeconfig the program is given: self-contained (CA inline), the box admin's token.
  jq -n --arg server "https://127.0.0.1:$api_port" --arg ca "$(base64 -w0 "$pki/ca.crt")" --arg token "$token" '{
      apiVersion: "v1", kind: "Config", "current-context": "box",
      clusters: [{name: "box", cluster: {server: $server, "certificate-authority-data": $ca}}],
      users: [{name: "box", user: {token: $token}}],
      contexts: [{name: "box", context: {cluster: "box", user: "box"}}]}' >"$state/program-kubeconfig.json"
  box_pulumi plugin install resource aws 6.83.0 --file "$standin/pulumi-resource-aws" >/dev/null
  box_pulumi plugin install resource kubernetes 4.25.0 --file "$provider_bin" >/dev/null
  box_pulumi stack init "$stack" >/dev/null
  account=$(box_pulumi config get accountId)
  local key
  for key in "${created_cluster_keys[@]}"; do box_pulumi config rm "$key" >/dev/null 2>&1 || true; done
  box_pulumi config set --secret rootPassword "box-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" >/dev/null
  box_pulumi config set --secret existingClusterKubeconfig <"$state/program-kubeconfig.json" >/dev/null
  # An issuer ID shaped like EKS's (32 hex digits); IRSA trust is judged by the IAM evaluator, not here.
  box_pulumi config set existingClusterOidcProviderArn \
    "arn:aws:iam::$account:oidc-provider/oidc.eks.me-central-1.amazonaws.com/id/$(printf '%s' "$stack" | md5sum | cut -c1-32 | tr a-f A-F)" >/dev/null
  # The endpoint subnets the stack's own network would have (the offline plan's egress policy),
  # which an existing cluster's stack must name (awsEndpointCidrs).
  box_pulumi config set awsEndpointCidrs "$(jq -c '[.deployment.resources[]
      | select(.type == "kubernetes:networking.k8s.io/v1:NetworkPolicy" and .inputs.metadata.name == "allow-aws-endpoints")
      | .inputs.spec.egress[].to[].ipBlock.cidr]' "$plan")" >/dev/null
  if [ -n "${BOX_TIER:-}" ]; then box_pulumi config set tier "$BOX_TIER" >/dev/null; fi
  for key in operatorChartRepository certManagerChartRepository prometheusChartRepository; do
    box_pulumi config set "$key" "file://$shared/charts" >/dev/null
  done
  log "pulumi up of $stack (existing-cluster mode) ..."
  box_pulumi up --yes --skip-preview --non-interactive --stack "$stack" \
    >"$state/pulumi-up.log" 2>&1 || rc=$?
  box_pulumi stack export --stack "$stack" >"$state/pulumi-export.json" 2>/dev/null || echo '{}' >"$state/pulumi-export.json"
  local created took=$((SECONDS - start))
  created=$(jq -r '[.deployment.resources[]? | select(.custom and (.type | startswith("pulumi:providers:") | not)) | (.type | split(":")[0])]
      | group_by(.) | map("\(length) \(.[0])") | join(", ")' "$state/pulumi-export.json")
  if [ "$rc" = 0 ]; then
    pass pulumi-up "the real pulumi up (CLI 3.259.0, Java host, Kubernetes provider 4.25.0; aws on the stand-in) created ${created:-nothing} in ${took} s"
  else
    fail pulumi-up "exit $rc after ${took} s: $(grep -E 'error:' "$state/pulumi-up.log" | sort -u | head -5 | cut -c1-300 | tr '\n' ';')"
    return 1
  fi
  # A second run of the unchanged program must change nothing, judged after reading every object
  # back (the operator and the controllers have written to them since): stricter than a plain
  # preview, which diffs against the state the up recorded.
  local changes
  rc=0
  box_pulumi preview --refresh --expect-no-changes --diff --non-interactive --stack "$stack" >"$state/pulumi-preview-refresh.log" 2>&1 || rc=$?
  changes=$(grep -E '^\s*[~+-]{1,2} (kubernetes|aws|sovereign):|^\s+[~+-] [A-Za-z0-9_.\[\]"-]+: ' "$state/pulumi-preview-refresh.log" \
    | head -12 | tr -s ' ' | cut -c1-160 | tr '\n' ';')
  if [ "$rc" = 0 ]; then
    pass pulumi-second-run-no-change "pulumi preview --refresh --expect-no-changes after the up: $(grep -oE '[0-9]+ unchanged' "$state/pulumi-preview-refresh.log" | tail -1)"
  else
    fail pulumi-second-run-no-change "after a refresh a second run of the unchanged program would change: ${changes:-see pulumi-preview-refresh.log}"
  fi
  return 0
}
