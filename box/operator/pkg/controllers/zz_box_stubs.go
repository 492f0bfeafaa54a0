// Copied by bin/cluster-box into the Milvus Operator 1.3.8 source tree (pkg/controllers/) before
// it builds the operator for the cluster box. Not part of the operator; not used in production.
//
// What it stubs, and nothing else: the two dependency dials of this package that the operator's
// own tests stub with gostub (pkg/controllers/conditions_test.go: gostub.Stub(&checkMinIO, ...),
// gostub.Stub(&etcdNewClient, ...)). Both are package variables in pkg/controllers/conditions.go:
//   - checkMinIO    (= external.CheckMinIO): dials the object store (S3 here) and checks the bucket.
//     The box has no S3; the stub logs what would have been checked and reports success.
//   - etcdNewClient (a clientv3.New wrapper): dials each etcd endpoint. The box's etcd pods are
//     kwok pods with no process behind them; the stub returns a client whose Get and AlarmList
//     succeed with no alarms, so the operator's real GetEtcdCondition/GetEndpointsHealth run on it.
//
// Everything else (reconcilers, Helm installs of etcd and Pulsar, Deployments, ConfigMaps,
// Services, PodMonitor, status) is the operator's own code. Pulsar's dial lives in pkg/external
// and is stubbed by the sibling file there.
package controllers

import (
	"context"
	"log"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/zilliztech/milvus-operator/pkg/external"
)

type boxEtcdClient struct{ endpoints []string }

func (boxEtcdClient) Get(context.Context, string, ...clientv3.OpOption) (*clientv3.GetResponse, error) {
	return &clientv3.GetResponse{}, nil
}
func (boxEtcdClient) AlarmList(context.Context) (*clientv3.AlarmResponse, error) {
	return &clientv3.AlarmResponse{}, nil
}
func (boxEtcdClient) Close() error { return nil }

func init() {
	checkMinIO = func(args external.CheckMinIOArgs) error {
		log.Printf("cluster-box stub: object-store check not dialled: type=%s endpoint=%s bucket=%s useSSL=%v useIAM=%v iamEndpoint=%q",
			args.Type, args.Endpoint, args.Bucket, args.UseSSL, args.UseIAM, args.IAMEndpoint)
		return nil
	}
	etcdNewClient = func(cfg clientv3.Config) (EtcdClient, error) {
		log.Printf("cluster-box stub: etcd not dialled: endpoints=%v", cfg.Endpoints)
		return boxEtcdClient{endpoints: cfg.Endpoints}, nil
	}
}
