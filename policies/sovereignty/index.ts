// Entry file of the sovereignty pack: it only constructs the pack. The policies live in ../lib.
import { PolicyPack } from "@pulumi/policy";
import { sovereigntyPack } from "../lib/packs";

new PolicyPack(sovereigntyPack.name, {
    enforcementLevel: "mandatory",
    policies: [...sovereigntyPack.policies],
});
