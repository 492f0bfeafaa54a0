// Where resources live: provider regions, no default providers, no replication out of the region.
import type { RegionConfig } from "./config";
import { allowedRegionsSchema } from "./config";
import { AWS_PROVIDER, asArray, isObject, isSet, peek, ProjectResourcePolicy } from "./policy";

function isDefaultProviderName(name: string): boolean {
    return /^default(_[0-9a-z_]+)?$/.test(name);
}

export const providerRegionAllowed: ProjectResourcePolicy = {
    name: "sovereignty-provider-region-allowed",
    description: "Every AWS provider, and so every AWS resource, is pinned to an allowed region.",
    enforcementLevel: "mandatory",
    remediationSteps: "Set `region` on the explicit pulumi:providers:aws to one of the pack config's allowedRegions and pass that provider to every AWS resource.",
    configSchema: allowedRegionsSchema,
    validateResource: (args, report) => {
        const { allowedRegions } = args.getConfig<RegionConfig>();
        const allowed = allowedRegions.join(", ");
        if (args.type === AWS_PROVIDER) {
            const region = args.props.region;
            if (!region) report(`AWS provider '${args.name}' sets no region; it must be one of: ${allowed}.`);
            else if (!allowedRegions.includes(region)) report(`AWS provider '${args.name}' is in region ${region}; it must be one of: ${allowed}.`);
            return;
        }
        if (!args.type.startsWith("aws:")) args.notApplicable("Policy only applies to AWS resources and providers");
        const provider = args.provider;
        if (!provider || provider.type !== AWS_PROVIDER) return; // reported by the default-provider policy
        const region = provider.props.region;
        if (region && !allowedRegions.includes(region)) {
            report(`Uses AWS provider '${provider.name}' in region ${region}; it must be one of: ${allowed}.`);
        }
    },
};

export const defaultProvidersDisabled: ProjectResourcePolicy = {
    name: "sovereignty-default-providers-disabled",
    description: "No resource uses a default provider, whose region comes from ambient config or the environment.",
    enforcementLevel: "mandatory",
    remediationSteps: "Keep `pulumi:disable-default-providers: [\"*\"]` in Pulumi.yaml and pass an explicit provider (the `provider` resource option) to this resource.",
    validateResource: (args, report) => {
        if (args.type.startsWith("pulumi:providers:")) {
            if (isDefaultProviderName(args.name)) report(`Provider '${args.name}' is a default provider; default providers must be disabled.`);
            return;
        }
        const provider = args.provider;
        if (provider && isDefaultProviderName(provider.name)) {
            report(`Uses the default provider ${provider.type}::${provider.name}; pass an explicit provider.`);
        }
    },
};

/** Types whose whole purpose is to copy data or keys to another region. */
const REPLICATION_TYPES: Record<string, string> = {
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": "S3 bucket replication",
    "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint": "an S3 multi-region access point",
    "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy": "an S3 multi-region access point policy",
    "aws:dynamodb/globalTable:GlobalTable": "a DynamoDB global table",
    "aws:dynamodb/tableReplica:TableReplica": "a DynamoDB table replica",
    "aws:kms/replicaKey:ReplicaKey": "a KMS replica key",
    "aws:kms/replicaExternalKey:ReplicaExternalKey": "a KMS replica key",
    "aws:ecr/replicationConfiguration:ReplicationConfiguration": "ECR replication",
    "aws:rds/globalCluster:GlobalCluster": "an RDS global cluster",
    "aws:ebs/snapshotCopy:SnapshotCopy": "an EBS snapshot copy",
    "aws:ec2/amiCopy:AmiCopy": "an AMI copy",
};

/** Properties that turn replication on inside an otherwise regional resource. */
const REPLICATION_PROPERTIES: Record<string, string[]> = {
    "aws:s3/bucketV2:BucketV2": ["replicationConfigurations", "replicationConfiguration"],
    "aws:s3/bucket:Bucket": ["replicationConfiguration"],
    "aws:dynamodb/table:Table": ["replicas"],
    "aws:secretsmanager/secret:Secret": ["replicas"],
};

function hasContent(v: unknown): boolean {
    if (v === undefined || v === null || v === false || v === "") return false;
    if (Array.isArray(v)) return v.length > 0;
    if (isObject(v)) return Object.keys(v).length > 0;
    return true;
}

export const noCrossRegionReplication: ProjectResourcePolicy = {
    name: "sovereignty-no-cross-region-replication",
    description: "Nothing replicates data or keys out of the region: no replication resources, replica settings or multi-region keys.",
    enforcementLevel: "mandatory",
    remediationSteps: "Remove the replication resource or setting; keep copies (backups, versions) in the same region and bucket.",
    validateResource: (args, report) => {
        const kind = REPLICATION_TYPES[args.type];
        if (kind) {
            report(`Declares ${kind} (${args.type}); replication out of the region is forbidden.`);
            return;
        }
        for (const prop of REPLICATION_PROPERTIES[args.type] ?? []) {
            if (hasContent(peek(args.props, prop))) report(`Sets ${prop}; replication out of the region is forbidden.`);
        }
        if (args.type === "aws:kms/key:Key" && isSet(args.props, "multiRegion") && args.props.multiRegion === true) {
            report("Sets multiRegion: true; a multi-region key can be replicated out of the region.");
        }
        if (args.type === "aws:backup/plan:Plan") {
            for (const rule of asArray(args.props.rules)) {
                if (asArray(rule?.copyActions).length > 0) report(`Backup rule '${rule.ruleName}' has copyActions; copies must stay in the region.`);
            }
        }
    },
};
