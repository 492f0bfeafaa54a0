package io.nomadx.sovereign.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Components get the stack's providers in their options, and their children inherit them (see
 * support/Children): in every shape of the stack, every custom resource still names the stack's
 * provider of its package. The landing-zone and existing-cluster shapes are checked in
 * ExistingNetworkTest and ExistingClusterTest, which build those plans.
 */
class ProvidersReachChildrenTest {
  @Test
  void prodAndDevNameTheStacksProviderOnEveryResource() {
    ExplicitProviders.assertEveryCustomResourceUsesTheStacksProvider(Plans.prod());
    ExplicitProviders.assertEveryCustomResourceUsesTheStacksProvider(Plans.dev());
  }

  @Test
  void theNetworkOnlyFirstDeployNamesTheStacksProviderOnEveryResource() {
    var plan = Plans.of(Plans.PROD, Map.of("bootstrapNetworkOnly", "true"));
    assertTrue(plan.ok(), () -> "the program failed: " + plan.result());
    ExplicitProviders.assertEveryCustomResourceUsesTheStacksProvider(plan);
  }
}
