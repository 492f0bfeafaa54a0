// Which policies make up each pack, and which enforcement levels its pack config may choose.
// The entry files (sovereignty/index.ts, milvus-production/index.ts) hand these to the PolicyPack constructor;
// the analyzer and the tests read them directly.
import type { PackShape } from "./config";
import { backupJobPresent, backupSameRegion } from "./backup";
import { ebsEncryptedWithCmk, kmsKeyProtected, kmsRotationEnabled, logGroupCmkRequired } from "./encryption";
import { eksAuditLogsEnabled, eksLogGroupEncrypted, eksSecretsEncrypted } from "./eks";
import { imagesFromApprovedRegistry, versionsPinned } from "./images";
import {
    dependencyDataRetained, dependencyStorageRetained, etcdReplicas, etcdZoneSpread, milvusAuthEnabled,
    milvusStorageInRegion, milvusTlsEnabled, pulsarReplicas, pulsarZoneSpread, queryNodeGuaranteed, readinessWaitSet,
} from "./milvus";
import { eksPublicEndpointRestricted, milvusDependenciesNotExposed, milvusEgressRestricted, milvusNamespaceNetworkPolicy } from "./network";
import { noLongLivedCredentials } from "./credentials";
import { internetEgress } from "./egress";
import { ingressWithinVpc, milvusNotExposed, nodesNoPublicIp } from "./exposure";
import { eksAccessInAccount, federatedTrustBound, principalsInAccount } from "./identity";
import { leastPrivilege } from "./privilege";
import { defaultProvidersDisabled, noCrossRegionReplication, providerRegionAllowed } from "./region";
import { bucketProtected, s3BucketControlsAttached, s3CmkRequired, s3DenyInsecureTransport, s3PublicAccessBlocked } from "./storage";

export const sovereigntyPack: PackShape = {
    name: "sovereignty",
    allowedLevels: ["mandatory"],
    policies: [
        providerRegionAllowed,
        defaultProvidersDisabled,
        noCrossRegionReplication,
        s3CmkRequired,
        s3PublicAccessBlocked,
        s3DenyInsecureTransport,
        s3BucketControlsAttached,
        kmsRotationEnabled,
        logGroupCmkRequired,
        ebsEncryptedWithCmk,
        eksSecretsEncrypted,
        eksAuditLogsEnabled,
        eksLogGroupEncrypted,
        eksPublicEndpointRestricted,
        milvusAuthEnabled,
        milvusTlsEnabled,
        milvusStorageInRegion,
        milvusNamespaceNetworkPolicy,
        milvusEgressRestricted,
        milvusDependenciesNotExposed,
        imagesFromApprovedRegistry,
        backupSameRegion,
        principalsInAccount,
        federatedTrustBound,
        eksAccessInAccount,
        noLongLivedCredentials,
        leastPrivilege,
        milvusNotExposed,
        ingressWithinVpc,
        nodesNoPublicIp,
        internetEgress,
    ],
};

export const milvusProductionPack: PackShape = {
    name: "milvus-production",
    allowedLevels: ["mandatory", "advisory"],
    policies: [
        etcdReplicas,
        etcdZoneSpread,
        pulsarReplicas,
        pulsarZoneSpread,
        dependencyDataRetained,
        dependencyStorageRetained,
        kmsKeyProtected,
        bucketProtected,
        queryNodeGuaranteed,
        versionsPinned,
        backupJobPresent,
        readinessWaitSet,
    ],
};

export const PACKS: readonly PackShape[] = [sovereigntyPack, milvusProductionPack];

export function packNamed(name: string): PackShape | undefined {
    return PACKS.find((p) => p.name === name);
}
