import { describe, it } from "node:test";
import { defaultProvidersDisabled, noCrossRegionReplication, providerRegionAllowed } from "./region";
import { assertClean, assertViolations, configWith } from "./testing/assert";
import { find, goodPlan, urn, withChange, withResource } from "./testing/fixtures";

describe(providerRegionAllowed.name, () => {
    it("passes the known-good plan", () => assertClean(providerRegionAllowed, goodPlan()));

    it("flags a provider, and every AWS resource using it, in another region", () => {
        const doc = withChange("aws-me-central-1", (i) => { i.region = "eu-west-1"; });
        const msgs = [
            "AWS provider 'aws-me-central-1' is in region eu-west-1; it must be one of: me-central-1.",
            ...doc.deployment.resources.filter((r) => r.type.startsWith("aws:")).map(() => "Uses AWS provider 'aws-me-central-1' in region eu-west-1; it must be one of: me-central-1."),
        ];
        assertViolations(providerRegionAllowed, doc, msgs);
    });

    it("flags a provider with no region", () => {
        const doc = withChange("aws-me-central-1", (i) => { delete i.region; });
        assertViolations(providerRegionAllowed, doc, ["AWS provider 'aws-me-central-1' sets no region; it must be one of: me-central-1."]);
    });
});

describe(defaultProvidersDisabled.name, () => {
    it("passes the known-good plan", () => assertClean(defaultProvidersDisabled, goodPlan()));

    it("flags a resource on the default aws provider", () => {
        const doc = withChange("segments-bucket", (_i, r) => { r.provider = `${urn("pulumi:providers:aws", "default_6_83_0")}::abc`; });
        assertViolations(defaultProvidersDisabled, doc, ["Uses the default provider pulumi:providers:aws::default_6_83_0; pass an explicit provider."]);
    });

    it("flags a default provider resource itself", () => {
        const doc = withResource("pulumi:providers:kubernetes", "default_4_0_0", {});
        assertViolations(defaultProvidersDisabled, doc, ["Provider 'default_4_0_0' is a default provider; default providers must be disabled."]);
    });
});

describe(noCrossRegionReplication.name, () => {
    it("passes the known-good plan", () => assertClean(noCrossRegionReplication, goodPlan()));

    it("flags a bucket replication resource", () => {
        const doc = withResource("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "replication", { bucket: "b", role: "r", rules: [] });
        assertViolations(noCrossRegionReplication, doc, [
            "Declares S3 bucket replication (aws:s3/bucketReplicationConfig:BucketReplicationConfig); replication out of the region is forbidden.",
        ]);
    });

    it("flags replicationConfigurations on the bucket", () => {
        const doc = withChange("segments-bucket", (i) => { i.replicationConfigurations = [{ role: "arn", rules: [{ destination: { bucket: "arn:aws:s3:::x" } }] }]; });
        assertViolations(noCrossRegionReplication, doc, ["Sets replicationConfigurations; replication out of the region is forbidden."]);
    });

    it("flags a multi-region KMS key", () => {
        const doc = withChange("keys-data", (i) => { i.multiRegion = true; });
        assertViolations(noCrossRegionReplication, doc, ["Sets multiRegion: true; a multi-region key can be replicated out of the region."]);
    });

    it("leaves an in-region bucket with an unknown replication setting flagged, not skipped", () => {
        const doc = goodPlan();
        find(doc, "segments-bucket").inputs.replicationConfiguration = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        assertViolations(noCrossRegionReplication, doc, ["Sets replicationConfiguration; replication out of the region is forbidden."]);
    });
});

describe("region policies: every replication path and provider name", () => {
    it("flags every replication resource type by what it is", () => {
        const kinds: [string, string][] = [
            ["aws:s3/bucketReplicationConfig:BucketReplicationConfig", "S3 bucket replication"],
            ["aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint", "an S3 multi-region access point"],
            ["aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy", "an S3 multi-region access point policy"],
            ["aws:dynamodb/globalTable:GlobalTable", "a DynamoDB global table"],
            ["aws:dynamodb/tableReplica:TableReplica", "a DynamoDB table replica"],
            ["aws:kms/replicaKey:ReplicaKey", "a KMS replica key"],
            ["aws:kms/replicaExternalKey:ReplicaExternalKey", "a KMS replica key"],
            ["aws:ecr/replicationConfiguration:ReplicationConfiguration", "ECR replication"],
            ["aws:rds/globalCluster:GlobalCluster", "an RDS global cluster"],
            ["aws:ebs/snapshotCopy:SnapshotCopy", "an EBS snapshot copy"],
            ["aws:ec2/amiCopy:AmiCopy", "an AMI copy"],
        ];
        for (const [type, kind] of kinds) {
            assertViolations(noCrossRegionReplication, withResource(type, "copy", {}),
                [`Declares ${kind} (${type}); replication out of the region is forbidden.`]);
        }
    });

    it("flags replica settings with content on each resource type that has them", () => {
        const settings: [string, string, unknown][] = [
            ["aws:s3/bucketV2:BucketV2", "replicationConfiguration", { role: "r" }],
            ["aws:s3/bucket:Bucket", "replicationConfiguration", { role: "r", rules: [] }],
            ["aws:dynamodb/table:Table", "replicas", [{ regionName: "eu-west-1" }]],
            ["aws:secretsmanager/secret:Secret", "replicas", [{ region: "eu-west-1" }]],
            ["aws:secretsmanager/secret:Secret", "replicas", "eu-west-1"],
        ];
        for (const [type, prop, value] of settings) {
            assertViolations(noCrossRegionReplication, withResource(type, "r", { [prop]: value }), [`Sets ${prop}; replication out of the region is forbidden.`]);
        }
        for (const empty of [[], {}, "", false, null]) {
            assertClean(noCrossRegionReplication, withResource("aws:dynamodb/table:Table", "t", { replicas: empty }));
        }
        assertClean(noCrossRegionReplication, withResource("aws:sqs/queue:Queue", "q", { replicas: [{ region: "eu-west-1" }] }));
        assertClean(noCrossRegionReplication, withChange("keys-data", (i) => { i.multiRegion = false; }));
        assertClean(noCrossRegionReplication, withResource("aws:ec2/vpc:Vpc", "v", { multiRegion: true }));
    });

    it("flags backup rules that copy elsewhere, naming the rule", () => {
        assertViolations(noCrossRegionReplication, withResource("aws:backup/plan:Plan", "plan", { rules: [
            { ruleName: "daily", copyActions: [] },
            { ruleName: "weekly", copyActions: [{ destinationVaultArn: "arn:aws:backup:eu-west-1:1:backup-vault:v" }] },
            null,
        ] }), ["Backup rule 'weekly' has copyActions; copies must stay in the region."]);
        assertClean(noCrossRegionReplication, withResource("aws:backup/plan:Plan", "plan", {}));
    });

    it("knows default providers by name only", () => {
        for (const name of ["default", "default_6_83_0", "default_4_0_0_alpha"]) {
            assertViolations(defaultProvidersDisabled, withResource("pulumi:providers:aws", name, {}),
                [`Provider '${name}' is a default provider; default providers must be disabled.`]);
        }
        for (const name of ["defaults", "my-default", "default-6", "xdefault_6"]) {
            assertClean(defaultProvidersDisabled, withResource("pulumi:providers:aws", name, {}));
        }
    });

    it("lists every allowed region, and leaves regionless providers of resources to the provider itself", () => {
        const config = configWith(providerRegionAllowed, { allowedRegions: ["me-central-1", "me-south-1"] });
        assertViolations(providerRegionAllowed, withResource("pulumi:providers:aws", "aws-other", { region: "eu-west-1" }),
            ["AWS provider 'aws-other' is in region eu-west-1; it must be one of: me-central-1, me-south-1."], undefined, config);
        assertClean(providerRegionAllowed, withChange("aws-me-central-1", (i) => { i.region = "me-south-1"; }), undefined, config);
        const doc = withChange("aws-me-central-1", (i) => { delete i.region; });
        assertViolations(providerRegionAllowed, doc, ["AWS provider 'aws-me-central-1' sets no region; it must be one of: me-central-1."]);
        assertClean(providerRegionAllowed, withChange("segments-bucket", (_i, r) => { r.provider = `${urn("pulumi:providers:aws", "default_6_83_0")}::abc`; }));
    });
});

describe("region policies: resources and their providers", () => {
    it("judges AWS resources by their provider, leaving those without an AWS provider to other policies", () => {
        const awsElsewhere = `${urn("pulumi:providers:aws", "aws-eu")}::id`;
        const base = withResource("pulumi:providers:aws", "aws-eu", { region: "eu-west-1" });
        const doc = withResource("aws:sqs/queue:Queue", "q", {}, { provider: awsElsewhere }, base);
        assertViolations(providerRegionAllowed, withResource("random:index/randomId:RandomId", "r", {}, { provider: awsElsewhere }, doc), [
            "AWS provider 'aws-eu' is in region eu-west-1; it must be one of: me-central-1.",
            "Uses AWS provider 'aws-eu' in region eu-west-1; it must be one of: me-central-1.",
        ]);
        assertClean(providerRegionAllowed, withResource("aws:sqs/queue:Queue", "no-provider", {}, { provider: undefined }));
        assertClean(providerRegionAllowed, withResource("aws:sqs/queue:Queue", "k8s-provider", {}, { provider: `${urn("pulumi:providers:kubernetes", "k8s")}::id` }));
    });

    it("flags a replication setting that is simply switched on", () => {
        assertViolations(noCrossRegionReplication, withResource("aws:dynamodb/table:Table", "t", { replicas: true }),
            ["Sets replicas; replication out of the region is forbidden."]);
        assertViolations(noCrossRegionReplication, withResource("aws:dynamodb/table:Table", "t", { replicas: 2 }),
            ["Sets replicas; replication out of the region is forbidden."]);
    });
});
