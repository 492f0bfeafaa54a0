// Copied by bin/cluster-box into the Milvus Operator 1.3.8 source tree (pkg/external/) before it
// builds the operator for the cluster box. Not part of the operator; not used in production.
//
// What it stubs, and nothing else: the Pulsar dial. In-cluster Pulsar's health check is
// PulsarConditionGetter.GetCondition (pkg/external/pulsar.go), which calls the package variable
// pulsarNewClient (pkg/external/pulsar_client.go, = pulsar.NewClient) and opens a reader on a topic.
// The operator's own tests stub that variable the same way (pkg/external/pulsar_test.go:
// gostub.Stub(&pulsarNewClient, ...)). The box's Pulsar pods are kwok pods with no process behind
// them, so the stub returns a client whose CreateReader succeeds; the operator's GetCondition then
// reports MsgStreamReady as it would against a live Pulsar.
package external

import (
	"log"

	"github.com/apache/pulsar-client-go/pulsar"
)

// Only the methods GetCondition calls are implemented; the embedded interfaces are nil.
type boxPulsarClient struct{ pulsar.Client }
type boxPulsarReader struct{ pulsar.Reader }

func (boxPulsarClient) CreateReader(pulsar.ReaderOptions) (pulsar.Reader, error) {
	return boxPulsarReader{}, nil
}
func (boxPulsarClient) Close() {}
func (boxPulsarReader) Close() {}

func init() {
	pulsarNewClient = func(opts pulsar.ClientOptions) (pulsar.Client, error) {
		log.Printf("cluster-box stub: pulsar not dialled: url=%s", opts.URL)
		return boxPulsarClient{}, nil
	}
}
