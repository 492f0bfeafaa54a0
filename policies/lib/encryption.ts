// Keys and data at rest outside S3: key rotation, encrypted log groups and volumes, protected keys.
import { asArray, isSet, known, peek, ProjectResourcePolicy, resourceOfType, unknownAtPreview } from "./policy";

export const KMS_KEY = "aws:kms/key:Key";
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const EBS_CSI = "ebs.csi.aws.com";

export const kmsRotationEnabled: ProjectResourcePolicy = {
    name: "sovereignty-kms-rotation-enabled",
    description: "Customer-managed KMS keys rotate their key material automatically.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set enableKeyRotation: true on the key.",
    validateResource: resourceOfType(KMS_KEY, (props, _args, report) => {
        const usage = props.keyUsage ?? "ENCRYPT_DECRYPT";
        const spec = props.customerMasterKeySpec ?? props.keySpec ?? "SYMMETRIC_DEFAULT";
        if (usage !== "ENCRYPT_DECRYPT" || spec !== "SYMMETRIC_DEFAULT") return; // AWS rotates only symmetric encryption keys
        if (props.enableKeyRotation !== true) report("Does not set enableKeyRotation: true.");
    }),
};

export const logGroupCmkRequired: ProjectResourcePolicy = {
    name: "sovereignty-log-group-cmk-required",
    description: "CloudWatch log groups (EKS audit, VPC flow logs) are encrypted with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set kmsKeyId to this stack's KMS key ARN; the key policy must let logs.<region>.amazonaws.com use it.",
    validateResource: resourceOfType(LOG_GROUP, (props, _args, report) => {
        if (!isSet(props, "kmsKeyId")) report(`Log group ${known(peek(props, "name")) ?? "(unnamed)"} sets no kmsKeyId; it must be encrypted with a customer-managed key.`);
    }),
};

export const ebsEncryptedWithCmk: ProjectResourcePolicy = {
    name: "sovereignty-ebs-encrypted-with-cmk",
    description: "EBS volumes, those of EBS CSI storage classes and of node launch templates, are encrypted with a customer-managed key.",
    enforcementLevel: "mandatory",
    remediationSteps: "StorageClass: parameters { encrypted: \"true\", kmsKeyId: <key ARN> }. LaunchTemplate: blockDeviceMappings[].ebs { encrypted: \"true\", kmsKeyId: <key ARN> }.",
    validateResource: [
        resourceOfType(STORAGE_CLASS, (props, _args, report) => {
            if (props.provisioner !== EBS_CSI) return;
            if (unknownAtPreview(props, "parameters")) return; // holds the key ARN: judged at `pulumi up` and on the offline plan (see unknownAtPreview)
            const params = props.parameters ?? {};
            if (params.encrypted !== "true") report(`StorageClass '${props.metadata?.name}' does not set parameters.encrypted: "true".`);
            else if (!isSet(params, "kmsKeyId")) report(`StorageClass '${props.metadata?.name}' sets no parameters.kmsKeyId; volumes would use the AWS-managed aws/ebs key.`);
        }),
        resourceOfType(LAUNCH_TEMPLATE, (props, _args, report) => {
            const mappings = asArray(props.blockDeviceMappings);
            if (mappings.length === 0) {
                report("Declares no blockDeviceMappings; the node's root volume would follow the AMI and the account default, not a customer-managed key.");
            }
            for (const m of mappings) {
                const ebs = m?.ebs;
                if (!ebs) continue;
                if (String(ebs.encrypted) !== "true") report(`Volume ${m.deviceName} is not encrypted; set ebs.encrypted: "true".`);
                else if (!isSet(ebs, "kmsKeyId")) report(`Volume ${m.deviceName} sets no ebs.kmsKeyId; it would use the AWS-managed aws/ebs key.`);
            }
        }),
    ],
};

export const kmsKeyProtected: ProjectResourcePolicy = {
    name: "milvus-production-kms-key-protected",
    description: "KMS keys are protected from deletion and keep the longest deletion window: losing the key loses the data.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set the `protect` resource option on the key and deletionWindowInDays: 30.",
    validateResource: resourceOfType(KMS_KEY, (props, args, report) => {
        if (!args.opts.protect) report("Is not protected; set the protect resource option.");
        if (isSet(props, "deletionWindowInDays") && props.deletionWindowInDays < 30) {
            report(`Has deletionWindowInDays ${props.deletionWindowInDays}; it must be 30.`);
        }
    }),
};
