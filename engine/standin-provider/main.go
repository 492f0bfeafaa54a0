// Command standin-provider is an offline stand-in for a Pulumi resource provider plugin.
//
// The real pulumi-resource-aws and pulumi-resource-kubernetes cannot be built here (the Go module
// proxy refuses their modules), so `pulumi preview` would stop at the first provider resource. This
// plugin lets the real engine, the real Java language host and the real policy analyzers run a
// preview end to end. It checks nothing: Check and CheckConfig return the inputs unchanged and a
// preview Create returns the inputs as outputs, so policies see exactly what the program sent.
// Anything that would touch a cloud (Create outside preview, Read, Update, Delete, Invoke) fails,
// except in the cluster box's apply mode (apply.go), which answers for AWS without reaching it.
//
// The binary is built once per provider name and version (-X main.name, -X main.version), so that
// the engine's plugin lookup by name and version finds it.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

var (
	name    = "standin"
	version = "0.0.0"
)

type standin struct {
	pulumirpc.UnimplementedResourceProviderServer
	aws *awsContext // set by Configure; used only in apply mode (apply.go)
}

func refuse(op, urn string) error {
	return status.Errorf(codes.FailedPrecondition,
		"%s stand-in provider (offline preview only) cannot %s %s", name, op, urn)
}

func (standin) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (standin) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: fmt.Sprintf(`{"name":%q,"version":%q}`, name, version)}, nil
}

func (standin) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (standin) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_UNKNOWN}, nil
}

func (s standin) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	*s.aws = contextOf(req.GetVariables())
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true, AcceptResources: true}, nil
}

func (standin) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (standin) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	if applyMode {
		return &pulumirpc.DiffResponse{Changes: changed(req)}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_UNKNOWN}, nil
}

func (s standin) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	if req.GetPreview() {
		return &pulumirpc.CreateResponse{Properties: req.GetProperties()}, nil
	}
	if !applyMode {
		return nil, refuse("create", req.GetUrn())
	}
	id, out := s.aws.created(req.GetUrn(), req.GetProperties())
	return &pulumirpc.CreateResponse{Id: id, Properties: out}, nil
}

func (standin) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	if !applyMode {
		return nil, refuse("read", req.GetUrn())
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (standin) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	if !applyMode || req.GetPreview() {
		if req.GetPreview() {
			return &pulumirpc.UpdateResponse{Properties: req.GetNews()}, nil
		}
		return nil, refuse("update", req.GetUrn())
	}
	out := proto.Clone(req.GetOlds()).(*structpb.Struct)
	for k, v := range req.GetNews().GetFields() {
		out.Fields[k] = v
	}
	return &pulumirpc.UpdateResponse{Properties: out}, nil
}

func (standin) Delete(_ context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	if !applyMode {
		return nil, refuse("delete", req.GetUrn())
	}
	return &emptypb.Empty{}, nil
}

func (standin) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	return nil, refuse("invoke", req.GetTok())
}

func (standin) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func main() {
	err := provider.Main(name, func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return standin{aws: &awsContext{}}, nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
