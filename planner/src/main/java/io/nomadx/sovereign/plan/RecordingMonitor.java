package io.nomadx.sovereign.plan;

import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

/**
 * The mock engine's monitor, extended to keep every registration with the options the plain {@link
 * Mocks} API never sees: parent, dependencies, provider reference, protect, retainOnDelete.
 */
public final class RecordingMonitor extends MockMonitor {
  private final ConcurrentLinkedQueue<Registration> registrations = new ConcurrentLinkedQueue<>();
  private final Map<String, com.fasterxml.jackson.databind.node.ObjectNode> componentOutputs =
      new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  public RecordingMonitor(Mocks mocks, Log log) {
    super(mocks, log);
  }

  @Override
  public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
      Resource resource, RegisterResourceRequest request) {
    long seq = sequence.incrementAndGet();
    return super.registerResourceAsync(resource, request)
        .thenApply(
            response -> {
              var inputs = Values.toJson(request.getObject());
              var outputs = Values.toJson(response.getObject());
              // A mocked provider echoes inputs in plain text; the engine keeps a secret input's
              // output secret, and so must the plan.
              Values.maskLike(inputs, outputs);
              request
                  .getAdditionalSecretOutputsList()
                  .forEach(
                      k -> {
                        if (outputs.has(k)) {
                          outputs.set(k, Values.secret());
                        }
                      });
              if (request.getType().startsWith("pulumi:providers:")
                  && !request.getVersion().isEmpty()) {
                inputs.put(
                    "version",
                    request.getVersion()); // as the engine records a provider's plugin version
              }
              var propDeps = new TreeMap<String, List<String>>();
              request
                  .getPropertyDependenciesMap()
                  .forEach((k, v) -> propDeps.put(k, List.copyOf(v.getUrnsList())));
              registrations.add(
                  new Registration(
                      seq,
                      response.getUrn(),
                      request.getType(),
                      request.getName(),
                      request.getCustom(),
                      request.getParent(),
                      request.getProvider(),
                      request.getProtect(),
                      request.getRetainOnDelete(),
                      request.getDependenciesList().stream().distinct().sorted().toList(),
                      propDeps,
                      request.getIgnoreChangesList(),
                      response.getId(),
                      inputs,
                      outputs));
              return response;
            });
  }

  @Override
  public CompletableFuture<Void> registerResourceOutputsAsync(
      RegisterResourceOutputsRequest request) {
    componentOutputs.put(request.getUrn(), Values.toJson(request.getOutputs()));
    return super.registerResourceOutputsAsync(request);
  }

  public List<Registration> registrations() {
    var list = new ArrayList<>(registrations);
    list.sort(Comparator.comparingLong(Registration::sequence));
    return list;
  }

  public Map<String, com.fasterxml.jackson.databind.node.ObjectNode> componentOutputs() {
    return Map.copyOf(componentOutputs);
  }
}
