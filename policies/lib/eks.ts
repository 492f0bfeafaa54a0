// The EKS control plane: encrypted Secrets, audit logging into an encrypted log group it owns.
import { asArray, isSet, label, ofType, peek, ProjectResourcePolicy, ProjectStackPolicy, resourceOfType } from "./policy";
import { LOG_GROUP } from "./encryption";

export const EKS_CLUSTER = "aws:eks/cluster:Cluster";

export const eksSecretsEncrypted: ProjectResourcePolicy = {
    name: "sovereignty-eks-secrets-encrypted",
    description: "The cluster envelope-encrypts Kubernetes Secrets with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set encryptionConfig { provider: { keyArn: <key ARN> }, resources: [\"secrets\"] }. Changing the key later rebuilds the cluster, so set it at creation.",
    validateResource: resourceOfType(EKS_CLUSTER, (props, _args, report) => {
        const config = props.encryptionConfig;
        if (!config) {
            report("Sets no encryptionConfig; Secrets must be encrypted with a customer-managed key.");
            return;
        }
        if (!asArray(config.resources).includes("secrets")) report("encryptionConfig.resources does not include \"secrets\".");
        if (!isSet(config.provider, "keyArn")) report("encryptionConfig.provider.keyArn is not set.");
    }),
};

export const eksAuditLogsEnabled: ProjectResourcePolicy = {
    name: "sovereignty-eks-audit-logs-enabled",
    description: "The control plane sends audit and authenticator logs to CloudWatch.",
    enforcementLevel: "mandatory",
    remediationSteps: "Include \"audit\" and \"authenticator\" in enabledClusterLogTypes.",
    validateResource: resourceOfType(EKS_CLUSTER, (props, _args, report) => {
        const types = asArray<string>(props.enabledClusterLogTypes);
        const missing = ["audit", "authenticator"].filter((t) => !types.includes(t));
        if (missing.length > 0) report(`enabledClusterLogTypes lacks ${missing.join(", ")}.`);
    }),
};

export const eksLogGroupEncrypted: ProjectStackPolicy = {
    name: "sovereignty-eks-log-group-encrypted",
    description: "The stack creates the cluster's log group /aws/eks/<name>/cluster itself, encrypted and with a retention, before the cluster; otherwise EKS creates an unencrypted one that never expires.",
    enforcementLevel: "mandatory",
    remediationSteps: "Create aws.cloudwatch.LogGroup named /aws/eks/<cluster name>/cluster with kmsKeyId and retentionInDays, and make the cluster depend on it.",
    validateStack: (args, report) => {
        const groups = ofType(args, LOG_GROUP);
        for (const cluster of ofType(args, EKS_CLUSTER)) {
            const expected = `/aws/eks/${cluster.props.name}/cluster`;
            const group = groups.find((g) => peek(g.props, "name") === expected);
            if (!group) {
                report(`${label(cluster)} has no log group ${expected} in this stack; EKS would create it unencrypted.`, cluster.urn);
                continue;
            }
            if (!isSet(group.props, "kmsKeyId")) report(`Log group ${expected} sets no kmsKeyId.`, group.urn);
            if (!isSet(group.props, "retentionInDays")) report(`Log group ${expected} sets no retentionInDays.`, group.urn);
            if (!cluster.dependencies.some((d) => d.urn === group.urn)) {
                report(`${label(cluster)} does not depend on log group ${expected}; EKS could create the group first, unencrypted.`, cluster.urn);
            }
        }
    },
};
