// Long-lived credentials: nothing in the stack creates static keys or passwords a person or program
// could carry out of the region. Workloads reach AWS through IRSA, people through SSO roles.
import { containersOf, podSpecOf, POD_SPEC_PATHS } from "./kubernetes";
import { asArray, isObject, isUnknownValue, peek, ProjectResourcePolicy, resourceOfType } from "./policy";

/** IAM types that exist to hold long-lived credentials. */
export const CREDENTIAL_TYPES: Record<string, string> = {
    "aws:iam/user:User": "an IAM user",
    "aws:iam/accessKey:AccessKey": "an IAM access key",
    "aws:iam/userLoginProfile:UserLoginProfile": "an IAM console password",
    "aws:iam/serviceSpecificCredential:ServiceSpecificCredential": "a service-specific credential",
    "aws:iam/signingCertificate:SigningCertificate": "an IAM signing certificate",
    "aws:iam/sshKey:SshKey": "an IAM user SSH key",
};

export const SECRET = "kubernetes:core/v1:Secret";

/** Keys that hold an AWS or S3-compatible (MinIO, as Milvus and milvus-backup name them) access key or secret key. */
export function looksLikeCloudKey(key: string): boolean {
    return /(accesskey(id)?|secret(access)?key|sessiontoken)$/.test(key.toLowerCase().replace(/[^a-z]/g, ""));
}

/** The keys of a Secret's data and stringData that hold cloud keys, as "data.KEY", when the key names are known now. */
function cloudKeys(props: any): string[] {
    return ["data", "stringData"].flatMap((field) => {
        const v = peek(props, field);
        return isObject(v) ? Object.keys(v).filter(looksLikeCloudKey).map((k) => `${field}.${k}`) : [];
    });
}

export const noLongLivedCredentials: ProjectResourcePolicy = {
    name: "sovereignty-no-long-lived-credentials",
    description: "Nothing creates static credentials a person or program could carry out of the region: no IAM users, access keys, login profiles or other user credentials, no Kubernetes Secret holding cloud keys, no container environment with a literal AWS key.",
    enforcementLevel: "mandatory",
    remediationSteps: "Give workloads an IRSA role (a ServiceAccountRole bound to their service account) and people an SSO or federated role; remove the IAM user, key or password, and the Secret or env var that carries keys (Milvus and milvus-backup use useIAM: true).",
    validateResource: [
        ...Object.keys(CREDENTIAL_TYPES).map((type) => resourceOfType(type, (_props, _args, report) => {
            report(`Declares ${CREDENTIAL_TYPES[type]} (${type}); long-lived credentials are forbidden, use an IAM role (IRSA or SSO) instead.`);
        })),
        resourceOfType(SECRET, (props, _args, report) => {
            const keys = cloudKeys(props);
            if (keys.length > 0) {
                report(`Secret '${props.metadata?.name}' holds cloud keys in ${keys.join(", ")}; it must hold none, workloads use IRSA.`);
            }
        }),
        ...Object.keys(POD_SPEC_PATHS).map((type) => resourceOfType(type, (props, _args, report) => {
            for (const c of containersOf(podSpecOf(type, props))) {
                for (const env of asArray(peek(c, "env"))) {
                    const name = peek(env, "name");
                    const value = peek(env, "value");
                    if (typeof name === "string" && looksLikeCloudKey(name) && value !== undefined && !isUnknownValue(value) && value !== "") {
                        report(`Container '${peek(c, "name")}' sets ${name} to a literal value; it needs no key, workloads use IRSA.`);
                    }
                }
            }
        })),
    ],
};
