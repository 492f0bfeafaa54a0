// Backups: milvus-backup writes to S3 in an allowed region, and (production) a backup job exists.
import { parse as parseYaml } from "yaml";
import type { RegionConfig } from "./config";
import { allowedRegionsSchema } from "./config";
import { CONFIG_MAP, CRON_JOB, containersOf, inNamespace, pendingAtPreview, podSpecOf } from "./kubernetes";
import { milvusNamespaces } from "./milvus";
import { isObject, label, ProjectResourcePolicy, ProjectStackPolicy, resourceOfType } from "./policy";

export const BACKUP_CONFIG_KEY = "backup.yaml";

/** The region of an S3 address such as s3.me-central-1.amazonaws.com[:443], or undefined. */
export function s3Region(address: unknown): string | undefined {
    // Stryker disable next-line StringLiteral: equivalent, no replacement for the "" fallback is an S3 address either
    const m = /^(https?:\/\/)?s3[.-]([a-z0-9-]+)\.amazonaws\.com(:[0-9]+)?\/?$/.exec(String(address ?? ""));
    return m?.[2];
}

export const backupSameRegion: ProjectResourcePolicy = {
    name: "sovereignty-backup-same-region",
    description: "milvus-backup reads and writes S3 in an allowed region (its backup.yaml minio.address and backupAddress).",
    enforcementLevel: "mandatory",
    remediationSteps: "In the backup ConfigMap's backup.yaml set minio.address (and minio.backupAddress if used) to s3.<allowed region>.amazonaws.com, port 443, useSSL: true, useIAM: true.",
    configSchema: allowedRegionsSchema,
    validateResource: resourceOfType(CONFIG_MAP, (props, args, report) => {
        const text = props.data?.[BACKUP_CONFIG_KEY];
        if (text === undefined) return;
        const { allowedRegions } = args.getConfig<RegionConfig>();
        let doc: any;
        try {
            doc = parseYaml(String(text));
        } catch {
            report(`${BACKUP_CONFIG_KEY} is not valid YAML.`);
            return;
        }
        const minio = isObject(doc?.minio) ? doc.minio : {};
        const checks: [string, unknown][] = [["minio.address", minio.address]];
        if (minio.backupAddress !== undefined) checks.push(["minio.backupAddress", minio.backupAddress]);
        for (const [key, address] of checks) {
            const region = s3Region(address);
            if (!region) report(`${BACKUP_CONFIG_KEY} ${key} is ${address ?? "(unset)"}; it must be s3.<region>.amazonaws.com for a region in: ${allowedRegions.join(", ")}.`);
            else if (!allowedRegions.includes(region)) report(`${BACKUP_CONFIG_KEY} ${key} ${address} is in region ${region}; allowed: ${allowedRegions.join(", ")}.`);
        }
        for (const key of ["region", "backupRegion"]) {
            if (minio[key] !== undefined && !allowedRegions.includes(minio[key])) {
                report(`${BACKUP_CONFIG_KEY} minio.${key} is ${minio[key]}; allowed: ${allowedRegions.join(", ")}.`);
            }
        }
    }),
};

export const backupJobPresent: ProjectStackPolicy = {
    name: "milvus-production-backup-job",
    description: "Each Milvus namespace has an active milvus-backup CronJob.",
    enforcementLevel: "mandatory",
    remediationSteps: "Create a CronJob in the Milvus namespace running the milvus-backup image on a schedule, with spec.suspend unset or false.",
    validateStack: (args, report) => {
        if (pendingAtPreview(args.resources)) return;
        for (const { milvus, ns } of milvusNamespaces(args.resources)) {
            const jobs = inNamespace(args.resources, CRON_JOB, ns).filter((j) =>
                // Stryker disable next-line StringLiteral: equivalent, no replacement for the "" fallback names milvus-backup either
                containersOf(podSpecOf(CRON_JOB, j.props)).some((c) => /milvus-backup/.test(String(c?.image ?? ""))));
            if (jobs.length === 0) {
                report(`Namespace '${ns}' of ${label(milvus)} has no CronJob running milvus-backup.`, milvus.urn);
                continue;
            }
            // Stryker disable next-line OptionalChaining: equivalent, a job that runs milvus-backup has a spec
            if (jobs.every((j) => j.props.spec?.suspend === true)) report(`Every milvus-backup CronJob in namespace '${ns}' is suspended.`, jobs[0].urn);
        }
    },
};
