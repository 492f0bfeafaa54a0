package main

// Apply mode, for the cluster box only (bin/cluster-check sets STANDIN_APPLY=box): the AWS layer of a
// real `pulumi up` whose Kubernetes layer goes to a real API server through the real Kubernetes
// provider. Nothing reaches AWS: Create answers with the inputs plus the identifiers AWS would have
// assigned (id, arn, keyId), shaped like AWS's and like the offline plan's mocks
// (planner/src/main/java/io/nomadx/sovereign/plan/PlanMocks.java); Update answers with the new inputs, Delete
// forgets, Read returns the recorded state, and Diff compares old and new inputs, so that a second
// `pulumi up` of an unchanged program reports no change. It validates nothing AWS would.

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"
)

var applyMode = os.Getenv("STANDIN_APPLY") == "box"

// awsContext is what the provider's config says about where resources live.
type awsContext struct{ region, account string }

func contextOf(vars map[string]string) awsContext {
	c := awsContext{region: "me-central-1", account: "000000000000"}
	for k, v := range vars {
		switch {
		case strings.HasSuffix(k, ":region") && v != "":
			c.region = v
		case strings.HasSuffix(k, ":allowedAccountIds"):
			ids := strings.Trim(v, `[]" `)
			if i := strings.IndexAny(ids, `", `); i > 0 {
				ids = ids[:i]
			}
			if ids != "" {
				c.account = ids
			}
		}
	}
	return c
}

// created answers a Create in apply mode: the inputs plus AWS-assigned identifiers.
func (c awsContext) created(urn string, inputs *structpb.Struct) (string, *structpb.Struct) {
	out := proto.Clone(inputs).(*structpb.Struct)
	if out.Fields == nil {
		out.Fields = map[string]*structpb.Value{}
	}
	typ := typeOf(urn)
	sum := sha256.Sum256([]byte(urn))
	hash := hex.EncodeToString(sum[:])
	id := firstString(out, "name", "bucket", "roleName")
	if id == "" {
		id = hash[:8] + "-" + hash[8:12] + "-" + hash[12:16] + "-" + hash[16:20] + "-" + hash[20:32]
	}
	service, kind := serviceOf(typ)
	set := func(k, v string) {
		if _, ok := out.Fields[k]; !ok {
			out.Fields[k] = structpb.NewStringValue(v)
		}
	}
	switch {
	case service == "iam":
		set("arn", "arn:aws:iam::"+c.account+":"+kind+"/"+id)
	case typ == "aws:s3/bucketV2:BucketV2" || typ == "aws:s3/bucket:Bucket":
		set("arn", "arn:aws:s3:::"+id)
		set("bucket", id)
	case typ == "aws:kms/key:Key":
		set("keyId", id)
		set("arn", "arn:aws:kms:"+c.region+":"+c.account+":key/"+id)
	default:
		set("arn", "arn:aws:"+service+":"+c.region+":"+c.account+":"+kind+"/"+id)
	}
	set("id", id)
	return id, out
}

// changed reports whether a Diff's new inputs differ from the old ones.
func changed(req *pulumirpc.DiffRequest) pulumirpc.DiffResponse_DiffChanges {
	if proto.Equal(req.GetOldInputs(), req.GetNews()) {
		return pulumirpc.DiffResponse_DIFF_NONE
	}
	return pulumirpc.DiffResponse_DIFF_SOME
}

// typeOf is the resource type of a URN (urn:pulumi:stack::project::parent$type::name).
func typeOf(urn string) string {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return ""
	}
	types := strings.Split(parts[2], "$")
	return types[len(types)-1]
}

// serviceOf splits aws:iam/role:Role into ("iam", "role"); aws:iam/rolePolicy:RolePolicy into ("iam", "rolepolicy").
func serviceOf(typ string) (string, string) {
	rest := strings.TrimPrefix(typ, "aws:")
	mod, member, _ := strings.Cut(rest, ":")
	service, kind, _ := strings.Cut(mod, "/")
	if kind == "" {
		kind = strings.ToLower(member)
	}
	return service, strings.ToLower(kind)
}

func firstString(s *structpb.Struct, keys ...string) string {
	for _, k := range keys {
		if v, ok := s.Fields[k]; ok {
			if str := v.GetStringValue(); str != "" {
				return str
			}
		}
	}
	return ""
}
