// Pack config: the per-policy settings each stack names in `sovereign-milvus:policyPackConfig`.
//
// The files use the engine's own `--policy-pack-config` format, so the same file works with
// `pulumi preview --policy-pack-config` and with the offline analyzer: top-level keys are policy
// names (or "all"); a value is an enforcement level, or an object with an optional
// `enforcementLevel` and the policy's config properties. One file serves both packs: the engine
// ignores keys naming another pack's policies. This parser is stricter than the engine: it rejects
// unknown policies and properties, values outside a policy's schema, and levels a pack forbids
// (sovereignty policies are always mandatory), each with the key, the bad value and what is allowed.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { ProjectPolicy } from "./policy";

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

const REGION_PATTERN = "^[a-z]{2}(-gov)?-[a-z]+-[0-9]$";
const CIDR_PATTERN = "^([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$";
const REGISTRY_PATTERN = "^(\\*\\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9._/-]+)?$";
const NAMESPACE_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
const ACCOUNT_PATTERN = "^[0-9]{12}$";
const OBJECT_REF_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$";
/** An EC2 subnet id: subnet- and 8 or 17 lowercase hex digits (Amazon EC2 User Guide, "Resource IDs"). */
export const SUBNET_ID_PATTERN = "^subnet-([0-9a-f]{8}|[0-9a-f]{17})$";

/** Human wording for each pattern, used in error messages ("allowed: ..."). */
const PATTERN_WORDING: Record<string, string> = {
    [REGION_PATTERN]: "an AWS region code such as me-central-1",
    [CIDR_PATTERN]: "an IPv4 CIDR such as 203.0.113.0/24",
    [REGISTRY_PATTERN]: "a registry host with an optional path, such as 123456789012.dkr.ecr.me-central-1.amazonaws.com or *.dkr.ecr.me-central-1.amazonaws.com",
    [NAMESPACE_PATTERN]: "a Kubernetes namespace name (lower-case letters, digits and '-')",
    [ACCOUNT_PATTERN]: "a 12-digit AWS account id such as 123456789012",
    [OBJECT_REF_PATTERN]: "a Kubernetes <namespace>/<name> such as milvus/milvus-internal",
    [SUBNET_ID_PATTERN]: "a subnet id such as subnet-0123456789abcdef0",
};

export interface RegionConfig { allowedRegions: string[] }
export interface RegistryConfig { approvedRegistries: string[] }
export interface EndpointConfig { publicEndpointCidrs: string[] }
export interface ClientNamespaceConfig { clientNamespaces: string[]; monitoringNamespaces?: string[]; operatorNamespaces?: string[] }
export interface OperatorNamespaceConfig { operatorNamespaces?: string[] }
export interface PartnerAccountConfig { partnerAccountIds?: string[] }
export interface InternalLoadBalancerConfig { internalLoadBalancers?: string[] }
export interface ClientCidrConfig { clientCidrs?: string[] }
export type InternetEgress = "denied" | "natOnly";
export interface EgressConfig { internetEgress: InternetEgress; landingZoneSubnets?: string[] }

/**
 * The ports a monitoring namespace may reach: Milvus's metrics port and etcd's metrics-only listener
 * (2381, etcd's --listen-metrics-urls: /metrics and /health, never the key-value API on 2379).
 */
export const MONITORING_PORTS: readonly number[] = [2381, 9091];
/** The ports the Milvus Operator health-checks before it reports Milvus ready: etcd, Pulsar, Milvus. */
export const OPERATOR_PORTS: readonly number[] = [2379, 6650, 9091];

export const allowedRegionsSchema: PolicyConfigSchema = {
    properties: {
        allowedRegions: {
            type: "array", minItems: 1, uniqueItems: true,
            items: { type: "string", pattern: REGION_PATTERN },
            description: "AWS regions where data may live.",
        },
    },
    required: ["allowedRegions"],
};

export const approvedRegistriesSchema: PolicyConfigSchema = {
    properties: {
        approvedRegistries: {
            type: "array", minItems: 1, uniqueItems: true,
            items: { type: "string", pattern: REGISTRY_PATTERN },
            description: "Registries images may come from; a leading '*.' matches one DNS label (an account id).",
        },
    },
    required: ["approvedRegistries"],
};

export const publicEndpointSchema: PolicyConfigSchema = {
    properties: {
        publicEndpointCidrs: {
            type: "array", uniqueItems: true,
            items: { type: "string", pattern: CIDR_PATTERN },
            description: "CIDRs that may reach a public EKS API endpoint; empty means the endpoint must be private.",
        },
    },
    required: ["publicEndpointCidrs"],
};

const operatorNamespacesProperty: PolicyConfigJSONSchema = {
    type: "array", uniqueItems: true, default: [],
    items: { type: "string", pattern: NAMESPACE_PATTERN },
    description: "Namespaces of the Milvus Operator. The operator health-checks etcd (2379), Pulsar (6650) and Milvus (9091) "
        + "before it reports Milvus ready, so an ingress rule may admit these namespaces, but only on an explicit port list "
        + "drawn from 2379, 6650 and 9091; never on every port, and never on other etcd, Pulsar or Milvus ports.",
};

export const clientNamespacesSchema: PolicyConfigSchema = {
    properties: {
        clientNamespaces: {
            type: "array", uniqueItems: true,
            items: { type: "string", pattern: NAMESPACE_PATTERN },
            description: "Namespaces whose pods may reach the Milvus proxy.",
        },
        monitoringNamespaces: {
            type: "array", uniqueItems: true, default: [],
            items: { type: "string", pattern: NAMESPACE_PATTERN },
            description: "Namespaces whose Prometheus scrapes Milvus; a rule admitting them may list ports 9091 (Milvus metrics) and 2381 (etcd's metrics-only listener) and nothing else.",
        },
        operatorNamespaces: operatorNamespacesProperty,
    },
    required: ["clientNamespaces"],
};

/** For sovereignty-milvus-deps-not-exposed: the operator may reach etcd and Pulsar for its health checks. */
export const operatorNamespacesSchema: PolicyConfigSchema = {
    properties: { operatorNamespaces: operatorNamespacesProperty },
};

/** For sovereignty-principals-in-account: other accounts a resource policy may name, each listed explicitly. */
export const partnerAccountsSchema: PolicyConfigSchema = {
    properties: {
        partnerAccountIds: {
            type: "array", uniqueItems: true, default: [],
            items: { type: "string", pattern: ACCOUNT_PATTERN },
            description: "AWS accounts other than the stack's own whose principals a resource policy (bucket, key, trust, repository, queue, topic) may admit, such as a partner that reads backups. Empty: only the stack's account (the aws provider's allowedAccountIds).",
        },
    },
};

/** For sovereignty-milvus-not-exposed: the Services or Milvus resources that may be internal load balancers. */
export const internalLoadBalancersSchema: PolicyConfigSchema = {
    properties: {
        internalLoadBalancers: {
            type: "array", uniqueItems: true, default: [],
            items: { type: "string", pattern: OBJECT_REF_PATTERN },
            description: "Services (or Milvus resources, for the proxy's service) given as <namespace>/<name> that may be of type LoadBalancer for clients inside the VPC; each must also carry the internal-scheme annotation. Empty: Milvus and its dependencies stay ClusterIP.",
        },
    },
};

/** For sovereignty-ingress-within-vpc: address ranges outside the VPC that may reach Milvus ports. */
export const clientCidrsSchema: PolicyConfigSchema = {
    properties: {
        clientCidrs: {
            type: "array", uniqueItems: true, default: [],
            items: { type: "string", pattern: CIDR_PATTERN },
            description: "IPv4 ranges outside the VPC (a peered VPC, an on-premises range over VPN) whose clients may reach Milvus and dependency ports through security groups or NetworkPolicy ipBlocks. Empty: only the VPC's own ranges.",
        },
    },
};

/** For sovereignty-internet-egress: whether private subnets and pods may reach the internet, and how. */
export const internetEgressSchema: PolicyConfigSchema = {
    properties: {
        internetEgress: {
            type: "string", enum: ["denied", "natOnly"],
            description: "Internet egress from private subnets and pods: \"denied\" (no route to an internet or NAT gateway, no NetworkPolicy egress to 0.0.0.0/0) or \"natOnly\" (outbound through NAT gateways only; never a private subnet routed to an internet gateway).",
        },
        landingZoneSubnets: {
            type: "array", uniqueItems: true,
            items: { type: "string", pattern: SUBNET_ID_PATTERN },
            description: "Subnets a landing zone provides (the stack's existingPrivateSubnetIds), whose routes are not in the plan: each is listed here once a reviewer has confirmed that the landing zone routes it as internetEgress requires. Absent: none, so nodes in a subnet the plan does not create are refused.",
        },
    },
    required: ["internetEgress"],
};

/** What a pack allows in its config and how its policies are looked up. */
export interface PackShape {
    name: string;
    policies: readonly ProjectPolicy[];
    /** Levels the pack config may set for this pack's policies. */
    allowedLevels: readonly EnforcementLevel[];
}

/** One policy's resolved settings, as the engine would hand them to `getConfig()`. */
export interface PolicySettings {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

export class PackConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PackConfigError";
    }
}

function show(v: unknown): string {
    return JSON.stringify(v) ?? String(v);
}

/**
 * JSON Schema validation of pack-config values by ajv (the validator the Pulumi policy SDK's own
 * config checking is built on), with every problem found; the first one is reported, container
 * before items, in the order a reader fixes them: the type, the list's length, repeats, then the
 * value itself.
 */
const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new WeakMap<PolicyConfigJSONSchema, ValidateFunction>();
const KEYWORD_ORDER = ["type", "minItems", "uniqueItems", "enum", "pattern"];

function allowedFor(e: ErrorObject): string {
    switch (e.keyword) {
        case "type": return e.params.type === "array" ? "a list" : `a ${e.params.type}`;
        case "minItems": return `a list of at least ${e.params.limit}`;
        case "uniqueItems": return "a list without repeats";
        case "enum": return (e.params.allowedValues as unknown[]).join(", ");
        case "pattern": return PATTERN_WORDING[e.params.pattern] ?? `a string matching ${e.params.pattern}`;
        default: return e.message ?? "a valid value";
    }
}

/** The first problem of `value` against `schema`, as "<where>: <value> is not valid; allowed: ...". */
function checkValue(schema: PolicyConfigJSONSchema, value: unknown, where: string): string | undefined {
    let validate = validators.get(schema);
    if (!validate) {
        validate = ajv.compile(schema as object);
        validators.set(schema, validate);
    }
    if (validate(value)) return undefined;
    const rank = (e: ErrorObject) => [e.instancePath.split("/").length, KEYWORD_ORDER.indexOf(e.keyword)];
    const first = [...(validate.errors ?? [])].sort((a, b) => {
        const [pa, ka] = rank(a);
        const [pb, kb] = rank(b);
        return pa - pb || ka - kb;
    })[0];
    const index = first.instancePath.split("/").slice(1).map((i) => `[${i}]`).join("");
    const found = first.instancePath === "" ? value : first.instancePath.split("/").slice(1)
        .reduce((v: any, i) => v?.[Number(i)], value);
    return `${where}${index}: ${show(found)} is not valid; allowed: ${allowedFor(first)}`;
}

/** Parses a pack-config document (already JSON-decoded) against every known policy. */
export function parsePackConfig(doc: unknown, source: string, packs: readonly PackShape[]): Map<string, Partial<PolicySettings>> {
    const fail = (msg: string) => { throw new PackConfigError(`${source}: ${msg}`); };
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
        fail(`${show(doc)} is not valid; allowed: an object keyed by policy name`);
    }
    const byName = new Map<string, { policy: ProjectPolicy; pack: PackShape }>();
    for (const pack of packs) for (const policy of pack.policies) byName.set(policy.name, { policy, pack });
    const out = new Map<string, Partial<PolicySettings>>();
    for (const [key, raw] of Object.entries(doc as Record<string, unknown>)) {
        if (key === "all") {
            if (typeof raw !== "string" || !ENFORCEMENT_LEVELS.includes(raw as EnforcementLevel)) {
                fail(`"all": ${show(raw)} is not valid; allowed: ${ENFORCEMENT_LEVELS.join(", ")}`);
            }
            out.set(key, { enforcementLevel: raw as EnforcementLevel });
            continue;
        }
        const entry = byName.get(key);
        if (!entry) fail(`${show(key)} is not a known policy; allowed: "all", ${[...byName.keys()].sort().join(", ")}`);
        const { policy, pack } = entry!;
        let level: unknown;
        let props: Record<string, unknown> = {};
        if (typeof raw === "string") {
            level = raw;
        } else if (raw && typeof raw === "object" && !Array.isArray(raw)) {
            const { enforcementLevel, ...rest } = raw as Record<string, unknown>;
            level = enforcementLevel;
            props = rest;
        } else {
            fail(`"${key}": ${show(raw)} is not valid; allowed: an enforcement level or an object`);
        }
        if (level !== undefined && !pack.allowedLevels.includes(level as EnforcementLevel)) {
            fail(`"${key}".enforcementLevel: ${show(level)} is not valid; allowed: ${pack.allowedLevels.join(", ")} (pack ${pack.name})`);
        }
        const schema = policy.configSchema;
        for (const [prop, value] of Object.entries(props)) {
            const propSchema = schema?.properties[prop];
            if (!propSchema) {
                const allowed = schema ? Object.keys(schema.properties).join(", ") : "none (this policy takes no settings)";
                fail(`"${key}": property ${show(prop)} is not valid; allowed: ${allowed}`);
            }
            const problem = checkValue(propSchema!, value, `"${key}".${prop}`);
            if (problem) fail(problem);
        }
        out.set(key, { enforcementLevel: level as EnforcementLevel | undefined, properties: props });
    }
    return out;
}

/**
 * The settings one pack's policies run with: schema defaults, then the policy's own level, then
 * "all", then the per-policy entry (the engine's order). Missing required properties are an error.
 */
export function resolvePackConfig(
    pack: PackShape,
    parsed: Map<string, Partial<PolicySettings>>,
    source: string,
): Map<string, PolicySettings> {
    const all = parsed.get("all")?.enforcementLevel;
    if (all !== undefined && !pack.allowedLevels.includes(all)) {
        throw new PackConfigError(`${source}: "all": ${show(all)} is not valid for pack ${pack.name}; allowed: ${pack.allowedLevels.join(", ")}`);
    }
    const out = new Map<string, PolicySettings>();
    for (const policy of pack.policies) {
        const given = parsed.get(policy.name);
        const properties: Record<string, unknown> = {};
        for (const [k, s] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (s.default !== undefined) properties[k] = s.default;
        }
        Object.assign(properties, given?.properties ?? {});
        for (const req of policy.configSchema?.required ?? []) {
            if (!(req in properties)) {
                throw new PackConfigError(`${source}: "${policy.name}".${req} is missing; allowed: ${describe(policy.configSchema!.properties[req])}`);
            }
        }
        out.set(policy.name, {
            enforcementLevel: given?.enforcementLevel ?? all ?? policy.enforcementLevel,
            properties,
        });
    }
    return out;
}

function describe(schema: PolicyConfigJSONSchema): string {
    if (schema.enum) return `one of ${schema.enum.join(", ")}`;
    const items = schema.items && !Array.isArray(schema.items) ? (schema.items as PolicyConfigJSONSchema) : undefined;
    const word = items?.pattern ? PATTERN_WORDING[items.pattern] : undefined;
    return word ? `a list of ${word}` : schema.description ?? "a value";
}
