// Entry file of the milvus-production pack: it only constructs the pack. The policies live in ../lib.
import { PolicyPack } from "@pulumi/policy";
import { milvusProductionPack } from "../lib/packs";

new PolicyPack(milvusProductionPack.name, {
    enforcementLevel: "mandatory",
    policies: [...milvusProductionPack.policies],
});
